"""The scorer itself, on small hand-made gold files: span arithmetic, discontinuous spans, several
annotators, and BRAT's odd corners."""

from __future__ import annotations

import pytest

from claimtrack.domain import Span
from claimtrack.evaluation import evaluate
from claimtrack.evaluation.brat import read_ann, read_gold
from claimtrack.evaluation.scoring import Counts, Item, jaccard, match, score_items, shorter_overlap
from claimtrack.pipeline import Analyser

from .handparse import sentence


def spans(*pairs):
    return [Span(a, b) for a, b in pairs]


def test_span_arithmetic():
    gold = spans((0, 10), (20, 30))  # discontinuous: 20 characters
    assert shorter_overlap(gold, spans((5, 25))) == pytest.approx(10 / 20)
    assert shorter_overlap(spans((0, 4)), gold) == 1.0  # a prediction inside the gold span
    assert jaccard(gold, spans((0, 30))) == pytest.approx(20 / 30)
    assert jaccard(gold, gold) == 1.0 and jaccard(gold, spans((40, 50))) == 0.0
    assert shorter_overlap([], gold) == 0.0


def test_matching_is_one_to_one_best_first():
    gold = [spans((0, 10)), spans((10, 20))]
    predicted = [spans((0, 20)), spans((12, 20))]
    assert match(gold, predicted, shorter_overlap, 0.5) == [(0, 0), (1, 1)]
    assert match([spans((0, 10))], [spans((0, 10)), spans((0, 9))], shorter_overlap, 0.5) == [(0, 0)]


def test_counts():
    counts = Counts(tp=8, fp=2, fn=8)
    assert counts.precision == 0.8 and counts.recall == 0.5 and counts.f1 == pytest.approx(2 * 0.8 * 0.5 / 1.3)
    assert Counts().f1 == 0.0


def test_score_items_content_cue_source_and_quotes():
    gold = [
        Item(spans((0, 20)), spans((25, 29)), spans((21, 24)), quoted=True),
        Item(spans((40, 60)), spans((35, 39)), spans((30, 34))),
        Item(spans((70, 90)), spans((65, 69)), []),
    ]
    predicted = [
        Item(spans((1, 19)), spans((25, 29)), spans((21, 24)), quoted=True),  # right, source right
        Item(spans((40, 50)), spans((35, 39)), spans((0, 3))),  # content half-right, source wrong
        Item(spans((100, 110)), spans((95, 99)), []),  # false alarm
    ]
    result = score_items(gold, predicted)
    s = result.scores
    assert (s.content.tp, s.content.fp, s.content.fn) == (2, 1, 1)
    assert (s.content_strict.tp, s.content_strict.fn) == (1, 2)  # 10/20 is not Jaccard 0.8
    assert (s.cue.tp, s.cue.fp, s.cue.fn) == (2, 1, 1)
    assert (s.source.correct, s.source.total) == (1, 2)
    assert (s.quoted.tp, s.quoted.fn, s.reported.tp, s.reported.fn, s.reported.fp) == (1, 0, 1, 1, 1)
    assert [m.content for m in result.missed] == [spans((70, 90))]


ANN = """T1\tSource 0 5\tPutin
T2\tCue 6 10\tsaid
T3\tContent 11 20;25 30\tthe truce is ok
T4\tAttribution 6 10\tsaid
E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1
T5\tContent 40 50\tsomething
T6\tCue 35 39\tsays
T7\tAttribution-no-source 35 39\tsays
T8\tContent2 52 55\tmore
E2\tAttribution-no-source:T7 Cue:T6 Content:T5 Content2:T8
T9\tDiscard 60 70\tjunk
#1\tAnnotatorNotes T1\tA note
"a continuation line of a multi-line text"
E3\tAttribution:T99
"""


def test_read_ann(tmp_path):
    path = tmp_path / "x_a1.ann"
    path.write_text(ANN, encoding="utf-8")
    first, second = read_ann(path)
    assert first.content == spans((11, 20), (25, 30)) and first.cue == spans((6, 10)) and first.source == spans((0, 5))
    assert second.content == spans((40, 50), (52, 55)) and second.source == []


def write_gold(root, name, text, annotations):
    (root / "text").mkdir(parents=True, exist_ok=True)
    (root / "attributions").mkdir(exist_ok=True)
    (root / "text" / f"{name}.txt").write_text(text, encoding="utf-8")
    for annotator, ann in annotations.items():
        (root / "attributions" / f"{name}_{annotator}.ann").write_text(ann, encoding="utf-8")


def test_read_gold_layout_errors(tmp_path):
    with pytest.raises(FileNotFoundError, match="text/ and attributions/"):
        read_gold(tmp_path)
    write_gold(tmp_path, "doc", "text", {"a1": ""})
    [document] = read_gold(tmp_path)
    assert (document.name, document.annotator, document.attributions) == ("doc", "a1", [])


class FixedParser:
    """Parses of hand-built sentences, keyed by text: the evaluation runs the real extractor."""

    models_dir = None

    def __init__(self, parses):
        self.parses = parses

    def parse(self, texts):
        return [self.parses[t] for t in texts]


def test_evaluate_averages_annotators(tmp_path):
    text = "Putin said the truce holds."
    parse = [sentence(text, """
    1 Putin Putin PROPN 2 nsubj _ S-PER
    2 said say VERB 0 root VerbForm=Fin
    3 the the DET 4 det
    4 truce truce NOUN 5 nsubj
    5 holds hold VERB 2 ccomp
    6 . . PUNCT 2 punct
    """)]
    agrees = ("T1\tSource 0 5\tPutin\nT2\tCue 6 10\tsaid\nT3\tContent 11 26\tthe truce holds\n"
              "E1\tAttribution:T2 Content:T3 Cue:T2 Source:T1\n")
    disagrees = "T1\tContent 0 10\tPutin said\nT2\tCue 11 14\tthe\nE1\tAttribution:T2 Content:T1 Cue:T2\n"
    write_gold(tmp_path, "one", text, {"a1": agrees, "a2": disagrees})
    result = evaluate(tmp_path, Analyser(FixedParser({text: parse})))
    content = result.scores.content
    assert (result.texts, result.annotations) == (1, 2)
    assert (content.tp, content.fp, content.fn) == (0.5, 0.5, 0.5)  # each annotator weighs one half
    assert result.scores.source.as_dict() == {"accuracy": 1.0, "correct": 0.5, "total": 0.5}
    assert result.missed["the"] == 0.5
