"""The span that fills a question, found in real sentences (the seed article and news articles)."""

from __future__ import annotations

import pytest

from briefing.text.span_names import name_forms
from briefing.text.spans import Span, answer_spans
from briefing.text.spans_base import same_answer

ARMY = "Russia’s 41st army has been stationed in Yelnya, a town 260 kilometers north of the Ukrainian border."
WARNING = (
    "Amid border tensions between Moscow and Kyiv over troop concentration, NATO Secretary-General Jens "
    "Stoltenberg on Friday gave a stern warning to Russia."
)


@pytest.mark.parametrize(
    ("question", "sentence", "span"),
    [
        ("Where is the 41st army stationed?", ARMY, "Yelnya"),
        ("How far is Yelnya from the Ukrainian border?", ARMY, "260 kilometers"),
        (
            "How many troops has Russia stationed on the border?",
            "About Russian 90,000 troops have been stationed on the highly volatile border.",
            "90,000 troops",
        ),
        ("Who is NATO's secretary-general?", WARNING, "Jens Stoltenberg"),  # the title is not the name
        # the speaker titled as asked answers; here he is who spoke, and the question asks who said
        (
            "Who is NATO's secretary-general?",
            "NATO Secretary-General Jens Stoltenberg said Russia must act.",
            "Jens Stoltenberg",
        ),
        ("Who said Russia must act?", "NATO's chief Jens Stoltenberg said Russia must act.", "Jens Stoltenberg"),
        ("Which organisation does Stoltenberg lead?", WARNING, "NATO"),  # the body in the role he is given
        ("When did Stoltenberg warn Russia?", WARNING, "Friday"),
        # how much something rose: the change, in percent here (not money), never the question's own number
        (
            "How much did cargo rise at harbour number 150?",
            "The harbour number 150 reported cargo rose by 1053 percent in May.",
            "1053 percent",
        ),
        ("By how much did exports fall?", "Exports fell by 4.5% in May, the ministry said on 3 June.", "4.5%"),
        (
            "Which countries will NATO hold a dialogue with?",
            "Stoltenberg stated during his press conference in Latvia, adding that NATO will hold a dialogue with "
            "Georgia and Ukraine.",
            "Georgia and Ukraine",
        ),
        (
            "What test put the International Space Station at risk?",
            "NATO accused Russia of conducting 'a reckless anti-satellite missile test', which, it said, put the "
            "International Space Station at risk.",
            "reckless anti-satellite missile test",
        ),
        (
            "Who trained Cheltenham Gold Cup winner Sizing John?",  # the trainer, not the jockey beside him
            "The seven-year-old, owned by Alan and Ann Potts, produced a brilliant display in the hands of Robbie "
            "Power to give trainer Jessica Harrington a first Gold Cup victory.",
            "Jessica Harrington",
        ),
        (
            "Which federal judge in Honolulu took up Hawaii's lawsuit against Trump's revised travel ban?",
            "U.S. District Judge Derrick Watson granted the state's request to continue with the case.",
            "Derrick Watson",
        ),
        (
            "What was the vote in the Scottish parliament against triggering Article 50?",
            "With 90 votes to 34, Scottish parliament voted overwhelmingly against triggering Article 50.",
            "90 votes to 34",
        ),
        (
            "How much did Russia earn from military hardware exports in 2016, according to Medvedev?",
            "Russia's military hardware exports yielded about $15 billion for the state coffers in 2016.",
            "about $15 billion",
        ),
        (
            "What net profit did Eurotunnel report for 2016?",  # not the conversion in brackets
            "The owner of the rail link logged a net profit of 200 million euros ($211 million) in 2016.",
            "200 million euros",
        ),
        (
            "How high does US Homeland Security want the Mexico border wall prototypes to be?",
            "It should be 30 feet (9 meters) high and the wall facing the U.S. side should be pleasing.",
            "30 feet",
        ),
        (
            "When did Russia's UN ambassador Vitaly Churkin die?",
            "Vitaly Churkin died on February 20, a day before his 65th birthday.",
            "February 20",
        ),
        (
            "Where were significant quantities of human remains found at a former mother-and-baby home?",
            "Human remains have been discovered at the site of the former mother-and-baby home in Tuam, Co Galway.",
            "Tuam, Co Galway",
        ),
        (
            "To which Spanish city has Russian low-cost airline Pobeda been cleared to fly from Moscow?",
            "It permits the Pobeda low-cost airline to conduct flights between Moscow and Spain's Reus.",
            "Spain's Reus",
        ),
        (
            "Which group claimed responsibility for the parcel bomb sent to Wolfgang Schaeuble?",
            "A militant Greek group Conspiracy of Fire Cells claimed responsibility for a parcel bomb mailed to "
            "German Finance Minister Wolfgang Schaeuble yesterday.",
            "Conspiracy of Fire Cells",
        ),
        (
            "How high is the barrier?",  # a height: feet or metres
            "- The barrier is 770-feet (235 meters) high, making it 14 meters taller than the more famous Hoover Dam.",
            "770-feet",
        ),
        (
            "What was the vote in the CAF presidential election?",  # the loser's name between the two figures
            "Ahmad won the election in the Ethiopian capital by 34 votes to Hayatou's 20.",
            "34 votes to Hayatou's 20",
        ),
    ],
)
def test_the_span_that_fills_the_question_comes_first(question: str, sentence: str, span: str) -> None:
    found = answer_spans(question, sentence, "2021-11-27")
    assert found and found[0].text == span
    assert sentence[found[0].start : found[0].end] == span  # verbatim: quoting the sentence quotes it


@pytest.mark.parametrize(
    ("question", "sentence"),
    [
        ("Why did Charlotte Hogg resign?", "She failed to disclose that her brother works at Barclays."),  # no slot
        ("What did the Kremlin blame?", "The Kremlin blamed the United States’ joint military exercises."),
        ("Where is the 41st army stationed?", "The army has been on alert for weeks."),  # no place in it
        ("How many troops has Russia stationed?", "Russia has stationed troops near the border, NATO said in 2021."),
        ("When was Steinmeier elected?", "Steinmeier was elected by a large majority."),
        (  # a distance is not a height
            "How tall is Mount Everest?",
            "The list includes two ascents to Mount Everest and ascents to the highest peaks of all other "
            "continents, a voyage across the Atlantic in a single-row boat for 46 days, the crossing of an 800-km "
            "distance in Greenland within 16 days.",
        ),
        (  # a vague amount is no figure
            "How much did Mnuchin make from the failed mortgage lender?",
            "After a long career on Wall Street at Goldman Sachs, Mnuchin (53) set up a hedge fund and made millions "
            "of dollars buying and rebranding a failed mortgage lender after the 2008 crash.",
        ),
    ],
)
def test_no_span_when_there_is_no_slot_or_nothing_fills_it(question: str, sentence: str) -> None:
    assert answer_spans(question, sentence) == []


@pytest.mark.parametrize(
    ("question", "sentence", "day"),
    [
        ("When did Stoltenberg warn Russia?", WARNING, "2021-11-26"),  # "on Friday" before Saturday 27 November
        ("When will the talks resume?", "Talks will resume next Tuesday at the ministry.", "2021-11-30"),
    ],
)
def test_a_relative_date_is_resolved_against_the_article(question: str, sentence: str, day: str) -> None:
    assert answer_spans(question, sentence, "2021-11-27")[0].key == day


def test_the_question_own_names_and_dates_are_not_the_answer() -> None:
    sentence = "Donald Trump met Theresa May on January 27 in Washington."
    assert [s.text for s in answer_spans("Who did Donald Trump meet on January 27?", sentence, "2017-01-30")] == [
        "Theresa May"
    ]
    assert answer_spans("When did Trump meet May in Washington?", sentence, "2017-01-30")[0].text == "January 27"


def _top(question: str, sentence: str) -> Span:
    return answer_spans(question, sentence, "2017-02-24")[0]


@pytest.mark.parametrize(
    ("question", "one", "other", "same"),
    [
        (  # one figure, rounded
            "How big a loss did Royal Bank of Scotland report?",
            "Royal Bank of Scotland has reported a £7bn annual loss.",
            "Its 2016 annual losses more than tripled to 6.95 billion pounds.",
            True,
        ),
        (
            "Which retired admiral turned down the job?",
            "The choice, retired vice admiral Robert Harward, has turned down the offer.",
            "Vice Adm. Bob Harward turned down the offer on Thursday.",
            True,
        ),
        (
            "Where did Cyclone Debbie make landfall?",
            "It made landfall in northeast Australia.",
            "The storm came ashore in Australia.",
            True,
        ),
        (
            "How many people have the floods killed?",
            "Floods have killed 246 people since December.",
            "Floods have killed 251 people, the UN said.",
            False,
        ),
        ("When did Churkin die?", "Churkin died on Monday.", "Churkin died on February 20.", True),  # the same day
        ("When did Churkin die?", "Churkin died on Sunday.", "Churkin died on February 20.", False),
    ],
)
def test_two_wordings_of_one_answer_are_one(question: str, one: str, other: str, same: bool) -> None:
    assert same_answer(_top(question, one), _top(question, other)) is same


@pytest.mark.parametrize(
    ("question", "sentence", "not_span"),
    [
        (  # a body, and the place after "of", are not who was arrested
            "Who was arrested over the fatal attack on Gustavito the hippo?",
            "The head of El Salvador's Zoological Foundation, Mauricio Velasquez, said the attack was hard to believe.",
            "Zoological Foundation",
        ),
        (
            "Who was arrested over the fatal attack on Gustavito the hippo?",
            "The Zoological Foundation of El Salvador condemned the attack.",
            "El Salvador",
        ),
    ],
)
def test_a_person_asked_is_not_a_body_or_a_place(question: str, sentence: str, not_span: str) -> None:
    assert all(span.text != not_span for span in answer_spans(question, sentence))


RELEASED = (
    "Seven of the 11 people arrested since the Westminster attack have been released with no further action, "
    "police have said."
)


@pytest.mark.parametrize(
    ("question", "sentence", "span"),
    [
        # a part of a whole: the part is what the sentence's verb says, the whole what its participle says
        ("How many people were released?", RELEASED, "Seven of the 11 people"),
        ("How many people have been released since the attack?", RELEASED, "Seven of the 11 people"),
        ("How many people were arrested?", RELEASED, "11 people"),
        (
            "How many victims were women?",
            "Three of the five victims were women, police said.",
            "Three of the five victims",
        ),
        (  # a body's whole (rte.ie, 2017-03-16): "150 seats" once stood beside 33 as a disagreement
            "How many seats did Rutte's VVD win?",
            "With around 95%-of votes counted, Mr Rutte's VVD Party won 33 of parliament's 150 seats, down from 41 "
            "at the last vote in 2012.",
            "33 of parliament's 150 seats",
        ),
    ],
)
def test_a_part_of_a_whole_is_told_from_the_whole(question: str, sentence: str, span: str) -> None:
    assert answer_spans(question, sentence)[0].text == span


def test_who_did_it_is_not_who_reported_it() -> None:
    """Asked who the Orly gunman was, the minister who described the attack is no answer (bbc.co.uk,
    2017-03-18: the quote ends "… Minister of the Interior Bruno Le Roux said"); the attacker named in the
    next sentence is."""
    question = "Who was the gunman shot dead at Orly airport after grabbing a soldier's weapon?"
    said = (
        '"This morning at 8:30 at Orly airport, an individual tried to attack French soldiers in order to take the '
        'weapon of one of the soldier -- he was not able to do it and was shot and killed by soldiers," Minister '
        "of the Interior Bruno Le Roux said."
    )
    did = "Yelling that he wanted to kill and die for Allah, Belgacem wrested away the soldier's assault rifle."
    minister = answer_spans(question, said)
    gunman = answer_spans(question, did)
    assert gunman and gunman[0].text == "Belgacem"
    assert all(s.fit < 1 for s in minister) and gunman[0].fit > max((s.fit for s in minister), default=0)


def test_a_toll_of_another_place_does_not_answer_how_many_died_in_one() -> None:
    """Asked the toll of the bombing in Quetta, a sentence counting the dead of attacks in Mohmand and
    Peshawar (aljazeera.com, 2017-02-17) holds no answer; the same sentence answers for Peshawar. A name used
    as an adjective ("in the CAF presidential election") is no place asked about."""
    sentence = (
        "That attack was followed on Wednesday by a suicide bombing at a government office in the Mohmand tribal "
        "area and a suicide attack on government employees in Peshawar, killing six people."
    )
    assert answer_spans("How many people were killed in the suicide bombing in Quetta on 16 February?", sentence) == []
    assert answer_spans("How many people were killed in the attack in Peshawar?", sentence)[0].text == "six people"
    vote = answer_spans(
        "What was the vote in the CAF presidential election?",
        "Ahmad won the election in the Ethiopian capital by 34 votes to Hayatou's 20.",
    )
    assert vote and vote[0].text == "34 votes to Hayatou's 20"


def test_a_place_in_a_list_of_places_is_no_person() -> None:
    """'… series victories in India and South Africa' (bbc.co.uk, 2017-02-15): South Africa is where, not who."""
    found = answer_spans(
        "Who was appointed England's Test cricket captain in February 2017 to succeed Alastair Cook?",
        "Cook took over the England captaincy in 2012 and oversaw series victories in India and South Africa, as "
        "well as Ashes victories in 2013 and 2015.",
    )
    assert "South Africa" not in [s.text for s in found]


def test_a_speaker_titled_otherwise_or_the_one_told_is_no_answer() -> None:
    """Asked who replaced the Bank of England's deputy governor, the Governor who commented (bbc.co.uk,
    2017-03-14) is no answer; asked who the new captain is, the outlet Cook 'told' is none either."""
    carney = answer_spans(
        "Who was appointed to replace Charlotte Hogg as the Bank of England's deputy governor for markets and banking?",
        'Bank Governor Mark Carney said: "I deeply regret that Charlotte Hogg has chosen to resign from the Bank '
        'of England."',
    )
    assert all(s.fit < 1 for s in carney)
    deputy = answer_spans(
        "Who is the Bank of England's deputy governor?", "Deputy Governor Ben Broadbent said rates would rise."
    )
    assert deputy[0].text == "Ben Broadbent" and deputy[0].fit >= 2
    told = answer_spans(
        "Who was appointed England's Test cricket captain?",
        '"I hope I can help the next captain with whatever he needs," Cook told BBC Sport.',
    )
    assert "BBC Sport" not in [s.text for s in told]
    strauss = answer_spans(
        "Who was appointed England's Test cricket captain?",
        '"Joe is the right man to be our next Test captain and I\'m thrilled that he has accepted the role," said '
        "England director of cricket Andrew Strauss.",
    )
    assert "I'm" not in [s.text for s in strauss] and strauss[0].text == "Joe"


def test_a_speaker_given_the_title_in_apposition_answers_who_holds_it() -> None:
    """'The port's harbour master, Jan Kros, said …' (tests/data/port_strike.jsonl): the speaker is titled as
    asked, though the title stands before a comma and 'Jan' reads as a month."""
    found = answer_spans(
        "Who is the harbour master at Port Selwyn?",
        "The port's harbour master, Jan Kros, said safety staff would remain on duty throughout the strike.",
    )
    assert found and found[0].text.endswith("Kros") and found[0].fit >= 0
    assert found[0].kind_fit >= 1  # a name given the title asked about fills the slot, though one word
    # not a name after any comma: "… a soldier guarding the airport, France's Ministry of the Interior has
    # confirmed" (abcnews.go.com, 2017-03-17, on the Orly attack) gives no one the gunman's title
    orly = answer_spans(
        "Who was the gunman shot dead at Orly airport after grabbing a soldier's weapon?",
        "Paris' Orly Airport was partially evacuated Saturday morning after a man was fatally shot by French "
        "security forces after he tried to seize a rifle from a soldier guarding the airport, France's Ministry "
        "of the Interior has confirmed.",
    )
    assert all(s.kind_fit < 1 for s in orly)


@pytest.mark.parametrize(
    ("sentence", "forms"),
    [
        # aljazeera.com, 2017-03-19, "Paris airport attacker 'extremely violent' criminal"
        (
            "Frenchman Ziyed Ben Belgacem, who was shot dead at Paris Orly airport, was known to police.",
            ["Ziyed Ben Belgacem", "Paris Orly"],
        ),
        # rte.ie, 2017-03-01, "Irish abuse survivor resigns from Vatican panel"
        (
            "Briton Peter Saunders was sidelined last year after a dispute with other members.",
            ["Peter Saunders"],
        ),
        # a first name that looks like a nationality stays when one word would be left
        ("Christian Eriksen scored twice.", ["Christian Eriksen"]),
        # titles are cut as names() cuts them: abcnews.go.com, 2017-03-17, on the Orly attack
        ("Minister of the Interior Bruno Le Roux said.", ["Bruno Le Roux"]),
    ],
)
def test_the_names_a_sentence_writes_out(sentence: str, forms: list[str]) -> None:
    assert [sentence[s:e] for s, e in name_forms(sentence)] == forms


def test_a_speaker_titled_only_by_the_names_the_question_gives_is_no_answer() -> None:
    """Asked who was arrested over the attack on the hippo at El Salvador's zoo, the foundation head who
    commented (rte.ie, 2017-02-27, "'Revulsion' as hippo dies after El Salvador zoo attack") is no answer:
    his title shares only "El Salvador" with the question, no word of a role."""
    found = answer_spans(
        "Who was arrested over the fatal attack on Gustavito the hippo at El Salvador's national zoo?",
        "The head of El Salvador's Zoological Foundation, Mauricio Velasquez, said \"we find it difficult to believe "
        'that someone is capable of doing that to a defenceless animal."',
    )
    assert all(s.fit < 1 for s in found)


# chinadaily.com.cn, 2016-12-16, "Family seeks payout over executed son"
APPLIED = (
    "The parents of Nie Shubin, who was executed for rape and murder 21 years ago and pardoned earlier this month, "
    "have applied to a court in Hebei province for State compensation of more than 13.9 million yuan ($2 million; "
    "1.9 million euros; 1.59 million) on Dec 14, lawyers of the family announced."
)
# huffingtonpost.com, 2017-03-01, "Snap Tops Expectations In Pricing Of Long-Awaited IPO"
COULD_HAVE = (
    "The book was more than 10 times oversubscribed and Snap could have priced the IPO at as much as $19 a share, "
    "but the company wanted to focus on securing mutual funds as long-term investors rather than hedge funds "
    "looking to quickly sell, the source said."
)


def test_a_sum_sought_or_one_that_could_have_been_is_no_sum_paid() -> None:
    """A sum applied for answers how much was sought, not how much was awarded (its conversions in brackets
    with it); a price Snap could have set is no price its shares closed at."""
    awarded = "How much state compensation was Nie Shubin's family awarded after his posthumous acquittal?"
    assert answer_spans(awarded, APPLIED) == []
    sought = answer_spans("How much state compensation did Nie Shubin's family seek?", APPLIED)
    assert sought and sought[0].text == "more than 13.9 million yuan"
    assert answer_spans("At what price did Snap shares close on their first day of trading?", COULD_HAVE) == []


@pytest.mark.parametrize(
    ("question", "sentence", "span", "square"),
    [
        # bbc.co.uk and cnn.com, March 2017 (Westminster): the injured are no answer to how many were killed
        (
            "How many people were killed in the attack?",
            "More than 35 people were injured in the attack.",
            "More than 35 people",
            False,
        ),
        (
            "How many people were killed in the attack?",
            "Four people were killed and 50 injured after Masood drove his car into people on Westminster Bridge.",
            "Four people",
            True,
        ),
        ("How many people were arrested?", "Of 11 people arrested so far, two remained in custody.", "11 people", True),
    ],
)
def test_a_count_of_people_answers_for_what_happened_to_them(
    question: str, sentence: str, span: str, square: bool
) -> None:
    found = {s.text: s.fit for s in answer_spans(question, sentence)}
    assert span in found and (found[span] >= 2) is square, found


NERVE = "What nerve agent killed Kim Jong-nam?"
VX = (
    "The chemical substance used to kill Kim Jong Nam was a VX nerve agent, an internationally-banned chemical "
    "weapon that can kill within minutes."  # cnn.com, 2017-02-24
)
TOXIC = (
    "Kim Jong-nam, the half-brother of North Korea's leader, was killed by a highly toxic nerve agent, says Malaysia."
)


def test_a_what_thing_span_that_names_which_one_fits_better_than_one_that_describes_it() -> None:
    # bbc.co.uk, 2017-02-24: "highly toxic" says what the agent is like, "VX" which one it is
    vx, toxic = answer_spans(NERVE, VX)[0], answer_spans(NERVE, TOXIC)[0]
    assert vx.text == "VX nerve agent" and toxic.text == "highly toxic nerve agent"  # the thing is a nerve agent
    assert vx.fit > toxic.fit and vx.fit >= 2
    assert not same_answer(vx, toxic)  # both nerve agents: not one answer, and no count of each other's reports
    lethal = answer_spans(NERVE, "Malaysian authorities said the lethal VX nerve agent was used to kill him.")[0]
    assert same_answer(vx, lethal)  # rte.ie, 2017-02-28


def test_the_figure_in_the_clause_naming_the_asked_party_comes_first() -> None:
    # cnn.com, 2017-03-16: two parties' seats in one sentence
    sentence = (
        "With more than 93 percent of votes counted, Rutte's liberal VVD party was set to win 33 seats, making it "
        "the largest in the new 150-seat parliament, with Wilders and his Freedom Party (PVV) beaten into second "
        "place with 20 seats."
    )
    pvv = answer_spans("How many seats did Wilders' PVV win?", sentence)
    assert [s.text for s in pvv[:2]] == ["20 seats", "33 seats"]
    assert pvv[0].fit < pvv[1].fit  # ordered first, its fit not raised: "win 33 seats" stands nearer "win"
    assert answer_spans("How many seats did Rutte's VVD win?", sentence)[0].text == "33 seats"
