"""Extraction quality against human gold (BRAT standoff, PolNeAR's layout): ``claimtrack eval``.

Texts are parsed and extracted exactly as ``claimtrack ingest`` would; the scores are described
in :mod:`.scoring`. A text annotated by several annotators is scored against each, and each of
those scores counts ``1 / annotators``, so that every text weighs the same.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from ..domain import ParsedDocument, Span
from ..extract.quotes import QuoteIndex, find_quotes
from ..pipeline import Analyser, by_characters
from ..readers import text_document
from ..speakers import SpeakerRegistry
from .brat import GoldDocument, read_gold
from .scoring import Item, Scores, length, score_items


@dataclass
class Example:
    """A missed or false attribution, for the error report."""

    document: str
    label: str
    content: str
    context: str


@dataclass
class Evaluation:
    texts: int
    annotations: int
    scores: Scores
    missed: Counter = field(default_factory=Counter)  # gold cue → weight of misses
    false_alarms: Counter = field(default_factory=Counter)  # our cue lemma → count
    missed_examples: dict[str, list[Example]] = field(default_factory=lambda: defaultdict(list))
    false_examples: dict[str, list[Example]] = field(default_factory=lambda: defaultdict(list))

    def as_dict(self) -> dict:
        s = self.scores
        return {
            "texts": self.texts,
            "annotations": self.annotations,
            "content_overlap": s.content.as_dict(),
            "content_strict": s.content_strict.as_dict(),
            "cue": s.cue.as_dict(),
            "source_given_content": s.source.as_dict(),
            "quoted_content_overlap": s.quoted.as_dict(),
            "reported_content_overlap": s.reported.as_dict(),
        }


def evaluate(gold_dir, analyser: Analyser, limit: int | None = None,
             progress: Callable[[int], None] | None = None, examples: int = 3) -> Evaluation:
    """Score the analyser's extractor on every annotated text of ``gold_dir``."""
    by_name = gold_by_name(gold_dir)
    names = sorted(by_name)[:limit] if limit else sorted(by_name)
    result = Evaluation(len(names), sum(len(by_name[n]) for n in names), Scores())
    extractor = analyser.extractor
    for name, parsed in parsed_texts(names, by_name, analyser, progress):
        document = parsed.document
        claims = extractor.extract(parsed, SpeakerRegistry())
        quotes = QuoteIndex(find_quotes(document.text))
        predicted = [
            Item(c.content_spans, [c.cue_span] if c.cue_span else [], [c.source.span] if c.source else [],
                 _quoted(c.content_spans, quotes), c.cue_lemma or "(continuation)")
            for c in claims
        ]
        golds = by_name[name]
        for gold in golds:
            items = [Item(a.content, a.cue, a.source, _quoted(a.content, quotes),
                          " ".join(s.of(gold.text) for s in a.cue).lower() or "(no cue)") for a in gold.attributions]
            outcome = score_items(items, predicted)
            weight = 1 / len(golds)
            result.scores.add(outcome.scores, weight)
            for item in outcome.missed:
                result.missed[item.label] += weight
                _keep(result.missed_examples[item.label], examples, name, item, document.text)
            if gold is golds[0]:  # false alarms against the first annotator, for the report
                for item in outcome.false_alarms:
                    result.false_alarms[item.label] += 1
                    _keep(result.false_examples[item.label], examples, name, item, document.text)
    return result


def gold_by_name(gold_dir) -> dict[str, list[GoldDocument]]:
    """The gold of ``gold_dir`` by text name: one :class:`GoldDocument` per annotator."""
    by_name: dict[str, list[GoldDocument]] = defaultdict(list)
    for gold in read_gold(gold_dir):
        by_name[gold.name].append(gold)
    return by_name


def parsed_texts(names: list[str], by_name: dict[str, list[GoldDocument]], analyser: Analyser,
                 progress: Callable[[int], None] | None = None) -> Iterator[tuple[str, ParsedDocument]]:
    """The texts ``names`` parsed in batches, in order; ``progress`` gets each batch's size once
    its texts have been used."""
    for batch in by_characters(names, lambda name: len(by_name[name][0].text)):
        documents = [text_document(by_name[n][0].text, n) for n in batch]
        for name, document, sentences in zip(batch, documents, analyser.parse(documents)):
            yield name, ParsedDocument(document, sentences)
        if progress is not None:
            progress(len(batch))


def _quoted(content: list[Span], quotes: QuoteIndex) -> bool:
    inside = sum(s.overlap(m) for s in content for q in quotes.within(Span(content[0].start, content[-1].end))
                 for m in q.marks)
    return inside * 2 >= length(content)


def _keep(examples: list[Example], limit: int, name: str, item: Item, text: str) -> None:
    if len(examples) >= limit:
        return
    start, end = item.content[0].start, item.content[-1].end
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    context = text[max(line_start, start - 200):(line_end if line_end >= 0 else len(text))][:500]
    examples.append(Example(name, item.label, " … ".join(s.of(text) for s in item.content)[:300], context))
