"""How likely a candidate is a real attribution: a logistic regression over named features whose
weights were learned on PolNeAR train (``data/attribution_model.json``, made by
``claimtrack train``, with the role tagger it reads beside it in ``attribution_model.roles.pt``),
or, without that file, hand-set priors. The probability is the claim's confidence; candidates
under the scorer's threshold are not kept. Of two attributions that cannot both stand, a second
logistic regression trained with it chooses which stays (:mod:`.nesting`).
"""

from __future__ import annotations

import functools
import json
import math
from dataclasses import dataclass, field
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import TYPE_CHECKING

from .nesting import NestingChooser

if TYPE_CHECKING:
    from .roles import RoleTagger

MODEL_FILE = "attribution_model.json"

_CATEGORY_PRIOR = {"speech": 0.95, "writing": 0.95, "thought": 0.7, "evidence": 0.6, "noun": 0.75}
_KIND_PRIOR = {"phrase": 0.9, "colon": 0.6, "dash": 0.8, "continuation": 0.85}
_STRATEGY = {"quote-before": 1.0, "quote-after": 1.0, "complement": 0.95, "frame": 0.9, "final-clause": 0.9,
             "following-clause": 0.75, "continuation": 1.0}
_SOURCE = {"subject": 1.0, "agent": 1.0, "object": 1.0, "possessor": 0.95, "governor": 0.9, "inherited": 0.9, "modified": 0.8,
           "position": 0.8, "continued": 1.0, "none": 0.5}


@dataclass
class LearnedScorer:
    weights: dict[str, float]
    threshold: float
    cue_lemmas: frozenset[str] = frozenset()  # lemmas seen as cues in training, beyond cues.toml
    about: dict = field(default_factory=dict)  # how the model was trained, and how well it did
    tagger: RoleTagger | None = None  # whose readings are features of the weights ("tagged_cue", …)
    nesting: NestingChooser | None = None  # which of two nested attributions stays (else the more probable)

    @classmethod
    def load(cls, path: str | Path | None = None) -> LearnedScorer | None:
        """The model file given, or the packaged one (read once per process: every ``Extractor``
        shares it); None if there is none."""
        return cls.read(Path(path)) if path else _packaged()

    @classmethod
    def read(cls, source: Path | Traversable) -> LearnedScorer | None:
        """The weights file ``source`` (a path or a package resource) with its tagger beside it."""
        if not source.is_file():
            return None
        data = json.loads(source.read_text(encoding="utf-8"))
        tagger = None
        if data.get("role_tagger"):
            from .roles import RoleTagger

            beside = source.parent.joinpath(_tagger_name(source.name))
            if not beside.is_file():
                raise FileNotFoundError(f"{source} needs its role tagger beside it: {beside} is missing")
            tagger = RoleTagger.load(beside)
        nesting = NestingChooser(data["nesting"]) if "nesting" in data else None
        return cls(data["weights"], data["threshold"], frozenset(data.get("cue_lemmas", ())), data.get("about", {}),
                   tagger, nesting)

    def probability(self, features: dict[str, float]) -> float:
        z = sum(self.weights.get(name, 0.0) * value for name, value in features.items())
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def save(self, path: str | Path) -> None:
        """Writes the weights to ``path`` and the tagger, if any, beside it (``NAME.roles.pt``)."""
        path = Path(path)
        data = {"about": self.about, "threshold": self.threshold, "cue_lemmas": sorted(self.cue_lemmas)}
        if self.tagger is not None:
            data["role_tagger"] = True
            self.tagger.save(path.with_name(_tagger_name(path.name)))
        data["weights"] = _by_weight(self.weights)
        if self.nesting is not None:
            data["nesting"] = _by_weight(self.nesting.weights)
        path.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def _by_weight(weights: dict[str, float]) -> dict[str, float]:
    return dict(sorted(weights.items(), key=lambda kv: (-abs(kv[1]), kv[0])))


class HeuristicScorer:
    """Hand-set priors: the cue category's × how the content was found × how the source was found."""

    threshold = 0.5
    cue_lemmas: frozenset[str] = frozenset()
    tagger = None
    nesting = None

    def probability(self, features: dict[str, float]) -> float:
        if "primary" not in features or features.keys() & {"nested", "modal", "infinitive", "cue_in_quote"}:
            return 0.0  # only what the rules alone would have taken
        kind = _value(features, "kind")
        prior = _KIND_PRIOR.get(kind) or _CATEGORY_PRIOR.get("noun" if kind == "noun" else _value(features, "category"), 0.5)
        score = prior * _STRATEGY.get(_value(features, "strategy"), 0.0) * _SOURCE.get(_value(features, "source_how"), 0.5)
        if "unbalanced_quote" in features:
            score *= 0.7
        return min(0.99, score)


@functools.cache
def _packaged() -> LearnedScorer | None:
    return LearnedScorer.read(resources.files("claimtrack.data").joinpath(MODEL_FILE))


def _tagger_name(weights_name: str) -> str:
    """``attribution_model.json`` keeps its tagger in ``attribution_model.roles.pt``."""
    return weights_name.removesuffix(".json") + ".roles.pt"


def _value(features: dict[str, float], name: str) -> str:
    prefix = name + "="
    return next((k[len(prefix):] for k in features if k.startswith(prefix) and "|" not in k), "")
