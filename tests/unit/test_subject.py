"""Whether an article can answer a question: the year it names, its title, and what a declined question says."""

from __future__ import annotations

import numpy as np
import pytest

import briefing
from briefing.analysis.scoring import Candidate
from briefing.analysis.subject import (
    beside_lead,
    holds_message,
    in_reach,
    made_up,
    names_thing,
    rarest_in_title,
    slot_asked,
    squarely_about,
    years_asked,
)
from briefing.engines.base import Question
from briefing.engines.extractive import holding
from briefing.results import NOT_COVERED, Answer
from briefing.store.keyword_reads import form_of
from briefing.store.search import in_step
from briefing.text.spans import answer_spans
from briefing.types import Claim, Passage
from tests.conftest import SEED

STAMPS = (
    "The country selected 11 host cities to be the venues for the matches of the 2018 World Cup and they are "
    "Moscow, St. Petersburg, Sochi, Kazan, Saransk, Kaliningrad, Volgograd, Rostov-on-Don, Nizhny Novgorod, "
    "Yekaterinburg and Samara."
)
EUROTUNNEL = "Eurotunnel reported a net profit of 200 million euros for 2016, its best year ever."


@pytest.mark.parametrize(
    ("question", "years"),
    [
        ("Who won the 2018 World Cup?", [2018]),
        ("What net profit did Eurotunnel report for 2016?", [2016]),
        ("How much did Snap raise at $2018 a share?", []),  # a figure, not a year
        ("Where is the 41st army stationed?", []),
    ],
)
def test_the_years_a_question_names(question: str, years: list[int]) -> None:
    assert years_asked(question) == years


@pytest.mark.parametrize(
    ("question", "date", "text", "reach"),
    [
        ("Who won the 2018 World Cup?", "2017-02-09", STAMPS, False),  # written before it was played
        ("When will the 2018 World Cup final be played?", "2017-02-09", STAMPS, True),  # what is to come
        ("What net profit did Eurotunnel report for 2016?", "2017-02-22", EUROTUNNEL, True),  # names it
        ("What is the population of Canada in 2021?", "2017-03-01", "Canada's population grew.", False),
        ("Which country won Eurovision in 2012?", "2017-03-01", "Ukraine hosts Eurovision in May.", False),
        ("Where is the 41st army stationed?", "2021-11-27", "The 41st army is in Yelnya.", True),  # no year
    ],
)
def test_an_article_reaches_the_year_asked_only_when_it_speaks_of_it_and_was_not_written_before(
    question: str, date: str, text: str, reach: bool
) -> None:
    assert in_reach(question, date, text) is reach


@pytest.mark.parametrize(
    ("question", "title", "rarity", "uses"),
    [
        (
            "How many ships were waiting to load grain in Odesa?",
            "The port of Odesa reopened on Monday after a week of closures.",
            {"ship": 2.0, "wait": 1.5, "load": 2.1, "grain": 3.0, "odesa": 5.0},
            True,
        ),
        (
            "How tall is Mount Everest?",
            "Russian adventurer Konyukhov's balloon lands after 55-hour nonstop flight",
            {"tall": 3.0, "mount": 3.5, "everest": 6.0},
            False,
        ),
    ],
)
def test_a_title_using_the_question_rarest_word_names_its_subject(
    question: str, title: str, rarity: dict[str, float], uses: bool
) -> None:
    assert rarest_in_title(question, title, rarity) is uses


def passage(title: str, text: str, chunk: int) -> Passage:
    return Passage("c", text, "a1", title, "outlet", "2017-03-01", "", chunk, 0, len(text))


@pytest.mark.parametrize(
    ("title", "text", "chunk", "derived"),
    [
        (
            "Amid border tensions between Moscow and Kyiv over troop concentration, NATO Secretary-General Jens…",
            "Amid border tensions between Moscow and Kyiv over troop concentration, NATO Secretary-General Jens "
            "Stoltenberg on Friday gave a stern warning to Russia.",
            0,
            True,  # a text file's first words made its title
        ),
        (
            "Sudan's Omar al-Bashir pardons 259 rebels",
            "Sudan's President Omar al-Bashir pardoned 259 rebels.",
            0,
            False,
        ),
        ("Amid border tensions", "Amid border tensions, troops gathered.", 3, False),  # not its opening
    ],
)
def test_a_title_made_from_the_article_first_words_is_seen(title: str, text: str, chunk: int, derived: bool) -> None:
    assert (made_up([passage(title, text, chunk)]) == {"a1"}) is derived


@pytest.mark.parametrize(
    ("question", "slot"),
    [
        ("How many spectators were at the Camp Nou for Barcelona's 6-1 comeback win over PSG?", "how many spectators"),
        ("How much did the consortium of Norvik Banka and Said Gutseriyev pay?", "how much"),
        ("Who was charged with the murder of Ku Klux Klan leader Frank Ancona?", "who"),
        ("At which airport did Harrison Ford land on a taxiway?", "at which airport"),
        ("What prison sentence did Samsung heir Lee Jae-yong receive?", "what prison sentence"),
        ("How tall is Mount Everest?", "how tall"),
        ("When is Gennady Golovkin scheduled to fight Saul 'Canelo' Alvarez?", "when"),
        ("What was the final score when Barcelona beat PSG?", "what the final score was"),  # not "what was"
        ("What is the capital of Australia?", "what the capital is"),
    ],
)
def test_a_declined_question_says_what_it_asked(question: str, slot: str) -> None:
    assert slot_asked(question) == slot
    assert f"none of them says {slot}:" in holds_message(question)


CAMP_NOU = (
    "But on Wednesday night, in front of almost 100,000 people at the Nou Camp, PSG shipped three late goals in an "
    "incredible last seven minutes as Barcelona completed the greatest comeback in the history of the tournament, "
    "winning 6-5 on aggregate."
)
SPECTATORS = "How many spectators were at the Camp Nou for Barcelona's 6-1 comeback win over PSG?"


@pytest.mark.parametrize(
    ("title_near", "quoted"),
    [(0.64, True), (0.2, False)],  # an article squarely about it is quoted; a far one is not
)
def test_a_slot_no_source_fills_is_declined_saying_what_the_sources_hold(title_near: float, quoted: bool) -> None:
    article = passage("Barcelona makes history with 6-1 comeback win over PSG", CAMP_NOU, 2)
    nearest = Candidate(article, 0, len(CAMP_NOU), np.zeros(3, dtype=np.float32), 2000)
    question = Question(SPECTATORS, SPECTATORS, np.zeros(3, dtype=np.float32))
    answer = holding(question, nearest, [article], {"a1": title_near})
    assert answer.abstained and answer.answer_span is None and answer.lead() == ""
    if quoted:
        assert answer.text.startswith("The sources report on this, but none of them says how many spectators:")
        assert answer.text.endswith(f"{CAMP_NOU} [1]") and answer.sources[0].quote == CAMP_NOU
    else:
        assert answer.text == NOT_COVERED and not answer.claims and not answer.sources


def test_a_declined_answer_without_what_the_sources_hold_is_its_message() -> None:
    assert Answer("q", [], [], abstained=True, message=NOT_COVERED).text == NOT_COVERED
    held = Answer("q", [Claim("They met on Friday.", [1])], [], abstained=True, message="Not answered:")
    assert held.text == "Not answered: They met on Friday. [1]"


@pytest.fixture
def seeded(fake_runtime: briefing.Runtime) -> briefing.Runtime:
    briefing.ingest([SEED], runtime=fake_runtime)
    in_step(fake_runtime.store, fake_runtime.keywords)
    return fake_runtime


@pytest.mark.parametrize(
    ("words", "unknown"),
    [(["yelnya", "stoltenberg"], set()), (["yelnya", "everest"], {"everest"}), (["stoltenbergs"], set())],  # any form
)
def test_the_words_the_store_holds_in_no_form(seeded: briefing.Runtime, words: list[str], unknown: set[str]) -> None:
    assert seeded.keywords.unknown(words) == unknown


def test_a_question_about_a_name_no_stored_article_mentions_is_declined(seeded: briefing.Runtime) -> None:
    answer = briefing.ask("Where is the Taj Mahal?", runtime=seeded)
    assert answer.abstained and answer.text.endswith("No stored article mentions Taj.")
    assert not briefing.ask("Where is the 41st army stationed?", runtime=seeded).abstained


@pytest.mark.parametrize(
    ("word", "stored", "form"),
    [("leaders", "leader", True), ("everest", "ever", False), ("geun", "geun-hye", True), ("taj", "tajik", False)],
)
def test_a_stored_word_is_a_form_of_a_question_word(word: str, stored: str, form: bool) -> None:
    assert form_of(word, stored) is form


PYTHON = "Where was the Indonesian farmer found dead inside a giant python in March 2017?"
SALUBIRO = (
    "The body of 25-year-old man was found when local people cut open the 23 foot-python after it was found "
    "bloated and slithering awkwardly in the village of Salubiro, on the eastern island of Sulawesi on Monday."
)


@pytest.mark.parametrize(
    ("title_near", "score", "bar"),
    [
        (0.8, 0.42, 0.42),  # squarely about the farmer and the python: its sentence naming the village answers
        (0.4, 0.42, 0.45),  # an article only near the subject: the bar stands
        (0.8, 0.30, 0.45),  # too far below the bar, however squarely the article is about it
    ],
)
def test_a_slot_filled_in_an_article_squarely_on_the_subject_answers_below_the_bar(
    title_near: float, score: float, bar: float
) -> None:
    article = passage("Indonesian man found dead inside giant python", SALUBIRO, 0)
    cand = Candidate(article, 0, len(SALUBIRO), np.zeros(3, dtype=np.float32), 0)
    spans = {0: answer_spans(PYTHON, SALUBIRO, article.date)}
    assert spans[0][0].text == "Salubiro"
    assert squarely_about([0], [cand], np.asarray([score]), spans, {"a1": title_near}, 0.45) == bar


@pytest.mark.parametrize(
    ("told", "answered"),
    [
        # the figures count goals, not spectators: the question is declined, what the sources hold quoted
        ("Barcelona beat PSG 6-1 at the Camp Nou, where spectators saw three goals in the last seven minutes.", False),
        ("Barcelona beat PSG 6-1 at the Camp Nou in front of 96,290 spectators.", True),
    ],
)
def test_how_many_of_a_thing_is_answered_only_by_a_figure_that_counts_it(
    fake_runtime: briefing.Runtime, told: str, answered: bool
) -> None:
    """bbc.co.uk, 2017-03-09 (q69 of the calibration questions): "how many spectators" was answered with a
    sentence whose only figures were the score; a figure that counts no spectators fills no slot."""
    text = f"title Barcelona stun PSG at the Camp Nou\ndate 2017-03-09\n\n{told} Sergi Roberto scored the last goal."
    briefing.ingest([text], runtime=fake_runtime)
    answer = briefing.ask(
        "How many spectators were at the Camp Nou for Barcelona's 6-1 win over PSG?", runtime=fake_runtime
    )
    assert answer.abstained is not answered, answer.text
    if answered:
        assert "96,290 spectators" in answer.text


@pytest.mark.parametrize(
    ("told", "answered"),
    [
        # bbc.co.uk, 2017-03-14 (q72 of the calibration questions): the Governor who commented is no answer
        (
            'Bank Governor Mark Carney said: "I deeply regret that Charlotte Hogg has chosen to resign from the Bank '
            'of England."',
            False,
        ),
        # made up: a name that fills the slot
        ("The Bank of England appointed Sam Woods to replace Charlotte Hogg as deputy governor.", True),
    ],
)
def test_a_who_question_whose_only_name_is_a_speaker_is_declined(
    fake_runtime: briefing.Runtime, told: str, answered: bool
) -> None:
    text = f"title Charlotte Hogg quits as Bank of England deputy governor\ndate 2017-03-14\n\n{told}"
    briefing.ingest([text], runtime=fake_runtime)
    answer = briefing.ask(
        "Who was appointed to replace Charlotte Hogg as the Bank of England's deputy governor?", runtime=fake_runtime
    )
    assert answer.abstained is not answered, answer.text
    if answered:
        assert answer.answer_span == "Sam Woods"


LONDON = "Who carried out the London attack?"
# bbc.co.uk/news/uk-39391313, "London attack: Two men continue to be questioned as seven released"
MASOOD = "Police are trying to establish whether attacker Khalid Masood acted alone."
# bbc.co.uk/news/uk-england-london-39320168, "Met officers hold mock terrorism exercise on River Thames" (2017-03-19)
EXERCISE = (
    "In June 2015, more than a thousand police officers and soldiers took part in Operation Strong Tower which "
    "simulated a terrorist firearms attack in central London."
)


def sentence(text: str, article: str) -> Candidate:
    passage = Passage(f"{article}:0", text, article, f"Title {article}", "bbc.co.uk", "2017-03-25", "", 0, 0, len(text))
    return Candidate(passage, 0, len(text), np.zeros(3, dtype=np.float32), 0)


def test_what_is_quoted_after_a_short_answer_comes_from_articles_about_its_subject() -> None:
    cands = [sentence(MASOOD, "attack"), sentence(EXERCISE, "exercise")]
    spans = {i: answer_spans(LONDON, c.text, c.passage.date) for i, c in enumerate(cands)}
    # the titles' nearness to the question, as MiniLM measures it on the news store
    assert beside_lead([0, 1], 0, cands, spans, {"attack": 0.64, "exercise": 0.45}) == [0]
    # an article whose title is as near the question as the lead's own is about its subject
    assert beside_lead([0, 1], 0, cands, spans, {"attack": 0.64, "exercise": 0.55}) == [0, 1]
    assert beside_lead([0, 1], 0, cands, spans, {"attack": 0.9, "exercise": 0.52}) == [0, 1]
    # so is one giving the same answer, whatever its title
    # aljazeera.com/programmes/insidestory/2017/03/crime-act-terrorism-170324211626664.html
    said = (
        "British police have said 52-year-old Khalid Masood was the man who carried out Wednesday's attack "
        "outside the parliament in London."
    )
    other = sentence(said, "other")
    spans[2] = answer_spans(LONDON, other.text, other.passage.date)
    assert beside_lead([0, 2], 0, [*cands, other], spans, {"attack": 0.64, "other": 0.2}) == [0, 2]


FAA = "What penalty did the FAA impose on Harrison Ford for landing on a taxiway at John Wayne Airport?"
# bbc.co.uk, "Harrison Ford: 'I'm the schmuck that landed on the taxiway'" (2017-03-25)
RECORDING = (
    "A recording has emerged of Harrison Ford explaining to air traffic control why he flew directly over a "
    "waiting passenger jet and landed on a taxiway at John Wayne Airport in southern California in February."
)
# europe.chinadaily.com.cn, "CNPC buys stake in UAE oil concern" (2017-02-24)
CNPC = (
    "Chinese companies have secured a 12 percent stake in Abu Dhabi National Oil Co's onshore oil concession, hoping "
    "to further participate in the development of United Arab Emirates' energy sector."
)
# bbc.co.uk, "Six Nations 2017: Ireland 13-9 England" (2017-03-18): "penalties" is a form of "penalty"
PENALTIES = (
    "After Sexton and Farrell exchanged penalties, Ireland then struck again, twice kicking penalties to the corner."
)


def test_a_what_thing_question_needs_a_sentence_naming_the_thing() -> None:
    assert not names_thing(FAA, [sentence(RECORDING, "ford")])  # the landing is told; no penalty is named
    assert names_thing(FAA, [sentence(RECORDING, "ford"), sentence(PENALTIES, "rugby")])
    stake = "What stake in Abu Dhabi's onshore oil concession did China National Petroleum Corp buy in February 2017?"
    assert names_thing(stake, [sentence(CNPC, "cnpc")])
    assert names_thing("Who trained Sizing John?", [sentence(RECORDING, "ford")])  # no thing asked
    # the page's own suggested questions ask what happened: a verb, no thing (they had all been declined)
    assert names_thing("What happened with Port Selwyn strike?", [sentence(RECORDING, "ford")])
    assert names_thing("What caused the crash?", [sentence(RECORDING, "ford")])


@pytest.mark.parametrize(
    ("told", "answered"),
    [
        # the landing is told (and, made up, that the FAA looks into it), no penalty: declined, what they hold quoted
        (f"{RECORDING} The FAA said it was investigating the incident at John Wayne Airport.", False),
        # made up: a sentence naming the thing asked for
        (f"{RECORDING} The FAA imposed no penalty on Harrison Ford for landing on the taxiway.", True),
    ],
)
def test_a_what_thing_question_no_source_names_the_thing_of_is_declined(
    fake_runtime: briefing.Runtime, told: str, answered: bool
) -> None:
    text = f"title Harrison Ford: 'I'm the schmuck that landed on the taxiway'\ndate 2017-03-25\n\n{told}"
    briefing.ingest([text], runtime=fake_runtime)
    answer = briefing.ask(FAA, runtime=fake_runtime)
    assert answer.abstained is not answered, answer.text
    if not answered:
        assert "none of them says what penalty" in answer.message
