"""Learning the scorer's weights from gold attributions (``claimtrack train``; needs scikit-learn,
the ``[train]`` extra). Train on PolNeAR *train*; measure on *dev* with ``claimtrack eval``.

1. Cue lemmas: the head lemmas of gold cues seen at least ``min_lemma_count`` times become extra
   cue candidates (beyond ``cues.toml``), so that their weights can be learned.
2. The role tagger (:mod:`.extract.roles`, ``NETWORKS`` networks from different seeds, averaged)
   learns which words are cues, contents and sources; the words' contextual vectors
   (:mod:`.extract.context`) are computed once for all the taggers. Five taggers, each trained without one fifth
   of the texts, read the fifth they did not see; those readings become the candidates'
   ``tagged_*`` features, so that the weights learn how far to trust a tagger on unseen text. A
   sixth tagger, trained on all texts, ships with the weights.
3. Every candidate of every training text is labelled: positive when its content overlaps a gold
   content by half of the shorter and its cue overlaps that gold attribution's cue.
4. A logistic regression (L2) is fitted; its regularisation and the decision threshold are chosen
   by cross-validation over documents, maximising the mean of the content and cue F1 as
   ``claimtrack eval`` counts them (gold attributions that no candidate covers count as misses):
   a claim is only as good as both what it says was said and the words that say so.
5. With the chosen regularisation's held-out probabilities, the pairs of nested attributions that
   cannot both stand at a threshold are collected, and a second logistic regression learns which of
   the two has a gold cue (:mod:`.extract.nesting`). The threshold is chosen again by
   cross-validation with that chooser (fitted on the other folds), since extraction uses it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from .domain import ParsedDocument
from .evaluation import gold_by_name, parsed_texts
from .evaluation.brat import GoldDocument
from .evaluation.scoring import LENIENT, Counts, lenient_counts, shorter_overlap
from .extract.attribution import Candidate, Extractor, best_hypotheses, keep_above
from .extract.context import ENCODER, ContextEncoder, packaged_encoder
from .extract.nesting import NestingChooser, pair_features
from .extract.roles import NETWORKS, Example, RoleTagger, Vectors, WordRoles, document_contexts, read_vectors, role_targets
from .extract.scorer import LearnedScorer
from .pipeline import Analyser

MIN_LEMMA_COUNT = 3
C_VALUES = (0.1, 0.3, 1.0)
NESTING_C = 0.3
FOLDS = 5
TAGGER_EPOCHS = 5


@dataclass
class TrainingText:
    """One annotated text: its candidates (with features) and each annotator's gold."""

    candidates: list[Candidate]
    golds: list[GoldDocument]
    labels: list[list[int]] = field(default_factory=list)  # per annotator, per candidate


class _Everything:
    """A scorer that keeps every candidate: for collecting training examples."""

    threshold = 0.0
    tagger = None  # training passes each text's held-out reading instead

    def __init__(self, cue_lemmas: frozenset[str]):
        self.cue_lemmas = cue_lemmas

    def probability(self, features: dict[str, float]) -> float:
        return 1.0


def train(gold_dir, analyser: Analyser, vectors: str | Path, progress: Callable[[int], None] | None = None,
          tagger_progress: Callable[[int], None] | None = None, min_lemma_count: int = MIN_LEMMA_COUNT,
          epochs: int = TAGGER_EPOCHS) -> LearnedScorer:
    """The scorer and its role tagger. ``vectors`` is a Stanza pretrain file of word vectors;
    ``progress`` is called with 1 per parsed text, ``tagger_progress`` per epoch of each tagger network
    (``(FOLDS + 1) × NETWORKS × epochs``)."""
    by_name = gold_by_name(gold_dir)
    names = sorted(by_name)
    parses = dict(parsed_texts(names, by_name, analyser, progress))
    lemmas = cue_lemmas(by_name, parses, analyser.extractor, min_lemma_count)
    collector = Extractor(analyser.extractor.cues, analyser.extractor.actors, _Everything(lemmas))
    encoder = packaged_encoder()
    examples = role_examples(collector, [parses[name] for name in names], [by_name[name] for name in names], encoder)
    word_vectors = read_vectors(vectors)
    readings = held_out_readings(examples, word_vectors, encoder, epochs, tagger_progress)
    texts = []
    for name, reading in zip(names, readings):
        text = TrainingText(collector.candidates(parses[name], reading).items, by_name[name])
        text.labels = [label(text.candidates, gold) for gold in text.golds]
        texts.append(text)
    model = fit(texts, lemmas, {"gold_dir": str(gold_dir), "texts": len(names), "vectors": Path(vectors).name,
                                "tagger_epochs": epochs, "tagger_networks": NETWORKS,
                                "context_encoder": ENCODER})
    model.tagger = RoleTagger.fit(examples, word_vectors, encoder, epochs, progress=tagger_progress)
    return model


def role_examples(extractor: Extractor, parses: list[ParsedDocument], golds: list[list[GoldDocument]],
                  encoder: ContextEncoder) -> list[Example]:
    """The words the extractor reads (the body's sentences) with every annotator's roles and the
    words' contextual vectors (encoded once, for all the taggers trained on them)."""
    scoped = [extractor.scope(parsed) for parsed in parses]
    contexts = document_contexts(encoder, [sentences for sentences, _ in scoped])
    examples = []
    for (sentences, quotes), text_golds, text_contexts in zip(scoped, golds, contexts):
        annotations = [[(a.cue, a.content, a.source) for a in gold.attributions] for gold in text_golds]
        examples.append(Example(sentences, quotes, role_targets(sentences, annotations), text_contexts))
    return examples


def held_out_readings(examples: list[Example], vectors: Vectors, encoder: ContextEncoder, epochs: int,
                      progress: Callable[[int], None] | None = None) -> list[WordRoles]:
    """Each example read by a tagger trained on the other folds (the folds ``fit`` uses)."""
    readings: dict[int, WordRoles] = {}
    for held_out in _folds(len(examples)):
        kept = set(held_out)
        tagger = RoleTagger.fit([e for i, e in enumerate(examples) if i not in kept], vectors, encoder, epochs,
                                progress=progress)
        read = tagger.read_documents([(examples[i].sentences, examples[i].quotes) for i in held_out],
                                     [examples[i].contexts for i in held_out])
        readings.update(zip(held_out, read))
    return [readings[i] for i in range(len(examples))]


def _folds(count: int) -> list[list[int]]:
    return [list(range(i, count, FOLDS)) for i in range(FOLDS)]


def default_vectors(models_dir: Path) -> Path:
    """The word vectors of a Stanza resources dir (``en/pretrain/*.pt``, the first by name)."""
    found = sorted((models_dir / "en" / "pretrain").glob("*.pt"))
    if not found:
        raise FileNotFoundError(f"no word vectors in {models_dir / 'en' / 'pretrain'}; give --vectors")
    return found[0]


def cue_lemmas(by_name: dict[str, list[GoldDocument]], parses: dict[str, ParsedDocument], extractor: Extractor,
               min_count: int) -> frozenset[str]:
    """Lemmas of gold cue heads (the last word of the cue that is a verb, noun or adjective) that the
    lexicon does not list for the part of speech they were counted under: "support" is a listed
    verb, and counted as a noun ("his support for") it becomes a learned lemma. The set is one for
    verbs and nouns alike (find_cues applies it to both); adjective heads are counted with verbs."""
    counts: Counter[tuple[str, bool]] = Counter()
    for name, golds in by_name.items():
        words = [w for s in parses[name].sentences for w in s.words]
        for attribution in golds[0].attributions:
            inside = [w for w in words if any(s.start <= w.start and w.end <= s.end for s in attribution.cue)]
            heads = [w for w in inside if w.upos in ("VERB", "NOUN", "ADJ")]
            if heads:
                counts[heads[-1].lemma.lower(), heads[-1].upos == "NOUN"] += 1
    cues = extractor.cues
    return frozenset(lemma for (lemma, noun), n in counts.items() if n >= min_count and lemma.isalpha()
                     and lemma not in (cues.nouns if noun else cues.verbs))


def label(candidates: list[Candidate], gold: GoldDocument) -> list[int]:
    """1 for every candidate that is a right reading of some gold attribution (content and cue each
    overlapping by half of the shorter), else 0. Several hypotheses of one cue can all be right;
    :func:`~claimtrack.extract.attribution.select` keeps one of them."""
    labels = []
    for candidate in candidates:
        right = any(
            shorter_overlap(a.content, candidate.content.spans) >= LENIENT
            and (candidate.cue is None or not a.cue or shorter_overlap(a.cue, [candidate.cue.span]) >= LENIENT)
            for a in gold.attributions
        )
        labels.append(int(right))
    return labels


def fit(texts: list[TrainingText], lemmas: frozenset[str], about: dict) -> LearnedScorer:
    """Weights by logistic regression. C and the threshold are chosen by cross-validation over
    texts, keeping per held-out text what ``extract`` keeps (the best hypothesis per cue, one per
    content, above the threshold, one of a nested pair) and scoring it as ``eval`` does. C is
    chosen with the more probable of a nested pair kept; then, with that C's held-out
    probabilities, the threshold is chosen with the nesting chooser that extraction will use,
    fitted per threshold on the other folds (the figures in ``about``, and under
    ``without_chooser`` those of the first step). The shipped chooser is fitted on all texts at the
    chosen threshold."""
    import numpy as np
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vectorizer = DictVectorizer()
    vectorizer.fit(c.features for t in texts for c in t.candidates)
    folds = _folds(len(texts))
    searched = []
    for candidate_c in C_VALUES:
        for held_out in folds:
            model = _logistic(LogisticRegression, vectorizer, [t for i, t in enumerate(texts) if i not in set(held_out)],
                              candidate_c, np)
            for i in held_out:
                _predict(model, vectorizer, texts[i])
        held_out_probabilities = [[candidate.probability for candidate in t.candidates] for t in texts]
        searched.append((candidate_c, _best_threshold(texts), held_out_probabilities))
    c, without_chooser, held_out_probabilities = max(searched, key=lambda found: found[1].objective)  # the first of equals
    for text, probabilities in zip(texts, held_out_probabilities):
        for candidate, probability in zip(text.candidates, probabilities):
            candidate.probability = probability
    cross_validated = _best_threshold(texts, folds, np)
    threshold = cross_validated.threshold
    nesting, pairs = _fit_nesting(texts, threshold, np)
    weights = _weights(vectorizer, _logistic(LogisticRegression, vectorizer, texts, c, np))
    examples = sum(len(t.candidates) for t in texts)
    positives = sum(sum(labels) for t in texts for labels in t.labels[:1])
    about = {**about, "candidates": examples, "positives": positives, "C": c, "nesting_examples": pairs,
             "cross_validated_content_f1": round(cross_validated.content_f1, 4),
             "cross_validated_cue_f1": round(cross_validated.cue_f1, 4),
             "without_chooser": {"threshold": without_chooser.threshold,
                                 "cross_validated_content_f1": round(without_chooser.content_f1, 4),
                                 "cross_validated_cue_f1": round(without_chooser.cue_f1, 4)}}
    return LearnedScorer(weights, round(threshold, 4), lemmas, about, nesting=nesting)


class _PairRecorder(NestingChooser):
    """Records the nested pairs met, keeping the more probable of each (as extraction without a
    chooser does, but for ties and for two contents that hold each other's cue)."""

    def __init__(self) -> None:
        super().__init__({})
        self.pairs: list[tuple[Candidate, Candidate]] = []

    def outer_stays(self, outer: Candidate, inner: Candidate) -> bool:
        self.pairs.append((outer, inner))
        return outer.probability >= inner.probability


def _fit_nesting(texts: list[TrainingText], threshold: float, np) -> tuple[NestingChooser | None, int]:
    """The chooser of nested pairs, from the pairs met at ``threshold`` with held-out probabilities;
    and how many pairs taught it."""
    examples = [e for text in texts for e in _pair_examples(best_hypotheses(text.candidates), text.golds, threshold)]
    return _chooser(examples, np), len(examples)


PairExample = tuple[dict[str, float], int, float]  # a nested pair's features, whether the outer stays, weight


def _pair_examples(hypotheses: list[Candidate], golds: list[GoldDocument], threshold: float) -> list[PairExample]:
    """The nested pairs that keeping ``hypotheses`` at ``threshold`` meets, each side labelled by
    the share of annotators who marked its cue; only pairs whose two sides differ."""
    recorder = _PairRecorder()
    keep_above(hypotheses, threshold, recorder)
    examples = []
    for outer, inner in recorder.pairs:
        difference = _cue_share(outer, golds) - _cue_share(inner, golds)
        if difference:
            examples.append((pair_features(outer, inner), int(difference > 0), abs(difference)))
    return examples


def _chooser(examples: list[PairExample], np) -> NestingChooser | None:
    """A logistic regression over the pair examples (none when they teach nothing: the more
    probable stays)."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    if len({label for _, label, _ in examples}) < 2:
        return None
    vectorizer = DictVectorizer()
    model = LogisticRegression(C=NESTING_C, max_iter=3000, fit_intercept=False)
    model.fit(vectorizer.fit_transform([row for row, _, _ in examples]), np.array([label for _, label, _ in examples]),
              sample_weight=np.array([weight for _, _, weight in examples]))
    chosen = _weights(vectorizer, model)
    return NestingChooser(chosen) if chosen else None


def _weights(vectorizer, model) -> dict[str, float]:
    """A fitted regression's non-zero weights by feature name."""
    return {name: float(value) for name, value in zip(vectorizer.get_feature_names_out(), model.coef_[0]) if abs(value) > 1e-6}


def _cue_share(candidate: Candidate, golds: list[GoldDocument]) -> float:
    """The share of annotators with a gold cue overlapping ``candidate``'s by half of the shorter
    (unlike :func:`label`, which judges the content first, a gold attribution without a cue does
    not count: the pair is told apart by its cues)."""
    assert candidate.cue is not None
    cue = [candidate.cue.span]
    return sum(any(a.cue and shorter_overlap(a.cue, cue) >= LENIENT for a in gold.attributions) for gold in golds) / len(golds)


def _logistic(model_class, vectorizer, texts: list[TrainingText], c: float, np):
    rows, labels, weights = [], [], []
    for text in texts:
        for annotator_labels in text.labels:
            rows.extend(candidate.features for candidate in text.candidates)
            labels.extend(annotator_labels)
            weights.extend([1 / len(text.labels)] * len(text.candidates))
    model = model_class(C=c, max_iter=3000, fit_intercept=False)
    model.fit(vectorizer.transform(rows), np.array(labels), sample_weight=np.array(weights))
    return model


def _predict(model, vectorizer, text: TrainingText) -> None:
    if text.candidates:
        probabilities = model.predict_proba(vectorizer.transform([c.features for c in text.candidates]))[:, 1]
        for candidate, probability in zip(text.candidates, probabilities):
            candidate.probability = float(probability)


@dataclass
class CrossValidated:
    """Held-out figures at the chosen threshold."""

    threshold: float
    content_f1: float
    cue_f1: float

    @property
    def objective(self) -> float:
        return (self.content_f1 + self.cue_f1) / 2


def _best_threshold(texts: list[TrainingText], folds: list[list[int]] | None = None, np=None) -> CrossValidated:
    """The threshold with the best mean of content and cue F1 over all texts, as ``eval`` counts
    them. Without ``folds`` the more probable of a nested pair stays; with them, each fold's pairs
    are decided by a nesting chooser fitted at that threshold on the other folds."""
    ranked = [best_hypotheses(text.candidates) for text in texts]
    golds = [[gold.attributions for gold in text.golds] for text in texts]

    def choosers(threshold: float) -> list[NestingChooser | None]:
        chosen: list[NestingChooser | None] = [None] * len(texts)
        if folds:
            examples = [_pair_examples(hypotheses, text.golds, threshold) for hypotheses, text in zip(ranked, texts)]
            for held_out in folds:
                held = set(held_out)
                chooser = _chooser([e for i, found in enumerate(examples) if i not in held for e in found], np)
                for i in held_out:
                    chosen[i] = chooser
        return chosen

    def at(threshold: float) -> CrossValidated:
        content, cue = Counts(), Counts()
        for hypotheses, text_golds, chooser in zip(ranked, golds, choosers(threshold)):
            kept = keep_above(hypotheses, threshold, chooser)
            contents = [c.content.spans for c in kept]
            cues = [[c.cue.span] if c.cue is not None else [] for c in kept]
            weight = 1 / len(text_golds)
            for gold in text_golds:
                content.add(lenient_counts([a.content for a in gold], contents), weight)
                cue.add(lenient_counts([a.cue for a in gold], cues), weight)
        return CrossValidated(threshold, content.f1, cue.f1)

    return max((at(step / 100) for step in range(15, 75, 2)), key=lambda found: found.objective)  # the first of equals
