"""Where an article's own text ends and appended page furniture ("Related Articles") begins."""

from __future__ import annotations

import re
from functools import cache

from ..lexicon import load_data

_LINE = re.compile(r"[^\n]+")


@cache
def _settings() -> tuple[int, frozenset[str]]:
    data = load_data("boilerplate.toml")
    return int(data["min_offset"]), frozenset(m.lower() for m in data["markers"])


def body_end(text: str) -> int | None:
    """Offset of the first trailer line past the opening part of ``text``, or None if there is none."""
    floor, markers = _settings()
    for line in _LINE.finditer(text):
        if line.start() < floor:
            continue
        label = line.group().strip().rstrip(":…").strip().lower()
        if label in markers:
            return line.start()
    return None
