"""Outlet names as people type them: `BBC`, `bbc`, `bbc.co.uk` and `https://www.bbc.co.uk/news` are one
outlet. Pure functions: the key a name is matched by, and which of the store's outlets a given name means."""

from __future__ import annotations

import re
from collections.abc import Iterable

from briefing.types import NO_OUTLET

# Endings of a web address that say where or what kind of site it is, not which outlet (`co.uk`, `com.au`).
_SUFFIXES = {
    *("com", "org", "net", "info", "biz", "gov", "edu", "int", "mil", "co", "ac", "news", "media", "online"),
    *("uk", "us", "de", "fr", "it", "es", "nl", "be", "ch", "at", "se", "no", "dk", "fi", "pl", "cz", "ru", "ua"),
    *("ie", "au", "nz", "ca", "in", "jp", "cn", "hk", "sg", "za", "br", "ar", "mx", "eu", "io", "tv", "fm"),
}
_SUBDOMAINS = {"www", "m", "amp", "mobile", "edition", "news", "en", "www1", "www2"}
# A few outlets' long names and short ones, each to the key its web address gives.
KNOWN = {
    "associatedpress": "ap",
    "apnews": "ap",
    "newyorktimes": "nytimes",
    "nyt": "nytimes",
    "wallstreetjournal": "wsj",
    "financialtimes": "ft",
    "britishbroadcastingcorporation": "bbc",
    "agencefrancepresse": "afp",
    "deutschewelle": "dw",
    "washingtonpost": "washingtonpost",
    "wapo": "washingtonpost",
    "cablenewsnetwork": "cnn",
    "reutersnews": "reuters",
    "thomsonreuters": "reuters",
}
_DOMAIN = re.compile(r"^(?:[a-z][a-z0-9+.-]*://)?(?P<host>[a-z0-9-]+(?:\.[a-z0-9-]+)+)(?::\d+)?(?:/.*)?$")


def outlet_key(name: str) -> str:
    """The key two spellings of one outlet share: case, `www.`, the domain's ending, a leading "The" and a
    trailing "News" left out ("The Guardian" and theguardian.com are `guardian`; BBC News and bbc.co.uk `bbc`)."""
    text = " ".join((name or "").casefold().split())
    domain = _DOMAIN.match(text) if " " not in text else None
    if domain:
        labels = domain.group("host").split(".")
        while len(labels) > 1 and labels[-1] in _SUFFIXES:
            labels.pop()
        text = next((label for label in reversed(labels) if label not in _SUBDOMAINS), labels[-1])
    key = re.sub(r"[^\w]+", "", text)
    if key.startswith("the") and len(key) > 5:
        key = key[3:]
    if key.endswith("news") and len(key) > 6:
        key = key[:-4]
    return KNOWN.get(key, key)


def matching_outlets(given: str, outlets: Iterable[str]) -> list[str]:
    """The outlets among `outlets` that `given` names: the same name in any case, or the same outlet by its
    key (`bbc` finds `bbc.co.uk` and `BBC News`); "no outlet" finds the articles that have none ("")."""
    names = sorted(set(outlets))
    wanted = " ".join(given.casefold().split())
    if wanted == NO_OUTLET:
        return [n for n in names if not n.strip()]
    key = outlet_key(given)
    return [
        n for n in names if " ".join(n.casefold().split()) == wanted or (n.strip() and key and outlet_key(n) == key)
    ]
