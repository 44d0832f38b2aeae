"""What the scorer knows of a candidate attribution: named, mostly binary features.

They describe the cue (lemma, lexicon category, kind, verb form, negation, modality, voice), how
the content and the source were found, the source (kind of mention, actor type), and the content
(size, quotation, clause, position, nesting). Names are readable ("lemma=say", "strategy=frame")
so that the weights file (``data/attribution_model.json``) can be read and argued with.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from ..domain import Span
from .cues import MODALS

if TYPE_CHECKING:
    from .attribution import Candidate
    from .quotes import QuoteIndex
    from .roles import WordRoles


def features(candidate: Candidate, quotes: QuoteIndex, text: str, roles: WordRoles | None = None) -> dict[str, float]:
    """``roles`` is the role tagger's reading of the document, when the scorer has a tagger."""
    f: dict[str, float] = {"bias": 1.0}
    cue = candidate.cue
    kind = cue.kind if cue is not None else "continuation"
    f[f"kind={kind}"] = 1.0
    f[f"strategy={candidate.content.strategy}"] = 1.0
    f[f"source_how={candidate.how}"] = 1.0
    f[f"rank={min(candidate.rank, 3)}"] = 1.0
    if candidate.primary:
        f["primary"] = 1.0
    if cue is not None:
        word = cue.word
        f[f"lemma={cue.lemma}"] = 1.0
        f[f"category={cue.category}"] = 1.0
        f[f"lemma={cue.lemma}|strategy={candidate.content.strategy}"] = 1.0
        f[f"cue_upos={word.upos}"] = 1.0
        f[f"cue_relation={word.relation}"] = 1.0
        f[f"verb_form={word.feat('VerbForm') or 'none'}"] = 1.0
        f[f"tense={word.feat('Tense') or 'none'}"] = 1.0
        f[f"cue_words={min(len(cue.words), 3)}"] = 1.0
        dependents = candidate.sentence.children(word)
        if cue.negated:
            f["negated"] = 1.0
        if any(d.text.lower() in MODALS for d in dependents if d.relation == "aux"):
            f["modal"] = 1.0
        if any(d.deprel == "aux:pass" for d in dependents):
            f["passive"] = 1.0
        if any(d.relation == "mark" and d.lemma.lower() == "to" for d in dependents):
            f["infinitive"] = 1.0
        if word.id <= 2:
            f["cue_starts_sentence"] = 1.0
        if cue.quoted:
            f["cue_in_quote"] = 1.0
        words = candidate.sentence.words
        before = words[min(cue.ids) - 2] if min(cue.ids) > 1 else None
        after = words[max(cue.ids)] if max(cue.ids) < len(words) else None
        f[f"before_cue={before.lemma.lower() if before else '^'}"] = 1.0
        f[f"after_cue={after.lemma.lower() if after else '$'}"] = 1.0
        head = candidate.sentence.head_of(word)
        f[f"cue_head={head.upos if head else 'root'}"] = 1.0
        f[f"lemma={cue.lemma}|cue_relation={word.relation}"] = 1.0
        f[f"lemma={cue.lemma}|rank={min(candidate.rank, 2)}"] = 1.0
        f[f"category={cue.category}|source_how={candidate.how}"] = 1.0
    mention = candidate.mention
    if mention is None:
        f["no_source"] = 1.0
    else:
        f[f"mention={mention.kind}"] = 1.0
        f[f"source_type={mention.entity_type.value}"] = 1.0
        if candidate.head_lemma and mention.kind != "name":
            f[f"source_head={candidate.head_lemma}"] = 1.0
            f[f"kind={kind}|source_head={candidate.head_lemma}"] = 1.0
        f[f"kind={kind}|mention={mention.kind}"] = 1.0
        if cue is not None:
            f[f"lemma={cue.lemma}|source_type={mention.entity_type.value}"] = 1.0
        if mention.span.end <= candidate.content.spans[0].start:
            f["source_before_content"] = 1.0
    quoted = _content_features(f, candidate, quotes, text)
    if cue is not None:
        f[f"lemma={cue.lemma}|{quoted}"] = 1.0
    if candidate.nested:
        f["nested"] = 1.0
        f[f"nested|kind={kind}"] = 1.0
    if candidate.contains_other:
        f["contains_other"] = 1.0
    if candidate.sentence.index == 0 and not text[candidate.sentence.start:candidate.sentence.end].rstrip().endswith((".", "?", "!")):
        f["headline"] = 1.0
    _conjunctions(f, candidate.content.strategy)
    if roles is not None:
        _role_features(f, candidate, roles)
    return {k: v for k, v in f.items() if v}


def _role_features(f: dict[str, float], candidate: Candidate, roles: WordRoles) -> None:
    """How strongly the role tagger reads the cue as a cue, the content as content (and the words
    around it as not), and the source as a source."""
    cue, content, source = 0, 1, 2
    if candidate.cue is not None:
        tagged = max((p[cue] for w in candidate.cue.words for p in roles.within(w.span)), default=0.0)
        f["tagged_cue"] = tagged
        f[f"tagged_cue={min(int(tagged * 5), 4)}"] = 1.0
    inside = [p[content] for span in candidate.content.spans for p in roles.within(span)]
    if inside:
        f["tagged_content"] = sum(inside) / len(inside)
        f["tagged_content_least"] = min(inside)
        around = [p[content] for p in roles.around(Span(candidate.content.spans[0].start, candidate.content.spans[-1].end))]
        if around:
            f["tagged_content_around"] = sum(around) / len(around)
    mention = candidate.own_mention
    named = roles.within(mention.span) if mention is not None else []
    if named:
        f["tagged_source"] = max(p[source] for p in named)


_CROSSED = ("kind", "category", "mention", "source_how", "content_size", "content_quoted", "cue_upos", "verb_form",
            "nested", "rank", "content_has_verb", "content_starts_that", "content_before_cue", "no_source", "primary",
            "cue_in_quote")


def _conjunctions(f: dict[str, float], strategy: str) -> None:
    """Each strategy with the context it works in: a linear model cannot find these by itself."""
    for name in list(f):
        if name.split("=", 1)[0] in _CROSSED and "|" not in name:
            f[f"strategy={strategy}|{name}"] = f[name]


def _content_features(f: dict[str, float], candidate: Candidate, quotes: QuoteIndex, text: str) -> str:
    """Adds the content's features to ``f``; returns its quotation feature ("content_quoted=all")."""
    spans = candidate.content.spans
    sentence = candidate.sentence
    words = [w for s in spans for w in sentence.words_in(s) if w.upos != "PUNCT"]
    size = sum(len(s) for s in spans)
    f[f"content_size={min(int(math.log2(max(size, 1))), 10)}"] = 1.0
    quoted = sum(s.overlap(p) for s in spans for q in candidate.content.quotes for p in q.parts)
    share = quoted / size if size else 0.0
    quoted = "content_quoted=" + ("all" if share > 0.9 else "some" if share > 0 else "none")
    f[quoted] = 1.0
    if not any(q.closed for q in candidate.content.quotes) and candidate.content.quotes:
        f["unbalanced_quote"] = 1.0
    if words and any(w.upos in ("VERB", "AUX") for w in words):
        f["content_has_verb"] = 1.0
    if words:
        first = words[0].lemma.lower() if words[0].upos in ("SCONJ", "PRON", "DET", "ADP", "AUX", "PART") else words[0].upos
        f[f"content_first={first}"] = 1.0
        f[f"content_last={words[-1].upos}"] = 1.0
        top = min(words, key=lambda w: len(sentence.ancestors(w)))
        f[f"content_head={top.upos}"] = 1.0
        f[f"content_head_relation={top.relation}"] = 1.0
    if words and words[0].lemma.lower() == "that":
        f["content_starts_that"] = 1.0
    if words and words[0].upos == "ADP":
        f["content_starts_adp"] = 1.0
    if len(spans) > 1:
        f["content_discontinuous"] = 1.0
    if spans[-1].end > sentence.end + 1 or spans[0].start < sentence.start:
        f["content_crosses_sentence"] = 1.0
    if candidate.cue is not None and spans[0].start < candidate.cue.span.start:
        f["content_before_cue"] = 1.0
    if quotes.within(sentence.span):
        f["sentence_has_quote"] = 1.0
    return quoted
