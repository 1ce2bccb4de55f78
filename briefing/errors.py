"""Every error a user can meet. Each message says what was wrong and what to do instead.

All of them are `BriefingError`s, so a front end catches one class and shows its message.
"""

from __future__ import annotations

import re

# The user-information part of a URL (`user:password@`): up to the last "@" before the host's end.
_USERINFO = re.compile(r"(?i)\b([a-z][a-z0-9+.-]*://)[^/?#\s]*@")


class BriefingError(ValueError):
    """A request that cannot be carried out as given; the message says what to do instead."""


class SettingsError(BriefingError):
    """A setting has a value it cannot take; the message names it, with the values it can take."""


class StoreError(BriefingError):
    """The store cannot be used as asked; the message says what to change."""


class LLMError(BriefingError):
    """A model call failed; the message names the setting to change. The store is untouched."""


class ContextTooLong(LLMError):
    """The prompt does not fit the model's context window."""


class PromptError(BriefingError):
    """A prompt file is missing, malformed, or rendered without its variables."""


class SkipFile(BriefingError):
    """A file (or one record of it) that cannot be ingested; the message says why."""


def read_only_failure(where: str, detail: str) -> StoreError:
    """A store that may be read but not written: which folder, why, that reading works, and how to write."""
    return StoreError(
        f"the store at {where} is read-only ({detail}). Reading it still works (`ask`, `brief`, `stats`, the "
        f"page); to add or remove articles, make it writable (`chmod -R u+w {where}`) or copy it somewhere "
        "writable and set BRIEFING_STORE_DIR (or --store) to the copy."
    )


def store_failure(detail: str, where: str, *, full: bool, server: bool = False, read_only: bool = False) -> StoreError:
    """One plain message for a store that cannot be read or written: what happened and how to recover."""
    if read_only:
        return read_only_failure(where, detail)
    if full:
        return StoreError(
            f"the store at {where} cannot be used: no space left on its device ({detail}). Free some space and "
            "run the same `briefing ingest` again: articles cut short are rolled back and written again, and "
            "every article the store lists is complete."
        )
    if server:
        return StoreError(f"the Chroma server at {where} failed: {detail}. Check the server and its log, then retry.")
    return StoreError(
        f"the store at {where} is damaged or unreadable ({detail}). Move the folder aside (`mv {where} "
        f"{where}.damaged`) and ingest your articles again into a fresh store; the keyword index is rebuilt on its own."
    )


def hide_userinfo(text: str) -> str:
    """`text` (a URL, or a message holding URLs) with each URL's `user:password@` left out: a password
    given inside a URL (`OPENAI_BASE_URL=http://user:PASS@host/v1`) is shown nowhere."""
    return _USERINFO.sub(r"\1", text)
