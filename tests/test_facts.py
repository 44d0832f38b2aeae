"""What conflict detection reads in a statement, on hand-built parses (wrong attachments included),
and the pairing rules on hand-made statements."""

from __future__ import annotations

import datetime as dt

from claimtrack.conflicts import CONTRADICTION, NUMERIC, POLARITY, STANCE, ConflictDetector, Statement
from claimtrack.domain import EntityType, Span, Speaker
from claimtrack.facts import ASSERTED, DOUBTED, IRREALIS, NEGATED, FactReader, sides_of
from claimtrack.speakers import SpeakerRegistry

from .handparse import document


def read(text: str, rows: str, registry: SpeakerRegistry | None = None, speaker: Speaker | None = None,
         quoted: bool = False, cue: str | None = None):
    parsed = document(text, rows)
    reader = FactReader(parsed, registry or SpeakerRegistry())
    return reader.read([Span(0, len(text))], speaker, quoted, cue), reader


NO_THREAT = """
1 there there PRON 2 expl
2 was be VERB 0 root
3 no no DET 4 det
4 threat threat NOUN 2 nsubj
5 of of ADP 6 case
6 encirclement encirclement NOUN 4 nmod
"""


def test_negation_on_a_governing_noun():
    facts, _ = read("there was no threat of encirclement", NO_THREAT)
    [term] = facts.concepts
    assert (term.concept, term.term, term.polarity) == ("encirclement", "encirclement", NEGATED)


UNCLEAR_WHETHER = """
1 it it PRON 3 expl
2 was be AUX 3 cop
3 unclear unclear ADJ 0 root
4 whether whether SCONJ 7 mark
5 Witkoff Witkoff PROPN 7 nsubj _ S-PER
6 had have AUX 7 aux
7 met meet VERB 3 ccomp
8 Putin Putin PROPN 7 obj _ S-PER
"""


def test_doubt_from_the_governing_clause_and_named_actors():
    facts, _ = read("it was unclear whether Witkoff had met Putin", UNCLEAR_WHETHER)
    [term] = facts.concepts
    assert (term.concept, term.polarity) == ("meeting", DOUBTED)
    assert [n.key for n in facts.named] == ["witkoff", "putin"]


def test_a_plan_is_not_a_report_even_when_the_modal_is_misattached():
    # "could" hangs off the wrong verb, as the compact parser did on seed 001
    rows = """
    1 a a DET 3 det
    2 phone phone NOUN 3 compound
    3 call call NOUN 9 nsubj
    4 between between ADP 5 case
    5 presidents president NOUN 3 nmod
    6 to to PART 7 mark
    7 discuss discuss VERB 5 acl
    8 could could AUX 10 aux
    9 take take VERB 0 root
    10 place place NOUN 9 obj
    """
    facts, _ = read("a phone call between presidents to discuss could take place", rows)
    assert [(t.concept, t.polarity) for t in facts.concepts] == [("phone_call", IRREALIS)]


def test_a_denial_cue_negates_what_it_reports():
    rows = """
    1 Witkoff Witkoff PROPN 2 nsubj _ S-PER
    2 met meet VERB 0 root
    3 Putin Putin PROPN 2 obj _ S-PER
    """
    facts, _ = read("Witkoff met Putin", rows, cue="deny")
    assert facts.concepts[0].polarity == NEGATED
    facts, _ = read("Witkoff met Putin", rows, cue="say")
    assert facts.concepts[0].polarity == ASSERTED


def test_stance_holder_is_the_pronouns_antecedent_inside_a_quote():
    registry = SpeakerRegistry()
    putin = registry.resolve("Vladimir Putin", EntityType.PERSON)
    zelensky = registry.resolve("Volodymyr Zelensky", EntityType.PERSON)
    text = "Zelensky described Putin's response. he's preparing a rejection"
    rows_first = """
    1 Zelensky Zelensky PROPN 2 nsubj _ S-PER
    2 described describe VERB 0 root
    3 Putin Putin PROPN 5 nmod:poss _ S-PER
    4 's 's PART 3 case
    5 response response NOUN 2 obj
    6 . . PUNCT 2 punct
    """
    rows_second = """
    1 he he PRON 3 nsubj
    2 's be AUX 3 aux
    3 preparing prepare VERB 0 root
    4 a a DET 5 det
    5 rejection rejection NOUN 3 obj
    """
    parsed = document(text, rows_first, rows_second)
    quote = parsed.sentences[1].span
    [stance] = FactReader(parsed, registry).read([quote], zelensky, quoted=True).stances
    assert (stance.polarity, stance.holder, stance.term) == (-1, putin, "rejection")
    # in reported speech, "he" agreeing with the speaker is the speaker: "Putin said he supported it"
    [stance] = FactReader(parsed, registry).read([quote], putin, quoted=False).stances
    assert stance.holder is putin


def test_first_person_stance_is_the_speakers_and_a_negated_one_flips():
    registry = SpeakerRegistry()
    putin = registry.resolve("Vladimir Putin", EntityType.PERSON)
    rows = """
    1 we we PRON 4 nsubj
    2 do do AUX 4 aux
    3 not not PART 4 advmod
    4 support support VERB 0 root
    5 it it PRON 4 obj
    """
    facts, _ = read("we do not support it", rows, registry, putin, quoted=True)
    [stance] = facts.stances
    assert (stance.polarity, stance.holder, stance.target) == (-1, putin, "")


def test_quantities_with_unit_and_what_they_count():
    rows = """
    1 Russia Russia PROPN 2 nsubj _ S-GPE
    2 launched launch VERB 0 root
    3 more more ADJ 5 advmod
    4 than than ADP 3 fixed
    5 120 120 NUM 6 nummod
    6 drones drone NOUN 2 obj
    7 forty-four forty-four NUM 8 nummod
    8 days day NOUN 9 obl:npmod
    9 ago ago ADV 2 advmod
    """
    facts, _ = read("Russia launched more than 120 drones forty-four days ago", rows)
    drones, days = facts.quantities
    assert (drones.value, drones.unit, drones.about, drones.qualifier) == (120, "drone", "launch", "at_least")
    assert (days.value, days.unit, days.about) == (44, "day", "ago")


def test_sides_from_names_and_roles():
    assert sides_of(["Yuri Ushakov", "top Kremlin aide"]) == {"russia"}
    assert sides_of(["a former ambassador to Washington"]) == set()
    assert sides_of(["US President"]) == {"united states"}
    assert sides_of(["Ukraine's President"]) == {"ukraine"}


def statement(id: int, document: int, voice: str, facts: dict, speaker: int | None = None, topics=(), claim_topics=(),
              published: dt.date = dt.date(2025, 3, 14)) -> Statement:
    return Statement(id, document, id, f"claim {id}", "indirect", speaker, voice, voice, "Outlet", published,
                     set(topics), set(claim_topics), {"concepts": [], "stances": [], "quantities": [], "named": [],
                                                      "anchors": [], **facts})


def concept(name: str, polarity: str) -> dict:
    return {"concept": name, "term": name, "polarity": polarity, "span": [0, 1]}


def named(*keys: str) -> list[dict]:
    return [{"text": k, "key": k, "speaker": None, "span": [0, 1]} for k in keys]


def test_contradiction_needs_the_same_actors_and_a_close_date():
    detector = ConflictDetector()
    report = statement(1, 1, "Reuters", {"concepts": [concept("meeting", ASSERTED)], "named": named("witkoff", "putin")})
    doubt = statement(2, 2, "Politico", {"concepts": [concept("meeting", DOUBTED)], "named": named("witkoff", "putin")})
    other_meeting = statement(3, 3, "Feature", {"concepts": [concept("meeting", DOUBTED)], "named": named("witkoff", "kushner")})
    months_later = statement(4, 4, "Feature", {"concepts": [concept("meeting", DOUBTED)], "named": named("witkoff", "putin")},
                             published=dt.date(2025, 12, 28))
    [finding] = detector.detect([report, doubt, other_meeting, months_later], {}, {})
    assert (finding.kind, finding.first.id, finding.second.id) == (CONTRADICTION, 1, 2)
    assert "witkoff" in finding.reason and finding.score >= detector.min_score


def test_polarity_needs_shared_subject_matter():
    detector = ConflictDetector()
    troops = {"troops"}

    def encirclement(id: int, document: int, voice: str, polarity: str, anchors: list[str]) -> Statement:
        return statement(id, document, voice, {"concepts": [concept("encirclement", polarity)], "anchors": anchors}, id, troops, troops)

    surrounded = encirclement(1, 1, "Trump", ASSERTED, ["troops"])
    denied = encirclement(2, 1, "Kyiv", NEGATED, ["troops", "threat"])
    unrelated = encirclement(3, 2, "Someone", NEGATED, ["city"])
    [finding] = detector.detect([surrounded, denied, unrelated], {}, {})
    assert (finding.kind, finding.first.id, finding.second.id) == (POLARITY, 1, 2)
    # within one article only two named speakers conflict, not the article with itself
    assert detector.detect([encirclement(4, 1, "Reuters", ASSERTED, ["troops"]), denied], {}, {}) != []
    narration = encirclement(5, 1, "Reuters", ASSERTED, ["troops"])
    narration.speaker_id = None
    assert detector.detect([narration, denied], {}, {}) == []
    # one shared noun and nothing else is too little to say that they speak of the same thing
    surrounded.claim_topics = denied.claim_topics = set()
    assert detector.detect([surrounded, denied], {}, {}) == []


def stance(polarity: int, holder: int, term: str, target: str = "") -> dict:
    return {"polarity": polarity, "term": term, "holder": holder, "holder_text": str(holder), "span": [0, 1],
            "target": target, "target_lemmas": target}


def test_stance_pairs_one_holder_or_one_side_on_one_topic():
    detector = ConflictDetector()
    names = {1: "Putin", 2: "Ushakov", 3: "Zelensky", 4: "Waltz"}
    sides = {1: {"russia"}, 2: {"russia"}, 3: {"ukraine"}, 4: {"united states"}}
    support = statement(1, 1, "Putin", {"stances": [stance(1, 1, "support")]}, 1, {"ceasefire"}, {"ceasefire"})
    respite = statement(2, 2, "Ushakov", {"stances": [stance(-1, 2, "a temporary respite")]}, 2, {"ceasefire"}, {"ceasefire"})
    says_rejects = statement(3, 1, "Zelensky", {"stances": [stance(-1, 1, "a rejection")]}, 3, {"ceasefire"})
    other_side = statement(4, 3, "Waltz", {"stances": [stance(-1, 4, "reject")]}, 4, {"ceasefire"})
    other_topic = statement(5, 3, "Ushakov", {"stances": [stance(-1, 2, "reject", "the sanctions")]}, 2, {"sanctions", "ceasefire"})
    findings = detector.detect([support, respite, says_rejects, other_side, other_topic], sides, names)
    pairs = {(f.first.id, f.second.id) for f in findings}
    assert pairs == {(1, 2), (1, 3)}
    assert all(f.kind == STANCE for f in findings)


def quantity(value: float, unit: str = "drone", about: str = "launch", qualifier: str = "exact") -> dict:
    return {"value": value, "unit": unit, "about": about, "qualifier": qualifier, "text": f"{value} {unit}s", "span": [0, 1]}


def test_numbers_disagree_only_about_the_same_quantity():
    detector = ConflictDetector()
    a = statement(1, 1, "Kyiv", {"quantities": [quantity(120)], "named": named("russia")})
    b = statement(2, 2, "Moscow", {"quantities": [quantity(85)], "named": named("russia")})
    close = statement(3, 3, "Agency", {"quantities": [quantity(115)], "named": named("russia")})
    shot_down = statement(4, 4, "Air force", {"quantities": [quantity(60, about="shoot")], "named": named("russia")})
    bound = statement(5, 5, "Monitor", {"quantities": [quantity(100, qualifier="at_least")], "named": named("russia")})
    findings = detector.detect([a, b, close, shot_down, bound], {}, {})
    pairs = {(f.first.id, f.second.id) for f in findings}
    assert pairs == {(1, 2), (2, 3), (2, 5)}
    assert all(f.kind == NUMERIC for f in findings)


def test_a_number_in_two_words_is_one_quantity():
    rows = """
    1 1.6 1.6 NUM 2 compound
    2 billion billion NUM 3 nummod
    3 members member NOUN 0 root
    """
    facts, _ = read("1.6 billion members", rows)
    [members] = facts.quantities
    assert (members.value, members.unit) == (1.6e9, "member")
