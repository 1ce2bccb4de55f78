"""A who-question's span is the name in the asked role: the agent of the asked verb, not its victim (issue 21).
Sentences are the news corpus's own."""

from __future__ import annotations

import pytest

from briefing.text.span_roles import AGENT, PATIENT, asked_role, role_in
from briefing.text.spans import answer_spans

CARRIED = "Who carried out the London attack?"
VICTIMS = (
    "Masood's victims were PC Keith Palmer - who was stabbed outside Parliament - Aysha Frade, who was in her 40s "
    "and worked at a London sixth-form college, US tourist Kurt Cochran, 54, and retired window cleaner Leslie Rhodes."
)
TWO_VICTIMS = (
    "Two of Masood's victims, Aysha Frade - a teacher in her 40s - and US tourist Kurt Cochran, 54, died on Wednesday."
)
NIKITIN = (
    "Putin has also appointed Director General of the Agency for Strategic Initiatives Andrei Nikitin as acting "
    "head of the republic."
)


@pytest.mark.parametrize(
    ("question", "verb", "role"),
    [
        (CARRIED, "carri", AGENT),
        ("Who was appointed England's Test cricket captain?", "appoint", PATIENT),
        ("Whom did Putin appoint acting governor of the Novgorod Region?", "appoint", PATIENT),
        ("Who did Trump nominate for labor secretary?", "nominat", PATIENT),
        ("Which group claimed responsibility for the parcel bomb?", "claim", AGENT),
        ("Who shot Michael Brown?", "shoot", AGENT),
    ],
)
def test_the_role_a_question_asks_for(question: str, verb: str, role: str) -> None:
    asked = asked_role(question)
    assert asked is not None
    assert (asked.verb, asked.role) == (verb, role)


def test_a_question_of_who_someone_is_asks_no_role() -> None:
    assert asked_role("Who is NATO's secretary-general?") is None
    assert asked_role("Who is the eight-year-old girl who wrote a guide?") is None


@pytest.mark.parametrize(
    ("question", "sentence", "name", "role"),
    [
        (CARRIED, VICTIMS, "Aysha Frade", PATIENT),  # a victim in a list of them
        (CARRIED, VICTIMS, "Masood", AGENT),  # whose victims they were
        (CARRIED, TWO_VICTIMS, "Kurt Cochran", PATIENT),
        (
            CARRIED,
            "British police have said 52-year-old Khalid Masood was the man who carried out Wednesday's attack.",
            "Khalid Masood",
            AGENT,
        ),
        (CARRIED, "Police are trying to establish whether attacker Khalid Masood acted alone.", "Khalid Masood", AGENT),
        (
            CARRIED,
            "Authorities had earlier portrayed the attacker, 52-year-old British man Khalid Masood, as having acted "
            "alone.",
            "Khalid Masood",
            AGENT,
        ),
        (
            "Who shot Michael Brown?",
            "Brown was accused of robbing the Ferguson Market before he was fatally shot by Darren Wilson, a white "
            "Ferguson police officer, in 2014.",
            "Darren Wilson",
            AGENT,
        ),  # the passive's "by" agent
        ("Whom did Putin appoint acting governor of the Novgorod Region?", NIKITIN, "Andrei Nikitin", PATIENT),
        (
            "Who was appointed England's Test captain?",
            "Joe Root was appointed captain on Wednesday.",
            "Joe Root",
            PATIENT,
        ),
        (
            "Who appointed Joe Root?",
            "Joe Root was appointed captain by England director Andrew Strauss.",
            "Joe Root",
            PATIENT,
        ),  # the subject of a passive is who it was done to
    ],
)
def test_the_role_a_name_stands_in(question: str, sentence: str, name: str, role: str) -> None:
    asked = asked_role(question)
    assert asked is not None
    start = sentence.index(name)
    assert role_in(sentence, start, start + len(name), asked) == role


def test_a_name_apart_from_the_verb_has_no_role() -> None:
    asked = asked_role("Who killed PC Keith Palmer?")
    assert asked is not None
    sentence = "After crashing, Masood then fatally stabbed PC Keith Palmer outside Parliament."
    start = sentence.index("Parliament")  # "stabbed outside Parliament": a place, not the object
    assert role_in(sentence, start, start + len("Parliament"), asked) is None


@pytest.mark.parametrize(
    ("question", "sentence", "lead", "not_lead"),
    [
        (CARRIED, TWO_VICTIMS, None, "Aysha Frade"),  # no name in the asked role fills the slot squarely
        (CARRIED, VICTIMS, "Masood", "Aysha Frade"),  # whose victims they were
        ("Whom did Putin appoint acting governor of the Novgorod Region?", NIKITIN, "Andrei Nikitin", None),
    ],
)
def test_a_victim_does_not_answer_who_did_it(
    question: str, sentence: str, lead: str | None, not_lead: str | None
) -> None:
    square = [s.text for s in answer_spans(question, sentence) if s.fit >= 2]
    assert (square[0] if square else None) == lead
    assert not_lead not in square


def test_the_name_in_the_asked_role_fits_best() -> None:
    sentence = "Masood's victims were named as Aysha Frade and Kurt Cochran, and attacker Khalid Masood was shot dead."
    assert answer_spans(CARRIED, sentence)[0].text == "Khalid Masood"


def test_who_killed_is_not_answered_with_those_who_died() -> None:
    question = "Who killed PC Keith Palmer?"
    died = (
        "The other three who died were policeman Keith Palmer, stabbed as he protected Parliament, American tourist "
        "Kurt Cochran and college administrator Aysha Frade."
    )
    assert not [s.text for s in answer_spans(question, died) if s.fit >= 2]
    victims = "Masood's victims were PC Keith Palmer and US tourist Kurt Cochran."
    assert answer_spans(question, victims)[0].text == "Masood"  # one word, but whose victims they were


# abcnews.go.com, "KKK 'imperial wizard' found dead on a Missouri riverbank" (2017-02-13)
HAYES = (
    'In 2014, he appeared on the MSNBC show "All In" with Chris Hayes, in which he defended fliers that the Klan '
    "distributed during the protests that took place in Ferguson, Missouri, that year."
)


def test_a_name_something_was_done_with_is_not_in_the_asked_role() -> None:
    # the TV host he appeared with is no answer to who was charged with his murder (a near miss: declined)
    spans = answer_spans("Who was charged with the murder of Ku Klux Klan leader Frank Ancona?", HAYES)
    assert all(s.kind_fit < 0.5 for s in spans if s.text == "Chris Hayes")


def test_a_name_met_with_is_in_the_asked_role() -> None:
    # the asked verb in its clause: "met with X" is whom he met
    # "Actor Richard Gere talks with Angela Merkel about Tibet" (2017-02-09)
    sentence = (
        "Just before the premiere of his new movie at the Berlinale, actor Richard Gere met with Angela Merkel in "
        "the Chancellery."
    )
    assert answer_spans("Whom did Richard Gere meet in the Chancellery?", sentence)[0].text == "Angela Merkel"


@pytest.mark.parametrize(
    ("question", "sentence", "name", "role"),
    [
        # bbc.co.uk, 2017-02-24: the subject of a verb of its own ("has not confirmed"), not of "killed"
        (
            "Who killed Kim Jong-nam?",
            "North Korea has not confirmed that the person killed on 13 February at Kuala Lumpur airport was Kim "
            "Jong-nam, the half brother of leader Kim Jong-un.",
            "North Korea",
            None,
        ),
        # abcnews.go.com, 2017-02-17: whose pick it was, not who replaced him
        (
            "Who replaced Michael Flynn as national security adviser?",
            "President Donald Trump's pick to replace ousted National Security Adviser Michael Flynn turned down an "
            "offer to join the administration.",
            "Donald Trump",
            None,
        ),
        # tass.com, 2016-12-20: the question calls him "the Russian ambassador": the one shot, not who shot him
        (
            "Who shot the Russian ambassador in Ankara?",
            "Russian ambassador to Turkey, Andrey Karlov, 62, was assassinated in Ankara on December 20.",
            "Andrey Karlov",
            PATIENT,
        ),
        (CARRIED, "Police said Khalid Masood carried out the attack alone.", "Khalid Masood", AGENT),
    ],
)
def test_a_name_is_no_subject_of_the_asked_verb_across_a_verb_or_a_possessive(
    question: str, sentence: str, name: str, role: str | None
) -> None:
    asked = asked_role(question)
    assert asked is not None
    start = sentence.index(name)
    assert role_in(sentence, start, start + len(name), asked) == role


def test_a_name_in_a_sentence_that_does_not_say_the_asked_verb_does_not_fill_the_slot_squarely() -> None:
    # bbc.co.uk, 2017-03-27: who described what Masood did is not who carried out the attack
    sentence = (
        "Det Supt Crossley described how Masood, driving across Westminster Bridge, mounted the pavement twice in "
        "an apparently deliberate attempt to target pedestrians."
    )
    assert not [s.text for s in answer_spans("Who carried out the Westminster attack?", sentence) if s.fit >= 2]
    said = "Det Supt Crossley said Khalid Masood carried out the attack alone."
    assert [s.text for s in answer_spans("Who carried out the Westminster attack?", said) if s.fit >= 2] == [
        "Khalid Masood"
    ]
