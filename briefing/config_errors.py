"""A bad setting in one line: its environment variable, the value given (never a secret's), what is wrong
and the values it can take (from its type and bounds in `config.Settings`)."""

from __future__ import annotations

from typing import Literal

from pydantic import AliasChoices, ValidationError

from briefing.config import SECRET_FIELDS, Settings
from briefing.errors import SettingsError, hide_userinfo


def variable(name: str) -> str:
    """The environment variable a setting is read from (the first of its names)."""
    alias = Settings.model_fields[name].validation_alias
    return str(alias.choices[0]) if isinstance(alias, AliasChoices) else f"BRIEFING_{name.upper()}"


def _field(where: object) -> str | None:
    """The setting an error's location names: its field name, or one of its environment names."""
    for name, field in Settings.model_fields.items():
        alias = field.validation_alias
        if where == name or (isinstance(alias, AliasChoices) and where in alias.choices):
            return name
    return None


def allowed(name: str) -> str:
    """The values a setting can take, in a few words (from its type and bounds, else its description)."""
    field = Settings.model_fields[name]
    bounds = {b: getattr(m, b) for m in field.metadata for b in ("ge", "gt", "le", "lt") if hasattr(m, b)}
    kind = field.annotation
    if kind is bool:
        return "true or false"
    if getattr(kind, "__origin__", None) is Literal:
        return "one of " + ", ".join(kind.__args__)  # type: ignore[union-attr]
    if kind not in (int, float):
        return str(field.description or "").rstrip(".")
    ge, gt, le = (_number(bounds[b]) if b in bounds else "" for b in ("ge", "gt", "le"))
    words = "a whole number" if kind is int else "a finite number"
    if le:
        return f"{words} from {ge} to {le}" if ge else f"{words} above {gt} and at most {le}"
    return f"{words} at least {ge}" if ge else f"{words} above {gt}"


def _number(value: float) -> str:
    return f"{int(value):,}" if float(value).is_integer() else f"{value:g}"


def settings_error(exc: ValidationError) -> SettingsError:
    """One part per bad setting: its variable, the value given (never a secret's), what is wrong and the
    values it can take."""
    parts = []
    for error in exc.errors():
        name = _field(error["loc"][0]) if error["loc"] else None
        said = "not a valid name" if error["type"] == "string_pattern_mismatch" else str(error["msg"])
        said = hide_userinfo(said.removeprefix("Value error, "))
        if name is None:
            parts.append(said)
            continue
        given = "" if name in SECRET_FIELDS else f"={hide_userinfo(str(error.get('input', '')))[:80]!r}"
        # a validator's own message says what to give; pydantic's says only what was wrong
        what = said if error["type"] == "value_error" else f"{said}; allowed: {allowed(name)}"
        parts.append(f"{variable(name)}{given}: {what}")
    return SettingsError("; ".join(parts) or hide_userinfo(str(exc)))
