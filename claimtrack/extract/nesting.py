"""Which of two attributions that cannot both stand is kept, when one's cue lies inside the other's
content and no clause boundary lets both stay ("In a CNN poll, 60 percent said they …": the poll
reports, or the 60 percent say; "FALLIN: I think he is …": the transcript line, or the thought).

PolNeAR annotates one of the two, so keeping the more probable one of them is right only when the
scorer's probabilities compare across such pairs, which they were not trained to do. A
:class:`NestingChooser` is a logistic regression trained on the pairs themselves (``claimtrack
train``): both sides' probabilities, cue kinds, categories and lemmas, and how their contents and
sources were found.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .attribution import Candidate


@dataclass
class NestingChooser:
    """A linear decision over :func:`pair_features`: the outer attribution stays when the weighted
    sum is not negative, else the inner one does."""

    weights: dict[str, float]  # pair feature → weight

    def outer_stays(self, outer: Candidate, inner: Candidate) -> bool:
        return sum(self.weights.get(name, 0.0) * value for name, value in pair_features(outer, inner).items()) >= 0.0


def pair_features(outer: Candidate, inner: Candidate) -> dict[str, float]:
    """Features of a nested pair: each side's own (``outer:``, ``inner:``) and how they relate."""
    assert outer.cue is not None and inner.cue is not None
    f = {"bias": 1.0, **_side(outer, "outer:"), **_side(inner, "inner:")}
    f[f"kinds={outer.cue.kind}>{inner.cue.kind}"] = 1.0
    f[f"categories={outer.cue.category}>{inner.cue.category}"] = 1.0
    f["logit_difference"] = _logit(outer.probability) - _logit(inner.probability)
    if any(q.span.contains(inner.cue.span) for q in outer.content.quotes):
        f["inner_quoted_by_outer"] = 1.0
    if outer.sentence is not inner.sentence:
        f["other_sentence"] = 1.0
    return f


def _side(candidate: Candidate, prefix: str) -> dict[str, float]:
    cue = candidate.cue
    assert cue is not None
    f = {f"{prefix}kind={cue.kind}": 1.0, f"{prefix}category={cue.category}": 1.0, f"{prefix}lemma={cue.lemma}": 1.0,
         f"{prefix}strategy={candidate.content.strategy}": 1.0, f"{prefix}source={candidate.how}": 1.0,
         f"{prefix}logit": _logit(candidate.probability),
         f"{prefix}tagged_cue": candidate.features.get("tagged_cue", 0.0)}
    if cue.quoted:
        f[f"{prefix}cue_quoted"] = 1.0
    if candidate.content.quotes:
        f[f"{prefix}quotation"] = 1.0
    if cue.negated:
        f[f"{prefix}negated"] = 1.0
    return f


def _logit(probability: float) -> float:
    p = min(max(probability, 1e-4), 1 - 1e-4)
    return math.log(p / (1 - p))
