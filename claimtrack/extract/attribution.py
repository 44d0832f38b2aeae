"""Claims of a parsed document: candidates, their scores, then speakers.

The pass over a document is:

1. quotations from the characters (:mod:`.quotes`);
2. per sentence, every cue (:mod:`.cues`) with its source (:mod:`.source`) and content
   (:mod:`.content`): a *candidate*; a cue without content is dropped;
3. a content that swallowed a separate attribution is cut back to where it starts; one that holds
   another attribution as part of what was said marks it *nested*;
4. a quotation that no cue claimed continues the nearest preceding candidate when it stands as its
   own sentence: in the same paragraph it is the second half of a split quote ("“…,” Putin said.
   “…”"), in the next paragraph a continuation by the same speaker;
5. every candidate is scored (:mod:`.scorer`, over :mod:`.features`, which include the role
   tagger's reading of the words, :mod:`.roles`, when the scorer has a tagger); those at or above the
   threshold become claims, whose speakers are resolved in text order so that "he added" finds its
   antecedent.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from ..domain import Claim, ClaimKind, EntityType, Mention, ParsedDocument, Sentence, Span, Speaker, Word
from ..lexicon import ActorLexicon, CueLexicon, actor_lexicon, cue_lexicon
from ..speakers import DocumentSpeakers, SpeakerRegistry
from .content import Content, find_contents
from .cues import Cue, find_cues
from .features import features
from .mentions import build_mention, full_names
from .nesting import NestingChooser
from .quotes import Quote, QuoteIndex, find_quotes
from .scorer import HeuristicScorer, LearnedScorer
from .source import SourceFinder

if TYPE_CHECKING:
    from .roles import WordRoles

RELIABLE = frozenset({"quote-before", "quote-after", "frame", "final-clause", "complement", "following-clause", "continuation"})


@dataclass
class Candidate:
    """A possible attribution: a cue (none for a continued quotation), its source and content."""

    sentence: Sentence
    cue: Cue | None
    mention: Mention | None
    how: str  # how the source was found
    content: Content
    follows: Candidate | None = None  # for continuations: the candidate whose speaker this one shares
    notes: list[str] = field(default_factory=list)
    head_lemma: str | None = None  # lemma of the source's head word
    nested: bool = False  # inside another candidate's content, as part of what was said
    contains_other: bool = False
    rank: int = 0  # 0 for the cue's most reliable content hypothesis, then 1, 2, …
    features: dict[str, float] = field(default_factory=dict)
    probability: float = 0.0
    speaker: Speaker | None = None  # set once resolved, for the continuations that follow
    reporter: Speaker | None = None

    @property
    def primary(self) -> bool:
        """The cue's first hypothesis by a reliable strategy: what the rules alone would claim."""
        cue = self.cue
        hunch = cue is not None and (cue.hypothetical or cue.quoted or cue.kind in ("prep", "adverb"))
        return self.rank == 0 and self.content.strategy in RELIABLE and not hunch

    @property
    def own_mention(self) -> Mention | None:
        """The source mention when it belongs to this attribution's own words (not one it shares
        with the cue it is coordinated with or the quotation it continues)."""
        return self.mention if self.how not in ("inherited", "continued") else None

    @property
    def local_region(self) -> Span:
        """Source (when its own), cue and content: where this attribution starts and ends."""
        spans = list(self.content.spans)
        if self.cue is not None:
            spans.append(self.cue.span)
        if self.own_mention is not None:
            spans.append(self.own_mention.span)
        return Span(min(s.start for s in spans), max(s.end for s in spans))


@dataclass
class Candidates:
    """All candidates of a document, scored, with what speaker resolution needs."""

    items: list[Candidate]
    quotes: QuoteIndex
    sentences: list[Sentence]


class Extractor:
    """Finds the claims of parsed documents; one instance can serve a whole run."""

    def __init__(self, cues: CueLexicon | None = None, actors: ActorLexicon | None = None,
                 scorer: LearnedScorer | HeuristicScorer | None = None, min_confidence: float | None = None):
        self.cues = cues or cue_lexicon()
        self.actors = actors or actor_lexicon()
        self.sources = SourceFinder(self.cues, self.actors)
        self.scorer = scorer or LearnedScorer.load() or HeuristicScorer()
        self.min_confidence = self.scorer.threshold if min_confidence is None else min_confidence

    def candidates(self, parsed: ParsedDocument, roles: WordRoles | None = None) -> Candidates:
        """Every candidate attribution of the document, scored, in text order. ``roles`` replaces
        the scorer's own role tagger: training gives each text the reading of a tagger that has not
        seen it."""
        text = parsed.text
        sentences, quotes = self.scope(parsed)
        if roles is None and self.scorer.tagger is not None:
            roles = self.scorer.tagger.read(sentences, quotes)
        found: list[Candidate] = []
        for sentence in sentences:
            here: list[Candidate] = []
            announced = _announced(parsed, sentence)
            proposed = roles.cue_words(sentence) if roles is not None else frozenset()
            for cue in find_cues(sentence, self.cues, quotes, self.scorer.cue_lemmas, proposed):
                sources = [d for d in here if d.mention is not None and d.primary]
                governing = next((d for d in sources if d.cue is not None and d.cue.word.id == cue.word.head), None)
                outer = [d for d in sources if not _inside_content(d, here)]
                previous = governing or (outer[-1] if outer else None)  # "said X and suggested Y"
                here.extend(self._candidates(sentence, cue, quotes, text, previous, announced))
            primary = _untangle([c for c in here if c.primary], sentence)
            found.extend(primary + _flag_nested([c for c in here if not c.primary], primary))
        found = _continue_quotes(found, quotes, parsed, sentences)
        for candidate in found:
            candidate.features = features(candidate, quotes, text, roles)
            candidate.probability = self.scorer.probability(candidate.features)
        return Candidates(found, quotes, sentences)

    @staticmethod
    def scope(parsed: ParsedDocument) -> tuple[list[Sentence], QuoteIndex]:
        """The sentences the extractor reads (the body's, not the boilerplate after it) and the
        quotations that start in the body."""
        body = parsed.document.body
        quotes = QuoteIndex([q for q in find_quotes(parsed.text, parsed.paragraphs) if q.span.start < body.end])
        return [s for s in parsed.sentences if s.words and s.start < body.end], quotes

    def read_roles(self, documents: Sequence[ParsedDocument]) -> list[WordRoles | None]:
        """The scorer's role tagger's reading of each document (None without a tagger), read
        together: cheaper than each document reading its own in :meth:`candidates`."""
        tagger = self.scorer.tagger
        if tagger is None:
            return [None] * len(documents)
        return tagger.read_documents([self.scope(d) for d in documents])

    def extract(self, parsed: ParsedDocument, registry: SpeakerRegistry, roles: WordRoles | None = None) -> list[Claim]:
        """The claims of a document; ``roles``, its reading from :meth:`read_roles`, if read already."""
        found = self.candidates(parsed, roles)
        kept = select(found.items, self.min_confidence, self.scorer.nesting)
        text = parsed.text
        speakers = DocumentSpeakers(registry, full_names(found.sentences, text, self.actors, frozenset(self.cues.forms)))
        claims: list[Claim] = []
        for _, item in sorted(self._events(kept, found.sentences, text, found.quotes), key=lambda e: e[0]):
            if isinstance(item, Mention):
                speakers.observe(item)
            else:
                claims.append(self._claim(parsed, item, speakers, registry))
        return sorted(claims, key=lambda c: (c.content_span.start, c.content_span.end))

    def _events(self, candidates: list[Candidate], sentences: list[Sentence], text: str, quotes: QuoteIndex):
        """Claims and main-clause subjects in text order: what pronoun resolution walks through."""
        sources = {d.mention.span for d in candidates if d.mention is not None}
        for candidate in candidates:
            anchor = candidate.own_mention.span.start if candidate.own_mention is not None else candidate.local_region.start
            yield anchor, candidate
        for sentence in sentences:
            root = next((w for w in sentence.words if w.head == 0), None)
            subject = next((c for c in sentence.children(root, "nsubj")), None) if root else None
            if subject is not None and subject.upos == "PROPN" and not quotes.covers(subject.span) and subject.id < root.id:
                mention = build_mention(sentence, subject, text, self.actors)
                if mention.span not in sources:
                    yield mention.span.start, mention

    def _candidates(self, sentence: Sentence, cue: Cue, quotes: QuoteIndex, text: str,
                    previous: Candidate | None, announced: Span | None = None) -> list[Candidate]:
        """One candidate per content hypothesis of ``cue``, ranked as :func:`find_contents` ranks them."""
        head, how = self.sources.find(cue, quotes)
        if how in ("none", "position") and previous is not None and previous.mention is not None and _continues(sentence, previous, cue):
            head = None
            mention, how = previous.mention, "inherited"  # "said … and suggested", ", adding that"
        else:
            mention = build_mention(sentence, head, text, self.actors) if head is not None else None
        source_ids = {w.id for w in sentence.words_in(mention.span)} if mention is not None and head is not None else set()
        candidates = []
        for content in find_contents(cue, source_ids, quotes, text, self.cues, mention is not None, announced):
            if content.sourceless:
                candidates.append(Candidate(sentence, cue, None, "none", content, rank=len(candidates)))
            elif mention is None or not any(s.overlap(mention.span) for s in content.spans):
                lemma = head.lemma.lower() if head else None
                candidates.append(Candidate(sentence, cue, mention, how, content, head_lemma=lemma, rank=len(candidates)))
        return candidates

    def _claim(self, parsed: ParsedDocument, candidate: Candidate, speakers: DocumentSpeakers,
               registry: SpeakerRegistry) -> Claim:
        cue = candidate.cue
        category = "continuation" if cue is None else cue.category
        mention = candidate.mention
        if mention is not None and mention.kind != "pronoun" and candidate.head_lemma in self.actors.documents:
            category = "evidence"
        claim = Claim(
            document=parsed.document,
            sentence_index=candidate.sentence.index,
            kind=_kind(candidate.content, parsed.text),
            content_spans=[_inside_quote_marks(span, candidate.content.quotes) for span in candidate.content.spans],
            cue_span=cue.span if cue else None,
            cue_lemma=cue.lemma if cue else None,
            category=category,
            source=mention,
            confidence=round(candidate.probability, 2),
            notes=[f"content by {candidate.content.strategy}, source by {candidate.how}", *candidate.notes],
            # "He did not mention the ceasefire plan": kept, marked, never read as an assertion
            negated=cue is not None and cue.negated and not candidate.content.quotes,
        )
        if any(not q.closed for q in candidate.content.quotes):
            claim.notes.append("unbalanced quotation marks")
            claim.confidence = min(claim.confidence, UNBALANCED_CEILING)
        if candidate.follows is not None:
            claim.speaker, claim.reporter = candidate.follows.speaker, candidate.follows.reporter
        elif mention is not None:
            speaker = speakers.resolve(mention)
            if speaker is not None and speaker.type is EntityType.OUTLET:
                claim.reporter = speaker
            else:
                claim.speaker = speaker
            if mention.affiliation:
                claim.reporter = registry.resolve(mention.affiliation, EntityType.OUTLET)
            if mention.is_pronoun:
                claim.notes.append(f"{mention.text!r} resolved to {speaker.name}" if speaker else f"{mention.text!r} unresolved")
                if speaker is None:
                    claim.confidence = round(claim.confidence * 0.8, 2)
        candidate.speaker, candidate.reporter = claim.speaker, claim.reporter
        return claim


UNBALANCED_CEILING = 0.75  # a quotation whose end is not marked may run longer or shorter than taken


def _inside_quote_marks(span: Span, quotes: list[Quote]) -> Span:
    """A content that is a whole quotation, marks included, as the quoted words only."""
    for quote in quotes:
        for marks, words in zip(quote.marks, quote.parts):
            if marks == span:
                return words
    return span


def _kind(content: Content, text: str) -> ClaimKind:
    """Direct: whole quoted sentences; partial: a quoted fragment (or a quote in a frame such as
    "described X as “Y”"); mixed: reported speech with quoted words; indirect: no quotation."""
    if not content.quotes:
        return ClaimKind.INDIRECT
    if content.strategy == "frame":
        return ClaimKind.PARTIAL
    parts = sorted(p for q in content.quotes for p in q.parts)
    total = sum(len(s) for s in content.spans)
    quoted = sum(s.overlap(p) for s in content.spans for p in parts)
    if quoted < total - 3 * len(content.spans):
        return ClaimKind.MIXED
    first = next((c for c in parts[0].of(text) if c.isalnum()), "")
    return ClaimKind.DIRECT if first.isupper() or first.isdigit() else ClaimKind.PARTIAL


def _inside_content(candidate: Candidate, others: list[Candidate]) -> bool:
    """Whether ``candidate``'s cue lies inside another primary candidate's content."""
    return any(o.primary and o.cue is not candidate.cue and any(s.contains(candidate.cue.span) for s in o.content.spans)
               for o in others if o.cue is not None)


def _continues(sentence: Sentence, previous: Candidate, cue: Cue) -> bool:
    """A coordinated or participial cue after another one shares its source: "said … and
    suggested", "said …, adding that"."""
    if previous.cue is None or previous.cue.word.id > cue.word.id:
        return False
    before = sentence.word(cue.word.id - 1) if cue.word.id > 1 else None
    participle = cue.word.feat("VerbForm") in ("Ger", "Part") or cue.word.xpos == "VBG"
    return before is not None and (before.upos == "CCONJ" or (before.text == "," and participle))


def _untangle(candidates: list[Candidate], sentence: Sentence) -> list[Candidate]:
    """Settle attributions inside another's content. One that is a separate clause ("…, as TASS
    reported that …") cuts the outer content short; one that is part of what was said ("Putin said
    that Russia will guarantee …"), or that opens a span of it so that a cut would leave nothing
    of the span ("Since Clinton has more votes, …, Mook said"), is marked nested (the scorer
    decides what becomes of it)."""
    for outer in candidates:
        for inner in candidates:
            if inner is outer or inner.nested:
                continue
            start = inner.local_region.start
            cue = inner.cue.span if inner.cue is not None else inner.local_region
            spans = []
            for span in outer.content.spans:
                if span.start <= start < span.end and not any(q.span.contains(inner.local_region) for q in outer.content.quotes):
                    before = _trim_end(sentence, Span(span.start, start)) if span.start < start else None
                    if before is not None and (not span.contains(cue) or _separate_clause(sentence, inner, start)):
                        span = before
                    else:
                        inner.nested = outer.contains_other = True
                spans.append(span)
            outer.content.spans = [s for s in spans if len(s) > 0]
    return [c for c in candidates if c.content.spans]


def _announced(parsed: ParsedDocument, sentence: Sentence) -> Span | None:
    """What a sentence ending in a colon announces: the rest of its paragraph, or the next paragraph."""
    text = parsed.text
    if not text[sentence.start:sentence.end].rstrip().endswith(":"):
        return None
    paragraphs = parsed.paragraphs
    index = parsed.paragraph_of(sentence.end - 1)
    if paragraphs[index].end > sentence.end + 1:
        rest = text[sentence.end:paragraphs[index].end]
        start = sentence.end + len(rest) - len(rest.lstrip())
        return Span(start, paragraphs[index].end) if rest.strip() else None
    following = paragraphs[index + 1] if index + 1 < len(paragraphs) else None
    return following if following is not None and following.start < parsed.document.body.end else None


def select(candidates: list[Candidate], threshold: float, nesting: NestingChooser | None = None) -> list[Candidate]:
    """What becomes a claim: per cue its most probable hypothesis, per content its most probable
    cue, if at or above ``threshold`` (a continuation also needs the candidate it continues)."""
    return keep_above(best_hypotheses(candidates), threshold, nesting)


def best_hypotheses(candidates: list[Candidate]) -> list[Candidate]:
    """Per cue its most probable hypothesis, per content its most probable cue, at any probability."""
    return _best_per_cue(_one_per_content(candidates))


def keep_above(best: list[Candidate], threshold: float, nesting: NestingChooser | None = None) -> list[Candidate]:
    """Of :func:`best_hypotheses`, those at or above ``threshold``, with nesting settled. A
    continuation stays only while what it continues stays: its speaker is that claim's."""
    return _followed(_univocal([c for c in best if c.probability >= threshold], nesting))


def _followed(kept: list[Candidate]) -> list[Candidate]:
    """``kept`` without the continuations whose followed candidate is not in it (nor, along a
    chain of continuations, theirs)."""
    while True:
        present = {id(c) for c in kept}
        remaining = [c for c in kept if c.follows is None or id(c.follows) in present]
        if len(remaining) == len(kept):
            return kept
        kept = remaining


def _refollow(candidates: list[Candidate], became: dict[int, Candidate]) -> list[Candidate]:
    """``candidates`` with each continuation following what its followed candidate became
    (``became``: by a candidate's id, what stands for it now: a copy, another reading, another
    cue). Continuations come after what they follow, so a chain follows copies made on the way."""
    result = []
    for candidate in candidates:
        target = became.get(id(candidate.follows)) if candidate.follows is not None else None
        if target is not None and target is not candidate.follows:
            copy = replace(candidate, follows=target)
            became[id(candidate)] = copy
            candidate = copy
        result.append(candidate)
    return result


def _univocal(kept: list[Candidate], nesting: NestingChooser | None = None) -> list[Candidate]:
    """Attributions whose cue lies inside another's content. When that content runs on past where
    the inner attribution starts, at a clause boundary ("endorsed Trump, saying he had …", "announced
    support and said …"), it is cut there and both stay; when nothing would be left of it ("Clinton
    said that she called Sanders"), the two cannot both be right: ``nesting`` chooses which stays,
    and without it the one met second (the less probable) goes. Pairs are met most probable first;
    a candidate beaten by one that then loses to another is not out, but meets the others in its
    own turn. The candidates given are not changed: a cut content is a copy."""
    current = {id(c): c for c in kept}
    dropped: set[int] = set()
    for a in sorted(kept, key=lambda c: -c.probability):
        beaten: set[int] = set()  # less probable ones that lost to a: their own turn is still to come
        for b in kept:
            if id(a) in dropped:
                break
            if b is a or id(b) in dropped or b.cue is None or a.cue is None:
                continue
            for outer, inner in ((a, b), (b, a)):
                if any(s.contains(inner.cue.span) for s in current[id(outer)].content.spans):
                    cut = _cut_before(current[id(outer)], inner)
                    if cut is not None:
                        current[id(outer)] = cut
                    elif nesting is None:
                        dropped.add(id(b))
                    else:
                        loser = inner if nesting.outer_stays(outer, inner) else outer
                        dropped.add(id(loser))
                        if loser is b:
                            beaten.add(id(b))
                    break
        if id(a) in dropped:
            dropped -= beaten  # a lost after all: what it beat meets the others in its own turn
    # a continuation follows the copy that becomes the claim, whose speaker it takes
    return _refollow([current[id(c)] for c in kept if id(c) not in dropped], current)


_CLAUSE_RELATIONS = frozenset({"root", "conj", "advcl", "parataxis"})
CONFIDENT_INNER = 0.8  # an inner attribution this probable cuts the outer content wherever it starts


def _cut_before(outer: Candidate, inner: Candidate) -> Candidate | None:
    """``outer`` with its content ending where ``inner`` starts, when ``inner`` is a clause of its
    own after a boundary (punctuation, a conjunction, a subordinator) or is itself confident and
    runs to the end of the outer content ("his story, an event that Carson says led him to
    Christ"; not "the plan, which Trump claims is popular, failed"), and at least a word of the
    content is left before it; else None. A quotation is never cut."""
    cue = inner.cue
    spans = [cue.span, *inner.content.spans]
    mention = inner.own_mention
    if mention is not None and any(s.contains(mention.span) for s in outer.content.spans):
        spans.append(mention.span)  # a source found elsewhere (the main verb's subject) is not where it starts
    start = min(s.start for s in spans)
    if any(q.span.start < start < q.span.end for q in outer.content.quotes):
        return None
    words = [w for w in inner.sentence.words if w.end <= start]
    trailing = inner.content.spans[0].start < cue.span.start  # "…, they said"
    participle = cue.word.relation == "acl" and (cue.word.xpos == "VBG" or cue.word.feat("VerbForm") == "Ger")
    clause = inner.how == "inherited" or trailing or (cue.kind == "verb" and (cue.word.relation in _CLAUSE_RELATIONS or participle))
    boundary = bool(words) and (words[-1].upos in ("PUNCT", "CCONJ") or words[-1].lemma.lower() in _SUBORDINATORS)
    if not (clause and boundary) and not _confident_to_the_end(outer, inner):
        return None
    words = _without_trailing_function_words(words)
    if not words:
        return None
    end = words[-1].end
    spans = [Span(s.start, min(s.end, end)) for s in outer.content.spans if s.start < end]
    if not any(s.start < w.start for s in spans for w in words):
        return None
    content = Content(spans, outer.content.strategy, [q for q in outer.content.quotes if q.span.start < end],
                      outer.content.sourceless)
    return replace(outer, content=content)


def _confident_to_the_end(outer: Candidate, inner: Candidate) -> bool:
    """``inner`` is probable enough to cut ``outer`` anywhere, and no word of ``outer``'s content
    follows it (a cut keeps only what comes before)."""
    if inner.probability < CONFIDENT_INNER:
        return False
    start, end = inner.local_region.end, max(s.end for s in outer.content.spans)
    return not any(start <= w.start and w.end <= end and w.upos != "PUNCT" for w in inner.sentence.words)


def _flag_nested(alternatives: list[Candidate], primary: list[Candidate]) -> list[Candidate]:
    """Alternative hypotheses neither cut nor nest others; they are flagged when inside a primary."""
    for candidate in alternatives:
        start = candidate.local_region.start
        candidate.nested = any(o.cue is not candidate.cue and any(s.start <= start < s.end for s in o.content.spans)
                               for o in primary)
    return alternatives


def _best_per_cue(candidates: list[Candidate]) -> list[Candidate]:
    """Of the content hypotheses of one cue, the most probable. The hypothesis that joined a split
    quotation ("“We agree,” Putin said. “It is right.”") stands for all of it: when the most
    probable one lies inside the quotation's first part (the same quotation, read with its marks
    or as the verb's complement), the joined one is kept instead, at that probability, so that the
    rest of the quotation is not lost. A continuation follows whatever its cue's hypothesis became."""
    best: dict[int, Candidate] = {}
    joined: dict[int, Candidate] = {}
    for candidate in candidates:
        key = _cue_key(candidate)
        if key not in best or candidate.probability > best[key].probability:
            best[key] = candidate
        if JOINED in candidate.notes:
            joined[key] = candidate
    stands_for = dict(best)  # by cue: the hypothesis in whose place the kept one goes
    for key, winner in best.items():
        whole = joined.get(key)
        if whole is not None and whole is not winner and all(whole.content.quotes[0].span.contains(s) for s in winner.content.spans):
            best[key], stands_for[key] = replace(whole, probability=winner.probability), whole
    became = {id(c): best[_cue_key(c)] for c in candidates}
    return _refollow([best[_cue_key(c)] for c in candidates if stands_for[_cue_key(c)] is c], became)


def _cue_key(candidate: Candidate) -> int:
    """Hypotheses of one cue share it; a continuation, which has none, is its own."""
    return id(candidate.cue) if candidate.cue is not None else id(candidate)


def _one_per_content(candidates: list[Candidate]) -> list[Candidate]:
    """Two cues for one content ("said and added"): the more probable one, which a continuation
    of the other then follows."""
    best: dict[tuple[Span, ...], Candidate] = {}
    for candidate in candidates:
        key = tuple(candidate.content.spans)
        if key not in best or candidate.probability > best[key].probability:
            best[key] = candidate
    became = {id(c): best[tuple(c.content.spans)] for c in candidates}
    return _refollow([c for c in candidates if became[id(c)] is c], became)


_SUBORDINATORS = frozenset({"as", "while", "when", "after", "before", "because", "although", "though", "but", "whereas", "since"})


def _separate_clause(sentence: Sentence, inner: Candidate, start: int) -> bool:
    """Whether the attribution starting at ``start`` is a clause of its own: after a subordinator,
    a semicolon or a dash, rather than the complement of the outer cue."""
    if inner.how == "inherited":
        return True  # "said … and suggested …": a second statement of the same source
    before = [w for w in sentence.words if w.end <= start]
    if not before:
        return False
    last = before[-1]
    if last.text in (";", "—", "–") or last.lemma.lower() in _SUBORDINATORS:
        return True
    return inner.cue is not None and any(
        m.lemma.lower() in _SUBORDINATORS for m in sentence.children(inner.cue.word, "mark"))


def _trim_end(sentence: Sentence, span: Span) -> Span | None:
    """Drop trailing punctuation and function words left by a cut."""
    words = _without_trailing_function_words([w for w in sentence.words if span.start <= w.start and w.end <= span.end])
    return Span(words[0].start, words[-1].end) if words else None


def _without_trailing_function_words(words: list[Word]) -> list[Word]:
    """``words`` without the punctuation, prepositions, conjunctions and particles that end them."""
    end = len(words)
    while end and (words[end - 1].upos in ("PUNCT", "ADP", "SCONJ", "CCONJ", "PART") or words[end - 1].lemma.lower() in ("as", "while")):
        end -= 1
    return words[:end]


JOINED = "split quotation joined"  # the note of a hypothesis that took a split quotation's next part


def _continue_quotes(candidates: list[Candidate], quotes: QuoteIndex, parsed: ParsedDocument,
                     sentences: list[Sentence]) -> list[Candidate]:
    """Give quotations that no cue claimed to the claim they continue, if any."""
    primary = [d for d in candidates if d.primary]
    used = [d.local_region for d in primary]
    result = sorted(primary, key=lambda d: d.local_region.start)
    for quote in quotes.quotes:
        if any(m.overlap(r) for m in quote.marks for r in used) or not _stands_alone(quote, parsed.text, sentences):
            continue
        before = [d for d in result if d.local_region.end <= quote.span.start and not d.nested and (d.mention is not None or d.follows)]
        if not before:
            continue
        previous = before[-1]
        paragraph = parsed.paragraph_of(quote.span.start)
        previous_paragraph = parsed.paragraph_of(previous.local_region.end - 1)
        if paragraph == previous_paragraph and previous.content.strategy.startswith("quote") and not _claims_between(
            result, previous, quote
        ):
            previous.content.spans = previous.content.spans + list(quote.parts)
            previous.content.quotes = previous.content.quotes + [quote]
            previous.notes.append(JOINED)
        elif paragraph - previous_paragraph in (0, 1) and not _claims_between(result, previous, quote):
            sentence = next((s for s in sentences if s.start <= quote.span.start < s.end + 1), previous.sentence)
            content = Content(list(quote.parts), "continuation", [quote])
            candidate = Candidate(sentence, None, previous.mention, "continued", content, follows=previous,
                           notes=["quotation continues the previous speaker's"])
            result.append(candidate)
            result.sort(key=lambda d: d.local_region.start)
    return result + [d for d in candidates if not d.primary]


def _claims_between(candidates: list[Candidate], previous: Candidate, quote: Quote) -> bool:
    return any(previous.local_region.end <= d.local_region.start < quote.span.start for d in candidates)


def _stands_alone(quote: Quote, text: str, sentences: list[Sentence]) -> bool:
    """A quotation that is whole sentences: it starts a sentence and ends one."""
    start, end = quote.span.start, quote.span.end
    starts_sentence = any(s.start == start for s in sentences) or text[:start].rstrip(" \t").endswith(("\n", ".", "!", "?")) or start == 0
    tail = text[end:].split("\n", 1)[0].strip()
    return starts_sentence and (not tail or tail[0] in ".!?" or any(s.start >= end and text[end:s.start].strip() == "" for s in sentences))
