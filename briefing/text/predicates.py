"""What a sentence says happened: its predicates (verbs by their form, and a few event nouns), lemmatised
crudely, so that two sentences naming the same people can be told apart when they state different things
("kept to himself, neighbors say" vs "was the man who carried out the attack")."""

from __future__ import annotations

import re

from briefing.text.sentences import STOPWORDS, related, stem

_WORD = re.compile(r"[A-Za-z][a-z'’-]*")
# verbs that report a statement or serve another verb: what is said counts, not the saying
_LIGHT = frozenset(
    """
    said says say saying told tells tell telling according reported reports reporting added adding stated
    noted claimed announced explained wrote writing tweeted believed believe alleged allegedly is are was were
    be been being has have had having do does did done get got gets become became becoming going seemed seem
    appeared need needed used including included expected set make made called calling continued begun began
    """.split()
)
# irregular forms and words of one event, to one lemma: "killed", "died", "deaths" all say people died
_LEMMA = {
    **dict.fromkeys("kill kills killed killing died dying dead death deaths slain".split(), "die"),
    **dict.fromkeys("wounded injured injuring hurt".split(), "injur"),
    **dict.fromkeys("detained arrested".split(), "arrest"),
    **dict.fromkeys("won beat beating defeated victory winning".split(), "win"),
    **dict.fromkeys("passed agreed approved backed".split(), "pass"),
    **dict.fromkeys("voted cast casting ballots polls".split(), "vote"),
    **dict.fromkeys("triggered triggering invoke invoked invoking".split(), "trigger"),
    **dict.fromkeys("predicted predicts projected projects forecast forecasts".split(), "will predict"),
    **{"kept": "keep", "left": "leave", "fled": "flee", "lost": "lose", "held": "hold", "took": "take"},
    **{"taken": "take", "gave": "give", "given": "give", "came": "come", "went": "go", "gone": "go"},
    **{"fell": "fall", "fallen": "fall", "rose": "rise", "risen": "rise", "met": "meet", "sent": "send"},
    **{"ran": "run", "paid": "pay", "fought": "fight", "shot": "shoot", "struck": "strike", "hit": "hit"},
    **{"drove": "drive", "driven": "drive", "sought": "seek", "spoke": "speak", "spoken": "speak"},
    **{"brought": "bring", "bought": "buy", "caught": "catch", "thought": "think", "found": "find"},
    **{"stood": "stand", "sold": "sell", "built": "build", "led": "lead", "won't": "will"},
}


# what is to come: "will trigger" does not state that it was triggered
_FUTURE = re.compile(
    r"\b(?:will|(?:set|plans?|planning|expected|due|going) to)\s+(?:(?:not|also|now|soon|then)\s+)?([a-z]+)"
)


def _lemma(word: str) -> str:
    return _LEMMA.get(word) or stem(word)


def predicates(text: str) -> frozenset[str]:
    """The crude lemmas of what a sentence says happened: its verbs told by form (-ed, -ing, irregular
    forms) and a few event nouns ("deaths"), names, auxiliaries and verbs of saying left out; a verb of what
    is to come ("will trigger", "is set to invoke") as "will" and its lemma."""
    out = set()
    future = {m.start(1) for m in _FUTURE.finditer(text)}
    for match in _WORD.finditer(text):
        word = match.group().lower().strip("'’-")
        if match.group()[0].isupper() and match.start() > 0:
            continue  # a name
        if match.start() in future:
            if word not in _LIGHT:
                out.add(f"will {_lemma(word)}")
            continue
        if word in STOPWORDS or word in _LIGHT:
            continue
        if word in _LEMMA:
            out.add(_LEMMA[word])
        elif len(word) >= 5 and word.endswith(("ed", "ing")):
            out.add(stem(word))
    return frozenset(out)


def same_predicate(a: frozenset[str], b: frozenset[str]) -> bool:
    """Whether two sentences' predicates (`predicates`) can state the same thing: they share one, or one
    of them names none, unless only one tells what is to come ("turnout was predicted at 80 percent" is not
    "turnout was 80 percent")."""
    if any(related(x, y) for x in a for y in b):
        return True
    if _ahead(a) != _ahead(b):
        return False
    return not (a and b)


def _ahead(verbs: frozenset[str]) -> bool:
    return any(v.startswith("will ") for v in verbs)
