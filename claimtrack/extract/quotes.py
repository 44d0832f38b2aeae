"""Quotations found from the characters alone, before and independently of any parse.

Marks are paired by what surrounds them (a mark after a space and before a word opens, one after a
word closes), not by their shape, because news text mixes shapes freely (``“ceasefire“``). Single
marks double as apostrophes, so they only count when they pair up; an unpaired double mark makes
an *unbalanced* quotation that runs to the end of its paragraph. A quotation left open at the end
of a paragraph continues when the next paragraph opens with a mark (the multi-paragraph convention).
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from ..domain import Span, paragraph_spans

DOUBLE_MARKS = frozenset('"“”„‟«»')
SINGLE_MARKS = frozenset("'‘’‚‛‹›")
OPENING_SHAPES = frozenset("“„‟«‘‚‛‹")
CLOSING_SHAPES = frozenset("”»’›")
_OPEN_AFTER = frozenset("([{—–-/")  # a mark after these can open a quotation
_CLOSE_BEFORE = frozenset(".,;:!?)]}—–-…/")  # a mark before these can close one


@dataclass(frozen=True)
class Quote:
    """A top-level quotation. ``parts`` are the quoted words without the marks (several when the
    quotation runs over paragraphs); ``marks`` the same with the marks."""

    parts: tuple[Span, ...]
    marks: tuple[Span, ...]
    closed: bool = True
    nested: tuple[Span, ...] = ()

    @property
    def span(self) -> Span:
        return Span(self.marks[0].start, self.marks[-1].end)

    @property
    def inner(self) -> Span:
        return Span(self.parts[0].start, self.parts[-1].end)


@dataclass
class _Open:
    position: int
    double: bool
    parts: list[Span] = field(default_factory=list)
    marks: list[Span] = field(default_factory=list)
    nested: list[Span] = field(default_factory=list)


def _is_space(ch: str) -> bool:
    return ch.isspace() or ch == ""


def find_quotes(text: str, paragraphs: list[Span] | None = None) -> list[Quote]:
    """All top-level quotations of ``text``, in order."""
    quotes: list[Quote] = []
    carried: _Open | None = None  # a double quotation left open at the end of the previous paragraph
    for paragraph in paragraphs if paragraphs is not None else paragraph_spans(text):
        stack: list[_Open] = []
        for i in range(paragraph.start, paragraph.end):
            ch = text[i]
            double = ch in DOUBLE_MARKS
            if not double and ch not in SINGLE_MARKS:
                continue
            before = text[i - 1] if i > paragraph.start else ""
            after = text[i + 1] if i + 1 < paragraph.end else ""
            if not double and before.isalnum() and after.isalnum():
                continue  # an apostrophe inside a word: don't, Russia’s
            can_open = not _is_space(after) and (_is_space(before) or before in _OPEN_AFTER or
                                                 before in DOUBLE_MARKS or before in SINGLE_MARKS)
            can_close = not _is_space(before) and (_is_space(after) or after in _CLOSE_BEFORE or
                                                   after in DOUBLE_MARKS or after in SINGLE_MARKS)
            if can_open and can_close:  # e.g. a mark between two marks: let the shape decide
                can_open, can_close = ch not in CLOSING_SHAPES, ch not in OPENING_SHAPES
            if i == paragraph.start and carried is not None and double and can_open:
                carried.position = i  # the continuation mark re-opens the quotation
                stack.append(carried)
                carried = None
                continue
            partner = _partner(stack, double) if can_close else None
            if partner is not None:
                del stack[partner + 1:]  # unclosed single marks above it were apostrophes
                opened = stack.pop()
                inner = Span(opened.position + 1, i)
                if stack:
                    stack[0].nested.append(inner)
                else:
                    opened.parts.append(inner)
                    opened.marks.append(Span(opened.position, i + 1))
                    quotes.append(_finish(opened, closed=True))
            elif can_open:
                stack.append(_Open(i, double))
        # the paragraph ends: a double quotation still open either continues or is unbalanced
        root = stack[0] if stack else None
        while root is not None and not root.double:
            stack.pop(0)
            root = stack[0] if stack else None
        if root is None:
            continue
        root.parts.append(Span(root.position + 1, paragraph.end))
        root.marks.append(Span(root.position, paragraph.end))
        next_start = _next_paragraph_start(text, paragraph.end)
        if next_start is not None and text[next_start] in DOUBLE_MARKS and text[next_start] not in CLOSING_SHAPES:
            carried = root
        else:
            quotes.append(_finish(root, closed=False))
    if carried is not None:
        quotes.append(_finish(carried, closed=False))
    quotes.sort(key=lambda q: q.span.start)
    return quotes


def _partner(stack: list[_Open], double: bool) -> int | None:
    """Index of the open mark a closing mark of this kind pairs with."""
    for index in range(len(stack) - 1, -1, -1):
        if stack[index].double == double:
            return index
        if stack[index].double:  # a single mark never closes across an open double
            return None
    return None


def _finish(opened: _Open, closed: bool) -> Quote:
    return Quote(tuple(opened.parts), tuple(opened.marks), closed, tuple(opened.nested))


def _next_paragraph_start(text: str, end: int) -> int | None:
    i = end
    while i < len(text) and text[i].isspace():
        i += 1
    return i if i < len(text) else None


class QuoteIndex:
    """Which quotation, if any, covers a character offset."""

    def __init__(self, quotes: list[Quote]):
        self.quotes = quotes
        self._parts = sorted((p, q) for q in quotes for p in q.marks)
        self._starts = [p.start for p, _ in self._parts]

    def at(self, offset: int) -> Quote | None:
        i = bisect.bisect_right(self._starts, offset) - 1
        if i >= 0:
            part, quote = self._parts[i]
            if part.start <= offset < part.end:
                return quote
        return None

    def covers(self, span: Span) -> bool:
        quote = self.at(span.start)
        return quote is not None and any(m.contains(span) for m in quote.marks)

    def within(self, span: Span) -> list[Quote]:
        """Quotations that overlap ``span``."""
        return [q for q in self.quotes if any(m.overlap(span) for m in q.marks)]
