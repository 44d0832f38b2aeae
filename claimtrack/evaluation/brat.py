"""Gold attributions in BRAT standoff, as PolNeAR lays them out: ``text/NAME.txt`` and
``attributions/NAME_ANNOTATOR.ann`` with Source, Cue and Content spans (discontinuous ones as
``a b;c d``) tied together by ``Attribution`` events."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ..domain import Span

_ENTITY = re.compile(r"^(T\d+)\t(\S+) (\d+ \d+(?:;\d+ \d+)*)\t")
_EVENT = re.compile(r"^(E\d+)\t(.*)$")
_ROLES = {"Content": "content", "Content2": "content", "Cue": "cue", "Source": "source"}


@dataclass
class GoldAttribution:
    content: list[Span]
    cue: list[Span] = field(default_factory=list)
    source: list[Span] = field(default_factory=list)


@dataclass
class GoldDocument:
    """One annotator's attributions of one text."""

    name: str
    annotator: str
    text: str
    attributions: list[GoldAttribution]


def read_ann(path: Path) -> list[GoldAttribution]:
    """The attributions of one ``.ann`` file (lines that are not entities or events are ignored:
    notes, and the continuation lines of entity texts that span several lines)."""
    spans: dict[str, list[Span]] = {}
    events: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if match := _ENTITY.match(line):
            spans[match.group(1)] = [Span(int(a), int(b)) for a, b in (p.split() for p in match.group(3).split(";"))]
        elif match := _EVENT.match(line):
            events.append(match.group(2))
    attributions = []
    for event in events:
        roles: dict[str, list[Span]] = {"content": [], "cue": [], "source": []}
        for argument in event.split():
            role, _, target = argument.partition(":")
            if role in _ROLES and target in spans:
                roles[_ROLES[role]].extend(spans[target])
        if roles["content"]:
            attributions.append(GoldAttribution(sorted(roles["content"]), sorted(roles["cue"]), sorted(roles["source"])))
    return attributions


def read_gold(directory: str | Path) -> list[GoldDocument]:
    """Every annotated text under ``directory`` (one entry per text and annotator)."""
    directory = Path(directory)
    texts, annotations = directory / "text", directory / "attributions"
    if not texts.is_dir() or not annotations.is_dir():
        raise FileNotFoundError(f"{directory} needs text/ and attributions/ subdirectories (PolNeAR's layout)")
    documents = []
    for ann in sorted(annotations.glob("*.ann")):
        name, _, annotator = ann.stem.rpartition("_")
        text_path = texts / f"{name}.txt"
        if not name or not text_path.is_file():
            continue
        documents.append(GoldDocument(name, annotator, text_path.read_text(encoding="utf-8"), read_ann(ann)))
    if not documents:
        raise FileNotFoundError(f"no NAME_ANNOTATOR.ann files with a matching text/NAME.txt in {directory}")
    return documents
