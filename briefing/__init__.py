"""briefing: sourced situation briefs and cited answers from news articles.

The Python API; the CLI and the page are thin layers over it::

    from briefing import ingest, ask, summarize
    ingest(["seeds/"])
    print(ask("How many troops are on the border?").markdown)
    print(summarize(topic="NATO").markdown)
"""

from briefing.config import set_offline_env

set_offline_env()  # before any library that might reach for a network loads

from briefing.analysis.check import CheckReport, Verdict  # noqa: E402
from briefing.api.ask import Conversation, ask, ask_stream  # noqa: E402
from briefing.api.feed_list import Feed  # noqa: E402
from briefing.api.feeds import FeedRound, FetchReport, add_feed, feeds, fetch, remove_feed  # noqa: E402
from briefing.api.history import KeptBrief, briefs  # noqa: E402
from briefing.api.library import (  # noqa: E402
    Stats,
    StoredArticle,
    article,
    collections,
    doctor,
    forget,
    forget_many,
    ingest,
    list_articles,
    stats,
)
from briefing.api.search import search  # noqa: E402
from briefing.api.summarize import summarize  # noqa: E402
from briefing.api.watch import WatchRound, watch_round  # noqa: E402
from briefing.config import Settings  # noqa: E402
from briefing.errors import BriefingError, LLMError, StoreError  # noqa: E402
from briefing.pipeline.plan import IngestReport  # noqa: E402
from briefing.results import Answer, AnswerStream, Brief, Part, Section  # noqa: E402
from briefing.runtime import Runtime  # noqa: E402
from briefing.sources.articles import make_article  # noqa: E402
from briefing.types import Article, Claim, Filters, Quote, Source  # noqa: E402

__all__ = [
    "Answer",
    "AnswerStream",
    "Article",
    "Brief",
    "BriefingError",
    "CheckReport",
    "Claim",
    "Conversation",
    "Feed",
    "FeedRound",
    "FetchReport",
    "Filters",
    "IngestReport",
    "KeptBrief",
    "LLMError",
    "Part",
    "Quote",
    "Runtime",
    "Section",
    "Settings",
    "Source",
    "Stats",
    "StoreError",
    "StoredArticle",
    "Verdict",
    "WatchRound",
    "add_feed",
    "article",
    "ask",
    "ask_stream",
    "briefs",
    "collections",
    "doctor",
    "feeds",
    "fetch",
    "forget",
    "forget_many",
    "ingest",
    "list_articles",
    "make_article",
    "remove_feed",
    "search",
    "stats",
    "summarize",
    "watch_round",
]
