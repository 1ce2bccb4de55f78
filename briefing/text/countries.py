"""Which country a party names: the country's name or another spelling of it ("the U.S.", "Holland"), its
capital standing for its government ("Pyongyang" for North Korea), or its people's government or officials
("the Dutch government", "Turkish officials"). Countries, spellings, capitals and demonyms come from the
`countryinfo` package's data. Pure functions."""

from __future__ import annotations

import re
from functools import cache

# what a people's name is followed by when it stands for its state ("the Dutch government", "Russian officials")
_STATE = frozenset(
    """
    government governments officials official authorities authority ministry ministries military army forces
    leadership regime state administration diplomats embassy
    """.split()
)
_ABBREVIATED = re.compile(r"\s+(?:[A-Z]\.)+$")  # "Washington D.C.": Washington


def _key(text: str) -> str:
    """A party's words to look up: lower case, dots and a leading "the" left out ("the U.S." is "us")."""
    words = text.replace(".", "").casefold().split()
    return " ".join(words[1:] if words[:1] == ["the"] else words)


@cache
def _tables() -> tuple[dict[str, str], dict[str, str]]:
    """Each country's names, spellings and capital, and each demonym, to the country's name (the package's
    raw data: 30 ms, where building its objects takes a second of a cold brief)."""
    from countryinfo import CountryInfo

    names: dict[str, str] = {}
    demonyms: dict[str, str] = {}
    for data in CountryInfo.all().values():
        name = str(data.get("name") or "")
        if not name:
            continue
        capital: str | list[str] = data.get("capital") or []
        capitals = [capital] if isinstance(capital, str) else list(capital)  # a list for a few
        forms = [name, *(data.get("altSpellings") or []), *capitals, *(_ABBREVIATED.sub("", c) for c in capitals)]
        for form in forms:
            key = _key(str(form))
            if len(key) >= 2 and key.replace(" ", "").isalpha():
                names.setdefault(key, name)
        demonym = data.get("demonym")
        if demonym:
            demonyms.setdefault(_key(str(demonym)), name)
    return names, demonyms


def country_of(party: str) -> str | None:
    """The country a party stands for ("Pyongyang", "North Korea", "North Korean officials": North Korea),
    or None when it names none (a person, a body, a city that is no capital)."""
    names, demonyms = _tables()
    key = _key(party)
    if key in names:
        return names[key]
    words = key.split()
    for cut in range(len(words) - 1, 0, -1):  # "north korean foreign ministry": "north korean" + the state's words
        if all(w in _STATE or w == "foreign" for w in words[cut:]):
            people = " ".join(words[:cut])
            if people in demonyms:
                return demonyms[people]
    return None


@cache
def country_forms(name: str) -> tuple[str, ...]:
    """The ways a text may name the country a name stands for, the name first ("French": French, France,
    Paris); only the name itself when it stands for no country ("Fillon")."""
    names, demonyms = _tables()
    key = _key(name)
    country = names.get(key) or demonyms.get(key)
    if country is None:
        return (name,)
    forms = [name, country, *(n for n, c in names.items() if c == country and len(n) > 3)]
    forms += [d for d, c in demonyms.items() if c == country]
    return tuple(dict.fromkeys(forms))
