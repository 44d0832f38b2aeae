"""Extraction rules on hand-built parses, including the wrong attachments weak parsers make."""

from __future__ import annotations

import pytest

from claimtrack.domain import ClaimKind, EntityType, Span
from claimtrack.extract.attribution import CONFIDENT_INNER, Extractor, best_hypotheses, keep_above
from claimtrack.extract.nesting import NestingChooser, pair_features
from claimtrack.extract.scorer import HeuristicScorer
from claimtrack.speakers import SpeakerRegistry

from .handparse import document


def extract(text: str, *rows: str):
    return Extractor().extract(document(text, *rows), SpeakerRegistry())


QUOTED = "“We agree,” Putin said."  # parsed as QUOTE_THEN_SAID
QUOTE_THEN_SAID = """
1 “ " PUNCT 3 punct
2 We we PRON 3 nsubj
3 agree agree VERB 0 root
4 , , PUNCT 3 punct
5 ” " PUNCT 3 punct
6 Putin Putin PROPN 7 nsubj _ S-PER
7 said say VERB 3 parataxis VerbForm=Fin
8 . . PUNCT 3 punct
"""


def test_quote_before_the_cue():
    [claim] = extract(QUOTED, QUOTE_THEN_SAID)
    assert claim.speaker.name == "Putin" and claim.speaker.type is EntityType.PERSON
    assert claim.kind is ClaimKind.DIRECT and claim.text == "We agree,"
    assert claim.cue == "said" and claim.source.text == "Putin"


def test_he_added_resolves_to_the_last_speaker():
    text = "“We agree,” Putin said. He added: “The idea is correct.”"
    added = """
    1 He he PRON 2 nsubj
    2 added add VERB 0 root VerbForm=Fin
    3 : : PUNCT 8 punct
    4 “ " PUNCT 8 punct
    5 The the DET 6 det
    6 idea idea NOUN 8 nsubj
    7 is be AUX 8 cop
    8 correct correct ADJ 2 parataxis
    9 . . PUNCT 8 punct
    10 ” " PUNCT 8 punct
    """
    first, second = extract(text, QUOTE_THEN_SAID, added)
    assert second.source.text == "He" and second.speaker is first.speaker
    assert second.text == "The idea is correct."


NYT_UNDER_CONTENT = """
1 Its its PRON 2 nmod:poss
2 troops troops NOUN 3 nsubj
3 advanced advance VERB 0 root
4 , , PUNCT 9 punct
5 The the DET 8 det
6 New New ADJ 8 amod
7 York York PROPN 8 compound
8 Times Times PROPN 9 nsubj
9 said say VERB 3 parataxis VerbForm=Fin
10 . . PUNCT 3 punct
"""
NYT_AS_ROOT = (NYT_UNDER_CONTENT.replace("3 advanced advance VERB 0 root", "3 advanced advance VERB 9 ccomp")
               .replace("9 said say VERB 3 parataxis", "9 said say VERB 0 root").replace("10 . . PUNCT 3", "10 . . PUNCT 9"))


@pytest.mark.parametrize("rows", [NYT_UNDER_CONTENT, NYT_AS_ROOT], ids=["said-under-content", "said-as-root"])
def test_outlet_at_the_end_is_the_reporter(rows):
    [claim] = extract("Its troops advanced, The New York Times said.", rows)
    assert claim.speaker is None
    assert claim.reporter.name == "New York Times" and claim.reporter.type is EntityType.OUTLET
    assert claim.text == "Its troops advanced" and claim.kind is ClaimKind.INDIRECT


def test_name_before_a_misattached_apposition():
    text = "“We agree,” said Ushakov, a former ambassador."
    rows = """
    1 “ " PUNCT 3 punct
    2 We we PRON 3 nsubj
    3 agree agree VERB 0 root
    4 , , PUNCT 3 punct
    5 ” " PUNCT 3 punct
    6 said say VERB 3 parataxis VerbForm=Fin
    7 Ushakov Ushakov PROPN 6 obj _ S-PER
    8 , , PUNCT 11 punct
    9 a a DET 11 det
    10 former former ADJ 11 amod
    11 ambassador ambassador NOUN 6 nsubj
    12 . . PUNCT 3 punct
    """
    [claim] = extract(text, rows)
    assert claim.source.text == "Ushakov" and claim.speaker.name == "Ushakov"


def test_according_to():
    text = "According to the Kremlin, talks will start soon."
    rows = """
    1 According accord VERB 4 case
    2 to to ADP 1 fixed
    3 the the DET 4 det
    4 Kremlin Kremlin PROPN 8 obl
    5 , , PUNCT 4 punct
    6 talks talk NOUN 8 nsubj
    7 will will AUX 8 aux
    8 start start VERB 0 root
    9 soon soon ADV 8 advmod
    10 . . PUNCT 8 punct
    """
    [claim] = extract(text, rows)
    assert claim.cue == "According to" and claim.text == "talks will start soon"
    assert claim.speaker.name == "Kremlin" and claim.speaker.type is EntityType.ORGANISATION


REPORTED = "Putin said that Russia will guarantee their safety."
REPORTED_ROWS = """
1 Putin Putin PROPN 2 nsubj _ S-PER
2 said say VERB 0 root VerbForm=Fin
3 that that SCONJ 6 mark
4 Russia Russia PROPN 6 nsubj _ S-LOC
5 will will AUX 6 aux
6 guarantee guarantee VERB 2 ccomp
7 their their PRON 8 nmod:poss
8 safety safety NOUN 6 obj
9 . . PUNCT 2 punct
"""


def test_a_reported_promise_is_not_an_attribution_of_its_own():
    [claim] = extract(REPORTED, REPORTED_ROWS)
    assert claim.cue == "said" and claim.text == "that Russia will guarantee their safety"


SPLIT = "“We agree,” Putin said. “It is right.”\n“We support it.”"
IT_IS_RIGHT = """
1 “ " PUNCT 4 punct
2 It it PRON 4 nsubj
3 is be AUX 4 cop
4 right right ADJ 0 root
5 . . PUNCT 4 punct
6 ” " PUNCT 4 punct
"""
WE_SUPPORT_IT = """
1 “ " PUNCT 3 punct
2 We we PRON 3 nsubj
3 support support VERB 0 root
4 it it PRON 3 obj
5 . . PUNCT 3 punct
6 ” " PUNCT 3 punct
"""


def test_split_quote_is_one_claim_and_a_next_paragraph_continues():
    joined, continued = extract(SPLIT, QUOTE_THEN_SAID, IT_IS_RIGHT, WE_SUPPORT_IT)
    assert [s.of(SPLIT) for s in joined.content_spans] == ["We agree,", "It is right."]
    assert continued.cue is None and continued.category == "continuation"
    assert continued.speaker is joined.speaker and continued.text == "We support it."


def test_a_split_quote_stays_whole_when_its_first_part_alone_is_the_likelier_reading():
    """The cue's hypotheses include the first part alone (with its marks); when that one is the
    most probable, the joined hypothesis is kept in its place, at its probability, and the
    continuation in the next paragraph follows what was kept."""
    found = Extractor(scorer=HeuristicScorer()).candidates(document(SPLIT, QUOTE_THEN_SAID, IT_IS_RIGHT, WE_SUPPORT_IT)).items
    joined = next(c for c in found if c.content.strategy == "quote-before")
    marked = next(c for c in found if c.content.strategy == "rest-before")
    continued = next(c for c in found if c.content.strategy == "continuation")
    assert [s.of(SPLIT) for s in marked.content.spans] == ["“We agree,”"] and continued.follows is joined
    for candidate in found:
        candidate.probability = {id(joined): 0.6, id(marked): 0.9, id(continued): 0.8}.get(id(candidate), 0.0)
    kept = keep_above(best_hypotheses(found), 0.5)
    whole = next(c for c in kept if c.cue is not None)
    assert [s.of(SPLIT) for s in whole.content.spans] == ["We agree,", "It is right."] and whole.probability == 0.9
    [after] = [c for c in kept if c.cue is None]
    assert after.follows is whole

    marked.content.spans = [Span(SPLIT.index("Putin"), SPLIT.index("Putin") + 5)]  # not the quotation: it stays
    kept = keep_above(best_hypotheses(found), 0.5)
    assert [s.of(SPLIT) for s in next(c for c in kept if c.cue is not None).content.spans] == ["Putin"]
    assert next(c for c in kept if c.cue is None).follows is marked


def test_continuations_follow_what_their_claim_became_and_go_when_it_goes():
    """A quotation in each of the next two paragraphs continues the one before: each follows the
    hypothesis its cue kept, or the cue that took its content; none outlives what it continues."""
    text = "“We agree,” Putin said.\n“It is right.”\n“We support it.”"
    found = Extractor(scorer=HeuristicScorer()).candidates(document(text, QUOTE_THEN_SAID, IT_IS_RIGHT, WE_SUPPORT_IT)).items
    quoted, marked, complement = (next(c for c in found if c.content.strategy == s) for s in ("quote-before", "rest-before", "complement"))
    first, second = (c for c in found if c.content.strategy == "continuation")
    assert first.follows is quoted and second.follows is first

    def kept(probabilities: dict[int, float]) -> tuple:
        """(the claim with a cue, the first continuation, the second) of what is kept, or ()."""
        for candidate in found:
            candidate.probability = probabilities.get(id(candidate), 0.0)
        chosen = keep_above(best_hypotheses(found), 0.5)
        if not chosen:
            return ()
        by_text = {c.content.spans[0].of(text): c for c in chosen if c.cue is None}
        return next(c for c in chosen if c.cue is not None), by_text["It is right."], by_text["We support it."]

    # the cue's claim is under the threshold: neither continuation is anybody's
    assert kept({id(quoted): 0.3, id(first): 0.9, id(second): 0.9}) == ()

    # the cue kept another reading: the chain follows it, and the copies made on the way
    claim, one, two = kept({id(quoted): 0.6, id(marked): 0.9, id(first): 0.9, id(second): 0.9})
    assert claim is marked and one.follows is claim and two.follows is one

    # another cue took the content: the continuation follows that cue's claim
    complement.content.spans = list(quoted.content.spans)
    claim, one, two = kept({id(quoted): 0.6, id(complement): 0.9, id(first): 0.9, id(second): 0.9})
    assert claim is complement and one.follows is claim and two.follows is one


def test_unbalanced_quotation_is_kept_with_less_confidence():
    text = "Putin said: “We agree with the proposal"
    rows = """
    1 Putin Putin PROPN 2 nsubj _ S-PER
    2 said say VERB 0 root VerbForm=Fin
    3 : : PUNCT 6 punct
    4 “ " PUNCT 6 punct
    5 We we PRON 6 nsubj
    6 agree agree VERB 2 parataxis
    7 with with ADP 9 case
    8 the the DET 9 det
    9 proposal proposal NOUN 6 obl
    """
    [claim] = extract(text, rows)
    assert claim.text == "We agree with the proposal"
    assert "unbalanced quotation marks" in claim.notes and claim.confidence < 0.8


def test_partial_quote_in_a_frame():
    text = "Zelenskyi described the response as “manipulative.”"
    rows = """
    1 Zelenskyi Zelenskyi PROPN 2 nsubj _ S-PER
    2 described describe VERB 0 root VerbForm=Fin
    3 the the DET 4 det
    4 response response NOUN 2 obj
    5 as as ADP 7 case
    6 “ " PUNCT 7 punct
    7 manipulative manipulative ADJ 2 obl
    8 . . PUNCT 7 punct
    9 ” " PUNCT 7 punct
    """
    [claim] = extract(text, rows)
    assert claim.kind is ClaimKind.PARTIAL and claim.text == "the response as “manipulative.”"


def test_outlet_possessor_is_an_affiliation():
    text = "Al Jazeera’s Dorsa Jabarri said Witkoff will meet Putin."
    rows = """
    1 Al Al PROPN 6 nsubj _ B-PER
    2 Jazeera Jazeera PROPN 1 flat _ I-PER
    3 ’s 's PART 2 case
    4 Dorsa Dorsa PROPN 5 compound _ I-PER
    5 Jabarri Jabarri PROPN 1 flat _ E-PER
    6 said say VERB 0 root VerbForm=Fin
    7 Witkoff Witkoff PROPN 9 nsubj _ S-PER
    8 will will AUX 9 aux
    9 meet meet VERB 6 ccomp
    10 Putin Putin PROPN 9 obj _ S-PER
    11 . . PUNCT 6 punct
    """
    [claim] = extract(text, rows)
    assert claim.speaker.name == "Dorsa Jabarri" and claim.reporter.name == "Al Jazeera"
    assert claim.source.text == "Al Jazeera’s Dorsa Jabarri"


def test_unnamed_source_and_definite_description():
    text = "US President Donald Trump said talks went well. The US president said they will go on."
    first = """
    1 US US PROPN 2 compound _ B-PER
    2 President President PROPN 4 compound _ I-PER
    3 Donald Donald PROPN 4 compound _ I-PER
    4 Trump Trump PROPN 5 nsubj _ E-PER
    5 said say VERB 0 root VerbForm=Fin
    6 talks talk NOUN 7 nsubj
    7 went go VERB 5 ccomp
    8 well well ADV 7 advmod
    9 . . PUNCT 5 punct
    """
    second = """
    1 The the DET 3 det
    2 US US PROPN 3 compound
    3 president president NOUN 4 nsubj Number=Sing
    4 said say VERB 0 root VerbForm=Fin
    5 they they PRON 7 nsubj
    6 will will AUX 7 aux
    7 go go VERB 4 ccomp
    8 on on ADP 7 compound:prt
    9 . . PUNCT 4 punct
    """
    one, two = extract(text, first, second)
    assert one.speaker.name == "Donald Trump" and "US President" in one.speaker.roles
    assert two.speaker is one.speaker and two.source.text == "The US president"


def test_passive_subject_is_not_a_source():
    text = "No outcomes have been announced."
    rows = """
    1 No no DET 2 det
    2 outcomes outcome NOUN 5 nsubj:pass
    3 have have AUX 5 aux
    4 been be AUX 5 aux:pass
    5 announced announce VERB 0 root Voice=Pass
    6 . . PUNCT 5 punct
    """
    assert extract(text, rows) == []


def test_quote_then_dash_then_name():
    """The rule, with the rules' own scorer: the learned one gives this hand-built parse (dash as
    punctuation, the name as root) 0.29, and the compact parser's own parse of the line 0.38."""
    text = "“He represents our greatest shame.” ― Sonya Herridge"
    quote = """
    1 “ " PUNCT 3 punct
    2 He he PRON 3 nsubj
    3 represents represent VERB 0 root
    4 our our PRON 6 nmod:poss
    5 greatest great ADJ 6 amod
    6 shame shame NOUN 3 obj
    7 . . PUNCT 3 punct
    8 ” " PUNCT 3 punct
    """
    name = """
    1 ― - PUNCT 3 punct
    2 Sonya Sonya PROPN 0 root _ B-PER
    3 Herridge Herridge PROPN 2 flat _ E-PER
    """
    [claim] = Extractor(scorer=HeuristicScorer()).extract(document(text, quote, name), SpeakerRegistry())
    assert claim.speaker.name == "Sonya Herridge" and claim.cue == "―"
    assert claim.text == "He represents our greatest shame." and claim.kind is ClaimKind.DIRECT


def test_a_participial_cue_cuts_the_content_it_follows():
    """ "criticised the plan, saying …": two attributions, the first ending before the second."""
    text = "Peskov criticised the plan, saying it was too late."
    rows = """
    1 Peskov Peskov PROPN 2 nsubj _ S-PER
    2 criticised criticise VERB 0 root VerbForm=Fin
    3 the the DET 4 det
    4 plan plan NOUN 2 obj
    5 , , PUNCT 6 punct
    6 saying say VERB 4 acl VerbForm=Ger
    7 it it PRON 10 nsubj
    8 was be AUX 10 cop
    9 too too ADV 10 advmod
    10 late late ADJ 6 ccomp
    11 . . PUNCT 2 punct
    """
    claims = extract(text, rows)
    assert [(c.cue, c.text) for c in claims] == [("criticised", "the plan"), ("saying", "it was too late")]
    assert {c.speaker.name for c in claims} == {"Peskov"}


def test_a_nested_attribution_is_not_a_claim_of_its_own():
    """ "Putin said that Zelensky called …": PolNeAR's convention and ours, one claim."""
    text = "Putin said that Zelensky called the plan a trap."
    rows = """
    1 Putin Putin PROPN 2 nsubj _ S-PER
    2 said say VERB 0 root VerbForm=Fin
    3 that that SCONJ 5 mark
    4 Zelensky Zelensky PROPN 5 nsubj _ S-PER
    5 called call VERB 2 ccomp VerbForm=Fin
    6 the the DET 7 det
    7 plan plan NOUN 5 obj
    8 a a DET 9 det
    9 trap trap NOUN 5 xcomp
    10 . . PUNCT 2 punct
    """
    [claim] = extract(text, rows)
    assert claim.cue == "said" and claim.text == "that Zelensky called the plan a trap"


def test_relative_pronoun_taken_for_the_subject():
    """ "two daughters, who he said were living in Russia": the parser made "who" the subject of
    "said"; the speaker is "he" (Putin), not the daughters."""
    text = "Putin has two daughters, who he said were living in Russia."
    rows = """
    1 Putin Putin PROPN 2 nsubj _ S-PER
    2 has have VERB 0 root VerbForm=Fin
    3 two two NUM 4 nummod
    4 daughters daughter NOUN 2 obj
    5 , , PUNCT 8 punct
    6 who who PRON 8 nsubj PronType=Rel
    7 he he PRON 8 nsubj
    8 said say VERB 4 acl:relcl VerbForm=Fin
    9 were be AUX 10 aux
    10 living live VERB 8 ccomp
    11 in in ADP 12 case
    12 Russia Russia PROPN 10 obl _ S-LOC
    13 . . PUNCT 2 punct
    """
    # the rule, not the scorer, is under test here: keep whatever it finds
    [said] = [c for c in Extractor(min_confidence=0.0).extract(document(text, rows), SpeakerRegistry()) if c.cue_lemma == "say"]
    assert said.source.text == "he" and said.speaker.name == "Putin"
    assert said.text == "were living in Russia"


def test_quantifier_subject_is_an_unnamed_source():
    """ "Many said …": the tagger makes "Many" an adjective; it is still who spoke (unnamed)."""
    text = "Many said the deal was fair."
    rows = """
    1 Many many ADJ 2 nsubj
    2 said say VERB 0 root VerbForm=Fin
    3 the the DET 4 det
    4 deal deal NOUN 6 nsubj
    5 was be AUX 6 cop
    6 fair fair ADJ 2 ccomp
    7 . . PUNCT 2 punct
    """
    [claim] = extract(text, rows)
    assert claim.source.text == "Many" and claim.speaker.anonymous and claim.text == "the deal was fair"


def test_a_participle_with_the_main_subject_as_source_cuts_the_content_before_it():
    """ "endorsed Clinton for president, saying …": "saying" takes Sanders from the main verb; the
    first content still ends before "saying"."""
    text = "Sanders endorsed Clinton for president, saying she had won."
    rows = """
    1 Sanders Sanders PROPN 2 nsubj _ S-PER
    2 endorsed endorse VERB 0 root VerbForm=Fin
    3 Clinton Clinton PROPN 2 obj _ S-PER
    4 for for ADP 5 case
    5 president president NOUN 2 obl
    6 , , PUNCT 7 punct
    7 saying say VERB 2 advcl VerbForm=Ger
    8 she she PRON 10 nsubj
    9 had have AUX 10 aux
    10 won win VERB 7 ccomp VerbForm=Part
    11 . . PUNCT 2 punct
    """
    claims = extract(text, rows)
    assert ("saying", "she had won") in [(c.cue, c.text) for c in claims]
    assert all("saying" not in c.text for c in claims)
    assert {c.speaker.name for c in claims} == {"Sanders"}


def test_a_time_phrase_between_cue_and_clause_still_reports():
    """ "said after the meeting the plan was dead": the subordinator heads the cue's own phrase."""
    text = "Peskov said after the meeting the plan was dead."
    rows = """
    1 Peskov Peskov PROPN 2 nsubj _ S-PER
    2 said say VERB 0 root VerbForm=Fin
    3 after after ADP 5 case
    4 the the DET 5 det
    5 meeting meeting NOUN 2 obl
    6 the the DET 7 det
    7 plan plan NOUN 9 nsubj
    8 was be AUX 9 cop
    9 dead dead ADJ 2 ccomp
    10 . . PUNCT 2 punct
    """
    [claim] = extract(text, rows)
    assert claim.text == "the plan was dead" and claim.speaker.name == "Peskov"


def test_a_clause_after_a_temporal_subordinator_is_not_what_was_posted():
    """ "posted on social media after his envoy held a meeting", with the envoy parsed as an
    oblique of "posted": when, not what."""
    text = "Trump posted on social media after his envoy held a meeting with Putin."
    rows = """
    1 Trump Trump PROPN 2 nsubj _ S-PER
    2 posted post VERB 0 root VerbForm=Fin
    3 on on ADP 5 case
    4 social social ADJ 5 amod
    5 media media NOUN 2 obl
    6 after after ADP 8 case
    7 his his PRON 8 nmod:poss
    8 envoy envoy NOUN 2 obl
    9 held hold VERB 2 ccomp VerbForm=Fin
    10 a a DET 11 det
    11 meeting meeting NOUN 9 obj
    12 with with ADP 13 case
    13 Putin Putin PROPN 9 obl _ S-PER
    14 . . PUNCT 2 punct
    """
    assert not [c for c in extract(text, rows) if "meeting" in c.text]


def test_a_noun_after_an_ordinary_verb_has_no_source():
    """ "Clinton examined the claim that …": Clinton did not claim it ("launched an attack" would)."""
    text = "Clinton examined the claim that the plan failed."
    rows = """
    1 Clinton Clinton PROPN 2 nsubj _ S-PER
    2 examined examine VERB 0 root VerbForm=Fin
    3 the the DET 4 det
    4 claim claim NOUN 2 obj
    5 that that SCONJ 8 mark
    6 the the DET 7 det
    7 plan plan NOUN 8 nsubj
    8 failed fail VERB 4 acl VerbForm=Fin
    9 . . PUNCT 2 punct
    """
    assert all(c.speaker is None or c.speaker.name != "Clinton" for c in extract(text, rows))


def test_a_negated_cue_makes_a_claim_marked_not_said():
    """ "did not mention the ceasefire plan": kept (PolNeAR annotates it too) but marked negated."""
    [claim] = extract("Putin did not mention the ceasefire plan.", """
    1 Putin Putin PROPN 4 nsubj _ S-PER
    2 did do AUX 4 aux
    3 not not PART 4 advmod
    4 mention mention VERB 0 root VerbForm=Inf
    5 the the DET 7 det
    6 ceasefire ceasefire NOUN 7 compound
    7 plan plan NOUN 4 obj
    8 . . PUNCT 4 punct
    """)
    assert claim.negated and claim.speaker.name == "Putin" and claim.text == "the ceasefire plan"


def test_a_contrastive_not_after_the_cue_does_not_negate_it():
    """ "is calling not for gestures, but for clarity": the parser hangs "not" on the verb; it
    contrasts two objects and the claim is asserted."""
    [claim] = extract("Zelensky is calling not for gestures, but for clarity.", """
    1 Zelensky Zelensky PROPN 3 nsubj _ S-PER
    2 is be AUX 3 aux
    3 calling call VERB 0 root VerbForm=Part
    4 not not PART 3 advmod
    5 for for ADP 6 case
    6 gestures gesture NOUN 3 obl
    7 , , PUNCT 10 punct
    8 but but CCONJ 10 cc
    9 for for ADP 10 case
    10 clarity clarity NOUN 6 conj
    11 . . PUNCT 3 punct
    """)
    assert not claim.negated and claim.speaker.name == "Zelensky"


def test_a_confident_inner_attribution_cuts_the_outer_content_without_a_clause_boundary():
    """ "mocked the story, an event that Carson says changed him": no clause boundary before the
    inner attribution. A confident one cuts the outer content; a doubtful one loses to it."""
    text = "Trump mocked the story, an event that Carson says changed him."
    rows = """
    1 Trump Trump PROPN 2 nsubj _ S-PER
    2 mocked mock VERB 0 root VerbForm=Fin
    3 the the DET 4 det
    4 story story NOUN 2 obj
    5 , , PUNCT 7 punct
    6 an a DET 7 det
    7 event event NOUN 4 appos
    8 that that PRON 11 nsubj
    9 Carson Carson PROPN 10 nsubj _ S-PER
    10 says say VERB 7 acl:relcl VerbForm=Fin
    11 changed change VERB 10 ccomp VerbForm=Fin
    12 him he PRON 11 obj
    13 . . PUNCT 2 punct
    """
    found = Extractor().candidates(document(text, rows)).items
    mocked = next(c for c in found if c.cue.lemma == "mock")
    says = next(c for c in found if c.cue.lemma == "say" and c.primary)
    mocked.probability = 0.95
    for probability, expected in ((CONFIDENT_INNER + 0.05, {"mock": "the story, an event", "say": "that … changed him"}),
                                  (CONFIDENT_INNER - 0.05, {"mock": "the story, an event that Carson says changed him"})):
        says.probability = probability
        kept = keep_above([mocked, says], 0.25)
        assert {c.cue.lemma: " … ".join(s.of(text) for s in c.content.spans) for c in kept} == expected


@pytest.mark.parametrize("text, rows, source", [
    ("The talks could end in March, officials say.", """
    1 The the DET 2 det
    2 talks talk NOUN 4 nsubj
    3 could could AUX 4 aux
    4 end end VERB 0 root VerbForm=Inf
    5 in in ADP 6 case
    6 March March PROPN 9 nsubj
    7 , , PUNCT 9 punct
    8 officials official NOUN 9 obl
    9 say say VERB 4 parataxis VerbForm=Fin
    10 . . PUNCT 4 punct
    """, "officials"),
    ("May said the deal was fair.", """
    1 May May PROPN 2 nsubj _ S-PER
    2 said say VERB 0 root VerbForm=Fin
    3 the the DET 4 det
    4 deal deal NOUN 6 nsubj
    5 was be AUX 6 cop
    6 fair fair ADJ 2 ccomp
    7 . . PUNCT 2 punct
    """, "May"),
])
def test_a_date_the_parser_made_the_subject_is_no_source(text, rows, source):
    """ "in March, officials say" with "March" parsed as the subject; "May" the person still speaks."""
    [claim] = extract(text, rows)
    assert claim.source.text == source


def test_a_gerund_modifying_a_noun_takes_that_noun_as_source():
    """ "ads calling the deal a scam": the ads speak; PolNeAR marks the modified noun as the source.
    (The rule is tested on the candidate: which of "placed" and "calling" the scorer keeps is the
    learned model's choice, and the session-12 model keeps "placed", a false alarm.)"""
    text = "Critics placed ads calling the deal a scam."
    found = Extractor().candidates(document(text, """
    1 Critics critic NOUN 2 nsubj
    2 placed place VERB 0 root VerbForm=Fin
    3 ads ad NOUN 2 obj
    4 calling call VERB/VBG 3 acl VerbForm=Ger
    5 the the DET 6 det
    6 deal deal NOUN 4 obj
    7 a a DET 8 det
    8 scam scam NOUN 4 xcomp
    9 . . PUNCT 2 punct
    """)).items
    [calling] = [c for c in found if c.cue is not None and c.cue.word.text == "calling" and c.rank == 0]
    assert calling.mention.text == "ads" and calling.how == "modified"
    assert calling.content.spans[0].of(text) == "the deal a scam"


SAID_THE_PLAN_CLAIMS = """
1 Clinton Clinton PROPN 2 nsubj _ S-PER
2 said say VERB 0 root VerbForm=Fin
3 the the DET 4 det
4 plan plan NOUN 12 nsubj
5 , , PUNCT 8 punct
6 which which PRON 10 nsubj
7 Trump Trump PROPN 8 nsubj _ S-PER
8 claims claim VERB 4 acl:relcl VerbForm=Fin
9 is be AUX 10 cop
10 popular popular ADJ 8 ccomp
11 , , PUNCT 8 punct
12 failed fail VERB 2 ccomp VerbForm=Fin
13 . . PUNCT 2 punct
"""


def test_a_confident_inner_attribution_in_the_middle_does_not_cut_off_the_end():
    """ "said the plan, which Trump claims is popular, failed": cutting before "which" would lose
    "failed", so the more probable of the two stays whole."""
    text = "Clinton said the plan, which Trump claims is popular, failed."
    found = Extractor().candidates(document(text, SAID_THE_PLAN_CLAIMS)).items
    said = next(c for c in found if c.cue.lemma == "say" and c.primary)
    claims = next(c for c in found if c.cue.lemma == "claim")
    start = text.index("is popular")
    claims.content.spans = [Span(start, start + len("is popular"))]  # the complement reading
    assert said.content.spans[-1].of(text).endswith("failed")
    said.probability, claims.probability = 0.95, CONFIDENT_INNER + 0.05
    kept = keep_above([said, claims], 0.25)
    assert [(c.cue.lemma, " … ".join(s.of(text) for s in c.content.spans)) for c in kept] == [
        ("say", "the plan, which Trump claims is popular, failed")]


def test_a_nesting_chooser_decides_which_of_two_nested_attributions_stays():
    """Of "said the plan, which Trump claims is popular, failed" and the "claims" inside it, the
    chooser learned in training keeps one of them, not necessarily the more probable."""
    text = "Clinton said the plan, which Trump claims is popular, failed."
    found = Extractor().candidates(document(text, SAID_THE_PLAN_CLAIMS)).items
    said = next(c for c in found if c.cue.lemma == "say" and c.primary)
    claims = next(c for c in found if c.cue.lemma == "claim")
    said.probability, claims.probability = 0.9, 0.6
    features = pair_features(said, claims)
    assert features["kinds=verb>verb"] == 1.0 and features["logit_difference"] > 0
    assert [c.cue.lemma for c in keep_above([said, claims], 0.25)] == ["say"]  # without one, the more probable
    for weights, stays in (({"logit_difference": -1.0}, "claim"), ({"bias": -1.0}, "claim"),
                           ({"inner:lemma=claim": -1.0, "logit_difference": 0.1}, "claim"), ({"bias": 1.0}, "say")):
        assert [c.cue.lemma for c in keep_above([said, claims], 0.25, NestingChooser(weights))] == [stays]


@pytest.mark.parametrize("text, rows, source, content", [
    # the clause's subject hung on "said" as a second subject
    ("The worst rhetoric can be divided into two categories, Sexton said.", """
    1 The the DET 3 det
    2 worst bad ADJ 3 amod
    3 rhetoric rhetoric NOUN 12 nsubj
    4 can can AUX 6 aux
    5 be be AUX 6 aux:pass
    6 divided divide VERB 12 ccomp VerbForm=Part
    7 into into ADP 9 case
    8 two two NUM 9 nummod
    9 categories category NOUN 6 obl
    10 , , PUNCT 12 punct
    11 Sexton Sexton PROPN 12 nsubj _ S-PER
    12 said say VERB 0 root VerbForm=Fin
    13 . . PUNCT 12 punct
    """, "Sexton", "The worst rhetoric can be divided into two categories"),
    # the content's subject hung on "said": the subject before the verb speaks
    ("The president, speaking in Ohio, said the economy was strong.", """
    1 The the DET 2 det
    2 president president NOUN 8 nsubj
    3 , , PUNCT 4 punct
    4 speaking speak VERB/VBG 2 acl VerbForm=Ger
    5 in in ADP 6 case
    6 Ohio Ohio PROPN 4 obl _ S-LOC
    7 , , PUNCT 4 punct
    8 said say VERB 0 root VerbForm=Fin
    9 the the DET 10 det
    10 economy economy NOUN 8 nsubj
    11 was be AUX 12 cop
    12 strong strong ADJ 8 ccomp
    13 . . PUNCT 8 punct
    """, "The president", "the economy was strong"),
    # a name and the relative pronoun of its aside both hung on "said"
    ("Trump, who relied on fervor, said the movement had parallels.", """
    1 Trump Trump PROPN 8 nsubj _ S-PER
    2 , , PUNCT 3 punct
    3 who who PRON 8 nsubj PronType=Rel
    4 relied rely VERB 1 acl:relcl VerbForm=Fin
    5 on on ADP 6 case
    6 fervor fervor NOUN 4 obl
    7 , , PUNCT 4 punct
    8 said say VERB 0 root VerbForm=Fin
    9 the the DET 10 det
    10 movement movement NOUN 11 nsubj
    11 had have VERB 8 ccomp VerbForm=Fin
    12 parallels parallel NOUN 11 obj
    13 . . PUNCT 8 punct
    """, "Trump", "the movement had parallels"),
    # a conjunct with a subject of its own that the parser left out of the tree
    ("Officials were urging people to stay home, BFM TV reported.", """
    1 Officials official NOUN 3 nsubj
    2 were be AUX 3 aux
    3 urging urge VERB 0 root VerbForm=Part
    4 people people NOUN 3 obj
    5 to to PART 6 mark
    6 stay stay VERB 3 xcomp VerbForm=Inf
    7 home home NOUN 6 obj
    8 , , PUNCT 11 punct
    9 BFM BFM PROPN 10 compound _ B-ORG
    10 TV TV PROPN 11 compound _ E-ORG
    11 reported report VERB 3 conj VerbForm=Fin
    12 . . PUNCT 3 punct
    """, "BFM TV", "Officials were urging people to stay home"),
])
def test_a_misattached_subject_is_not_the_source(text, rows, source, content):
    """Two subjects on one verb, or none where a name stands right before it: the one that speaks
    is found, and the other belongs to what was said."""
    claims = [c for c in extract(text, rows) if c.cue in ("said", "reported")]
    assert [(c.source.text, c.text) for c in claims] == [(source, content)]


def test_the_subject_of_a_clause_after_the_cue_is_not_its_source():
    """ "went on offense on Monday, saying he would …" with "saying" hung on "Monday" (no relation a
    source can be found through): "he" opens what was said; the speaker is the main verb's subject."""
    claims = extract("Clinton went on offense on Monday, saying he would abdicate leadership.", """
    1 Clinton Clinton PROPN 2 nsubj _ S-PER
    2 went go VERB 0 root VerbForm=Fin
    3 on on ADP 4 case
    4 offense offense NOUN 2 obl
    5 on on ADP 6 case
    6 Monday Monday PROPN 2 obl _ S-DATE
    7 , , PUNCT 8 punct
    8 saying say VERB/VBG 6 dep VerbForm=Ger
    9 he he PRON 11 nsubj
    10 would would AUX 11 aux
    11 abdicate abdicate VERB 8 ccomp VerbForm=Inf
    12 leadership leadership NOUN 11 obj
    13 . . PUNCT 2 punct
    """)
    [saying] = [c for c in claims if c.cue == "saying"]
    assert saying.source.text == "Clinton" and saying.text == "he would abdicate leadership"


def test_a_time_subject_gives_way_to_the_name_after_an_apposition():
    """ "Last week, the director, James Comey, recommended": the parser's subject is the time; the
    speaker is the name standing before the verb, past its apposition."""
    [claim] = extract("Last week, the director, James Comey, recommended that no charges be filed.", """
    1 Last last ADJ 2 amod
    2 week week NOUN 10 nsubj
    3 , , PUNCT 2 punct
    4 the the DET 5 det
    5 director director NOUN 2 appos
    6 , , PUNCT 7 punct
    7 James James PROPN 5 appos _ B-PER
    8 Comey Comey PROPN 7 flat _ E-PER
    9 , , PUNCT 7 punct
    10 recommended recommend VERB 0 root VerbForm=Fin
    11 that that SCONJ 15 mark
    12 no no DET 13 det
    13 charges charge NOUN 15 nsubj:pass
    14 be be AUX 15 aux:pass
    15 filed file VERB 10 ccomp VerbForm=Part
    16 . . PUNCT 10 punct
    """)
    assert claim.source.text == "James Comey" and claim.text == "that no charges be filed"


def test_a_relative_clause_taken_for_a_fronted_one_keeps_the_name_as_source():
    """ "Trump, who has relied on fervor, has said …" with "Trump" and "who" both subjects of
    "relied", itself hung on "said": Trump said it, not "who"."""
    [claim] = extract("Trump, who has relied on fervor, has said the movement had parallels.", """
    1 Trump Trump PROPN 5 nsubj _ S-PER
    2 , , PUNCT 1 punct
    3 who who PRON 5 nsubj PronType=Rel
    4 has have AUX 5 aux
    5 relied rely VERB 10 advcl VerbForm=Part
    6 on on ADP 7 case
    7 fervor fervor NOUN 5 obl
    8 , , PUNCT 5 punct
    9 has have AUX 10 aux
    10 said say VERB 0 root VerbForm=Part
    11 the the DET 12 det
    12 movement movement NOUN 13 nsubj
    13 had have VERB 10 ccomp VerbForm=Fin
    14 parallels parallel NOUN 13 obj
    15 . . PUNCT 10 punct
    """)
    assert claim.source.text == "Trump" and claim.text == "the movement had parallels"


@pytest.mark.parametrize("text, rows, source", [
    ("Candidates are chiming in with criticism of the orders.", """
    1 Candidates candidate NOUN 3 nsubj
    2 are be AUX 3 aux
    3 chiming chime VERB 0 root VerbForm=Part
    4 in in ADP 3 compound:prt
    5 with with ADP 6 case
    6 criticism criticism NOUN 3 obl
    7 of of ADP 9 case
    8 the the DET 9 det
    9 orders order NOUN 6 nmod
    10 . . PUNCT 3 punct
    """, "Candidates"),
    ("Obama has endured criticism of the orders.", """
    1 Obama Obama PROPN 3 nsubj _ S-PER
    2 has have AUX 3 aux
    3 endured endure VERB 0 root VerbForm=Part
    4 criticism criticism NOUN 3 obj
    5 of of ADP 7 case
    6 the the DET 7 det
    7 orders order NOUN 4 nmod
    8 . . PUNCT 3 punct
    """, None),
    ("The scale of the attacks leaves room for criticism of the orders.", """
    1 The the DET 2 det
    2 scale scale NOUN 6 nsubj
    3 of of ADP 5 case
    4 the the DET 5 det
    5 attacks attack NOUN 2 nmod
    6 leaves leave VERB 0 root VerbForm=Fin
    7 room room NOUN 6 obj
    8 for for ADP 9 case
    9 criticism criticism NOUN 6 obl
    10 of of ADP 12 case
    11 the the DET 12 det
    12 orders order NOUN 9 nmod
    13 . . PUNCT 6 punct
    """, None),
    ("The minister resigned amid criticism of the orders.", """
    1 The the DET 2 det
    2 minister minister NOUN 3 nsubj
    3 resigned resign VERB 0 root VerbForm=Fin
    4 amid amid ADP 5 case
    5 criticism criticism NOUN 3 obl
    6 of of ADP 8 case
    7 the the DET 8 det
    8 orders order NOUN 5 nmod
    9 . . PUNCT 3 punct
    """, None),
    ("It stirred criticism of the orders.", """
    1 It it PRON 2 nsubj
    2 stirred stir VERB 0 root VerbForm=Fin
    3 criticism criticism NOUN 2 obj
    4 of of ADP 6 case
    5 the the DET 6 det
    6 orders order NOUN 3 nmod
    7 . . PUNCT 2 punct
    """, None),
])
def test_a_reporting_noun_takes_the_subject_of_its_verb_unless_the_subject_undergoes_it(text, rows, source):
    """ "chiming in with criticism": the candidates criticise; "has endured criticism": Obama is
    criticised, not the critic; "resigned amid criticism": neither; "the scale of the attacks
    leaves room for …", "it stirred criticism": a thing speaks for no one."""
    candidates = [c for c in Extractor().candidates(document(text, rows)).items if c.cue.lemma == "criticism"]
    assert candidates and {c.mention.text if c.mention else None for c in candidates} == {source}



def test_a_conjunct_does_not_take_the_first_conjuncts_object_as_source():
    """ "thanked the president, Duda, promised …" with "promised" parsed as a conjunct: Duda is
    who was thanked; Zelensky promised."""
    claims = extract("Zelensky thanked the president, Duda, promised that Kyiv would repay.", """
    1 Zelensky Zelensky PROPN 2 nsubj _ S-PER
    2 thanked thank VERB 0 root VerbForm=Fin
    3 the the DET 4 det
    4 president president NOUN 2 obj
    5 , , PUNCT 6 punct
    6 Duda Duda PROPN 4 appos _ S-PER
    7 , , PUNCT 6 punct
    8 promised promise VERB 2 conj VerbForm=Fin
    9 that that SCONJ 12 mark
    10 Kyiv Kyiv PROPN 12 nsubj _ S-LOC
    11 would would AUX 12 aux
    12 repay repay VERB 8 ccomp VerbForm=Inf
    13 . . PUNCT 2 punct
    """)
    [promised] = [c for c in claims if c.cue == "promised"]
    assert promised.source.text == "Zelensky"


def test_a_name_after_an_inverted_cue_is_its_source_even_if_hung_on_a_later_participle():
    """ "“We agree,” said Putin, adding that …" with "Putin" made the subject of "adding"."""
    claims = extract("“We agree,” said Putin, adding that talks would go on.", """
    1 “ " PUNCT 3 punct
    2 We we PRON 3 nsubj
    3 agree agree VERB 0 root VerbForm=Fin
    4 , , PUNCT 3 punct
    5 ” " PUNCT 3 punct
    6 said say VERB 3 parataxis VerbForm=Fin
    7 Putin Putin PROPN 9 nsubj _ S-PER
    8 , , PUNCT 9 punct
    9 adding add VERB/VBG 6 advcl VerbForm=Ger
    10 that that SCONJ 13 mark
    11 talks talk NOUN 13 nsubj
    12 would would AUX 13 aux
    13 go go VERB 9 ccomp VerbForm=Inf
    14 on on ADP 13 compound:prt
    15 . . PUNCT 3 punct
    """)
    [said] = [c for c in claims if c.cue == "said"]
    assert said.source.text == "Putin" and said.text == "We agree,"


def test_the_main_clause_before_a_subordinate_cue_is_not_its_content():
    """ "launched its outreach this week after Ukraine agreed in principle" with "agreed" parsed
    as a conjunct of "launched": the main clause before "after" is not what Ukraine agreed to (a
    seed article had it as a claim)."""
    text = "The administration launched its outreach this week after Ukraine agreed in principle."
    parsed = document(text, """
    1 The the DET 2 det
    2 administration administration NOUN 3 nsubj
    3 launched launch VERB 0 root VerbForm=Fin
    4 its its PRON 5 nmod:poss
    5 outreach outreach NOUN 3 obj
    6 this this DET 7 det
    7 week week NOUN 5 nmod
    8 after after ADP 9 case
    9 Ukraine Ukraine PROPN 7 nmod _ S-LOC
    10 agreed agree VERB 3 conj VerbForm=Fin
    11 in in ADP 12 case
    12 principle principle NOUN 10 obl
    13 . . PUNCT 3 punct
    """)
    found = Extractor().candidates(parsed).items
    assert any(c.cue.lemma == "launch" for c in found)
    assert not any(c.cue.lemma == "agree" and c.content.spans[0].of(text).startswith("The administration") for c in found)


def test_a_coordinated_cue_shares_the_source_of_the_outer_cue_not_of_one_inside_its_content():
    # the parser hung "suggested" on "proposal"; "responding" (source "the question") lies inside
    # what Peskov said, so "and suggested" is Peskov's, not the question's
    text = "Peskov said it was wrong to get ahead of the question of responding to the proposal and suggested that a call could take place."
    rows = """
    1 Peskov Peskov PROPN 2 nsubj _ S-PER
    2 said say VERB 0 root VerbForm=Fin
    3 it it PRON 5 expl
    4 was be AUX 5 cop
    5 wrong wrong ADJ 2 ccomp
    6 to to PART 7 mark
    7 get get VERB 5 xcomp VerbForm=Inf
    8 ahead ahead ADV 7 advmod
    9 of of ADP 11 case
    10 the the DET 11 det
    11 question question NOUN 7 obl
    12 of of SCONJ 13 mark
    13 responding respond VERB/VBG 11 acl VerbForm=Part
    14 to to ADP 16 case
    15 the the DET 16 det
    16 proposal proposal NOUN 13 obl
    17 and and CCONJ 18 cc
    18 suggested suggest VERB 16 conj VerbForm=Fin
    19 that that SCONJ 23 mark
    20 a a DET 21 det
    21 call call NOUN 23 nsubj
    22 could could AUX 23 aux
    23 take take VERB 18 ccomp VerbForm=Inf
    24 place place NOUN 23 obj
    25 . . PUNCT 2 punct
    """
    found = Extractor().candidates(document(text, rows)).items
    responding = [c for c in found if c.cue.word.text == "responding" and c.primary]
    assert responding and responding[0].mention.text == "the question"  # the inner source the rule must pass over
    suggested = [c for c in found if c.cue.word.text == "suggested"]
    assert suggested and all(c.mention.text == "Peskov" and c.how == "inherited" for c in suggested)


def test_the_agent_of_a_past_participle_is_its_source_without_a_passive_auxiliary():
    text = "The attack, confirmed by Ukrainian authorities, marked a new escalation."
    rows = """
    1 The the DET 2 det
    2 attack attack NOUN 9 nsubj
    3 , , PUNCT 2 punct
    4 confirmed confirm VERB/VBN 9 advcl Tense=Past|VerbForm=Part|Voice=Pass
    5 by by ADP 7 case
    6 Ukrainian Ukrainian ADJ 7 amod
    7 authorities authority NOUN 4 obl
    8 , , PUNCT 2 punct
    9 marked mark VERB 0 root VerbForm=Fin
    10 a a DET 12 det
    11 new new ADJ 12 amod
    12 escalation escalation NOUN 9 obj
    13 . . PUNCT 9 punct
    """
    confirmed = [c for c in Extractor().candidates(document(text, rows)).items if c.cue.lemma == "confirm"]
    assert confirmed and all(c.how == "agent" and c.mention.text == "Ukrainian authorities" for c in confirmed)


def test_an_active_perfect_participle_takes_no_agent_from_a_by_phrase():
    # "has" stays on the first conjunct, so "warned" looks like a bare participle
    text = "Putin has met Trump and warned by letter that sanctions would follow."
    rows = """
    1 Putin Putin PROPN 3 nsubj _ S-PER
    2 has have AUX 3 aux
    3 met meet VERB/VBN 0 root Tense=Past|VerbForm=Part
    4 Trump Trump PROPN 3 obj _ S-PER
    5 and and CCONJ 6 cc
    6 warned warn VERB/VBN 3 conj Tense=Past|VerbForm=Part
    7 by by ADP 8 case
    8 letter letter NOUN 6 obl
    9 that that SCONJ 12 mark
    10 sanctions sanction NOUN 12 nsubj
    11 would would AUX 12 aux
    12 follow follow VERB 6 ccomp VerbForm=Inf
    13 . . PUNCT 3 punct
    """
    warned = [c for c in Extractor().candidates(document(text, rows)).items if c.cue.lemma == "warn"]
    assert warned and all(c.how != "agent" and c.mention.text == "Putin" for c in warned)


def test_a_conjunct_sharing_a_passive_auxiliary_takes_its_own_agent():
    text = "The plan was praised by Trump and criticized by Clinton."
    rows = """
    1 The the DET 2 det
    2 plan plan NOUN 4 nsubj:pass
    3 was be AUX 4 aux:pass
    4 praised praise VERB/VBN 0 root Tense=Past|VerbForm=Part|Voice=Pass
    5 by by ADP 6 case
    6 Trump Trump PROPN 4 obl _ S-PER
    7 and and CCONJ 8 cc
    8 criticized criticize VERB/VBN 4 conj Tense=Past|VerbForm=Part|Voice=Pass
    9 by by ADP 10 case
    10 Clinton Clinton PROPN 8 obl _ S-PER
    11 . . PUNCT 4 punct
    """
    found = Extractor().candidates(document(text, rows)).items
    criticized = [c for c in found if c.cue.lemma == "criticize"]
    assert criticized and all(c.how == "agent" and c.mention.text == "Clinton" for c in criticized)


def test_a_place_possessor_before_a_name_is_no_role():
    text = "Russia's Vladimir Putin said the talks would start."
    rows = """
    1 Russia Russia PROPN 4 nmod:poss _ S-LOC
    2 's 's PART 1 case
    3 Vladimir Vladimir PROPN 4 compound _ B-PER
    4 Putin Putin PROPN 5 nsubj _ E-PER
    5 said say VERB 0 root VerbForm=Fin
    6 the the DET 7 det
    7 talks talk NOUN 9 nsubj
    8 would would AUX 9 aux
    9 start start VERB 5 ccomp VerbForm=Inf
    10 . . PUNCT 5 punct
    """
    [claim] = extract(text, rows)
    assert claim.speaker.name == "Vladimir Putin" and claim.source.text == "Russia's Vladimir Putin"
    assert "Russia's" not in claim.speaker.roles


def _contents(text: str, rows: str, lemma: str) -> list[str]:
    """The content hypotheses of the cue ``lemma``, whatever the scorer makes of them."""
    found = Extractor().candidates(document(text, rows)).items
    return [text[c.content.spans[0].start:c.content.spans[-1].end] for c in found if c.cue is not None and c.cue.lemma == lemma]


def test_a_fronted_subordinate_clause_opens_what_was_said():
    """ "Since Russia claims the region, Ukraine will lose, Peskov said": the inner "claims" is
    part of what Peskov said; cutting before it would leave nothing of his content."""
    text = "Since Russia claims the region, Ukraine will lose, Peskov said."
    rows = """
    1 Since since SCONJ 3 mark
    2 Russia Russia PROPN 3 nsubj _ S-LOC
    3 claims claim VERB 12 ccomp VerbForm=Fin
    4 the the DET 5 det
    5 region region NOUN 3 obj
    6 , , PUNCT 9 punct
    7 Ukraine Ukraine PROPN 9 nsubj _ S-LOC
    8 will will AUX 9 aux
    9 lose lose VERB 3 conj VerbForm=Inf
    10 , , PUNCT 12 punct
    11 Peskov Peskov PROPN 12 nsubj _ S-PER
    12 said say VERB 0 root VerbForm=Fin
    13 . . PUNCT 12 punct
    """
    assert "Since Russia claims the region, Ukraine will lose" in _contents(text, rows, "say")


@pytest.mark.parametrize("text, rows, lemma, content, said", [
    # the subordinate clause is fronted inside the content, not the reason for saying it
    ("Peskov said because the talks failed, the ceasefire is over.", """
    1 Peskov Peskov PROPN 2 nsubj _ S-PER
    2 said say VERB 0 root VerbForm=Fin
    3 because because SCONJ 6 mark
    4 the the DET 5 det
    5 talks talk NOUN 6 nsubj
    6 failed fail VERB 2 ccomp VerbForm=Fin
    7 , , PUNCT 11 punct
    8 the the DET 9 det
    9 ceasefire ceasefire NOUN 11 nsubj
    10 is be AUX 11 cop
    11 over over ADJ 2 ccomp
    12 . . PUNCT 2 punct
    """, "say", "because the talks failed, the ceasefire is over", True),
    # "and" joins another clause: the reason clause still says why, not what
    ("Trump posted because the talks failed, and Putin agreed.", """
    1 Trump Trump PROPN 2 nsubj _ S-PER
    2 posted post VERB 0 root VerbForm=Fin
    3 because because SCONJ 6 mark
    4 the the DET 5 det
    5 talks talk NOUN 6 nsubj
    6 failed fail VERB 2 ccomp VerbForm=Fin
    7 , , PUNCT 10 punct
    8 and and CCONJ 10 cc
    9 Putin Putin PROPN 10 nsubj _ S-PER
    10 agreed agree VERB 2 ccomp VerbForm=Fin
    11 . . PUNCT 2 punct
    """, "post", "because the talks failed, and Putin agreed", False),
], ids=["main-clause-after", "and-after"])
def test_a_reason_clause_opens_a_content_only_with_a_main_clause_after_it(text, rows, lemma, content, said):
    """ "said because Obama is popular, he's a very good surrogate" against "posted because …, and …"."""
    assert (content in _contents(text, rows, lemma)) is said


def test_a_clause_misattached_as_an_adverb_is_still_a_content():
    """ "said that is highly unlikely" with "unlikely" parsed as an adverb of "said": a dependent
    with a subject of its own is a clause, not a light word of the cue."""
    text = "Experts said that is highly unlikely."
    rows = """
    1 Experts expert NOUN 2 nsubj
    2 said say VERB 0 root VerbForm=Fin
    3 that that PRON 6 nsubj
    4 is be AUX 6 cop
    5 highly highly ADV 6 advmod
    6 unlikely unlikely ADV 2 advmod
    7 . . PUNCT 2 punct
    """
    assert "that is highly unlikely" in _contents(text, rows, "say")


def test_an_indirect_question_after_asked_is_its_content_however_attached():
    """ "When asked whether the talks would resume, Peskov said": the parser hung the question on
    "said"; it is what was asked, and the asker is not named."""
    text = "When asked whether the talks would resume, Peskov said no."
    rows = """
    1 When when ADV 2 advmod
    2 asked ask VERB/VBN 10 advcl VerbForm=Part
    3 whether whether SCONJ 7 mark
    4 the the DET 5 det
    5 talks talk NOUN 7 nsubj
    6 would would AUX 7 aux
    7 resume resume VERB 10 ccomp VerbForm=Inf
    8 , , PUNCT 7 punct
    9 Peskov Peskov PROPN 10 nsubj _ S-PER
    10 said say VERB 0 root VerbForm=Fin
    11 no no INTJ 10 obj
    12 . . PUNCT 10 punct
    """
    assert "whether the talks would resume" in _contents(text, rows, "ask")


def test_a_question_word_past_a_comma_is_not_what_was_asked():
    text = "Asked about it, Trump said who cares."
    rows = """
    1 Asked ask VERB/VBN 6 advcl VerbForm=Part
    2 about about ADP 3 case
    3 it it PRON 1 obl
    4 , , PUNCT 1 punct
    5 Trump Trump PROPN 6 nsubj _ S-PER
    6 said say VERB 0 root VerbForm=Fin
    7 who who PRON 8 nsubj
    8 cares care VERB 6 ccomp VerbForm=Fin
    9 . . PUNCT 6 punct
    """
    assert not [c for c in _contents(text, rows, "ask") if "cares" in c]


def test_what_a_losing_attribution_had_beaten_meets_the_others_in_its_own_turn():
    """ "Clinton said Trump claims Cruz thinks it failed": three nested attributions, and a chooser
    that prefers "said" to "claims", "claims" to "thinks" and "thinks" to "said". "claims", the most
    probable, beats "thinks" and then loses to "said"; "thinks" is not out for having lost to a
    loser, and then beats "said"."""
    text = "Clinton said Trump claims Cruz thinks it failed."
    rows = """
    1 Clinton Clinton PROPN 2 nsubj _ S-PER
    2 said say VERB 0 root VerbForm=Fin
    3 Trump Trump PROPN 4 nsubj _ S-PER
    4 claims claim VERB 2 ccomp VerbForm=Fin
    5 Cruz Cruz PROPN 6 nsubj _ S-PER
    6 thinks think VERB 4 ccomp VerbForm=Fin
    7 it it PRON 8 nsubj
    8 failed fail VERB 6 ccomp VerbForm=Fin
    9 . . PUNCT 2 punct
    """
    found = Extractor().candidates(document(text, rows)).items
    said, claims, thinks = (next(c for c in found if c.cue.lemma == lemma and c.rank == 0) for lemma in ("say", "claim", "think"))
    said.probability, claims.probability, thinks.probability = 0.6, 0.7, 0.5
    chooser = NestingChooser({"outer:lemma=say": 1.0, "outer:lemma=claim": 2.0, "inner:lemma=think": -1.5})
    assert [c.cue.lemma for c in keep_above([thinks, said, claims], 0.25, chooser)] == ["think"]
