"""Short lines: a claim shown as its main clause, a heading run into a sentence cut off, key figures that
are figures. The sentences are real ones from the news corpus (some shortened where marked)."""

from __future__ import annotations

import pytest

from briefing.text.facts import key_figure, key_figures
from briefing.text.headings import glued_start
from briefing.text.shortening import main_clause_end


def everything(_: str) -> bool:
    return True


@pytest.mark.parametrize(
    ("text", "line"),
    [
        # an aside between commas, after which the sentence goes on, is not a tail: nothing is cut
        (
            "Det Supt Crossley described how Masood, driving across Westminster Bridge, mounted the pavement twice "
            "in an apparently deliberate attempt to target pedestrians.",
            "Det Supt Crossley described how Masood, driving across Westminster Bridge, mounted the pavement twice "
            "in an apparently deliberate attempt to target pedestrians.",
        ),
        # a trailing participle chain is cut
        (
            "Dutch centre-right Prime Minister Mark Rutte scored a resounding victory over anti-Islam and anti-EU "
            "Geert Wilders in that country's general election, offering huge relief to other governments across "
            "Europe facing a wave of nationalism.",
            "Dutch centre-right Prime Minister Mark Rutte scored a resounding victory over anti-Islam and anti-EU "
            "Geert Wilders in that country's general election",
        ),
        (
            "Pope Francis demanded urgent action Wednesday to protect civilians in Iraq, saying forces involved in "
            "the battle for Mosul have an obligation to protect innocents.",
            "Pope Francis demanded urgent action Wednesday to protect civilians in Iraq",
        ),
        # the speaker of a quotation stays; what they added after is cut
        (
            '"Evidence gathered on the ground in East Mosul points to an alarming pattern," Donatella Rovera, '
            "senior crisis response advisor at Amnesty International, said, adding that coalition forces would "
            "have known civilian casualties would arise from any airstrikes.",
            '"Evidence gathered on the ground in East Mosul points to an alarming pattern," Donatella Rovera, '
            "senior crisis response advisor at Amnesty International, said",
        ),
        # a dash that adds an afterthought is cut; one that opens an aside closed by another is not
        (
            "Polls have opened in The Netherlands in key elections overshadowed by a diplomatic row - all eyes "
            "are on Geert Wilders.",
            "Polls have opened in The Netherlands in key elections overshadowed by a diplomatic row",
        ),
        (
            "Russia, Turkey and Iran - who created a trilateral mechanism to enforce the fragile ceasefire in Syria "
            "last month in Astana - are set to meet again in the Kazakh capital later this week.",
            "Russia, Turkey and Iran - who created a trilateral mechanism to enforce the fragile ceasefire in Syria "
            "last month in Astana - are set to meet again in the Kazakh capital later this week.",
        ),
        # not the subject and its relative clause
        (
            'When launching his election campaign, Mr Wilders, who is anti-EU, vowed to crack down on "Moroccan '
            'scum" and urged the Dutch to "regain" their country.',
            'When launching his election campaign, Mr Wilders, who is anti-EU, vowed to crack down on "Moroccan '
            'scum" and urged the Dutch to "regain" their country.',
        ),
        # a sentence that ends with who said it keeps it: it is not cut
        (
            "Turkey bears responsibility for the armed Syrian opposition's refusal to take part in the Astana "
            "talks, Syria's envoy to the UN Bashar Jaafari, who heads the government's delegation, said on Tuesday.",
            "Turkey bears responsibility for the armed Syrian opposition's refusal to take part in the Astana "
            "talks, Syria's envoy to the UN Bashar Jaafari, who heads the government's delegation, said on Tuesday.",
        ),
        # not a second main clause ("but …"): it is a claim of its own
        (
            "Kazakhstan's capital of Astana will be hosting the third round of Syrian peace talks, but the armed "
            "opposition has refused to take part in the dialogue.",
            "Kazakhstan's capital of Astana will be hosting the third round of Syrian peace talks, but the armed "
            "opposition has refused to take part in the dialogue.",
        ),
        # not after a word that needs what follows ("… told BBC Panorama that")
        (
            "But Deputy Assistant Commissioner Neil Basu told BBC Panorama that, while Masood may have been "
            "inspired by IS, there was no evidence he had discussed his plans.",
            "But Deputy Assistant Commissioner Neil Basu told BBC Panorama that, while Masood may have been "
            "inspired by IS, there was no evidence he had discussed his plans.",
        ),
        # not after a phrase with no clause of its own
        (
            "At a news conference in Brussels, after the summit, the leaders said nothing.",
            "At a news conference in Brussels, after the summit, the leaders said nothing.",
        ),
    ],
)
def test_a_claim_is_shown_as_its_main_clause(text: str, line: str) -> None:
    assert text[: main_clause_end(text, everything)] == line


def test_a_cut_keeps_what_must_be_kept() -> None:
    text = (
        "In advance of the election, opinion polls showed Rutte's liberal VVD narrowly leading the race, and even "
        "if Wilders' PVV emerges as the biggest party, it is unlikely to obtain the majority of the 150 seats."
    )
    assert text[: main_clause_end(text, everything)].endswith("leading the race")
    assert main_clause_end(text, lambda head: "150" in head) == len(text)  # the figure its count is about


@pytest.mark.parametrize(
    ("text", "sentence"),
    [
        (
            "Geert Wilders: Why voters are flocking to Dutch Trump Key issues for voters Given the bellwether nature "
            "of Europe's first election this year, the Netherlands has been thrust into the global spotlight.",
            "Given the bellwether nature of Europe's first election this year, the Netherlands has been thrust into "
            "the global spotlight.",
        ),
        (  # a live blog's time stamp before its entry
            "21.10 Exit polls show Prime Minister Mark Rutte's liberal VVD party leading, taking a projected 31 seats.",
            "Exit polls show Prime Minister Mark Rutte's liberal VVD party leading, taking a projected 31 seats.",
        ),
        (
            "16.55 - More high turnout numbers coming in as The Hague reports a 44.6 percent turnout rate.",
            "More high turnout numbers coming in as The Hague reports a 44.6 percent turnout rate.",
        ),
        (  # a subheading, then a sentence opening with a participle
            "Eighty-two seconds Having reconstructed the attack, the police said it had begun at 14:40:08.",
            "Having reconstructed the attack, the police said it had begun at 14:40:08.",
        ),
        (
            "Latest developments Theresa May says she will accept Brexit consequences.",
            "Theresa May says she will accept Brexit consequences.",
        ),
        (
            "RELATED: Syria's Geneva talks - 'Expectations pretty low' \"We hope that the Moscow and Cairo platforms "
            'will prioritise national interest," Hariri said.',
            '"We hope that the Moscow and Cairo platforms will prioritise national interest," Hariri said.',
        ),
        (
            "Read: What you need to know about the Dutch elections Last week, the Dutch government turned away "
            "Turkish Foreign Minister Mevlet Cavusoglu's plane.",
            "Last week, the Dutch government turned away Turkish Foreign Minister Mevlet Cavusoglu's plane.",
        ),
        # a headline run into its story's first sentence, which repeats the headline's opening words
        (
            "Masood's mother 'saddened and numbed' Masood's mother Janet Ajao said she was saddened and numbed by "
            "what her son had done.",
            "Masood's mother Janet Ajao said she was saddened and numbed by what her son had done.",
        ),
        (
            "Theresa May triggers Article 50 Theresa May has formally begun the process of taking Britain out of "
            "the EU.",
            "Theresa May has formally begun the process of taking Britain out of the EU.",
        ),
        (  # a subheading, then a sentence opening with an opener and a figure
            "Arrests and raids Of 11 people arrested so far, two remained in custody as of late Friday, London's "
            "Metropolitan Police said.",
            "Of 11 people arrested so far, two remained in custody as of late Friday, London's Metropolitan Police "
            "said.",
        ),
        (
            "He grew up in Kent In 2015, he obtained a visa allowing pilgrimage to Mecca.",
            "In 2015, he obtained a visa allowing pilgrimage to Mecca.",
        ),
        # two paragraphs run together: the one that starts and ends as a sentence is kept
        (
            "Media playback is not supported on this device The match was played with a ferocity most would expect.",
            "The match was played with a ferocity most would expect.",
        ),
        (
            "Rutte said there was a real chance that Wilders might emerge victorious The VVD is currently polling at "
            "roughly 16 percent.",
            "The VVD is currently polling at roughly 16 percent.",
        ),
        # prose: a name after a function word, a title, a list of quoted titles
        (
            "The vote was held in The Hague, where Dutch Prime Minister Mark Rutte spoke.",
            "The vote was held in The Hague, where Dutch Prime Minister Mark Rutte spoke.",
        ),
        (
            "The story was first reported by the newspaper The Times on Monday.",
            "The story was first reported by the newspaper The Times on Monday.",
        ),
        (
            'He wrote the scores for "Schindler\'s List," "The Adventures of Tintin" and "Jaws."',
            'He wrote the scores for "Schindler\'s List," "The Adventures of Tintin" and "Jaws."',
        ),
        (
            "After I finished reading The Casual Vacancy I was very much touched by the book.",
            "After I finished reading The Casual Vacancy I was very much touched by the book.",
        ),
        (
            "Rutte's spokesman told The Huffington Post that the talks had stalled.",
            "Rutte's spokesman told The Huffington Post that the talks had stalled.",
        ),
        (
            "Louisiana State Police, who were contacted shortly before midnight, opened an inquiry.",
            "Louisiana State Police, who were contacted shortly before midnight, opened an inquiry.",
        ),
        (  # "Of" inside a name, a figure after a lower-case "in"
            "Visitors to the Tower Of London were evacuated on Wednesday afternoon.",
            "Visitors to the Tower Of London were evacuated on Wednesday afternoon.",
        ),
        (
            "The price of oil rose 3 percent in 2015 and fell again in the following year.",
            "The price of oil rose 3 percent in 2015 and fell again in the following year.",
        ),
        (  # a name said again in its own sentence is no heading
            "Theresa May, the prime minister, said Theresa May would not resign over the vote.",
            "Theresa May, the prime minister, said Theresa May would not resign over the vote.",
        ),
    ],
)
def test_a_heading_run_into_a_sentence_is_cut_off(text: str, sentence: str) -> None:
    start = glued_start(text)
    assert start is not None
    assert text[start:] == sentence


def test_a_lead_in_with_no_sentence_after_it_is_no_sentence() -> None:
    assert glued_start("OPINION: A 'new India' where fringe is the mainstream Adityanath ordered the closure.") is None


@pytest.mark.parametrize(
    ("sentence", "figure"),
    [
        ('Millions of Dutch voters cast their ballots on Wednesday in a test of the "patriotic revolution".', None),
        (
            "21.10 Exit polls show Prime Minister Mark Rutte's liberal VVD party leading the Dutch parliamentary "
            "elections, taking a projected 31 seats.",
            "31 seats",
        ),
        (
            "Rutte portrayed himself as a safe custodian of this nation of 17 million's economic recovery.",
            None,
        ),
        ("Wilders wants to lead a nation of 17 million people.", "17 million people"),
        ("The EU wants 50 billion euros from Britain.", "50 billion euros"),
        ("The VVD won 33 seats Wednesday, down from 41.", "33 seats"),
        ("At least 30 people Tuesday night were killed in the strike.", "30 people"),
        ("The economy grew by 2.1 percent last year.", "2.1 percent"),
        ("Final polls credited the VVD with coming top with 24 to 28 seats.", "24 to 28 seats"),
    ],
)
def test_a_key_figure_is_a_figure_with_what_it_counts(sentence: str, figure: str | None) -> None:
    assert key_figure(sentence) == figure


@pytest.mark.parametrize(
    ("sentence", "figures"),
    [  # every figure of a sentence, each with what it counts, and no fragment of the words after it
        ("With 90 votes to 34, Scottish parliament voted against triggering Article 50.", ["90 votes"]),
        ("A spokesperson acknowledged air strikes in Mosul on January 11 and 12, noting a review.", []),
        ("Forces with an overall strength of more than 60,000 have joined the agreement.", []),
        ("The talks would centre on UN Security Council resolution 2254 which calls for elections.", []),
        ("The United States had admitted to killing 220 civilians since 2014.", ["220 civilians"]),
        ("Besides, 17 units of special equipment have been deployed to Palmyra.", ["17 units"]),
        ("Rutte's VVD had 33 seats and the PVV 20 seats.", ["33 seats", "20 seats"]),
        # counted before ("those", "these"): the count is another sentence's (China Daily, 20 January 2017;
        # TASS, 7 February 2017), not a second report of it
        ("We would like to put more effort into those three categories and diversify our business.", []),
        ("I think I've performed my duties during these two terms decently.", []),
        # a period things happen in, not a count (Turkish purges, 7 February 2017; eurozone poll, 6 February)
        ("More than 600 companies have been seized by the government over the last 18 months.", ["600 companies"]),
        ("More investors than ever consider a breakup of the eurozone likely in the next 12 months.", []),
    ],
)
def test_key_figures_are_every_figure_of_a_sentence(sentence: str, figures: list[str]) -> None:
    assert [figure for figure, _ in key_figures(sentence)] == figures
