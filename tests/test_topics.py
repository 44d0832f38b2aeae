"""Topic terms and passage scoring, on plain strings."""

import pytest

from claimtrack.topics import ClaimText, Passage, Topic, TopicTable, query_terms, score_topics


def test_term_variants():
    topic = Topic("ceasefire", ("cease fire", "truce", "cease hostilities"))
    for text in ("a ceasefire now", "the cease-fire", "a Cease Fire and Final Agreement", "truces", "to cease hostilities"):
        assert topic.found_in(text), text
    assert not topic.found_in("ceasefired") and not topic.found_in("obstruce")
    assert topic.found_in("No truce, said the cease-fires' critics") == "truce"  # the first term in the text


def test_table_names_and_synonyms(tmp_path):
    table = TopicTable.load()
    assert table.named("truce").name == "ceasefire" and table.named("Ceasefire").name == "ceasefire"
    assert table.resolve("Sudzha").terms == ("sudzha",)
    assert query_terms("ceasefires") == ("ceasefire", "ceasefires")
    extra = tmp_path / "topics.toml"
    extra.write_text('[grain]\nterms = ["grain", "Black Sea corridor"]\n', encoding="utf-8")
    assert TopicTable.load(extra).named("black sea corridor").name == "grain"
    for terms in ("[]", '[""]', '["truce", "-"]', "[3]"):  # a term of no words would match anything, even a lone "s"
        extra.write_text(f"[grain]\nterms = {terms}\n", encoding="utf-8")
        with pytest.raises(ValueError, match="needs a list of terms"):
            TopicTable.load(extra)


def test_passage_context():
    sentences = [
        Passage(0, 0, "Putin said the ceasefire must lead to peace.", ""),
        Passage(1, 0, "Other news.", ""),
        Passage(2, 1, "Zelensky described the response as manipulative.", ""),
        Passage(3, 1, "He said Putin is preparing a rejection.", ""),
        Passage(4, 2, "Unrelated.", ""),
        Passage(5, 2, "Nothing here.", ""),
        Passage(6, 3, "Zelensky said drones hit Kyiv.", ""),
    ]
    claims = [
        ClaimText(2, "z", "the response as manipulative", ""),
        ClaimText(3, "z", "Putin is preparing a rejection", ""),
        ClaimText(6, "z", "drones hit Kyiv", ""),
    ]
    topic = Topic("ceasefire", ("ceasefire",))
    hits = score_topics(claims, sentences, [topic])
    assert [h[0].where for h in hits[:2]] == ["passage", "passage"]  # two sentences after the ceasefire line
    assert hits[2] == []  # too far away


def test_a_claim_without_speaker_does_not_interrupt_a_run():
    """The outlet's narration of a sentence, listed before or after the speaker's claim there,
    leaves the speaker's run whole: retagging from the database (claims in text order) and ingest
    (narration last) give the same tags."""
    sentences = [
        Passage(0, 0, "Ceasefire talks began.", ""),
        Passage(1, 0, "Nothing here.", ""),
        Passage(2, 0, "Talks went on, and Putin said they matter.", ""),
        Passage(3, 0, "He added that the West must listen.", ""),
    ]
    putin = [ClaimText(2, "p", "they matter", ""), ClaimText(3, "p", "the West must listen", "")]
    narration = ClaimText(2, None, "Talks went on", "")
    topic = Topic("ceasefire", ("ceasefire",))
    for claims in ([putin[0], narration, putin[1]], [narration, *putin], [*putin, narration]):
        hits = dict(zip(map(id, claims), score_topics(claims, sentences, [topic])))
        assert [h.where for h in hits[id(putin[1])]] == ["passage"]  # the run reaches back to sentence 0
