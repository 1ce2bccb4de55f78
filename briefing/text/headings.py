"""Headings run into a sentence: where the real sentence starts after a headline, a "RELATED:" or "Read:"
lead-in, or the end of a paragraph whose break was lost in scraping.

Scraped pages lose the line breaks around headlines and links ("Geert Wilders: Why voters are flocking to
Dutch Trump Key issues for voters Given the bellwether nature …"), so what reaches the sentence splitter is
a heading and a sentence with no full stop between them. The sign is general: in running prose a word that
opens sentences ("Given", "Last", "The" before a common noun, "We") does not follow a content word with a
capital and no punctuation between; where one does, a new sentence begins there. A lead-in label ("RELATED:",
"Read:", "Latest developments") says the words after it are a heading until the sentence starts.
"""

from __future__ import annotations

import re

from briefing.text.casing import Casing
from briefing.text.sentences import STOPWORDS

# Words that open a sentence and are not names: capitalised after a content word, they start a new one.
OPENERS = frozenset(
    """the a an in on at it this that these those there we he she they his her their our its as after before
    but however meanwhile given last since while when if according earlier later despite following for from
    with by during under some many most all both each several what why how once although though because
    having speaking asked responding addressing of""".split()
)
# A label that says a heading follows: "RELATED:", "Read:", "WATCH:", "Geert Wilders:", "Latest developments".
_LABEL = re.compile(
    r"^(?:(?P<alone>Latest developments|Key points|Live updates)\b:?|(?:RELATED|Related|READ MORE|Read more|"
    r"Read|READ|WATCH|Watch|LISTEN|Listen|MORE|More|Analysis|Background)\s*:|[A-Z][\w’'-]*(?: [A-Z][\w’'-]*){0,2}:)\s+"
)
_WORD = re.compile(r"\S+")
_CLOSE = "\"'”’"
_OPEN = "\"'“‘"
MIN_WORDS = 6  # what is left after the cut must read as a sentence
_STAMP = re.compile(r"^(?:[01]?\d|2[0-3])[.:][0-5]\d(?:\s*(?:GMT|CET|UTC|local time))?\s*[-–—:]?\s+(?=[A-Z\"“])")


def _starts_sentence(prev: str, word: str, after: str, labelled: bool, rest: tuple[str, ...] = ()) -> bool:
    """Whether `word` (between `prev` and the words `after`, then `rest`) begins a new sentence glued to what
    came before."""
    if word[:1] in _OPEN and word[1:2].isupper():  # a quotation opening right after another one closed
        if prev[-1:] in _CLOSE:
            return prev[-2:-1] not in ",.;:!?"  # not a list of titles ("Munich," "The Adventures of Tintin")
        return labelled and prev[-1:].isalnum()  # a heading's last word, then what was said
    core = word.rstrip(",")
    if not core[:1].isupper() or core.lower() not in OPENERS or (core.isupper() and len(core) > 1):
        return False
    if not (prev[-1:].islower() or prev[-1:] in _CLOSE) or prev.lower().strip(_CLOSE) in OPENERS | _FUNCTION:
        return False  # "in The Hague", "told The Associated Press": a name after a function word
    # "Given the …", "Last week": the next word is lower case (not "The Times", "Will Smith"); a pronoun stands
    # alone; "The VVD is …": a name the sentence's verb follows
    if core in ("The", "A", "An") and after[:1].isupper():
        if not prev[:1].islower() or prev.lower() in STOPWORDS or prev.endswith(("ing", "ed")):
            return False  # "Afyare A Elmi", "within An Garda", "reading The Casual Vacancy"
        verb = next((w for w in rest if not w[:1].isupper()), "")
        return verb in _AUXILIARIES
    # "Of 11 people arrested …", "In 2015, he …": a figure after an opener begins a sentence as a word does
    return after[:1].islower() or after[:1].isdigit() or core.lower() in ("we", "they", "he", "she", "it", "there")


_AUXILIARIES = frozenset("is was are were has have had will would can could may might must should".split())


_FUNCTION = frozenset(
    """of to and or nor by with from for in on at as than said says told called named dubbed titled""".split()
)


def glued_start(sentence: str) -> int | None:
    """Where the real sentence starts in `sentence`: 0 when nothing is glued before it, the offset after a
    heading run into it, or None when a lead-in label is followed by no sentence (a heading alone)."""
    stamp = _STAMP.match(sentence)  # "21.10 Exit polls show …": a live blog's time stamp before its entry
    if stamp:
        rest = glued_start(sentence[stamp.end() :])
        return None if rest is None else stamp.end() + rest
    words = list(_WORD.finditer(sentence))
    repeat = _repeated_opening([w.group() for w in words])
    if repeat:  # "Masood's mother 'saddened and numbed' Masood's mother Janet Ajao said …"
        return words[repeat].start()
    label = _LABEL.match(sentence)
    first = next((i for i, w in enumerate(words) if w.start() >= label.end()), len(words)) if label else 1
    for i in range(max(first, 1), len(words) - 1):
        prev, word, after = words[i - 1].group(), words[i].group(), words[i + 1].group()
        if len(words) - i < MIN_WORDS:
            break
        if i == first and label:  # "Latest developments Theresa May says …"; after "RELATED:", a heading
            if label.group("alone"):
                return words[i].start()
        elif _starts_sentence(prev, word, after, bool(label), tuple(w.group() for w in words[i + 2 : i + 6])):
            return words[i].start()
    return None if label else 0


HEADING_WORDS = 12  # the longest heading a sentence repeating its opening words is taken to follow


def _repeated_opening(words: list[str]) -> int:
    """Where a sentence starts that repeats the opening words of the short title before it (a headline run
    into its story's first sentence, which names its subject again), or 0: the title has no punctuation
    that ends or splits a clause, and what follows it reads as a sentence."""
    if len(words) < 2 or not words[0][:1].isupper():
        return 0
    for i in range(2, min(HEADING_WORDS, len(words) - MIN_WORDS) + 1):
        if words[i : i + 2] == words[:2]:
            title = " ".join(words[:i]).strip(_CLOSE)
            return 0 if re.search(r"[.,;!?]", title) else i
    return 0


HEADING_MIN = 3  # the fewest words of a heading taken to run into a sentence
_SAID = frozenset("said says told added announced".split())
_NAME_JOINS = frozenset("and of for the on in de to".split())
LOWER = 0.8  # a word the texts write in lower case at least this often is capitalised only to open a sentence


def broken_start(sentence: str, found: Casing) -> int | None:
    """Where a second sentence starts in `sentence`, run into the first across a lost paragraph break or
    after a sub-heading, by how the texts around it write their words (`found`): 0 when none does, None
    when the sentence is not to be quoted.

    "… visa-free entry for North Koreans Relations between Malaysia and North Korea …": a word the texts
    write in lower case ("relations") is capitalised after a word with no punctuation between, a lower-case
    word follows it, and what comes before it is a short run of words with no clause or quotation in it.
    It opens a sentence unless it belongs to a name: a name's words are capitalised together elsewhere
    ("Foreign Relations"), the word before it is itself one the texts mostly write in lower case
    ("Foreign", "Homeland"), a function word ("the Government") or a title's joining word ("Save the
    Children") follows it, or a reporting verb ("Vicki Young said"). After a lower-case word ("Heavy price
    to pay More than 3,000 civilians …") the second sentence's offset is returned; after a capitalised one,
    which may still be a person's first name ("Bank chairman Paul Flowers also …"), None.

    Two more signs cut a label off: a word said twice at the start (`_doubled`), and an opening word such
    as "In" capitalised after a word with no punctuation, before a place or a day and a comma (`_fronted`).
    """
    matches = list(_WORD.finditer(sentence))
    words = [m.group() for m in matches]
    if _doubled(words, found):
        return matches[1].start()
    for i in range(1, min(HEADING_WORDS, len(words) - MIN_WORDS) + 1):
        if not re.search(r"[,;\"“”(]", " ".join(words[:i])) and _fronted(words, i, found):
            return matches[i].start()
        if i < HEADING_MIN:
            continue
        prev, word, after = words[i - 1].split("-")[-1], words[i], words[i + 1]  # "post-Cold War": "Cold"
        if not word[:1].isupper() or not word[1:].isalpha() or not word[1:].islower() or not after[:1].islower():
            continue  # "Relations between": a capitalised word without punctuation, then a lower-case one
        if not prev[-1:].isalnum() or prev.casefold() in OPENERS | _FUNCTION | STOPWORDS:
            continue
        later = words[i + 2] if i + 2 < len(words) else ""
        if after in _SAID or (after in _NAME_JOINS and later[:1].isupper()):
            continue  # "Vicki Young said", "Coal and Steel Community", "Save the Children": a name
        if re.search(r"[,;\"“”(]", " ".join(words[:i])):
            continue  # a heading is a short run of words with no clause or quotation in it
        share = found.lower_share(word)
        if share is None or share < LOWER:
            continue
        if prev[:1].isupper():  # "Foreign Relations", "Human Rights": a name's words, not a heading's end
            before = found.lower_share(prev)
            if (before is not None and before >= 0.5) or found.pairs[prev.casefold(), word.casefold()] > 1:
                continue
            if _named(words[:i]):
                continue
            return None
        return matches[i].start()
    return 0


def _doubled(words: list[str], found: Casing) -> bool:
    """Whether the sentence opens with a label that is its subject's name again ("France France will hold
    its first round …", one entry of a list by country): a capitalised word said twice that the texts do
    not write twice elsewhere (as they do "Zsa Zsa Gabor", "La La Land")."""
    if len(words) <= MIN_WORDS or words[0] != words[1] or not words[0][:1].isupper():
        return False
    return not found.pairs[words[0].casefold(), words[0].casefold()]


_FRONTING = frozenset("in on at after before during since despite for with from under".split())


def _fronted(words: list[str], i: int, found: Casing) -> bool:
    """Whether `words[i]` opens a sentence with where or when it happened, after a heading or a sentence
    whose end was lost: an opening word ("In", "On") capitalised after a word with no punctuation, then
    capitalised words or figures up to a comma ("… to Assad In Astana, Syrian government envoy …", "Pence
    questions On Wednesday, …"). After a word the texts mostly write in lower case, or too rarely to say,
    it is a title's ("Back In Time For Dinner", "Organizing For Action")."""
    prev, word = words[i - 1], words[i]
    if word not in {w.capitalize() for w in _FRONTING} or not prev[-1:].isalnum():
        return False
    if prev.casefold() in OPENERS | _FUNCTION | STOPWORDS:
        return False
    if prev[:1].isupper():
        share = found.lower_share(prev)
        if share is None or share >= 0.5:
            return False
    phrase = words[i + 1 : i + 4]
    end = next((k for k, w in enumerate(phrase) if w.endswith(",")), None)
    return end is not None and all(w[:1].isupper() or w[:1].isdigit() for w in phrase[: end + 1])


def _named(words: list[str]) -> bool:
    """Whether the capitalised words that end `words` read as a name: they open the sentence or follow an
    article or a joining word ("The Government Accountability Office", "the European Coal and Steel
    Community", "Council on American-Islamic Relations"), take a possessive ("Haiti's Central Unit"), end in
    an acronym ("ABC News") or a compound ("post-Cold War") or start with a mark ("-Nate Silver"); a
    heading's last words follow any other word ("… visa-free entry for North Koreans")."""
    last = words[-1]
    if (last.isupper() and len(last) > 1) or last.split("-")[0].islower():
        return True
    k = len(words)
    while k > 0 and words[k - 1][:1].isupper():
        k -= 1
    run = words[k:]
    if not run or k == 0 or run[0] in ("The", "A", "An"):
        return True
    if words[k - 1].casefold() in ("the", "a", "an", "and", "of", "on", "&"):  # "Council on Foreign Relations"
        return True
    return any(w.endswith(("'s", "’s")) for w in run)
