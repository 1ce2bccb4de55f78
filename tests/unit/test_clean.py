"""Table-driven tests for briefing.text.clean: what may be quoted, with examples shaped like the news corpus."""

from __future__ import annotations

import pytest

from briefing.text.clean import clean_sentences, damaged, junk_reason, lead_length, person_in, sentences, shown


@pytest.mark.parametrize(
    ("sentence", "rest"),
    [
        ("Washington (CNN)President Donald Trump signed the order on Friday.", "President Donald Trump"),
        ("Paso Canoas, Costa Rica (CNN)Yolanda ticks off the countries she passed.", "Yolanda ticks"),
        ("(CNN) Days after a raid on a compound, officials spoke.", "Days after"),
        ("WASHINGTON, Feb 9 (Reuters) - U.S. President Donald Trump said on Thursday.", "U.S. President"),
        ("SEOUL (Reuters) - Samsung Group chief Jay Y. Lee was questioned again.", "Samsung Group"),
        ("MOSCOW, February 7. /TASS/. Russia's foreign trade fell by 0.8 percent.", "Russia's foreign"),
        ("(07.02.2017) US President Donald Trump spoke to the chancellor by phone.", "US President"),
        ("WASHINGTON — The Senate confirmed the nominee by a vote of 51 to 50.", "The Senate"),
        ("BERLIN, Germany -- The chancellor met the delegation in the capital.", "The chancellor"),
        ("NATO Secretary-General Jens Stoltenberg on Friday gave a stern warning.", "NATO Secretary"),
        ("US President Donald Trump spoke to reporters at the White House.", "US President"),
    ],
)
def test_datelines_and_wire_tags_are_cut_off(sentence: str, rest: str) -> None:
    assert sentence[lead_length(sentence) :].startswith(rest)


@pytest.mark.parametrize(
    ("sentence", "reason"),
    [
        ("The port of Odesa reopened on Monday after a week of closures.", None),
        ('"If Russia uses force, that will have consequences," Stoltenberg said.', None),
        ("“We regret that Russia has cut off ties,” Stoltenberg said on Friday.", None),
        ("Is an invasion coming to the region this winter?", "a question"),
        ('"Why now?" the minister asked the reporters gathered outside.', None),
        ("Now believed to be traveling in a white car pic.twitter.com/mDQhvp48aG tonight.", "an embedded post"),
        ("She tweeted that she was honored to serve as @usedgov Secretary today.", "an embedded post"),
        ("The full report is available online at https://example.org/report today.", "an embedded post"),
        # abcnews.go.com, 2017-03-17 (the Orly attack): a post's hashtags, not a sentence of the story
        ("#Orly #airport Air traffic suspended for Orly South & West terminal.", "an embedded post"),
        ("Please write to the newsroom at haveyoursay@bbc.co.uk with your story.", "an address"),
        ("Send Facebook Twitter Google+ Whatsapp Tumblr linkedin stumble Digg reddit.", "share buttons"),
        ("Follow Patrick Strickland on Twitter for more of his reporting.", "share buttons"),
        ("Image caption Protesters gathered outside the court on Monday.", "a caption"),
        ("Dialogue more important than ever for the alliance and its partners", "a fragment (no closing"),
        ("“What we see is a significant, large Russian military build-up.", "a fragment of a quotation"),
        ('He said any attempt to invade Ukraine "will have consequences.', "a fragment of a quotation"),
        ("and then the troops moved further towards the border.", "a fragment (starts"),
        ("Ships wait.", "too short"),
        ("May 19: Trump, now the presumptive nominee, gives Manafort a promotion.", "an entry of a dated list"),
        ("2016 March 28: Then-candidate Trump hires Manafort to lead the delegate effort.", "an entry of a dated list"),
        ("Syria's Geneva talks: 'Expectations pretty low' The Geneva talks come after several rounds.", "a heading"),
    ],
)
def test_junk_reasons(sentence: str, reason: str | None) -> None:
    got = junk_reason(sentence)
    assert (got is None) if reason is None else (got is not None and got.startswith(reason)), got


@pytest.mark.parametrize(
    ("sentence", "is_damaged"),
    [
        ("The Chairman Caoimhgh\ufffdn \u00d3 Caol\ufffdin wrote to the commissioner.", True),
        ('The senator said he doesn"t agree with the plan at all.', True),
        ('It is not age-old "?it is the plot of a video that went viral.', True),
        ("The senator said he doesn't agree with the plan at all.", False),
        ('"We will win," the senator said on Tuesday night.', False),
    ],
)
def test_damaged_text_is_marked(sentence: str, is_damaged: bool) -> None:
    assert damaged(sentence) is is_damaged


@pytest.mark.parametrize(
    ("sentence", "person"),
    [
        ("NATO Secretary-General Jens Stoltenberg on Friday gave a warning to Russia.", "Stoltenberg"),
        ("The port's harbour master, Jan Kros, spoke to reporters on Monday.", "Kros"),
        ("The United States and the European Union held talks in Brussels.", None),
        ("President Donald Trump signed the order.", "Trump"),
        ("Talks resumed on Monday in Geneva.", None),
    ],
)
def test_person_in(sentence: str, person: str | None) -> None:
    assert person_in(sentence) == person


def test_a_pronoun_is_shown_with_its_referent_or_the_sentence_is_left_out() -> None:
    text = (
        "The port's harbour master, Jan Kros, spoke to reporters on Monday. "
        "He rejected any offer below the rate of inflation for the dockers. "
        "The talks broke down late in the evening after six hours. "
        "They will resume at the labour ministry next week, officials said. "
        "His deputy said the safety staff would stay on duty at the terminal."
    )
    found = {text[s.start : s.end][:12]: s for s in sentences(text)}
    assert shown(text[found["He rejected "].start : found["He rejected "].end], "Kros").startswith("[Kros] rejected")
    assert found["He rejected "].referent == "Kros" and found["He rejected "].junk is None
    assert found["They will re"].junk and "leans on" in found["They will re"].junk  # "They": no person to name
    assert found["His deputy s"].junk  # the sentence before names no one
    assert [text[s.start : s.end][:12] for s in clean_sentences(text)] == [
        "The port's h",
        "He rejected ",
        "The talks br",
    ]
    assert shown("His deputy said so.", "Kros") == "[Kros’s] deputy said so."


def test_offsets_point_past_the_dateline_and_repeats_are_dropped() -> None:
    text = (
        "Theresa May has said that now is not the time for a vote.\n\n"
        "Theresa May has said that now is not the time for a vote. "
        "MOSCOW, February 7. /TASS/. Russia's foreign trade fell by 0.8 percent in January."
    )
    got = [text[s.start : s.end] for s in clean_sentences(text)]
    assert got == [
        "Theresa May has said that now is not the time for a vote.",
        "Russia's foreign trade fell by 0.8 percent in January.",
    ]


def test_a_chunk_that_starts_mid_sentence_loses_its_first_piece() -> None:
    text = "the border on Friday. Officials said 40 ships were waiting to load grain."
    assert [text[s.start : s.end] for s in clean_sentences(text, cut_start=True)] == [
        "Officials said 40 ships were waiting to load grain."
    ]


def test_an_embedded_post_starting_with_its_hashtags_is_a_sentence_of_its_own() -> None:
    # abcnews.go.com, 2017-03-17 (the Orly attack)
    text = (
        "Flights were being diverted to Paris' other international airport, Charles de Gaulle Airport.  #Orly "
        "#airport Air traffic suspended for Orly South & West terminal. Do not come to the airport today."
    )
    found = [(text[s.start : s.end], s.junk) for s in sentences(text)]
    assert found[0] == (
        "Flights were being diverted to Paris' other international airport, Charles de Gaulle Airport.",
        None,
    )
    assert found[1][0].startswith("#Orly") and found[1][1] is not None
