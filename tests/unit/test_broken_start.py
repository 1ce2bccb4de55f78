"""A sentence run into a heading or into the sentence before it across a lost paragraph break, found by how
the texts around it write their words (`briefing.text.headings.broken_start`), and cut or kept off the page
when a brief reads stored sentences. The sentences are from the news corpus (bench/data/news.csv)."""

from __future__ import annotations

from collections import Counter

import numpy as np
import pytest

from briefing.analysis.scoring import stored_candidates
from briefing.text.casing import Casing, casing
from briefing.text.headings import broken_start
from briefing.types import Passage

# How the whole corpus writes these words (`casing` over bench/data/news.csv): lower case, capitalised
# (sentence starts left out), and capitalised pairs
CORPUS = Casing(
    lower=Counter(
        relations=373,
        more=5185,
        pay=529,
        young=474,
        coal=196,
        cargo=35,
        forces=750,
        aerospace=16,
        community=612,
        steel=92,
        accountability=40,
        office=836,
        government=2640,
    ),
    upper=Counter(
        relations=59,
        koreans=60,
        more=472,
        pay=13,
        young=34,
        vicki=1,
        coal=18,
        european=1527,
        lufthansa=7,
        cargo=3,
        forces=61,
        aerospace=36,
        paul=193,
        flowers=3,
    ),
    pairs=Counter({("lufthansa", "cargo"): 2, ("aerospace", "forces"): 8, ("koreans", "relations"): 1}),
)

# aljazeera.com, 2017-03-03, "Kim Jong-nam killing: N Korean suspect to be deported": a sub-heading
KOREA = (
    "Malaysia to cancel visa-free entry for North Koreans Relations between Malaysia and North Korea, who have "
    "maintained friendly ties for decades, have soured since the killing of Kim Jong-nam, the estranged brother "
    "leader Kim Jong-un, who had lived for years in exile in Macau."
)
# dw.com, 2017-03-28, "Amnesty admonishes US-led coalition over civilian deaths in Mosul": a sub-heading
MOSUL = "Heavy price to pay More than 3,000 civilians are believed to have-been killed in Mosul since February 19"


def test_a_sentence_after_a_heading_ending_in_a_lower_case_word_is_cut_off() -> None:
    start = broken_start(MOSUL, CORPUS)
    assert start and MOSUL[start:].startswith("More than 3,000 civilians")


def test_a_sentence_after_a_heading_ending_in_a_name_is_not_quoted() -> None:
    assert broken_start(KOREA, CORPUS) is None


def test_words_the_story_capitalises_together_are_a_name() -> None:
    # were "North Koreans Relations" written so elsewhere in the story, it would be a name's words
    pairs = Counter({("koreans", "relations"): 2})
    assert broken_start(KOREA, Casing(CORPUS.lower, CORPUS.upper, pairs)) == 0
    # and so is a capitalised word after one the story mostly writes in lower case ("Foreign Relations")
    assert broken_start(KOREA, Casing(CORPUS.lower + Counter(koreans=60), CORPUS.upper)) == 0


def test_a_word_used_too_rarely_says_nothing() -> None:
    assert broken_start(KOREA, Casing()) == 0


@pytest.mark.parametrize(
    "sentence",
    [
        # bbc.co.uk, 2017-03-13, "Brexit bill: MPs overwhelmingly reject Lords changes"
        "The BBC's political correspondent Vicki Young said she did not expect peers to try to block the bill "
        'any further and this meant it would all be "done and dusted by midnight" on Monday.',
        # aljazeera.com, 2017-02-16, "The Making and Breaking of Europe"
        "Beginning with the establishment of the European Coal and Steel Community from the ashes of World War "
        "II, we chart the trajectory of European integration.",
        # dw.com, 2017-03-17, "Brussels re-imposes hefty fines against air cargo companies"
        "But Germany's Lufthansa Cargo is facing the competition head on, and has become a market leader in "
        "refrigerated consignments.",
        # tass.com, 2017-02-07, "Russia's ambassador says Syrian army may start new offensive against IS"
        "Syria's army backed by the Russian Aerospace Forces is making attempts of seizing the initiative in the "
        "area of Palmyra from the IS, the Russian ambassador has noted",
        # aljazeera.com, 2017-03-29, "Simone Gbagbo cleared of war crimes charges"
        'Human Rights Watch said the judgement left "unanswered serious questions about her alleged role in '
        'brutal crimes".',
        # huffingtonpost.com, 2017-03-15, "New Mexico Library Accuses Couple Of Urinating On Qurans"
        "The Council on American-Islamic Relations called for state and federal officials in New Mexico to "
        "investigate a possible bias motive for the vandalism.",
        # abcnews.go.com, 2017-03-14, "House intel leaders say no evidence Trump was wiretapped"
        "The top Republican and Democrat on the House Intelligence Committee said today that there is no "
        "evidence of any wiretap at Trump Tower in Manhattan during the presidential campaign or transition.",
    ],
)
def test_a_name_is_not_taken_for_a_sentence_start(sentence: str) -> None:
    assert broken_start(sentence, CORPUS) == 0


@pytest.mark.parametrize(
    "sentence",
    [
        # dw.com, 2017-03-19, "US border authority seeks tenders for 30 foot Mexico wall"
        "The Government Accountability Office estimated it would cost about US$6.5 million per mile (3.8 million "
        "euros per-kilometer) for a pedestrian-proof fence.",
        # aljazeera.com, 2017-02-16, "The Making and Breaking of Europe"
        "Beginning with the establishment of the European Coal and Steel Community from the ashes of World War "
        "II, we chart the trajectory of European integration.",
    ],
)
def test_a_name_written_once_in_the_story_is_not_taken_for_a_heading(sentence: str) -> None:
    # a story that writes the name's head ("office", "community") in lower case 9 times in 10, and its other
    # words too rarely to say how: only what opens the name ("The", "and") says it is one
    once = Casing(Counter(office=90, community=612), Counter(office=10, community=68))
    assert broken_start(sentence, once) == 0


def test_a_capitalised_half_of_a_compound_is_no_heading() -> None:
    # cnn.com, 2017-03-27, "Cheney: Putin made 'a very serious effort' to interfere in US election", in a story
    # that writes "war" in lower case 9 times in 10
    sentence = (
        "The former vice president fondly recalled the initial post-Cold War period and said times had changed "
        "for the worse in some ways."
    )
    assert broken_start(sentence, Casing(Counter(war=9), Counter(war=1))) == 0


def test_a_person_named_after_a_title_is_kept_off_the_page_not_cut() -> None:
    # bbc.co.uk, 2017-02-13, "The Co-op Bank puts itself up for sale": "Flowers also stepped down" would
    # misread as a sentence of its own
    sentence = "Bank chairman Paul Flowers also stepped down over concerns about expenses in 2013."
    assert broken_start(sentence, Casing(CORPUS.lower, Counter(paul=193, flowers=3), CORPUS.pairs)) == 0
    assert broken_start(sentence, Casing(Counter(flowers=34), Counter(paul=193, flowers=3))) is None


def test_casing_counts_capitalised_pairs_and_leaves_sentence_starts_out() -> None:
    found = casing(["Relations soured. The Council on Foreign Relations said relations were poor."])
    assert found.lower["relations"] == 1 and found.upper["relations"] == 1
    assert found.pairs["foreign", "relations"] == 1 and not found.pairs["the", "council"]


def _passage(k: int, text: str) -> Passage:
    return Passage(f"a{k}:s0", text, f"a{k}", "Title", "Outlet", "2017-03-03", "", 0, 0, len(text))


def test_a_brief_cuts_or_drops_stored_sentences_run_into_a_heading() -> None:
    # how the story's other sentences write "relations" and "more" (lower case) says what the glue is
    story = [
        "Diplomatic relations with Pyongyang were cut, and relations with Seoul improved.",
        "Ties and relations soured; more relations were strained as more envoys left.",
        "Trade relations and more talks followed, with relations and more aid at stake.",
    ]
    passages = [_passage(k, text) for k, text in enumerate([KOREA, MOSUL, *story])]
    meta = [{"origin": p.article_id} for p in passages]
    cands = stored_candidates(passages, np.ones((len(passages), 3)), meta)
    assert not cands[0].quotable
    assert cands[1].quotable and cands[1].text.startswith("More than 3,000 civilians")
    assert all(c.quotable and c.start == 0 for c in cands[2:])


def test_a_name_after_a_mark_is_no_heading() -> None:
    # huffingtonpost.com, 2017-03-02, "HUFFPOLLSTER: Most Presidential Addresses To Congress Get High Marks"
    sentence = "[Sabato's Crystal Ball] -Nate Silver introduces FiveThirtyEight's presidential approval tracking."
    assert broken_start(sentence, Casing(Counter(silver=9), Counter(silver=1))) == 0


# aljazeera.com, 2017-03-14, "Astana talks marred by Syrian armed opposition boycott": a heading after a
# "READ MORE:" link, as stored and shown
ASTANA = "'NO' to Assad In Astana, Syrian government envoy Bashar al-Jaafari blamed Turkey for the opposition boycott."


def test_a_sentence_opening_with_where_it_happened_is_cut_off_the_heading_before_it() -> None:
    start = broken_start(ASTANA, Casing(Counter(), Counter(assad=72)))
    assert start and ASTANA[start:].startswith("In Astana, Syrian government envoy")


@pytest.mark.parametrize(
    "sentence",
    [
        # bbc.co.uk, 2017-02-08, "Ketchup debate: To chill or not to chill..."
        "In the latest series of Further Back In Time For Dinner, the Robshaw family are sent to a 1900s house.",
        # cnn.com, 2017-02-28, "Trump says Obama behind leaks"
        "A broad coalition of groups including Organizing For Action, the SEIU, MoveOn.org and the Center for "
        "American Progress have been working to help with grassroots organizing around GOP town halls.",
    ],
)
def test_a_title_with_a_capitalised_preposition_is_no_heading(sentence: str) -> None:
    # the corpus writes "back" and "organizing" in lower case (1,302 and 34 times, capitalised 7 and 4)
    assert broken_start(sentence, Casing(Counter(back=1302, organizing=34), Counter(back=7, organizing=4))) == 0


# cnn.com, 2017-03-15, "Will Europe ride the populist wave? A visual guide": one entry of a list by country
FRANCE = (
    "France France will hold its first round of general elections on April 23, with a runoff two weeks later on "
    "May 7 if no candidate gets more than 50% of the vote."
)


def test_a_label_said_again_as_its_sentence_s_subject_is_cut_off() -> None:
    start = broken_start(FRANCE, Casing())
    assert start and FRANCE[start:].startswith("France will hold its first round")


def test_a_name_that_doubles_a_word_is_no_label() -> None:
    # dw.com, 2017-02-06, "She would've turned 100: remembering the inimitable Zsa Zsa Gabor", whose story
    # writes "Zsa Zsa" mid-sentence too
    found = casing(["She would've turned 100: remembering the inimitable Zsa Zsa Gabor."])
    assert broken_start("Zsa Zsa Gabor is a movie star for the ages.", found) == 0
