"""Conflicts across the five seed articles: the ones a fact-checker must see, and no pairing of
unrelated statements."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="module")
def conflicts(seed_tracker):
    return seed_tracker.conflicts()


def find(conflicts, kind: str, first: str, second: str):
    """The conflict of ``kind`` between a claim containing ``first`` and one containing ``second``."""
    for conflict in conflicts:
        texts = (conflict.first.text, conflict.second.text)
        if conflict.kind == kind and ((first in texts[0] and second in texts[1]) or (first in texts[1] and second in texts[0])):
            return conflict
    raise AssertionError(f"no {kind} conflict between {first!r} and {second!r}: "
                         + "; ".join(f"{c.kind}: {c.first.text[:50]!r} / {c.second.text[:50]!r}" for c in conflicts))


def test_reuters_meeting_against_politicos_doubt(conflicts):
    conflict = find(conflicts, "contradiction", "held a lengthy meeting with Putin", "unclear whether Witkoff had actually met")
    narration = conflict.first if conflict.first.kind == "narration" else conflict.second
    doubt = conflict.second if narration is conflict.first else conflict.first
    assert narration.outlet.startswith("Reuters") and narration.speaker is None
    assert doubt.reporter == "Politico"
    assert "vladimir putin" in conflict.evidence["shared"]
    assert "puts in doubt" in conflict.reason


def test_surrounded_against_no_threat_of_encirclement(conflicts):
    conflict = find(conflicts, "polarity", "completely surrounded", "no threat of encirclement")
    assert {conflict.first.speaker, conflict.second.speaker} == {"Donald Trump", "Kyiv's military"}
    terms = {t["polarity"] for t in conflict.evidence["terms"].values()}
    assert terms == {"asserted", "negated"}


def test_putin_support_against_ushakov_respite(conflicts):
    conflict = find(conflicts, "stance", "we certainly support it", "temporary respite")
    assert "both of Russia" in conflict.reason and conflict.evidence["topic"] == "ceasefire"


def test_zelensky_says_putin_prepares_a_rejection(conflicts):
    conflict = find(conflicts, "stance", "We agree with the proposal to cease hostilities", "preparing a rejection")
    holders = {s["holder"] for s in conflict.evidence["stances"].values()}
    assert holders == {"Vladimir Putin"}  # Zelenskyi's "he" is Putin
    assert {conflict.first.speaker, conflict.second.speaker} == {"Vladimir Putin", "Volodymyr Zelenskyi"}


def test_unrelated_claims_are_not_paired(conflicts):
    drones = [c for c in conflicts if "337 Ukrainian drones" in c.first.text + c.second.text]
    assert drones == []
    for conflict in conflicts:  # every flag shares subject matter and joins two voices
        assert conflict.first.id != conflict.second.id
        assert conflict.evidence.get("shared") or conflict.evidence.get("topic")
    assert len(conflicts) <= 12, [c.reason for c in conflicts]  # precision first: a handful, each right


def test_claims_mark_their_conflicts(seed_tracker):
    records = seed_tracker.claims(speaker="Putin", about="ceasefire")
    marked = {r.text: r.conflicts for r in records}
    support = next(ids for text, ids in marked.items() if "we certainly support it" in text)
    assert support, marked
    assert all(r.kind != "narration" for r in records)


def test_conflicts_filter_by_speaker_and_topic(seed_tracker):
    assert {c.kind for c in seed_tracker.conflicts(speaker="Ushakov")} == {"stance"}
    assert seed_tracker.conflicts(speaker="Rutte") == []
    assert all("ceasefire" in c.first.topics + c.second.topics for c in seed_tracker.conflicts(about="ceasefire"))
