"""The learned scorer: labelling candidates against gold, the weights file, and the packaged model."""

from __future__ import annotations

import math

import numpy
import torch

from claimtrack.domain import Span
from claimtrack.evaluation.brat import GoldAttribution, GoldDocument
from claimtrack.extract.attribution import Extractor
from claimtrack.extract.nesting import NestingChooser
from claimtrack.extract.roles import NETWORKS
from claimtrack.extract.scorer import HeuristicScorer, LearnedScorer
from claimtrack.speakers import SpeakerRegistry
from claimtrack.training import TrainingText, _best_threshold, _fit_nesting, _folds, label

from .handparse import document
from .test_rules import QUOTE_THEN_SAID, QUOTED


def candidates():
    parsed = document(QUOTED, QUOTE_THEN_SAID)
    return Extractor(scorer=HeuristicScorer()).candidates(parsed).items


def test_a_candidate_is_right_when_content_and_cue_overlap_the_gold():
    found = candidates()
    said = QUOTED.index("said")
    right = GoldDocument("t", "a", QUOTED, [GoldAttribution([Span(1, 10)], [Span(said, said + 4)], [Span(12, 17)])])
    wrong_cue = GoldDocument("t", "a", QUOTED, [GoldAttribution([Span(1, 10)], [Span(12, 17)])])
    elsewhere = GoldDocument("t", "a", QUOTED, [GoldAttribution([Span(12, 22)], [Span(said, said + 4)])])
    quoted = next(i for i, c in enumerate(found) if c.content.strategy == "quote-before")
    assert label(found, right)[quoted] == 1
    assert label(found, wrong_cue)[quoted] == 0
    assert label(found, elsewhere)[quoted] == 0


def test_the_threshold_is_chosen_by_content_and_cue_together():
    """A kept claim whose content is right and whose cue is not counts for content F1 only: the
    threshold search scores both, as ``eval`` does, and maximises their mean."""
    found = candidates()
    for candidate in found:
        candidate.probability = 0.9 if candidate.content.strategy == "quote-before" else 0.0
    wrong_cue = GoldDocument("t", "a", QUOTED, [GoldAttribution([Span(1, 10)], [Span(12, 17)])])
    chosen = _best_threshold([TrainingText(found, [wrong_cue])])
    assert (chosen.content_f1, chosen.cue_f1, chosen.objective) == (1.0, 0.0, 0.5)
    assert chosen.threshold <= 0.9


def test_weights_file_round_trip(tmp_path):
    scorer = LearnedScorer({"kind=verb": 1.5, "strategy=quote-before": 0.5, "negated": -2.0}, 0.3,
                           frozenset({"insist"}), {"texts": 2}, nesting=NestingChooser({"bias": 0.5, "logit_difference": 1.0}))
    path = tmp_path / "model.json"
    scorer.save(path)
    loaded = LearnedScorer.load(path)
    assert (loaded.weights, loaded.threshold, loaded.cue_lemmas, loaded.about, loaded.nesting) == (
        scorer.weights, 0.3, frozenset({"insist"}), {"texts": 2}, scorer.nesting)
    assert loaded.probability({"kind=verb": 1.0, "strategy=quote-before": 1.0}) == 1 / (1 + math.exp(-2.0))
    assert loaded.probability({"kind=verb": 1.0, "negated": 1.0, "unknown feature": 1.0}) == 1 / (1 + math.exp(0.5))


def test_the_packaged_model_is_the_default():
    packaged = LearnedScorer.load()
    assert packaged is not None, "claimtrack/data/attribution_model.json is missing"
    assert 0 < packaged.threshold < 1 and len(packaged.weights) > 1000
    assert packaged.about["gold_dir"].endswith("polnear/train")  # learned on train, never on dev
    assert packaged.tagger is not None and any(name.startswith("tagged_") for name in packaged.weights)
    assert isinstance(Extractor().scorer, LearnedScorer)
    [claim] = Extractor().extract(document(QUOTED, QUOTE_THEN_SAID), SpeakerRegistry())
    assert claim.text == "We agree," and 0 < claim.confidence <= 1


def test_training_learns_weights_and_a_tagger_that_extraction_then_uses(tmp_path):
    """``train`` end to end on hand-parsed gold: held-out tagger readings, the regression, the
    files, and extraction with what was saved."""
    from claimtrack.pipeline import Analyser
    from claimtrack.training import train

    from .test_evaluation import FixedParser, write_gold
    from .test_rules import REPORTED, REPORTED_ROWS

    quote_gold = ("T1\tSource 12 17\tPutin\nT2\tCue 18 22\tsaid\nT3\tContent 1 10\tWe agree,\n"
                  "E1\tAttribution:T2 Content:T3 Cue:T2 Source:T1\n")
    report_gold = ("T1\tSource 0 5\tPutin\nT2\tCue 6 10\tsaid\nT3\tContent 11 50\tthat Russia will guarantee their safety\n"
                   "E1\tAttribution:T2 Content:T3 Cue:T2 Source:T1\n")
    for i in range(5):
        write_gold(tmp_path / "gold", f"q{i}", QUOTED, {"a": quote_gold})
        write_gold(tmp_path / "gold", f"r{i}", REPORTED, {"a": report_gold})
    vocabulary = sorted({w.lower() for w in (QUOTED + " " + REPORTED).replace(".", " .").split()})
    torch.save({"vocab": {"_unit2id": {"<PAD>": 0, "<UNK>": 1, **{w: i + 2 for i, w in enumerate(vocabulary)}}},
                "emb": torch.randn(len(vocabulary) + 2, 8, generator=torch.Generator().manual_seed(0))},
               tmp_path / "vectors.pt")
    parser = FixedParser({QUOTED: document(QUOTED, QUOTE_THEN_SAID).sentences,
                          REPORTED: document(REPORTED, REPORTED_ROWS).sentences})
    epochs = []
    model = train(tmp_path / "gold", Analyser(parser, Extractor(scorer=HeuristicScorer())), tmp_path / "vectors.pt",
                  tagger_progress=epochs.append, epochs=2)
    assert len(epochs) == 6 * NETWORKS * 2 and model.tagger is not None  # five held-out taggers and the shipped one
    assert {"tagged_cue", "tagged_content", "tagged_source"} <= model.weights.keys()
    model.save(tmp_path / "model.json")
    extractor = Extractor(scorer=LearnedScorer.load(tmp_path / "model.json"))
    [claim] = extractor.extract(document(REPORTED, REPORTED_ROWS), SpeakerRegistry())
    assert claim.text == "that Russia will guarantee their safety" and claim.speaker.name == "Putin"


def _nested_texts(count: int) -> list[TrainingText]:
    """``count`` texts of the same sentence with a nested pair, alternately: the annotators marked
    the inner "claims", which the scorer found less probable, or the outer "said", which it found
    less probable."""
    from .test_rules import SAID_THE_PLAN_CLAIMS

    text = "Clinton said the plan, which Trump claims is popular, failed."
    said, claims = text.index("said"), text.index("claims")
    kinds = (((claims, claims + 6), (0.75, 0.6)), ((said, said + 4), (0.6, 0.75)))
    texts = []
    for marked, probabilities in (kinds[i % 2] for i in range(count)):
        found = Extractor(scorer=HeuristicScorer()).candidates(document(text, SAID_THE_PLAN_CLAIMS)).items
        pair = [next(c for c in found if c.cue.lemma == "say" and c.primary), next(c for c in found if c.cue.lemma == "claim")]
        for candidate, probability in zip(pair, probabilities):
            candidate.probability = probability
        gold = GoldDocument("t", "a", text, [GoldAttribution([Span(marked[1] + 1, len(text) - 1)], [Span(*marked)])])
        texts.append(TrainingText(pair, [gold]))
    return texts


def test_the_nesting_chooser_learns_from_the_pairs_which_side_the_annotators_marked():
    """The chooser learns to keep the less probable side, which the probability rule never would."""
    texts = _nested_texts(2)
    chooser, examples = _fit_nesting(texts, 0.25, numpy)
    assert examples == 2 and chooser.weights["logit_difference"] < 0
    outer, inner = texts[0].candidates
    assert not chooser.outer_stays(outer, inner)  # the less probable inner one stays


def test_the_threshold_search_decides_nested_pairs_with_choosers_fitted_on_the_other_folds():
    """Cross-validated as extraction runs: with the folds, each held-out text's pair is decided by
    a chooser that learned from the other folds to keep the less probable side, so every kept cue
    is the marked one; the probability rule keeps the unmarked one every time."""
    texts = _nested_texts(10)
    assert _best_threshold(texts).cue_f1 == 0.0
    assert _best_threshold(texts, _folds(len(texts)), numpy).cue_f1 == 1.0
