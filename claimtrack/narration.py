"""The outlet's own voice: what a body sentence states outside every attribution (its content, cue
and source). Stored as claims of kind ``narration`` with no speaker, so that conflict detection can
set a report ("Witkoff held a lengthy meeting with Putin") against a sourced claim ("it was unclear
whether Witkoff had met Putin, Politico said"). Queries leave them out unless asked for."""

from __future__ import annotations

from collections.abc import Sequence

from .domain import Claim, ClaimKind, ParsedDocument, Span

MIN_WORDS = 4  # fewer uncovered words than this are connective tissue, not a statement


def narration_claims(parsed: ParsedDocument, claims: Sequence[Claim]) -> list[Claim]:
    """One narration claim per body sentence that says something outside ``claims``."""
    covered: list[Span] = []
    for claim in claims:
        covered.extend(claim.content_spans)
        if claim.cue_span is not None:
            covered.append(claim.cue_span)
        if claim.source is not None:
            covered.append(claim.source.span)
    body = parsed.document.body
    found = []
    for sentence in parsed.sentences:
        if sentence.start >= body.end:
            break
        here = [s for s in covered if s.start < sentence.end and sentence.start < s.end]
        runs: list[list] = [[]]
        for word in sentence.words:
            if any(s.start <= word.start < s.end or s.start < word.end <= s.end for s in here):
                runs.append([])
            else:
                runs[-1].append(word)
        spans = []
        for run in runs:
            while run and run[0].upos == "PUNCT":
                run.pop(0)
            while run and run[-1].upos == "PUNCT":
                run.pop()
            if run:
                spans.append(Span(run[0].start, run[-1].end))
        words = [w for run in runs for w in run if w.upos != "PUNCT"]
        if len(words) < MIN_WORDS or not any(w.upos in ("VERB", "AUX") for w in words):
            continue
        found.append(Claim(
            document=parsed.document, sentence_index=sentence.index, kind=ClaimKind.NARRATION, content_spans=spans,
            cue_span=None, cue_lemma=None, category="narration", source=None, confidence=1.0,
        ))
    return found
