"""A model provider's failures (the OpenAI API or a compatible server, llama.cpp) in plain words: what went
wrong and which setting to change, never the API key."""

from __future__ import annotations

from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from briefing.errors import ContextTooLong, LLMError, hide_userinfo

if TYPE_CHECKING:
    from briefing.config import Settings


def explain(exc: Exception, settings: Settings) -> LLMError:
    """One plain message for a failed model call, naming the setting to change; never the API key, nor a
    password given in OPENAI_BASE_URL."""
    error = _plain(exc, settings)
    said = hide_userinfo(str(error))
    for secret in (settings.openai_api_key.get_secret_value() if settings.openai_api_key else "", _password(settings)):
        if len(secret) >= 6:  # a server may echo the key it refused
            said = said.replace(secret, "***")
    if said != str(error):
        error.args = (said,)
    return error


def _password(settings: Settings) -> str:
    """The password inside OPENAI_BASE_URL, if one is given there ("" otherwise)."""
    try:
        return urlsplit(settings.openai_base_url or "").password or ""
    except ValueError:
        return ""


def _plain(exc: Exception, settings: Settings) -> LLMError:
    if isinstance(exc, LLMError):
        return exc
    if isinstance(exc, ValueError) and ("context window" in str(exc) or "exceed" in str(exc)):
        return ContextTooLong(str(exc))  # llama.cpp's way of saying the prompt does not fit
    import openai

    where = hide_userinfo(settings.openai_base_url or "the OpenAI API")
    if isinstance(exc, openai.AuthenticationError):
        return LLMError(f"{where} refused the API key (401): set OPENAI_API_KEY to a valid key")
    if isinstance(exc, openai.PermissionDeniedError):
        return LLMError(f"{where} denied access (403) to model {settings.llm_model!r}: check the key's rights")
    if isinstance(exc, openai.RateLimitError):
        return LLMError(
            f"{where} is rate limiting (429) after {settings.llm_max_retries} retries with backoff: wait, "
            "or raise BRIEFING_LLM_MAX_RETRIES"
        )
    if isinstance(exc, openai.APITimeoutError):
        return LLMError(
            f"{where} did not answer within {settings.llm_timeout:g} s: raise BRIEFING_LLM_TIMEOUT or check the server"
        )
    if isinstance(exc, openai.APIConnectionError):
        return LLMError(f"cannot reach {where}: start the server or fix OPENAI_BASE_URL ({exc})")
    if isinstance(exc, openai.NotFoundError):
        return LLMError(f"{where} has no model {settings.llm_model!r} (404): set BRIEFING_LLM_MODEL")
    if isinstance(exc, openai.BadRequestError) and "context" in str(exc).lower():
        return ContextTooLong(str(exc))
    if isinstance(exc, openai.APIStatusError):
        return LLMError(f"{where} answered {exc.status_code}: {exc.message}")
    return LLMError(f"the model call failed: {type(exc).__name__}: {exc}")
