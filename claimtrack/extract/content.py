"""What a cue reports: the content spans, found by strategies from the most to the least reliable.

1. ``quote-before`` / ``quote-after``: a quotation next to the cue, with only the source, the cue's
   light dependents ("on Thursday", "told reporters") and punctuation between them;
2. ``frame``: verbs that report through an object or a phrase ("described X as 'Y'", "urged X to Y");
3. ``final-clause``: "…, The New York Times said." and "…, he said, …": the clause around a
   parenthetical cue, whatever the parser made of it;
4. ``complement``: the cue's clausal complement (ccomp, parataxis), or xcomp for "want to"-verbs;
5. ``following-clause``: "X claimed “…” that …": the rest of the sentence when it is a clause.

The tree is consulted where it has to be, but positions decide wherever a convention of news
writing is strong, so that wrong attachments cost little.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import takewhile

from ..domain import Sentence, Span, Word
from ..lexicon import CueLexicon
from .cues import Cue
from .mentions import RELATIVE_PRONOUNS
from .quotes import Quote, QuoteIndex

# Dependents of a cue that say when, where, to whom or how - not what.
_LIGHT = frozenset({"aux", "advmod", "obl", "iobj", "expl", "mark", "cop", "punct", "cc", "nsubj", "discourse",
                    "compound:prt", "obl:tmod", "obl:npmod", "nmod:tmod", "vocative", "dislocated", "obl:agent"})
_CLAUSE_STARTS = frozenset({"PRON", "PROPN", "DET", "NOUN", "NUM", "ADJ"})
_BOUNDARIES = frozenset({",", ";", "—", "–", ":", "."})


@dataclass
class Content:
    spans: list[Span]
    strategy: str
    quotes: list[Quote]  # quotations inside the content
    sourceless: bool = False  # the cue's subject is part of the content ("Christie appeared to end his bid")


def find_contents(cue: Cue, source: set[int], quotes: QuoteIndex, text: str, lexicon: CueLexicon,
                  has_source: bool = True, announced: Span | None = None) -> list[Content]:
    """Every content hypothesis for ``cue``, the most reliable first. ``source`` holds the word ids of
    a source in this sentence (empty if it is elsewhere, as for "said … and suggested");
    ``has_source`` is false if there is none at all; ``announced`` is the text a sentence ending in
    a colon announces ("Reporter Jomana Karadsheh says:" and the next paragraph)."""
    sentence = cue.sentence
    light = _light_words(sentence, cue, source, lexicon)
    found: list[Content] = []
    adjacent = _adjacent_quote(sentence, cue, light, source, quotes, text)
    if adjacent is not None:
        strategy, quote = adjacent
        found.append(Content(list(quote.parts), strategy, [quote]))
    if cue.kind == "verb" and cue.lemma in lexicon.quote_only:
        return found
    quoted_before = adjacent is not None and adjacent[0] == "quote-before"
    if announced is not None and not found and all(w.id in light or w.upos == "PUNCT" for w in sentence.words
                                                    if w.id > max(cue.ids)):
        found.append(Content([announced], "announced", quotes.within(announced)))
    for name, finder in _FINDERS:
        # the rest of a sentence is a content only for a cue that has a speaker and no quotation
        # just before it ("“…,” Zelensky posted, the words clipped but hopeful")
        if name in ("following-clause", "rest-after") and (not has_source or quoted_before):
            continue
        excluded = set(cue.ids) if name == "raising" else set(cue.ids) | source
        words = [w for w in finder(sentence, cue, source, light, lexicon, quotes) if w.id not in excluded]
        if name in _AFTER_CUE and _adverbial(sentence, cue, words, quotes):
            continue
        spans = _spans(sentence, words, quotes, quotes.at(cue.word.start))
        if spans and _substantial(sentence, spans, name, quotes) and all(c.spans != spans for c in found):
            inside = [q for q in quotes.quotes if any(m.overlap(s) for m in q.marks for s in spans)]
            found.append(Content(spans, name, inside, sourceless=name == "raising"))
    return found


_AFTER_CUE = frozenset({"complement", "following-clause", "rest-after"})
_ADVERBIAL_MARKS = frozenset({"after", "before", "when", "while", "because", "since", "until", "once", "although",
                              "though", "unless", "whereas"})


def _adverbial(sentence: Sentence, cue: Cue, words: list[Word], quotes: QuoteIndex) -> bool:
    """ "posted on social media after his envoy held a meeting": a clause after a temporal or causal
    subordinator says when or why, not what. "said after the meeting that …" and "said after the
    meeting the plan was dead" still report: the subordinator heads a phrase of the cue's, and the
    clause has its own subject."""
    if not words:
        return False
    first = min(words, key=lambda w: w.id)
    if first.id < cue.word.id or first.lemma.lower() in ("that", "whether", "if") or quotes.covers(first.span):
        return False
    if first.lemma.lower() in _ADVERBIAL_MARKS and first.upos in ("SCONJ", "ADP"):
        return not _main_clause_after(sentence, first, words)
    between = [w for w in sentence.words if max(cue.ids) < w.id < first.id]
    if not any(w.lemma.lower() in _ADVERBIAL_MARKS and w.upos in ("SCONJ", "ADP") for w in between):
        return False
    inside = {w.id for w in words}
    subjectless = not any(c.id in inside for c in sentence.children(first, "nsubj"))
    return first.upos in ("VERB", "AUX") and subjectless


def _main_clause_after(sentence: Sentence, mark: Word, words: list[Word]) -> bool:
    """ "said because Obama is popular, he's a very good surrogate": after the subordinate clause
    that ``mark`` opens and a comma, the content goes on with a clause of its own (not "and …")."""
    head = sentence.head_of(mark)
    if head is None:
        return False
    end = max((w.id for w in sentence.subtree(head) if w.upos != "PUNCT"), default=head.id)
    tail = [w for w in words if w.id > end and w.upos != "PUNCT"]
    return bool(tail) and tail[0].upos != "CCONJ" and any(
        w.text == "," for w in sentence.words if end < w.id < tail[0].id)


def _light_words(sentence: Sentence, cue: Cue, source: set[int], lexicon: CueLexicon) -> set[int]:
    """Ids of the cue, its source, and the subtrees of its light dependents."""
    ids = set(cue.ids) | source
    frame = lexicon.frames.get(cue.lemma)
    second = _second_subjects(sentence.children(cue.word, "nsubj"), source)
    for child in sentence.children(cue.word):
        light = child.deprel in _LIGHT or child.relation in ("aux", "advmod", "obl", "nsubj", "punct")
        if child.relation == "nsubj" and child.id > cue.word.id + 3:
            light = False  # "suggested that a phone call …": the subject of the content, misattached
        if child.relation in ("advmod", "obl") and child.id > cue.word.id and sentence.children(child, "nsubj"):
            light = False  # "said that is highly unlikely" with "unlikely" an adverb: a clause, misattached
        if child in second:
            light = False  # "The worst … can be divided, Sexton said": a second subject is the content's
        if child.relation == "obj" and cue.lemma in lexicon.addressee:
            light = True
        if frame in ("as", "of", "for") and _marker(sentence, child) == frame:
            light = False
        if light:
            ids |= {w.id for w in _until_complementizer(sentence, cue, sentence.subtree(child))}
    return ids


def _second_subjects(subjects: list[Word], source: set[int]) -> list[Word]:
    """Of a cue's subjects, those that belong to the content: when the parser gave the cue two, the
    ones that are not its source (nor a relative pronoun: "daughters, who he said were …")."""
    if len(subjects) < 2 or not source:
        return []
    return [s for s in subjects if s.id not in source and s.lemma.lower() not in RELATIVE_PRONOUNS]


def _until_complementizer(sentence: Sentence, cue: Cue, words: list[Word]) -> list[Word]:
    """A dependent after the cue ends where a "that" opens the content, whatever it was attached to:
    "told Fox News that Trump's drive …" with the clause hung on "News"."""
    cut = next((w.id for w in words if w.id > cue.word.id and w.upos == "SCONJ" and w.lemma.lower() == "that"), None)
    return words if cut is None else [w for w in words if w.id < cut]


def _adjacent_quote(sentence: Sentence, cue: Cue, light: set[int], source: set[int], quotes: QuoteIndex,
                    text: str) -> tuple[str, Quote] | None:
    """A quotation right before ("“…,” Putin said") or right after ("He added: “…”") the cue."""
    before = _quote_before(sentence, cue, light, source, quotes, text)
    if before is not None:
        return "quote-before", before
    after = _quote_after(sentence, cue, light, quotes, text)
    if after is not None:
        return "quote-after", after
    return None


def _quote_before(sentence: Sentence, cue: Cue, light: set[int], source: set[int], quotes: QuoteIndex,
                  text: str) -> Quote | None:
    if not source:
        return None
    cue_start = cue.span.start
    quote = next((q for q in reversed(quotes.quotes) if q.span.end <= cue_start), None)
    if quote is None or "\n" in text[quote.span.end:cue_start]:
        return None
    end = quote.span.end
    between = [w for w in sentence.words if end <= w.start and w.end <= cue_start]
    gap = text[end:between[0].start] if between else text[end:cue_start]
    if gap.strip(" ,\u00a0\t") or not all(w.id in light or w.upos == "PUNCT" for w in between):
        return None
    after_cue = [w for w in sentence.words if w.id > max(cue.ids) and w.upos != "PUNCT"]
    source_placed = any(w.id in source for w in between) or (after_cue and after_cue[0].id in source)
    if not source_placed:
        return None  # "“…,” and urged Washington": the quotation is not this cue's
    closes_sentence = quote.parts[-1].of(text).rstrip().endswith(".")
    if closes_sentence and end <= sentence.start and cue.kind != "dash":
        return None  # “… burns.” A Russian worker described …: a new sentence, not an attribution
    return quote


def _quote_after(sentence: Sentence, cue: Cue, light: set[int], quotes: QuoteIndex, text: str) -> Quote | None:
    cue_end = cue.span.end
    quote = next((q for q in quotes.quotes if q.span.start >= cue_end), None)
    if quote is None:
        return None
    start = quote.span.start
    if start > sentence.end and not (text[sentence.end - 1] == ":" and "\n" not in text[sentence.end:start]):
        return None
    between = [w for w in sentence.words if cue_end <= w.start and w.end <= start]
    if not all(w.id in light or w.upos == "PUNCT" or w.lemma.lower() == "that" for w in between):
        return None
    introduced = text[cue_end:start].rstrip()
    if between and not (introduced.endswith((":", ",")) or between[-1].lemma.lower() == "that"):
        return None
    rest = text[quote.span.end:].split("\n", 1)[0].lstrip()
    ends_sentence = quote.parts[-1].of(text).rstrip(" ,").endswith((".", "!", "?", "…"))
    complete = not rest or rest[0] in ".,;:!?)—–-(“\"‘'" or ends_sentence
    clause = bool(between) and between[-1].lemma.lower() == "that" and any(
        w.upos in ("VERB", "AUX") for w in sentence.words_in(quote.inner))
    if not (complete or clause):
        return None  # the quotation is a fragment of a longer clause: not the whole content
    return quote


def _marker(sentence: Sentence, word: Word) -> str | None:
    for child in sentence.children(word, "case", "mark"):
        return child.lemma.lower()
    return None


def _frame(sentence: Sentence, cue: Cue, source: set[int], light: set[int], lexicon: CueLexicon,
           quotes: QuoteIndex) -> list[Word]:
    """ "described X as 'Y'", "called X 'Y'", "accused X of Y", "urged X to Y": from X to Y."""
    frame = lexicon.frames.get(cue.lemma)
    if cue.kind != "verb" or frame is None:
        return []
    objects = [c for c in sentence.children(cue.word, "obj") if c.id > cue.word.id]
    if frame == "object":
        parts = objects + [c for c in sentence.children(cue.word, "xcomp") if c.id > cue.word.id] if objects else []
        return _subtrees(sentence, parts)
    complement = _frame_complement(sentence, cue.word, frame, objects)
    if complement is not None:
        words = _subtrees(sentence, objects + [complement])
    elif frame == "as":
        words = _as_phrase_by_position(sentence, cue, quotes)
    else:
        return []
    if words and words[0].lemma.lower() == frame and not objects:
        words = words[1:]  # "that Trump described as “very good”": no object, drop the bare "as"
    return words


def _frame_complement(sentence: Sentence, verb: Word, frame: str, objects: list[Word]) -> Word | None:
    """The as/of/for/to phrase of a frame verb, also when the parser hung it on the object."""
    for head in [verb, *objects]:
        for child in sentence.children(head, "obl", "advcl", "xcomp", "ccomp", "nmod", "acl"):
            if child.id <= verb.id:
                continue
            if _marker(sentence, child) == frame or (frame == "to" and child.relation == "xcomp" and head is verb):
                return child
    return None


def _as_phrase_by_position(sentence: Sentence, cue: Cue, quotes: QuoteIndex) -> list[Word]:
    """ "framed talks with the United States as “slow but steady progress”", parse or no parse."""
    words = sentence.words[max(cue.ids):]
    for i, word in enumerate(words):
        if word.text in (";", "—", "–") or (word.upos == "VERB" and word.feat("VerbForm") == "Fin"):
            return []
        if word.lemma.lower() != "as" or quotes.covers(word.span):
            continue
        end = i + 1
        quote = quotes.at(words[end].start) if end < len(words) else None
        if quote is not None:
            while end < len(words) and words[end].start < quote.span.end:
                end += 1
        else:
            while end < len(words) and words[end].text not in _BOUNDARIES:
                end += 1
        return words[:end] if end > i + 1 else []
    return []


def _final_clause(sentence: Sentence, cue: Cue, source: set[int], light: set[int], lexicon: CueLexicon,
                  quotes: QuoteIndex) -> list[Word]:
    """ "Its troops have advanced, The New York Times said." / "The war, he said, will end.": the
    clause around a cue that stands after a comma with its source."""
    if cue.kind != "verb" or not source:
        return []
    region = sorted(i for i in light | set(cue.ids) if sentence.word(i).upos != "PUNCT")
    first, last = region[0], region[-1]
    before = [w for w in sentence.words if w.id < first]
    after = [w for w in sentence.words if w.id > last]
    if not before or before[-1].text not in (",", "—", "–") or sum(w.upos != "PUNCT" for w in before) < 3:
        return []
    if all(w.upos == "PUNCT" for w in after):
        return before
    if after[0].text == "," and not any(c.id > last for c in sentence.children(cue.word, "ccomp", "xcomp", "obj")):
        return before + after
    return []


def _complement(sentence: Sentence, cue: Cue, source: set[int], light: set[int], lexicon: CueLexicon,
                quotes: QuoteIndex) -> list[Word]:
    """The clause the cue governs: ccomp/parataxis, "that"-clauses of nouns, xcomp of "want to"."""
    word = cue.word
    if cue.kind == "colon":
        return [w for w in sentence.words if w.id > word.id]
    if cue.kind == "phrase":
        return _phrase_host(sentence, cue, source)
    if cue.kind == "prep":  # "In a poll released Monday, 50 percent chose Clinton"
        comma = next(w for w in sentence.words if w.id > word.id and w.text == ",")
        return [w for w in sentence.words if w.id > comma.id]
    if cue.kind == "adverb":  # "Trump reportedly told donors that …": the clause it qualifies
        head = sentence.head_of(word)
        return [w for w in sentence.subtree(head) if w.id != word.id] if head is not None else []
    relations: tuple[str, ...] = ("ccomp", "parataxis")
    if cue.kind == "noun":
        relations += ("acl",)
    if cue.category == "thought" or lexicon.frames.get(cue.lemma) == "to":
        relations += ("xcomp",)
    found: list[Word] = []
    children = [c for c in sentence.children(word, *relations) if not _relative(sentence, c)]
    if any(c.id > word.id for c in children):
        children = [c for c in children if c.id > word.id]
    for child in children:
        if child.relation == "parataxis" and child.id > word.id and not _introduced(sentence, cue, light, child):
            continue  # "Kyiv says X; Russia is reviewing": a parataxis after ";" is another clause
        if child.relation == "acl" and cue.kind == "noun" and not sentence.children(child, "mark"):
            continue
        found.extend(sentence.subtree(child))
    if not found and cue.kind == "verb":  # "said there was ...": a clause the parser called obj or advcl
        for child in sentence.children(word, "obj", "advcl", "dep"):
            marks = {m.lemma.lower() for m in sentence.children(child, "mark")}
            if child.id > word.id and child.upos in ("VERB", "AUX", "ADJ", "NOUN") and marks <= {"that", "if", "whether"} \
                    and sentence.children(child, "nsubj"):
                found.extend(sentence.subtree(child))
    if found and cue.kind == "verb":  # "said the timing ... would be worked out": a subject parsed as obj
        first = min(w.id for w in found)
        for child in sentence.children(word, "obj", "dep"):
            if word.id < child.id < first and cue.lemma not in lexicon.addressee:
                found.extend(sentence.subtree(child))
        for child in _second_subjects(sentence.children(word, "nsubj"), source):
            found.extend(sentence.subtree(child))  # "The plan can be divided …, Sexton said": its subject hung on "said"
    return found


def _relative(sentence: Sentence, clause: Word) -> bool:
    """ "who met Trump on Thursday" attached as a complement by mistake."""
    first = min(sentence.subtree(clause), key=lambda w: w.id)
    return first.lemma.lower() in ("who", "which", "whom", "whose")


def _introduced(sentence: Sentence, cue: Cue, light: set[int], child: Word) -> bool:
    """Whether only light words and a colon or comma stand between the cue and a clause after it."""
    start = min(w.id for w in sentence.subtree(child))
    between = [w for w in sentence.words if max(cue.ids) < w.id < start]
    return all(w.id in light or w.upos == "PUNCT" for w in between) and any(w.text in (":", ",") for w in between)


def _phrase_host(sentence: Sentence, cue: Cue, source: set[int]) -> list[Word]:
    """ "according to X, Y": the clause X is attached to, without the "according to X" phrase."""
    phrase = set(cue.ids) | source
    source_head = next((sentence.word(i) for i in sorted(source) if sentence.word(i).head not in source), None)
    host = sentence.head_of(source_head) if source_head is not None else None
    if host is not None and host.id not in phrase:
        words = [w for w in sentence.subtree(host) if w.id not in phrase]
    else:
        words = [w for w in sentence.words if w.id not in phrase]
    if len(words) < len(sentence.words) // 2:  # a wrong attachment: take the sentence
        words = [w for w in sentence.words if w.id not in phrase]
    return [w for w in words if not (w.upos == "PUNCT" and (w.id + 1 in phrase or w.id - 1 in phrase))]


def _following_clause(sentence: Sentence, cue: Cue, source: set[int], light: set[int], lexicon: CueLexicon,
                      quotes: QuoteIndex) -> list[Word]:
    """ "claiming “we do have some cautious optimism” that a ceasefire was imminent": the rest of the
    sentence, when it reads as a clause of its own."""
    if cue.kind != "verb":
        return []
    after = _after_cue_words(sentence, cue, light)
    if after and after[0].text in (";", "—", "–", "."):
        return []
    content = [w for w in after if w.upos != "PUNCT" or quotes.covers(w.span)]
    if not content:
        return []
    opener = content[0]
    starts_clause = opener.lemma.lower() == "that" or quotes.covers(opener.span) or opener.upos in _CLAUSE_STARTS
    has_verb = any(w.upos in ("VERB", "AUX") for w in content)
    return after if starts_clause and has_verb else []


_OBLIQUE_CASES = frozenset({"to", "about", "for", "on", "with", "of", "against", "over", "at", "as"})


def _object(sentence: Sentence, cue: Cue, source: set[int], light: set[int], lexicon: CueLexicon,
            quotes: QuoteIndex) -> list[Word]:
    """ "said something very strange", "backed Cruz": a noun phrase as what was said or held."""
    if cue.kind != "verb" or cue.lemma in lexicon.addressee:
        return []
    return _subtrees(sentence, [c for c in sentence.children(cue.word, "obj") if c.id > cue.word.id])


def _oblique(sentence: Sentence, cue: Cue, source: set[int], light: set[int], lexicon: CueLexicon,
             quotes: QuoteIndex) -> list[Word]:
    """ "referred to Rubio as …", "called for a ban", "criticism of the deal": the object of a preposition."""
    for child in sentence.children(cue.word, "obl", "nmod", "advcl"):
        case = _marker(sentence, child)
        if child.id > cue.word.id and case in _OBLIQUE_CASES:
            return [w for w in sentence.subtree(child) if not (w.head == child.id and w.relation in ("case", "mark"))]
    return []


def _clausal_xcomp(sentence: Sentence, cue: Cue, source: set[int], light: set[int], lexicon: CueLexicon,
                   quotes: QuoteIndex) -> list[Word]:
    """ "planned to run", "asked workers to vote": an open complement (with its object for "ask")."""
    parts = [c for c in sentence.children(cue.word, "xcomp", "acl") if c.id > cue.word.id]
    if not parts:
        return []
    objects = [c for c in sentence.children(cue.word, "obj") if cue.word.id < c.id < parts[0].id]
    return _subtrees(sentence, objects + parts[:1])


_RAISING_LEMMAS = frozenset({"appear", "seem", "tend", "prove", "look", "happen", "remain"})


def _raising(sentence: Sentence, cue: Cue, source: set[int], light: set[int], lexicon: CueLexicon,
             quotes: QuoteIndex) -> list[Word]:
    """ "Christie appeared to end his bid", "Trump is expected to win": subject and complement
    together, nobody credited. Only raising verbs and passives: in "The FBI decided not to …"
    the subject is the source."""
    if cue.lemma not in _RAISING_LEMMAS and not sentence.children(cue.word, "aux:pass"):
        return []
    subjects = [c for c in sentence.children(cue.word, "nsubj") if c.id < cue.word.id]
    parts = [c for c in sentence.children(cue.word, "xcomp") if c.id > cue.word.id]
    return _subtrees(sentence, subjects[:1] + parts[:1]) if subjects and parts else []


_QUESTION_VERBS = frozenset({"ask", "wonder"})
_INTERROGATIVES = frozenset({"whether", "if", "who", "what", "which", "why", "how", "when", "where"})
_QUESTION_ENDS = _BOUNDARIES | {"?", "!"}


def _question(sentence: Sentence, cue: Cue, source: set[int], light: set[int], lexicon: CueLexicon,
              quotes: QuoteIndex) -> list[Word]:
    """ "When asked whether D.C. should have a vote, he said": the indirect question after a verb
    of asking (past an addressee or agent, "asked by host John Dickerson whether …", but not past
    punctuation or another verb), to the next punctuation, however the parser attached it; it
    needs no source."""
    if cue.kind != "verb" or cue.lemma not in _QUESTION_VERBS:
        return []
    after = [w for w in sentence.words if w.id > max(cue.ids)]
    for i, word in enumerate(after[:6]):
        if word.lemma.lower() in _INTERROGATIVES:
            return list(takewhile(lambda w: w.text not in _QUESTION_ENDS, after[i:]))
        if word.text in _QUESTION_ENDS or word.upos in ("VERB", "AUX"):
            break
    return []


def _rest_after(sentence: Sentence, cue: Cue, source: set[int], light: set[int], lexicon: CueLexicon,
                quotes: QuoteIndex) -> list[Word]:
    """The rest of the sentence after the cue's own words."""
    return _after_cue_words(sentence, cue, light)


def _after_cue_words(sentence: Sentence, cue: Cue, light: set[int]) -> list[Word]:
    """The words after the cue and the light words that follow it directly ("told Al Jazeera")."""
    last = max(cue.ids)
    while last + 1 in light and last < len(sentence.words):
        last += 1
    return [w for w in sentence.words if w.id > last]


def _rest_before(sentence: Sentence, cue: Cue, source: set[int], light: set[int], lexicon: CueLexicon,
                 quotes: QuoteIndex) -> list[Word]:
    """The sentence before the source and cue, when they end it ("…, said six million people")."""
    region = sorted(i for i in light | set(cue.ids) if sentence.word(i).upos != "PUNCT")
    if not region:
        return []
    after = [w for w in sentence.words if w.id > region[-1] and w.upos != "PUNCT"]
    before = [w for w in sentence.words if w.id < region[0]]
    if after or (before and before[-1].lemma.lower() in _ADVERBIAL_MARKS):
        return []  # "launched its outreach this week after Ukraine agreed": the main clause is not what Ukraine said
    return before


def _subtrees(sentence: Sentence, parts: list[Word]) -> list[Word]:
    words = {w.id: w for part in parts for w in sentence.subtree(part)}
    return sorted(words.values(), key=lambda w: w.id)


def _substantial(sentence: Sentence, spans: list[Span], strategy: str, quotes: QuoteIndex) -> bool:
    """A content worth reporting: quoted words, or at least two words with a verb (an object will
    do for a frame: "denied the reports")."""
    words = [w for s in spans for w in sentence.words_in(s) if w.upos != "PUNCT"]
    if any(quotes.covers(w.span) for w in words):
        return True
    if strategy in ("frame", "object", "oblique"):
        return any(w.upos in ("NOUN", "PROPN", "VERB", "ADJ", "PRON", "NUM") for w in words)
    return len(words) >= 2 and any(w.upos in ("VERB", "AUX") for w in words)


def _spans(sentence: Sentence, words: list[Word], quotes: QuoteIndex, own_quote: Quote | None = None) -> list[Span]:
    """Contiguous character spans of ``words``, edge punctuation removed, cut quotations made whole
    (except ``own_quote``, the quotation the cue itself stands in)."""
    ids = {w.id for w in words}
    runs: list[list[Word]] = []
    for word in sentence.words:
        if word.id in ids:
            if runs and runs[-1][-1].id == word.id - 1:
                runs[-1].append(word)
            else:
                runs.append([word])
    spans = []
    for run in runs:
        while run and run[-1].upos == "PUNCT" and not quotes.covers(run[-1].span) and run[-1].text not in ")]":
            run = run[:-1]
        while run and run[0].upos == "PUNCT" and run[0].text not in "([" and not quotes.covers(run[0].span):
            run = run[1:]
        if not run or all(w.upos == "PUNCT" for w in run):
            continue
        start, end = run[0].start, run[-1].end
        for edge in (start, end - 1):  # a quotation cut by the parse is taken whole
            quote = quotes.at(edge)
            if quote is not None and quote is not own_quote:
                mark = next(m for m in quote.marks if m.start <= edge < m.end)
                start, end = min(start, mark.start), max(end, mark.end)
        spans.append(Span(start, end))
    merged: list[Span] = []
    for span in spans:
        if merged and span.start <= merged[-1].end + 2:
            merged[-1] = Span(merged[-1].start, max(merged[-1].end, span.end))
        else:
            merged.append(span)
    return merged


_FINDERS = (
    ("frame", _frame),
    ("final-clause", _final_clause),
    ("complement", _complement),
    ("question", _question),
    ("following-clause", _following_clause),
    ("object", _object),
    ("oblique", _oblique),
    ("xcomp", _clausal_xcomp),
    ("raising", _raising),
    ("rest-after", _rest_after),
    ("rest-before", _rest_before),
)
