"""What a statement asserts, read from its parse at ingest time so that conflict detection never
parses: the propositions it speaks of (concept terms with their polarity: asserted, negated,
doubted, or irrealis for plans and conditions), the stances it takes (support or opposition, and
whose), the quantities it gives (number, unit, what they count) and the actors it names.

The rules walk UD relations (negation and modality words attached to the term or to the heads
above it within its clause, the governor of a clausal complement), with a surface fallback for
wrong attachments. Word lists live in ``data/conflicts.toml``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cache, cached_property

from .domain import EntityType, Mention, ParsedDocument, Sentence, Span, Speaker, Word
from .extract.mentions import build_mention
from .lexicon import ActorLexicon, actor_lexicon, load_data
from .speakers import SpeakerRegistry, normalise

ASSERTED, NEGATED, DOUBTED, IRREALIS = "asserted", "negated", "doubted", "irrealis"
_CLAUSE_RELATIONS = frozenset({"ccomp", "csubj", "advcl", "acl", "xcomp", "parataxis"})
_MODIFIER_RELATIONS = frozenset({"advmod", "det", "aux", "mark", "neg", "cop", "discourse"})
_FIRST_PERSON = frozenset({"i", "we", "me", "us", "my", "our", "myself", "ourselves"})
_THIRD_PERSON = frozenset({"he", "she", "him", "her", "they", "them", "it"})
_NAME_NER = ("PER", "PERSON", "ORG", "GPE", "LOC", "NORP")
_POSSESSIVE = re.compile(r"\s*['’]s?$")
_CALENDAR = frozenset({
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february", "march",
    "april", "may", "june", "july", "august", "september", "october", "november", "december", "today", "yesterday",
})
_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "thousand": 1000, "million": 1e6, "billion": 1e9,
    "dozen": 12, "hundreds": 100, "thousands": 1000, "millions": 1e6, "billions": 1e9, "dozens": 12,
}


@dataclass(frozen=True)
class ConflictLexicon:
    """``data/conflicts.toml``: concepts, stance words, negation and modality, sides, thresholds."""

    concepts: dict[str, tuple[tuple[str, ...], ...]]
    negation: frozenset[str]
    doubt: frozenset[str]
    irrealis: frozenset[str]
    denial_cues: frozenset[str]
    stance: dict[int, tuple[tuple[str, ...], ...]]
    referring: frozenset[str]
    sides: dict[str, tuple[tuple[str, ...], ...]]
    anchor_ignore: frozenset[str]
    approximate: tuple[tuple[str, ...], ...]
    at_least: tuple[tuple[str, ...], ...]
    at_most: tuple[tuple[str, ...], ...]
    ignore_units: frozenset[str]
    thresholds: dict[str, float]

    @cached_property
    def concept_phrases(self) -> list[tuple[str, tuple[str, ...]]]:
        """(concept, phrase) pairs, longest phrases first, sorted once per lexicon."""
        return _longest_first(self.concepts)

    @cached_property
    def stance_phrases(self) -> list[tuple[int, tuple[str, ...]]]:
        """(sign, phrase) pairs, longest phrases first, sorted once per lexicon."""
        return _longest_first(self.stance)


@cache
def conflict_lexicon() -> ConflictLexicon:
    data = load_data("conflicts.toml")

    def phrases(words) -> tuple[tuple[str, ...], ...]:
        return tuple(tuple(w.lower().split()) for w in words)

    quantities = data["quantities"]
    return ConflictLexicon(
        concepts={name: phrases(terms) for name, terms in data["concepts"].items()},
        negation=frozenset(data["negation"]["words"]),
        doubt=frozenset(data["doubt"]["words"]),
        irrealis=frozenset(data["irrealis"]["words"]),
        denial_cues=frozenset(data["denial_cues"]["words"]),
        stance={1: phrases(data["stance"]["support"]), -1: phrases(data["stance"]["oppose"])},
        referring=frozenset(data["stance"]["referring"]),
        sides={name: phrases(words) for name, words in data["sides"].items()},
        anchor_ignore=frozenset(data["anchors"]["ignore"]),
        approximate=phrases(quantities["approximate"]),
        at_least=phrases(quantities["at_least"]),
        at_most=phrases(quantities["at_most"]),
        ignore_units=frozenset(quantities["ignore_units"]),
        thresholds=dict(data["thresholds"]),
    )


def _longest_first(table: dict) -> list[tuple[object, tuple[str, ...]]]:
    """(key, phrase) pairs of a phrase table, longest phrases first: "ceasefire deal" before "deal"."""
    return sorted(((key, p) for key, ps in table.items() for p in ps), key=lambda kp: -len(kp[1]))


@dataclass(frozen=True)
class ConceptTerm:
    concept: str
    term: str  # as written
    polarity: str  # asserted, negated, doubted, irrealis
    span: Span


@dataclass(frozen=True)
class StanceTerm:
    polarity: int  # +1 support, -1 opposition
    term: str  # the stance word with its modifiers: "a temporary respite"
    holder: Speaker | None  # whose stance: the speaker, or the actor the statement says holds it
    holder_text: str
    span: Span
    target: str = ""  # what the stance word governs ("the proposal to cease hostilities"); "" alone or deictic
    target_lemmas: str = ""


@dataclass(frozen=True)
class Quantity:
    value: float
    unit: str  # lemma of the counted noun: "drone", "day", "percent"
    about: str  # lemma of what the quantity is of: "launch" in "launched 120 drones", "ceasefire"
    qualifier: str  # exact, approximate, at_least, at_most
    text: str
    span: Span


@dataclass(frozen=True)
class Named:
    """An actor named in the statement; ``speaker`` when claimtrack knows them."""

    text: str
    key: str  # what two statements compare: "speaker:<id-less name>" or a normalised surname
    speaker: Speaker | None
    span: Span


@dataclass
class Facts:
    concepts: list[ConceptTerm] = field(default_factory=list)
    stances: list[StanceTerm] = field(default_factory=list)
    quantities: list[Quantity] = field(default_factory=list)
    named: list[Named] = field(default_factory=list)
    anchors: list[str] = field(default_factory=list)  # content nouns that show the subject matter

    def as_json(self, speaker_id: Callable[[Speaker], int | None]) -> dict:
        """JSON for ``claims.facts``; speakers become database ids."""
        def named_key(n: Named) -> str:
            return f"speaker:{speaker_id(n.speaker)}" if n.speaker is not None else n.key

        return {
            "concepts": [{"concept": c.concept, "term": c.term, "polarity": c.polarity, "span": c.span.as_list()}
                         for c in self.concepts],
            "stances": [{"polarity": s.polarity, "term": s.term, "holder": speaker_id(s.holder) if s.holder else None,
                         "holder_text": s.holder_text, "span": s.span.as_list(), "target": s.target,
                         "target_lemmas": s.target_lemmas} for s in self.stances],
            "quantities": [{"value": q.value, "unit": q.unit, "about": q.about, "qualifier": q.qualifier, "text": q.text,
                            "span": q.span.as_list()} for q in self.quantities],
            "named": [{"text": n.text, "key": named_key(n), "speaker": speaker_id(n.speaker) if n.speaker else None,
                       "span": n.span.as_list()} for n in self.named],
            "anchors": self.anchors,
        }


class FactReader:
    """Reads :class:`Facts` from the words of a statement, with the document around it."""

    def __init__(self, parsed: ParsedDocument, registry: SpeakerRegistry, lexicon: ConflictLexicon | None = None,
                 actors: ActorLexicon | None = None):
        self.parsed = parsed
        self.registry = registry
        self.lexicon = lexicon or conflict_lexicon()
        self.actors = actors or actor_lexicon()
        self._names: list[tuple[Word, Speaker]] | None = None
        self._roles: dict[Speaker, set[str]] = {}
        self._mentions: dict[tuple[int, int], tuple[Mention, Speaker | None]] = {}

    def read(self, spans: Sequence[Span], speaker: Speaker | None = None, quoted: bool = False,
             cue_lemma: str | None = None, negated: bool = False) -> Facts:
        """Facts of the words inside ``spans``. ``quoted``: the words are the speaker's own, so a
        "he" in them is someone else; ``cue_lemma``: a denial ("denied") negates what it reports;
        ``negated``: the speaker did *not* say them ("did not mention …"), so they assert nothing
        that could conflict: only whom they name and their anchors are read."""
        facts = Facts()
        denied = cue_lemma is not None and cue_lemma.lower() in self.lexicon.denial_cues
        for sentence in self.parsed.sentences:
            if not any(s.start < sentence.end and sentence.start < s.end for s in spans):
                continue
            words = [w for w in sentence.words if any(s.start <= w.start and w.end <= s.end for s in spans)]
            if not words:
                continue
            if not negated:
                self._read_assertions(facts, sentence, words, speaker, quoted, denied)
            facts.named.extend(self._named(sentence, words))
            facts.anchors.extend(
                w.lemma.lower() for w in words
                if w.upos == "NOUN" and w.lemma.isalpha() and len(w.lemma) > 2 and w.text[:1].islower()
                and w.lemma.lower() not in self.lexicon.anchor_ignore
            )
        facts.anchors = sorted(set(facts.anchors))
        return facts

    def _read_assertions(self, facts: Facts, sentence: Sentence, words: list[Word], speaker: Speaker | None,
                         quoted: bool, denied: bool) -> None:
        """The concepts, stances and quantities of ``words`` into ``facts``."""
        for concept, match in self._matches(words, self.lexicon.concept_phrases):
            polarity = self.polarity(sentence, match, words)
            if denied and polarity == ASSERTED:
                polarity = NEGATED
            facts.concepts.append(ConceptTerm(concept, self._text(match), polarity, _span(match)))
        for sign, match in self._matches(words, self.lexicon.stance_phrases):
            if len(match) == 1 and match[0].upos not in ("VERB", "NOUN", "ADJ"):
                continue  # "pulling back" is no backing
            polarity = self.polarity(sentence, match, words)
            if polarity == DOUBTED or self._conditional(sentence, match[0]):
                continue
            value = -sign if (polarity == NEGATED) != denied else sign
            holder, holder_text = self._holder(sentence, match[0], speaker, quoted)
            if holder_text:
                target = self._target(sentence, match, words)
                phrase = [w for w in words if w in match or (w.head == match[-1].id and w.relation in ("amod", "compound"))]
                facts.stances.append(StanceTerm(value, self._text(phrase), holder, holder_text, _span(match),
                                                self._text(target) if target else "",
                                                " ".join(w.lemma.lower() for w in target)))
        facts.quantities.extend(self._quantities(sentence, words))

    # --- propositions -------------------------------------------------------------------------

    def _matches(self, words: list[Word], phrases: list[tuple[object, tuple[str, ...]]]) -> list[tuple[object, list[Word]]]:
        """(key, words) for every phrase (longest first) found as consecutive lemmas among ``words``."""
        lemmas = [w.lemma.lower() for w in words]
        present = set(lemmas)
        found, used = [], set()
        for key, phrase in phrases:
            if phrase[0] not in present:
                continue
            n = len(phrase)
            for i in range(len(words) - n + 1):
                if tuple(lemmas[i:i + n]) == phrase and not used & set(range(i, i + n)):
                    if n > 1 and words[i + n - 1].id - words[i].id != n - 1:
                        continue  # the phrase's words must be adjacent in the sentence
                    used |= set(range(i, i + n))
                    found.append((key, words[i:i + n]))
        return sorted(found, key=lambda kw: kw[1][0].start)

    def polarity(self, sentence: Sentence, match: list[Word], scope: list[Word]) -> str:
        """Asserted, negated, doubted or irrealis: from negation and modality words on the term and
        on the heads above it up to its clause, the governor of that clause, and the few words
        just before the term; only words of the statement (``scope``) count, not its reporting
        frame ("Russia claims to have recaptured")."""
        lexicon = self.lexicon
        inside = {w.id for w in scope}
        marks: set[str] = set()
        word = match[0]
        for w in match:
            marks |= self._mark(w.lemma.lower(), w.text.lower())
        node: Word | None = word
        nominal_hops = 0  # a negation on a noun far above the term is not the term's ("not after … attacks")
        while node is not None:
            near = node is word or node.upos not in ("NOUN", "PROPN", "PRON", "ADP") or nominal_hops <= 1
            for child in sentence.children(node):
                if child.relation in _MODIFIER_RELATIONS and child not in match and child.id in inside:
                    found = self._mark(child.lemma.lower(), child.text.lower())
                    marks |= found if near else found - {NEGATED}
            if node is not word and node.upos in ("NOUN", "PROPN", "PRON", "ADP"):
                nominal_hops += 1
            parent = sentence.head_of(node)
            if parent is None or parent.id not in inside:
                break
            if node.relation in _CLAUSE_RELATIONS:
                marks |= self._mark(parent.lemma.lower(), parent.text.lower()) - {NEGATED}
                if parent.lemma.lower() in lexicon.negation and parent.upos == "VERB":
                    marks.add(NEGATED)  # "denied meeting Putin"
                break
            if node is not word:
                marks |= self._mark(node.lemma.lower(), node.text.lower()) & {NEGATED}
            node = parent
        before = [w for w in sentence.words if w.id < word.id and w.id in inside][-4:]
        cut = max((i for i, w in enumerate(before) if w.upos == "PUNCT"), default=-1)
        if any(w.lemma.lower() in lexicon.negation for w in before[cut + 1:]):
            marks.add(NEGATED)
        marks |= self._surface_modality(sentence, word, inside)
        for polarity in (IRREALIS, DOUBTED, NEGATED):
            if polarity in marks:
                return polarity
        return ASSERTED

    def _surface_modality(self, sentence: Sentence, word: Word, inside: set[int]) -> set[str]:
        """Doubt before the term and irrealis anywhere in its stretch of the sentence between
        punctuation marks: what a wrong attachment hides from the tree walk."""
        stretch_before, stretch_after = [], []
        for w in sentence.words:
            if w.id not in inside or (w.upos == "PUNCT" and w.text not in "\"“”'‘’"):
                if w.id < word.id:
                    stretch_before = []
                    continue
                if w.id > word.id:
                    break
            if w.id < word.id:
                stretch_before.append(w)
            elif w.id > word.id:
                stretch_after.append(w)
        marks = set()
        if any(w.lemma.lower() in self.lexicon.doubt for w in stretch_before):
            marks.add(DOUBTED)
        if any(w.lemma.lower() in self.lexicon.irrealis and (w.upos in ("AUX", "SCONJ", "ADJ", "ADV") or w.relation == "mark")
               for w in stretch_before + stretch_after):
            marks.add(IRREALIS)
        return marks

    def _mark(self, lemma: str, text: str) -> set[str]:
        marks = set()
        if lemma in self.lexicon.negation or text in self.lexicon.negation:
            marks.add(NEGATED)
        if lemma in self.lexicon.doubt:
            marks.add(DOUBTED)
        if lemma in self.lexicon.irrealis or text in self.lexicon.irrealis:
            marks.add(IRREALIS)
        return marks

    @staticmethod
    def _conditional(sentence: Sentence, word: Word) -> bool:
        """Whether ``word``'s clause is a condition ("if the Russians agree to one")."""
        node: Word | None = word
        while node is not None:
            if any(c.relation == "mark" and c.lemma.lower() in ("if", "unless") for c in sentence.children(node)):
                return True
            if node.relation in _CLAUSE_RELATIONS:
                return False
            node = sentence.head_of(node)
        return False

    # --- stances ------------------------------------------------------------------------------

    def _target(self, sentence: Sentence, match: list[Word], scope: list[Word]) -> list[Word]:
        """What the stance word governs (its object, oblique or nominal complement), or, for a
        predicate adjective ("the idea is correct"), its subject; [] when it stands alone or the
        target is a pronoun or a word such as "proposal" that refers back to what was discussed."""
        head = match[-1]
        inside = {w.id for w in scope}
        relations = ("obj", "obl", "nmod", "xcomp", "ccomp", "acl", "iobj")
        dependents = [c for c in sentence.children(head, *relations) if c.id in inside and c not in match]
        if not dependents and head.upos == "ADJ":
            dependents = [c for c in sentence.children(head, "nsubj") if c.id in inside]
        if not dependents:
            return []
        target = dependents[0]
        if target.lemma.lower() in self.lexicon.referring or target.upos == "PRON":
            return []
        return [w for w in sentence.subtree(target) if w.id in inside]

    def _holder(self, sentence: Sentence, word: Word, speaker: Speaker | None, quoted: bool) -> tuple[Speaker | None, str]:
        """Whose stance ``word`` states: the subject of its clause when that is an actor (a first
        person is the speaker; in reported speech a third person agreeing with the speaker is the
        speaker too), otherwise the speaker. ("", None) when the holder is an actor not known."""
        node: Word | None = word
        subject = None
        while node is not None and subject is None:
            subjects = sentence.children(node, "nsubj", "csubj")
            if subjects:
                subject = subjects[0]
                break
            if node.relation in ("ccomp", "parataxis") or node.head == 0:
                break
            node = sentence.head_of(node)
        speaker_text = speaker.name if speaker else ""
        if subject is None:
            return speaker, speaker_text
        lowered = subject.text.lower()
        if lowered in _FIRST_PERSON:
            return speaker, speaker_text
        if lowered in _THIRD_PERSON:
            if not quoted and speaker is not None and _agrees(lowered, speaker):
                return speaker, speaker_text
            antecedent = self._antecedent(subject, lowered, exclude=speaker if quoted else None)
            return (antecedent, antecedent.name) if antecedent else (None, "")
        if subject.upos not in ("PROPN", "NOUN"):
            return speaker, speaker_text
        mention, known = self._mention(sentence, subject)
        if mention.kind != "name":
            return speaker, speaker_text  # "the idea itself is correct": the speaker's judgement
        return (known, known.name) if known else (None, mention.name or mention.text)

    def _antecedent(self, pronoun: Word, lowered: str, exclude: Speaker | None) -> Speaker | None:
        """The most recent known actor named before ``pronoun`` that it can stand for."""
        wanted = (EntityType.PERSON,) if lowered in ("he", "she", "him", "her") else (
            EntityType.ORGANISATION, EntityType.PLACE, EntityType.GROUP)
        for word, speaker in reversed(self._known_names()):
            if word.start >= pronoun.start:
                continue
            if speaker is not exclude and speaker.type in wanted:
                return speaker
        return None

    def _known_names(self) -> list[tuple[Word, Speaker]]:
        """Words of the document that name a known speaker, in text order."""
        if self._names is None:
            self._names, self._roles = [], {}
            for sentence in self.parsed.sentences:
                for word in sentence.words:
                    if word.upos == "PROPN" and word.relation not in ("flat", "compound"):
                        mention, known = self._mention(sentence, word)
                        if known is not None:
                            self._names.append((word, known))
                            if mention.role and self._is_role(mention.role):
                                self._roles.setdefault(known, set()).add(mention.role)
        return self._names

    def roles_seen(self) -> dict[Speaker, set[str]]:
        """Roles the text gives known speakers anywhere ("Russian President Vladimir Putin"), not
        only where they speak: they tell which side an actor is on."""
        self._known_names()
        return self._roles

    def _is_role(self, role: str) -> bool:
        words = role.lower().replace("’", "'").replace("'s", "").split()
        return any(w in self.actors.titles for w in words) or bool(sides_of([role], self.lexicon))

    def _mention(self, sentence: Sentence, word: Word) -> tuple[Mention, Speaker | None]:
        """The mention ``word`` heads and the known speaker it names, if any; built once per word."""
        key = (sentence.index, word.id)
        if key not in self._mentions:
            mention = build_mention(sentence, word, self.parsed.text, self.actors)
            known = self.registry.find(mention.name or mention.text, mention.entity_type) if mention.kind == "name" else None
            self._mentions[key] = (mention, known)
        return self._mentions[key]

    # --- actors and quantities ---------------------------------------------------------------

    def _named(self, sentence: Sentence, words: list[Word]) -> list[Named]:
        inside = {w.id for w in words}
        found = []
        for word in words:
            if word.relation in ("flat", "compound") and word.head in inside and sentence.word(word.head).upos == "PROPN":
                continue
            if word.upos != "PROPN" and not (word.ner[2:] in _NAME_NER and word.ner[:1] in "BS"):
                continue
            if word.ner[2:] in ("DATE", "TIME") or word.lemma.lower() in _CALENDAR:
                continue
            mention, known = self._mention(sentence, word)
            name = _POSSESSIVE.sub("", mention.name or word.text).strip()
            if mention.entity_type is EntityType.OUTLET or not any(c.isalnum() for c in name):
                continue
            key = normalise(name).split()
            if key and key[-1] not in _CALENDAR:
                found.append(Named(name, key[-1], known, mention.span))
        return found

    def _quantities(self, sentence: Sentence, words: list[Word]) -> list[Quantity]:
        found = []
        inside = {w.id for w in words}
        for word in words:
            if word.upos != "NUM" and word.lemma.lower() not in ("hundreds", "thousands", "millions", "dozens"):
                continue
            if word.head and sentence.word(word.head).upos == "NUM":
                continue  # "1.6" in "1.6 billion", "four" in "forty four": read with its head
            value = _number(word.text)
            for part in sentence.children(word, "nummod", "compound", "flat"):
                factor = _number(part.text) if part.upos == "NUM" else None
                if value is not None and factor is not None:  # "1.6 billion", "forty four"
                    value = factor * value if value >= 100 and factor < value else value + factor
            if value is None or (1900 <= value <= 2100 and word.relation != "nummod"):
                continue  # a year
            if word.relation in ("nummod", "compound", "amod"):
                unit_word, owner = sentence.head_of(word), sentence.head_of(word)  # "337 drones"
            else:
                of = [c for c in sentence.children(word, "nmod") if c.id in inside]  # "thousands of troops"
                if not of:
                    continue
                unit_word, owner = of[0], word
            if unit_word is None or unit_word.upos not in ("NOUN", "PROPN", "SYM") or unit_word.lemma.lower() in self.lexicon.ignore_units:
                continue
            unit = "percent" if unit_word.text in ("%", "percent") else unit_word.lemma.lower()
            governor = sentence.head_of(owner)
            about = governor.lemma.lower() if governor is not None else ""
            text = self.parsed.text[min(word.start, unit_word.start):max(word.end, unit_word.end)]
            found.append(Quantity(value, unit, about, self._qualifier(sentence, word), text, Span(word.start, word.end)))
        return found

    def _qualifier(self, sentence: Sentence, number: Word) -> str:
        if number.text.lower() in ("hundreds", "thousands", "millions", "dozens"):
            return "at_least"
        before = tuple(w.lemma.lower() for w in sentence.words if number.id - 3 <= w.id < number.id)
        for name, phrases in (("at_most", self.lexicon.at_most), ("at_least", self.lexicon.at_least),
                              ("approximate", self.lexicon.approximate)):
            if any(before[-len(p):] == p for p in phrases if len(p) <= len(before)):
                return name
        return "exact"

    def _text(self, words: list[Word]) -> str:
        return self.parsed.text[words[0].start:words[-1].end]


def _span(words: list[Word]) -> Span:
    return Span(words[0].start, words[-1].end)


def _agrees(pronoun: str, speaker: Speaker) -> bool:
    if pronoun in ("he", "she", "him", "her"):
        return speaker.type is EntityType.PERSON
    return speaker.type is not EntityType.PERSON


def _number(text: str) -> float | None:
    """12, 1,400, 2.5, "forty-four", "thousands"; None for anything else."""
    cleaned = text.replace(",", "").replace("%", "").strip()
    if re.fullmatch(r"\d+(\.\d+)?", cleaned):
        return float(cleaned)
    parts = re.split(r"[\s\-]+", text.lower())
    if parts and all(p in _NUMBER_WORDS for p in parts):
        total = 0.0
        for p in parts:
            n = _NUMBER_WORDS[p]
            total = total * n if n >= 100 and total else total + n
        return total
    return None


def sides_of(names: Sequence[str], lexicon: ConflictLexicon | None = None) -> set[str]:
    """Sides whose words occur in ``names`` (a speaker's name and roles), not right after "to",
    "from" or "in" ("ambassador to Washington")."""
    lexicon = lexicon or conflict_lexicon()
    found = set()
    for name in names:
        tokens = re.findall(r"[\w.]+(?:['’]s)?", name.lower())
        tokens = [re.sub(r"['’]s$", "", t).rstrip(".") if not t.endswith("u.s.") else t for t in tokens]
        for side, phrases in lexicon.sides.items():
            for phrase in phrases:
                n = len(phrase)
                for i in range(len(tokens) - n + 1):
                    if tuple(t.rstrip(".") for t in tokens[i:i + n]) == tuple(p.rstrip(".") for p in phrase):
                        if i == 0 or tokens[i - 1] not in ("to", "from", "in", "into", "against"):
                            found.add(side)
    return found
