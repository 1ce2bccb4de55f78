"""Table-driven tests for the pure text helpers in briefing.text.sentences, .dates and .facts."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest

from briefing.text.dates import dates_in, parse_date
from briefing.text.facts import figures_in
from briefing.text.sentences import normalize, sentence_spans, split_sentences, stem, terms

# A Saturday: "on Friday" and "yesterday" both mean 2021-11-26.
REF = "2021-11-27"

ARTICLE = (
    "Amid border tensions, NATO Secretary-General Jens Stoltenberg on Friday gave a stern warning to Russia. "
    'He said any attempt to invade Ukraine "will have consequences." The U.S. Defense Secretary agreed.\n\n'
    "About 90,000 troops have been stationed on the border. Is an invasion coming? Nobody knows!\n"
    "  \n"
    "“We are not quite sure what he is up to,” Mr. Austin said.   "
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", []),
        ("   \n\n  \t", []),
        ("Hello world", ["Hello world"]),
        ("One. Two! Three? Four.", ["One.", "Two!", "Three?", "Four."]),
        ("  Leading blank. Trailing blank.  ", ["Leading blank.", "Trailing blank."]),
        # Abbreviations and initials do not end a sentence.
        ("Mr. Smith went to Washington. He arrived late.", ["Mr. Smith went to Washington.", "He arrived late."]),
        ("The U.S. Army said so. Then it left.", ["The U.S. Army said so.", "Then it left."]),
        ("Dr. Jones spoke. Gen. Milley agreed.", ["Dr. Jones spoke.", "Gen. Milley agreed."]),
        ("He met J. Smith today. Fine.", ["He met J. Smith today.", "Fine."]),
        ("See Fig. 3 for details. Next.", ["See Fig. 3 for details.", "Next."]),
        ("It happened in Jan. 2020 in the city.", ["It happened in Jan. 2020 in the city."]),
        # Decimals and lower-case continuations do not split; a digit can start a sentence.
        ("Sales rose 3.5 percent. Prices fell.", ["Sales rose 3.5 percent.", "Prices fell."]),
        ("It ended at no. 5 on the list", ["It ended at no. 5 on the list"]),
        ('"Why?" he asked. Nobody knew.', ['"Why?" he asked.', "Nobody knew."]),
        ("Ends with number 5. 10 people came.", ["Ends with number 5.", "10 people came."]),
        # Closing quotes and brackets stay with their sentence; opening ones start the next.
        ('He said "stop." Then he left.', ['He said "stop."', "Then he left."]),
        ('He said "Stop!" She ran.', ['He said "Stop!"', "She ran."]),
        ("“We are not sure,” he said. “Really.”", ["“We are not sure,” he said.", "“Really.”"]),
        ("He (the chief) left. [Note] here.", ["He (the chief) left.", "[Note] here."]),
        ("It was over (finally.) Then came peace.", ["It was over (finally.)", "Then came peace."]),
        # A blank line always ends a sentence, even without punctuation; a single newline after a stop too.
        ("First para here\n\nSecond para here", ["First para here", "Second para here"]),
        ("Headline\r\n\r\nBody text.", ["Headline", "Body text."]),
        ("One. Two.\n\n\n   Three.", ["One.", "Two.", "Three."]),
        ("A sentence.\nAnother on a new line.", ["A sentence.", "Another on a new line."]),
    ],
)
def test_split_sentences(text: str, expected: list[str]) -> None:
    assert split_sentences(text) == expected
    assert [text[s:e] for s, e in sentence_spans(text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("He left. Émile stayed.", ["He left.", "Émile stayed."]),
        ("Talks ended. Österreich agreed.", ["Talks ended.", "Österreich agreed."]),
    ],
)
def test_split_sentences_non_ascii_capital(text: str, expected: list[str]) -> None:
    assert split_sentences(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Scraped pages keep a paragraph break as a rule of hyphens: it ends a sentence.
        (
            "Bashir pardoned 259 rebels sentenced to death.---- Bashir's order came on Wednesday.",
            ["Bashir pardoned 259 rebels sentenced to death.", "Bashir's order came on Wednesday."],
        ),
        (
            "The vote was close.\n- - Although turnout rose, few cheered.",
            ["The vote was close.", "Although turnout rose, few cheered."],
        ),
        ("Results ------------ counting goes on", ["Results", "counting goes on"]),
        # Two hyphens between words are a dash inside one sentence.
        ("The plan -- a bold one -- failed.", ["The plan -- a bold one -- failed."]),
        ("A well-known step-by-step guide.", ["A well-known step-by-step guide."]),
    ],
)
def test_split_sentences_at_hyphen_rules(text: str, expected: list[str]) -> None:
    assert [text[s:e] for s, e in sentence_spans(text)] == expected


def test_sentence_spans_are_exact_offsets_into_the_text() -> None:
    spans = sentence_spans(ARTICLE)
    assert [ARTICLE[s:e] for s, e in spans] == [
        "Amid border tensions, NATO Secretary-General Jens Stoltenberg on Friday gave a stern warning to Russia.",
        'He said any attempt to invade Ukraine "will have consequences."',
        "The U.S. Defense Secretary agreed.",
        "About 90,000 troops have been stationed on the border.",
        "Is an invasion coming?",
        "Nobody knows!",
        "“We are not quite sure what he is up to,” Mr. Austin said.",
    ]
    # Ordered, non-overlapping, and trimmed of outer blanks.
    assert all(e1 <= s2 for (_, e1), (s2, _) in itertools.pairwise(spans))
    assert all(ARTICLE[s:e] == ARTICLE[s:e].strip() for s, e in spans)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", ""),
        ("  plain  ", "plain"),
        ("a\u00a0b\t\nc", "a b c"),  # no-break space, tab and newline fold to one space
        ("line one\r\n\r\n  line two", "line one line two"),
        ("ﬁne", "fine"),  # NFKC expands the ligature
        ("１２ troops", "12 troops"),  # full-width digits
        ("Cafe\u0301", "Café"),  # combining accent composes
    ],
)
def test_normalize(text: str, expected: str) -> None:
    assert normalize(text) == expected


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("troops", "troop"),
        ("stationed", "station"),
        ("stationing", "station"),
        ("station", "station"),
        ("glasses", "glass"),
        ("class", "class"),  # -ss is never stripped
        ("press", "press"),
        ("runs", "runs"),  # stem would be shorter than four letters
        ("cats", "cats"),
        ("sing", "sing"),
        ("bed", "bed"),
    ],
)
def test_stem(word: str, expected: str) -> None:
    assert stem(word) == expected


@pytest.mark.parametrize(
    ("inflected", "base"),
    [
        ("troops", "troop"),
        ("stationed", "station"),
        ("marches", "march"),
        ("warning", "warn"),
        ("warned", "warn"),
        ("decided", "decide"),
        ("deciding", "decide"),
        ("increased", "increase"),
    ],
)
def test_stem_matches_inflections_with_their_base(inflected: str, base: str) -> None:
    assert stem(inflected) == stem(base)


@pytest.mark.parametrize(("inflected", "base"), [("forces", "force"), ("prices", "price"), ("sources", "source")])
def test_stem_plural_of_words_ending_in_e(inflected: str, base: str) -> None:
    assert stem(inflected) == stem(base)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", []),
        ("About 90,000 troops have been stationed", ["90,000", "troop", "station"]),
        ("Tell me about the troops please", ["troop"]),  # stop words, including question filler
        ("Russia's troops", ["russia", "troop"]),
        ("Stoltenberg’s warning", ["stoltenberg", "warn"]),
        ("It's a well-known fact", ["well-known", "fact"]),
        ("The U.S. and NATO's 30-nation alliance", ["nato", "30", "nation", "allianc"]),  # final e dropped
        ("5 of 10 people", ["5", "10", "peopl"]),  # single digits are kept, single letters are not
        ("I x Y", []),
        ("Troops rose 3.5 percent.", ["troop", "rose", "3.5", "percent"]),
    ],
)
def test_terms(text: str, expected: list[str]) -> None:
    assert terms(text) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2017-01-13", "2017-01-13"),
        ("  2017-01-13  ", "2017-01-13"),
        ("Fri, 13 Jan 2017", "2017-01-13"),
        ("Fri, 13 Jan 2017 10:00:00 +0000", "2017-01-13"),
        ("2017-01-13 10:00:00", "2017-01-13"),
        ("2017-01-13T23:30:00-05:00", "2017-01-13"),
        ("January 13, 2017", "2017-01-13"),
        ("13/01/2017", "2017-01-13"),
        (dt.date(2020, 2, 29), "2020-02-29"),
        (dt.datetime(2020, 2, 29, 23, 59), "2020-02-29"),
        (None, None),
        ("", None),
        ("   ", None),
        ("garbage", None),
        ("yesterday", None),
        ("2021-02-30", None),
        ("1700-01-01", None),  # out of range years
        ("2300-01-01", None),
        ("0001-01-01", None),
        ("99999-01-01", None),
    ],
)
def test_parse_date(value: object, expected: str | None) -> None:
    assert parse_date(value) == expected


@pytest.mark.parametrize("value", ["2017", "Jan 2017", "10:00"])
def test_parse_date_partial_dates_are_not_completed_from_today(value: str) -> None:
    assert parse_date(value) is None


@pytest.mark.parametrize(
    ("sentence", "reference", "expected"),
    [
        ("No dates here.", REF, []),
        ("On 2021-11-26 it happened.", None, ["2021-11-26"]),
        ("It was November 26, 2021.", None, ["2021-11-26"]),
        ("Nov. 26th, 2021 was cold.", None, ["2021-11-26"]),
        ("On 3rd of March, 2020 it began.", None, ["2020-03-03"]),
        ("On 2021-11-20 and November 26, 2021.", None, ["2021-11-20", "2021-11-26"]),  # oldest first
        ("Invalid: 2021-13-45 and February 30, 2021.", REF, []),
        # Month and day without a year take the reference year, and are ignored without one.
        ("On 26 November troops moved.", REF, ["2021-11-26"]),
        ("On 26 November troops moved.", None, []),
        ("Sept. 5 was cold.", REF, ["2021-09-05"]),
        ("the 26th of November", REF, ["2021-11-26"]),
        # a date without a year is the one nearest the article's (9 months back to 3 ahead)
        ("December 30 and January 2", REF, ["2021-12-30", "2022-01-02"]),
        ("The ceasefire began on December 30.", "2017-02-07", ["2016-12-30"]),
        ("Talks resume on March 23.", "2017-02-07", ["2017-03-23"]),
        ("He was elected in June.", REF, []),
        ("November 26 and 2021-11-26", REF, ["2021-11-26"]),  # the same day twice is listed once
        # Weekdays and relative words resolve against the reference, and need one.
        ("Stoltenberg on Friday gave a warning.", REF, ["2021-11-26"]),
        ("Stoltenberg on Friday gave a warning.", None, []),
        ("He spoke on Saturday.", REF, ["2021-11-27"]),
        ("last Monday", REF, ["2021-11-22"]),
        ("this past Sunday", REF, ["2021-11-21"]),
        ("Friday was quiet.", REF, []),  # a bare weekday is not a date reference
        ("Shots were fired on Wednesday night.", REF, ["2021-11-24"]),
        ("Shots were fired Wednesday night.", REF, ["2021-11-24"]),
        ("Talks resume next Tuesday.", REF, ["2021-11-30"]),
        ("May will notify the EU next Wednesday.", "2017-03-20", ["2017-03-29"]),  # said on a Monday: next week
        ("The ministers will meet on Tuesday.", REF, ["2021-11-30"]),  # future tense: the Tuesday to come
        # today: news names a week on "next Saturday"; said on its own weekday, what will happen that weekday is
        # that day's (in the corpus: "President Trump will host Iraqi Prime Minister Haider al-Abadi at the White
        # House on Monday", CNN, a Monday; "An autopsy on Belgacem will go ahead on Sunday", CNN, a Sunday)
        ("The ministers will meet on Saturday.", REF, ["2021-11-27"]),
        ("The ministers met on Saturday.", REF, ["2021-11-27"]),
        ("On Wednesday the prime minister will invoke Article 50.", "2017-03-28", ["2017-03-29"]),
        ("On Friday he gave a warning, stating that an attack will have costs.", REF, ["2021-11-26"]),
        ("The summit is due to open on Monday.", REF, ["2021-11-29"]),
        ("Thousands marched last week.", REF, []),  # a week, not a day (see test_dates.py)
        ("The talks in Astana on January 23-24 ended.", "2017-02-07", ["2017-01-23"]),
        ("Elections are scheduled for next week.", REF, []),
        ("yesterday he spoke", REF, ["2021-11-26"]),
        ("Yesterday's news", REF, ["2021-11-26"]),
        ("today", REF, ["2021-11-27"]),
        ("tomorrow", REF, ["2021-11-28"]),
        ("yesterday he spoke", None, []),
        ("He left on Friday, and returned yesterday.", REF, ["2021-11-26"]),
        ("He spoke last friday and on 2021-11-20.", REF, ["2021-11-20", "2021-11-26"]),
    ],
)
def test_dates_in(sentence: str, reference: str | None, expected: list[str]) -> None:
    assert dates_in(sentence, reference) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("About 90,000 troops have been stationed on the border.", [("90,000", "troops")]),
        ("About Russian 90,000 troops have been stationed", [("90,000", "troops")]),
        ("a meeting of the 30-nation alliance", [("30-nation", "alliance")]),
        ("A 1,200-strong force", [("1,200-strong", "force")]),
        ("There were 12 tanks, 40 drones and 7 ships.", [("12", "tanks"), ("40", "drones")]),
        ("Sales of 12 million cars.", [("12 million", "cars")]),
        ("Russia's 100,000 soldiers' tents.", [("100,000", "soldiers' tents")]),
        ("He scored 15.", [("15", "")]),
        # Percentages, in all three spellings; a single-digit percentage still counts.
        ("Unemployment is 3.5% nationally.", [("3.5%", "nationally")]),
        ("Unemployment is 3.5 percent nationally.", [("3.5 percent", "nationally")]),
        ("Unemployment is 4 per cent nationally.", [("4 per cent", "nationally")]),
        ("It fell 5% overnight.", [("5%", "overnight")]),
        ("The deal is worth $2.5 billion.", [("$2.5 billion", "")]),
        ("The bill cost €300 million.", [("€300 million", "")]),
        ("Thousands of people protested.", [("Thousands of", "people")]),
        # Years alone, dates, single digits and numbers inside words are not figures.
        ("In 2021 the army grew.", []),
        ("On 2021-11-26 the talks began.", []),
        ("On November 26, 2021 the talks began.", []),
        ("He has 3 cats.", []),
        ("Flight MH17 crashed.", []),
        ("", []),
    ],
)
def test_figures_in(sentence: str, expected: list[tuple[str, str]]) -> None:
    assert figures_in(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "values"),
    [
        ("On November 26, 2021 12 soldiers died.", ["12"]),
        ("On 26 November 500 troops moved.", ["500"]),
        ("It had 2500 votes.", ["2500"]),  # not a plausible year
    ],
)
def test_figures_in_skips_numbers_inside_dates(sentence: str, values: list[str]) -> None:
    assert [value for value, _ in figures_in(sentence)] == values


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("About 2,000 troops were deployed.", [("2,000", "troops")]),
        ("Some 1,900 soldiers left.", [("1,900", "soldiers")]),
    ],
)
def test_figures_in_keeps_comma_grouped_year_like_numbers(sentence: str, expected: list[tuple[str, str]]) -> None:
    assert figures_in(sentence) == expected
