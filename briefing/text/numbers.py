"""Numbers written in digits or words: the values a text states ("1.2 million", "two hundred thousand")."""

from __future__ import annotations

import re

_MULTIPLIERS = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
_QUANTITY = re.compile(r"(?<![\w.])(\d[\d,]*(?:\.\d+)?)(?:\s*(thousand|million|billion|trillion)\b)?", re.I)


_UNITS = {
    w: n
    for n, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
        "seventeen eighteen nineteen".split()
    )
}
_TENS = {w: 10 * n for n, w in enumerate("_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()) if n > 1}
_SCALES = {"hundred": 100, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
_NUMBER_WORDS = re.compile(r"\b(?:(?:" + "|".join([*_UNITS, *_TENS, *_SCALES]) + r")(?:[\s-]+(?:and\s+)?|\b))+", re.I)


def _words_value(phrase: str) -> float | None:
    total, current = 0.0, 0.0
    for word in re.findall(r"[a-z]+", phrase.lower()):
        if word in _UNITS:
            current += _UNITS[word]
        elif word in _TENS:
            current += _TENS[word]
        elif word == "hundred":
            current = max(current, 1) * 100
        elif word in _SCALES:
            total += max(current, 1) * _SCALES[word]
            current = 0
    value = total + current
    return value if value > 10 or re.search(r"hundred|thousand|million|billion|trillion", phrase, re.I) else None


def numbers_in(text: str) -> set[float]:
    """The numeric values a text states ("90,000" and "90000" are one value; "1.2 million" is 1200000;
    "two hundred thousand" is 200000; small number words such as "two" are left out as too common)."""
    values = set()
    for match in _QUANTITY.finditer(text):
        digits = match.group(1).rstrip(",.").replace(",", "")
        try:
            value = float(digits)
        except ValueError:
            continue
        values.add(value)
        if match.group(2):
            values.add(value * _MULTIPLIERS[match.group(2).lower()])
    for match in _NUMBER_WORDS.finditer(text):
        spelled = _words_value(match.group())
        if spelled is not None:
            values.add(spelled)
    return values


def figure_value(value: str) -> float | None:
    """The number a figure's value stands for: "1,600" is 1600, "Four" is 4, "twenty-five" is 25."""
    found = numbers_in(value)
    if found:
        return max(found)
    words = re.findall(r"[a-z]+", value.lower())
    if words and all(w in _UNITS or w in _TENS or w in _SCALES or w == "and" for w in words):
        return float(sum(_UNITS.get(w, 0) + _TENS.get(w, 0) for w in words)) or None
    return None
