"""The role tagger: gold targets per word, learning, the file it is shipped in, and its features."""

from __future__ import annotations

import pytest
import torch

from claimtrack.domain import Span
from claimtrack.extract.attribution import Extractor
from claimtrack.extract.context import packaged_encoder
from claimtrack.extract.quotes import QuoteIndex, find_quotes
from claimtrack.extract.roles import NETWORKS, Example, RoleTagger, WordRoles, document_contexts, role_targets
from claimtrack.extract.scorer import HeuristicScorer, LearnedScorer

from .handparse import document
from .test_rules import QUOTE_THEN_SAID, QUOTED, REPORTED, REPORTED_ROWS


def spans(text: str, *parts: str) -> list[Span]:
    return [Span(text.index(p), text.index(p) + len(p)) for p in parts]


def example(text: str, rows: str, cue: str, content: str, source: str) -> Example:
    parsed = document(text, rows)
    annotation = (spans(text, cue), spans(text, content), spans(text, source))
    return Example(parsed.sentences, QuoteIndex(find_quotes(text)), role_targets(parsed.sentences, [[annotation]]),
                   document_contexts(packaged_encoder(), [parsed.sentences])[0])


def test_targets_are_the_share_of_annotators_marking_each_role():
    parsed = document(REPORTED, REPORTED_ROWS)
    one = (spans(REPORTED, "said"), spans(REPORTED, "Russia will guarantee their safety"), spans(REPORTED, "Putin"))
    other = (spans(REPORTED, "said that"), spans(REPORTED, "Russia will guarantee"), [])
    [targets] = role_targets(parsed.sentences, [[one], [other]])
    by_word = dict(zip((w.text for w in parsed.sentences[0].words), targets))
    assert by_word["Putin"] == (0.0, 0.0, 0.5)
    assert by_word["said"] == (1.0, 0.0, 0.0)
    assert by_word["that"] == (0.5, 0.0, 0.0)
    assert by_word["guarantee"] == (0.0, 1.0, 0.0)
    assert by_word["safety"] == (0.0, 0.5, 0.0)
    assert by_word["."] == (0.0, 0.0, 0.0)


@pytest.fixture(scope="module")
def tagger() -> RoleTagger:
    """Three networks (the default) trained on two hand-parsed sentences."""
    examples = [example(QUOTED, QUOTE_THEN_SAID, "said", "We agree,", "Putin"),
                example(REPORTED, REPORTED_ROWS, "said", "that Russia will guarantee their safety", "Putin")]
    generator = torch.Generator().manual_seed(1)
    forms = {w.text.lower() for e in examples for s in e.sentences for w in s.words}
    vectors = {form: torch.randn(8, generator=generator) for form in sorted(forms)}
    return RoleTagger.fit(examples * 64, vectors, packaged_encoder(), epochs=12)


def test_the_tagger_learns_the_roles_of_words_and_keeps_them_through_its_file(tagger, tmp_path):
    parsed = document(REPORTED, REPORTED_ROWS)
    quotes = QuoteIndex(find_quotes(REPORTED))
    reading = tagger.read(parsed.sentences, quotes)
    roles = {w.text: reading.within(w.span)[0] for w in parsed.sentences[0].words}
    assert roles["said"][0] > 0.5 > roles["Russia"][0]
    assert roles["guarantee"][1] > 0.5 > roles["said"][1]
    assert roles["Putin"][2] > 0.5 > roles["safety"][2]

    tagger.save(tmp_path / "model.roles.pt")
    loaded = RoleTagger.load(tmp_path / "model.roles.pt").read(parsed.sentences, quotes)
    assert all(abs(a - b) < 0.01 for w in parsed.sentences[0].words
               for a, b in zip(reading.within(w.span)[0], loaded.within(w.span)[0]))  # kept in half precision


def test_a_tagger_file_refuses_an_encoder_other_than_the_one_it_was_trained_with(tagger, tmp_path):
    path = tmp_path / "model.roles.pt"
    tagger.save(path)
    data = torch.load(path, weights_only=True)
    assert data["encoder"]["sha256"] == tagger.encoder.fingerprint
    data["encoder"]["sha256"] = "0" * 64
    torch.save(data, path)
    with pytest.raises(ValueError, match="another contextual encoder"):
        RoleTagger.load(path)
    del data["encoder"]
    torch.save(data, path)
    with pytest.raises(ValueError, match="older claimtrack"):
        RoleTagger.load(path)


def flat(roles: WordRoles, words: list) -> list[float]:
    return [p for w in words for role in roles.within(w.span) for p in role]


def test_the_reading_is_the_networks_mean_and_documents_read_together_read_as_alone(tagger):
    quoted, reported = document(QUOTED, QUOTE_THEN_SAID), document(REPORTED, REPORTED_ROWS)
    pair = [(d.sentences, QuoteIndex(find_quotes(d.text))) for d in (quoted, reported)]
    together = tagger.read_documents(pair)
    for (sentences, quotes), reading in zip(pair, together):
        alone = tagger.read(sentences, quotes)
        words = [w for s in sentences for w in s.words]
        assert flat(alone, words) == pytest.approx(flat(reading, words), abs=1e-6)

    assert len(tagger.networks) == NETWORKS == 3
    said = next(w for w in reported.sentences[0].words if w.text == "said")
    each = [RoleTagger(tagger.vocabulary, [n], tagger.encoder).read(*pair[1]).within(said.span)[0][0] for n in tagger.networks]
    assert len(set(each)) == 3  # different seeds, different networks
    assert together[1].within(said.span)[0][0] == pytest.approx(sum(each) / 3, abs=1e-6)


def test_the_tagger_reading_becomes_features_of_the_candidates():
    parsed = document(QUOTED, QUOTE_THEN_SAID)
    extractor = Extractor(scorer=HeuristicScorer())
    words = parsed.sentences[0].words
    said = next(w for w in words if w.text == "said")
    reading = WordRoles([w.start for w in words], [(0.9 if w is said else 0.1, 0.8 if 2 <= w.id <= 4 else 0.2, 0.0) for w in words])
    quoted = next(c for c in extractor.candidates(parsed, reading).items if c.content.strategy == "quote-before")
    assert quoted.features["tagged_cue"] == 0.9 and quoted.features["tagged_cue=4"] == 1.0
    assert quoted.features["tagged_content"] == pytest.approx(0.8)
    assert quoted.features["tagged_content_around"] == pytest.approx(0.2)
    without = next(c for c in extractor.candidates(parsed).items if c.content.strategy == "quote-before")
    assert not any(name.startswith("tagged") for name in without.features)


def test_the_weights_file_names_its_tagger(tagger, tmp_path):
    LearnedScorer({"tagged_cue": 2.0}, 0.4, frozenset(), {}, tagger).save(tmp_path / "model.json")
    assert (tmp_path / "model.roles.pt").is_file()
    loaded = LearnedScorer.load(tmp_path / "model.json")
    assert loaded.tagger is not None and loaded.tagger.vocabulary.forms == tagger.vocabulary.forms


ADAMANT = "Peskov was adamant that talks failed."
ADAMANT_ROWS = """
1 Peskov Peskov PROPN 3 nsubj _ S-PER
2 was be AUX 3 cop
3 adamant adamant ADJ 0 root
4 that that SCONJ 6 mark
5 talks talk NOUN 6 nsubj
6 failed fail VERB 3 ccomp VerbForm=Fin
7 . . PUNCT 3 punct
"""


def test_a_word_the_tagger_reads_as_a_cue_is_a_candidate_though_no_list_names_it():
    parsed = document(ADAMANT, ADAMANT_ROWS)
    extractor = Extractor(scorer=HeuristicScorer())
    words = parsed.sentences[0].words
    assert not extractor.candidates(parsed).items

    def reading(adamant: float) -> WordRoles:
        return WordRoles([w.start for w in words], [(adamant if w.text == "adamant" else 0.05, 0.0, 0.0) for w in words])

    assert not extractor.candidates(parsed, reading(0.4)).items
    [candidate] = [c for c in extractor.candidates(parsed, reading(0.6)).items if c.rank == 0]
    assert (candidate.cue.lemma, candidate.cue.category) == ("adamant", "tagged")
    assert candidate.content.spans[0].of(ADAMANT) == "that talks failed" and candidate.mention.text == "Peskov"
