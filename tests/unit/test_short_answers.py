"""Where a short answer comes from, how its reports are counted, and when a different one is a
disagreement: sentences whose vectors are set by hand."""

from __future__ import annotations

import numpy as np
import pytest

from briefing.analysis.citations import Citer
from briefing.analysis.leads import (
    full_form,
    headline_lead,
    headlined,
    in_role,
    lead_sentence,
    named_in_role,
    neighbour,
    projected,
    short_answers,
    title_cased,
    written_in_full,
)
from briefing.analysis.scoring import Candidate
from briefing.text.spans import answer_spans
from briefing.types import Passage

DIM = 8
QUESTION = "How many ships are waiting offshore?"


def vector(*weights: float) -> np.ndarray:
    v = np.zeros(DIM, dtype=np.float32)
    v[: len(weights)] = weights
    return v / np.linalg.norm(v)


SHIPS, SHIPS_TOO, OTHER = vector(0, 1, 0.2), vector(0, 1, 0.35), vector(0, 0, 0, 1)


def cand(text: str, v: np.ndarray, article: str, source: str, origin: str = "", title: str = "") -> Candidate:
    passage = Passage(
        f"{article}:0", text, article, title or f"Title {article}", source, "2024-06-05", "", 0, 0, len(text)
    )
    return Candidate(passage, 0, len(text), v, 0, origin=origin or article)


def leads_of(cands: list[Candidate], scores: list[float]) -> list:
    spans = {i: answer_spans(QUESTION, c.text, c.passage.date) for i, c in enumerate(cands)}
    everyone = list(range(len(cands)))
    lead = lead_sentence(everyone, everyone, spans, np.asarray(scores))
    assert lead is not None
    return short_answers(lead, everyone, everyone, cands, np.asarray(scores), spans, Citer())


def test_the_same_figure_from_independent_reports_is_counted_and_a_copy_once() -> None:
    cands = [
        cand("The port authority said 41 ships are waiting offshore.", SHIPS, "a", "Harbour Post"),
        cand("Some 41 ships were waiting offshore on Friday, officials said.", SHIPS_TOO, "b", "Wire"),
        cand("Some 41 ships were waiting offshore on Friday, officials said.", SHIPS_TOO, "c", "Daily", origin="b"),
    ]
    (lead,) = leads_of(cands, [0.8, 0.7, 0.7])
    assert lead.span == "41 ships" and lead.reports == 2 and lead.outlets == ["Harbour Post", "Wire", "Daily"]
    assert lead.citations == [1, 2]  # the copy is not cited again


def test_different_figures_from_independent_reports_on_one_thing_are_a_disagreement() -> None:
    cands = [
        cand("The port authority said 41 ships are waiting offshore.", SHIPS, "a", "Harbour Post"),
        cand("More than 60 ships are waiting offshore, the union said.", SHIPS_TOO, "b", "Union News"),
    ]
    leads = leads_of(cands, [0.8, 0.7])
    assert [(lead.span, lead.citations) for lead in leads] == [("41 ships", [1]), ("More than 60 ships", [2])]


def test_a_different_figure_about_something_else_is_no_disagreement() -> None:
    cands = [
        cand("The port authority said 41 ships are waiting offshore.", SHIPS, "a", "Harbour Post"),
        cand("Last year 300 ships a week used the port.", OTHER, "b", "Union News"),
    ]
    assert [lead.span for lead in leads_of(cands, [0.8, 0.7])] == ["41 ships"]


def test_the_name_in_the_next_sentence_of_the_article() -> None:
    first = "The heir of the group was questioned for 15 hours."
    text = f"{first} Lee Jae-yong, 48, denied wrongdoing."
    passage = Passage("a:0", text, "a", "Title", "Wire", "2017-01-13", "", 0, 0, len(text))
    cands = [
        Candidate(passage, 0, len(first), OTHER, 0),
        Candidate(passage, len(first) + 1, len(text), OTHER, 1),
    ]
    found = neighbour(0, cands, "Who is the heir of the group?")
    assert found is not None and found[0] == 1 and found[1][0].text == "Lee Jae-yong"


def test_a_headline_gives_the_answer_when_no_sentence_does() -> None:
    headline = "Britain to trigger Article 50 on March 29, says May's spokesman"
    c = cand("Britain will formally start the process of leaving the EU soon.", OTHER, "a", "Wire", title=headline)
    lead = headline_lead(c, "When will Britain trigger Article 50?", 1)
    assert lead is not None and lead.span == "March 29" and lead.headline and lead.citations == [1]
    assert "in its headline" in lead.markdown()


ROOT = "Joe Root: England name batsman Test captain, succeeding Alastair Cook"
ROOT_TEXT = "England have named batsman Joe Root as their new Test captain after the resignation of Alastair Cook."


@pytest.mark.parametrize(
    ("title", "text", "cased"),
    [
        ("Man Performs LGBTQ Rights Rap", "A man performs a rap about the rights of LGBTQ people.", True),
        (ROOT, ROOT_TEXT, False),  # six capitals of ten words, all names: the words it capitalises are names
    ],
)
def test_a_headline_in_title_case_names_no_one(title: str, text: str, cased: bool) -> None:
    assert title_cased(title, text) is cased


def test_the_headline_of_any_shown_sentence_may_give_the_answer() -> None:
    from briefing.types import Source

    question = "Who was appointed England's Test captain to succeed Alastair Cook?"
    cook = cand("Cook took over the England captaincy in 2012.", OTHER, "a", "BBC", title="Cook resigns as captain")
    said = '"Joe is the right man to be our next Test captain," said Strauss.'
    text = f"{ROOT_TEXT} {said}"
    chunk = Passage("b:0", text, "b", ROOT, "BBC", "2024-06-05", "", 0, 0, len(text))
    root = Candidate(chunk, len(ROOT_TEXT) + 1, len(chunk.text), OTHER, 0)
    sources = [Source(1, "a", "Cook resigns", "BBC", None, ""), Source(2, "b", ROOT, "BBC", None, "")]
    lead = headlined(question, [cook, root], sources)
    assert lead is not None and lead.span == "Joe Root" and lead.citations == [2] and lead.headline


def test_the_short_answer_comes_from_the_sentence_telling_the_asked_event() -> None:
    # dw.com and aljazeera.com, 2017-03-19 and 2017-02-12: both say "on Sunday"; he was elected on the second
    from briefing.analysis.subject import states_asked
    from briefing.engines.extractive import EVENT, placed

    question = "On what date was Frank-Walter Steinmeier elected German president?"
    office = "Frank-Walter Steinmeier became Germany's new president on Sunday after a symbolic transfer of power."
    votes = "Steinmeier on Sunday won 931 out of 1,239 valid votes cast by the members of the Federal Assembly."
    cands = [
        cand(office, OTHER, "a", "DW", title="Frank-Walter Steinmeier assumes office as German president"),
        cand(votes, OTHER, "b", "Al Jazeera", title="Frank-Walter Steinmeier elected as Germany's president"),
    ]
    asked = states_asked(question, cands)
    assert asked.tolist() == [0.0, 1.0]  # "elected" is in the second's headline only
    spans = {i: answer_spans(question, c.text, c.passage.date) for i, c in enumerate(cands)}
    scores = np.asarray([0.7, 0.55])
    assert placed([0, 1], [0, 1], cands, scores, spans, question, 2)[1] == 0  # nearer the question's words
    assert placed([0, 1], [0, 1], cands, scores + EVENT * asked, spans, question, 2)[1] == 1
    assert not states_asked("Who is Frank-Walter Steinmeier?", cands).any()  # no verb asked: none preferred


def test_a_name_in_the_asked_role_leads_from_a_less_relevant_sentence() -> None:
    question = "Who carried out the London attack?"
    victims = "Two of Masood's victims, Aysha Frade and US tourist Kurt Cochran, died on Wednesday."
    agent = "Police are trying to establish whether attacker Khalid Masood acted alone."
    cands = [cand(victims, SHIPS, "a", "BBC"), cand(agent, OTHER, "b", "BBC")]
    spans = {i: answer_spans(question, c.text, c.passage.date) for i, c in enumerate(cands)}
    scores = np.asarray([0.9, 0.5])  # only the victims' sentence is among the best
    role = in_role(question, [0, 1], spans)
    assert role == [1]
    lead = lead_sentence([0], [0, *role], spans, scores)
    assert lead == 1 and spans[1][0].text == "Khalid Masood"
    assert in_role("How many died in the London attack?", [0, 1], spans) == []  # names lead who-questions only


SEATS = "How many seats did the VVD win in the Dutch election?"
COUNT = (
    "With more than 93 percent of votes counted, Rutte's liberal VVD party was set to win 33 seats, making it the "
    "largest in the new 150-seat parliament."
)
EXIT_POLL = (
    "Exit polls show Prime Minister Mark Rutte's liberal VVD party leading the Dutch parliamentary elections, "
    "taking a projected 31 seats."
)


def seat_leads(cands: list[Candidate], scores: list[float]) -> list:
    spans = {i: answer_spans(SEATS, c.text, c.passage.date) for i, c in enumerate(cands)}
    everyone = list(range(len(cands)))
    lead = lead_sentence(everyone, everyone, spans, np.asarray(scores))
    assert lead is not None
    return short_answers(lead, everyone, everyone, cands, np.asarray(scores), spans, Citer())


def test_a_projection_does_not_dispute_a_result() -> None:
    assert projected(EXIT_POLL) and not projected(COUNT)
    cands = [cand(COUNT, SHIPS, "a", "Reuters"), cand(EXIT_POLL, SHIPS_TOO, "b", "Al Jazeera")]
    assert [lead.span for lead in seat_leads(cands, [0.8, 0.7])] == ["33 seats"]


def test_the_result_leads_in_place_of_a_projection() -> None:
    cands = [cand(EXIT_POLL, SHIPS, "b", "Al Jazeera"), cand(COUNT, SHIPS_TOO, "a", "Reuters")]
    (lead,) = seat_leads(cands, [0.9, 0.7])  # the exit poll's sentence is the more relevant
    assert lead.span == "33 seats" and lead.citations == [1]


def test_two_projections_that_differ_still_disagree() -> None:
    other = "A late poll put the VVD on a projected 27 seats."
    cands = [cand(EXIT_POLL, SHIPS, "b", "Al Jazeera"), cand(other, SHIPS_TOO, "c", "Wire")]
    assert [lead.span for lead in seat_leads(cands, [0.9, 0.7])] == ["31 seats", "27 seats"]


ORLY = "Who was the gunman shot dead at Orly airport after grabbing a soldier's weapon?"
# bbc.co.uk/news/world-europe-39318591, "Orly airport: France launches terror investigation"
ARRIVED = "Belgacem arrived at the airport and attacked the military patrol in the south terminal."
FULL = (
    "Ziyed Ben Belgacem, 39, was killed on Saturday after he put a gun to a soldier's head saying he wanted to "
    '"die for Allah", officials say.'
)


def orly_leads(stored: list[Candidate], question: str = ORLY, sentence: str = ARRIVED) -> list:
    cands = [cand(sentence, SHIPS, "a", "BBC")]
    spans = {0: answer_spans(question, sentence, "2017-03-18")}
    return short_answers(0, [0], [0], cands, np.asarray([0.8]), spans, Citer(), stored)


def sentence_of(text: str, article: str, at: int) -> Candidate:
    """A stored sentence of an article, as `briefing.api.ask.article_sentences` reads it."""
    passage = Passage(f"{article}:s{at}", text, article, "Title", "BBC", "2017-03-18", "", at, at, at + len(text))
    return Candidate(passage, 0, len(text), OTHER, at)


def test_a_short_name_leads_in_the_fullest_form_its_article_writes() -> None:
    (lead,) = orly_leads([sentence_of(FULL, "a", 0)])
    assert lead.span == "Ziyed Ben Belgacem" and lead.citations == [1]
    assert any(lead.span in q.text for q in lead.quoted)  # a verbatim piece of a sentence it cites
    (lead,) = orly_leads([sentence_of(FULL, "b", 0)])  # another article's man of that name is not his
    assert lead.span == "Belgacem"
    (lead,) = orly_leads([])  # nothing read: the name as the sentence gives it
    assert lead.span == "Belgacem"


def test_a_nationality_is_no_part_of_the_name_and_two_full_forms_are_no_guess() -> None:
    # abcnews.go.com, "Paris airport attacker 'extremely violent' criminal"
    nationality = (
        "Frenchman Ziyed Ben Belgacem, who was shot dead at Paris Orly airport, was known to police for a number "
        "of convictions."
    )
    (lead,) = orly_leads([sentence_of(nationality, "a", 0)])
    assert lead.span == "Ziyed Ben Belgacem"
    other = "His brother Karim Belgacem was questioned by police."  # made up: a second Belgacem
    (lead,) = orly_leads([sentence_of(FULL, "a", 0), sentence_of(other, "a", 300)])
    assert lead.span == "Belgacem"


def test_a_common_word_opening_a_sentence_is_no_part_of_a_name() -> None:
    # cnn.com, 2017-03-09, "Champions League 2017: Barcelona routs Paris Saint-Germain 6-1 in astonishing
    # comeback": the article writes "historic" in lower case too
    question = "Who scored Barcelona's winning goal in the 6-1 comeback against PSG?"
    sentence = (
        "The home side were coasting, but just past the hour Uruguayan striker Edison Cavani's volley seemingly put "
        "PSG back in control, with Barca needing to score three more times, given the French side now had a crucial "
        "away goal."
    )
    heading = (
        "Historic Barca's president Josep Maria Bartomeu said on the club's Twitter feed it was an \"historic "
        'achievement that will be remembered forever."'
    )
    (lead,) = orly_leads([sentence_of(heading, "a", 0)], question, sentence)
    assert lead.span == "Barca"


def test_a_name_in_the_asked_role_is_found_in_the_rest_of_an_article() -> None:
    """cnn.com, 2017-03-25, "London attack inquiry focuses on radicalization of perpetrator": retrieval brought
    its opening, which says "the perpetrator"; its fourth sentence names him as the attacker."""
    opening = (
        "Police investigating the deadly terrorist attack in central London are focusing closely on how the "
        "perpetrator became radicalized, as they battle to piece together his identity and connections."
    )
    rowley = (
        "Britain's most senior counter-terror police officer, Mark Rowley, described the inquiry as \"very large "
        'and fast-paced," and announced two "significant arrests" Friday.'
    )
    named = (
        "Authorities had earlier portrayed the attacker, 52-year-old British man Khalid Masood, as having acted alone."
    )
    stored = [sentence_of(opening, "c", 0), sentence_of(rowley, "c", 200), sentence_of(named, "c", 400)]
    found = named_in_role("Who carried out the London attack?", stored, ["c"])
    assert found is not None and found.text == named
    assert named_in_role("Who carried out the London attack?", stored, ["b"]) is None  # only the articles given
    assert named_in_role("How many died in the London attack?", stored, ["c"]) is None  # names answer who


def test_the_sentence_writing_the_name_in_full_is_quoted_after_the_lead() -> None:
    # abcnews.go.com/Lifestyle/wireStory/french-police-release-father-orly-airport-attacker-46235180
    wrested = (
        "Yelling that he wanted to kill and die for Allah, Belgacem wrested away the soldier's assault rifle during "
        "the Saturday morning airport attack but was shot and killed by her two colleagues before he could fire the "
        "military-grade weapon in Orly's busy South Terminal."
    )
    # abcnews.go.com/International/police-operation-underway-paris-orly-airport/story?id=46219920
    evacuated = (
        "Paris' Orly Airport was partially evacuated Saturday morning after a man was fatally shot by French security "
        "forces after he tried to seize a rifle from a soldier guarding the airport, France's Ministry of the Interior "
        "has confirmed."
    )
    cands = [cand(wrested, SHIPS, "a", "ABC"), cand(ARRIVED, SHIPS_TOO, "b", "BBC"), cand(evacuated, OTHER, "c", "ABC")]
    spans = {i: answer_spans(ORLY, c.text, "2017-03-18") for i, c in enumerate(cands)}
    scores = np.asarray([0.8, 0.7, 0.7])
    stored = [sentence_of(FULL, "b", 0)]  # the BBC article, which gives the same answer, writes it in full
    full = full_form(0, [0, 1], cands, scores, spans, stored)
    assert full is not None and full.text == FULL
    shown, more = written_in_full(full, 0, [0, 2], cands, 3)
    assert [more[i].text for i in shown] == [wrested, FULL, evacuated]  # what backs the name, beside it
    shown, more = written_in_full(full, 0, [0, 2, 1], cands, 3)
    assert [more[i].text for i in shown] == [wrested, FULL, evacuated]  # the least relevant makes way
    assert full_form(0, [0, 1], cands, scores, spans, [sentence_of(FULL, "c", 0)]) is None  # another story's man


def test_a_rival_figure_must_be_about_the_one_asked_about() -> None:
    from briefing.analysis.leads import about_the_same

    # rte.ie and the BBC, 2017-03-16 (the Dutch election): the chamber's size is no rival to the VVD's seats
    lead = "With most votes counted for the 150-seat legislature, Rutte's VVD had 33 seats, eight fewer than in 2012."
    assert not about_the_same("The lower house has 150 seats, so 76 are needed for a majority.", lead, ["Rutte", "VVD"])
    assert about_the_same("Exit polls gave Rutte's party 31 seats.", lead, ["Rutte", "VVD"])
    assert about_the_same("The lower house has 150 seats.", "Turnout was 81 percent.", ["Rutte"])  # the lead names none
