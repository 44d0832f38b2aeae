"""Headlines in Title Case or CAPITALS, recased for the parser from the document's own usage.

The parser reads letter case: in "Trump Urges Putin to Spare Ukrainian Troops" every word looks
like a name, and in "TRUMP URGES PUTIN TO SIGN" none does, so neither gets its verb. Each word of
such a line is given the case the rest of the document writes it in mid-sentence: the same word
("urges" → lower case, "Putin" capitalised), else a word of the same stem ("Slams" → lower case
when the body has "slammed"). A word the document never writes elsewhere is lower-cased if it is a
common word by ``lower_words`` (the reporting-verb forms of the cue lexicon: "Says", "Claims") and
otherwise keeps its form. Only letter case changes, so every offset stays valid.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Collection, Iterator
from dataclasses import dataclass

_WORD = re.compile(r"[^\W\d_]+")
_OPENERS = "\"'“‘([«"  # may stand between a sentence end and its first word
_SENTENCE_ENDS = ".!?:"
_SUFFIXES = ("ing", "ed", "es", "s", "d")  # stripped to find a word's stem
MIN_STEM = 3
MIN_WORDS = 3  # a line needs at least this many words of four letters or more to be a headline
# words of four letters or more that some styles leave in lower case in a title
_MINOR = frozenset({"about", "across", "after", "against", "along", "amid", "among", "around", "before", "behind",
                    "between", "beyond", "down", "during", "from", "into", "like", "near", "onto", "over", "past",
                    "since", "than", "that", "through", "toward", "towards", "under", "until", "upon", "when",
                    "with", "within", "without"})


def headline_cased(line: str) -> bool:
    """Whether ``line`` is written in Title Case (every word of four letters or more capitalised,
    but for prepositions and conjunctions) or all in capitals."""
    long_words = [m.group() for m in _WORD.finditer(line) if len(m.group()) >= 4]
    if len(long_words) < MIN_WORDS:
        return False
    return all(w.isupper() for w in long_words) or all(w[0].isupper() or w in _MINOR for w in long_words)


@dataclass
class Usage:
    """How a document writes its words mid-sentence."""

    forms: dict[str, str]  # lower-cased word → its most frequent form (ties: the lower case)
    capitalised_stems: dict[str, bool]  # stem → whether its words are mostly capitalised

    @classmethod
    def of(cls, lines: list[str]) -> Usage:
        seen: defaultdict[str, Counter] = defaultdict(Counter)
        for line in lines:
            for match, initial in _words(line):
                if not initial:
                    seen[match.group().lower()][match.group()] += 1
        forms = {lowered: max(counts, key=lambda form: (counts[form], form == lowered)) for lowered, counts in seen.items()}
        by_stem: defaultdict[str, Counter] = defaultdict(Counter)
        for lowered, counts in seen.items():
            for stem in _stems(lowered):
                for form, count in counts.items():
                    by_stem[stem][form[0].isupper()] += count
        return cls(forms, {stem: counts[True] > counts[False] for stem, counts in by_stem.items()})

    def form(self, word: str, lower_words: Collection[str] = ()) -> str:
        """``word`` as the document would write it mid-sentence (``word`` itself when unknown)."""
        lowered = word.lower()
        if lowered in self.forms:
            return self.forms[lowered]
        for stem in _stems(lowered):
            if stem in self.capitalised_stems:
                return lowered.capitalize() if self.capitalised_stems[stem] else lowered
        return lowered if lowered in lower_words else word


def recased(line: str, usage: Usage, lower_words: Collection[str] = ()) -> str:
    """``line`` with each word of two letters or more in its usual form (see the module
    docstring); a sentence's first word keeps a capital, the length never changes."""
    pieces, end = [], 0
    for match, initial in _words(line):
        word = match.group()
        if len(word) == 1:  # initials and letters of abbreviations ("U.S."), left as written
            continue
        form = usage.form(word, lower_words)
        if initial:
            form = form[0].upper() + form[1:]
        pieces.append(line[end:match.start()])
        pieces.append(form if len(form) == len(word) else word)
        end = match.end()
    pieces.append(line[end:])
    return "".join(pieces)


def for_parser(paragraphs: list[str], lower_words: Collection[str] = ()) -> list[str]:
    """The paragraphs of one document as the parser should see them: headline-cased ones recased
    from the usage of the others, the others unchanged."""
    headlines = [headline_cased(p) for p in paragraphs]
    if not any(headlines):
        return paragraphs
    usage = Usage.of([p for p, headline in zip(paragraphs, headlines) if not headline])
    return [recased(p, usage, lower_words) if headline else p for p, headline in zip(paragraphs, headlines)]


def _stems(lowered: str) -> list[str]:
    """``lowered`` and what is left of it without a regular ending, and without a doubled final
    consonant ("slams", "slammed" → "slam")."""
    stems = [lowered[:-len(s)] for s in _SUFFIXES if lowered.endswith(s) and len(lowered) - len(s) >= MIN_STEM]
    return [lowered] + stems + [s[:-1] for s in stems if s[-1] == s[-2] and s[-1] not in "aeiou" and len(s) > MIN_STEM]


def _words(line: str) -> Iterator[tuple[re.Match, bool]]:
    """Each word of ``line`` and whether it opens a sentence (after "U.S." it does not)."""
    previous = None
    for match in _WORD.finditer(line):
        gap = line[previous.end() if previous else 0:match.start()].strip().strip(_OPENERS).strip()
        if previous is None:
            yield match, not gap or gap[-1] in _SENTENCE_ENDS
        else:
            yield match, bool(gap) and gap[-1] in _SENTENCE_ENDS and not (len(previous.group()) == 1 and gap[0] == ".")
        previous = match
