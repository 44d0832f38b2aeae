"""Reporting cues in a parsed sentence: verbs ("said", "told reporters"), nouns ("his claim that"),
phrases ("according to") and the headline colon ("Peskov: ...").

A cue here is only a candidate; it becomes a claim when a content is found for it.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..domain import Sentence, Span, Word
from ..lexicon import CueLexicon
from .quotes import QuoteIndex

# Verb forms that are verbs whatever the tagger says (headlines: "Zelensky Says ...").
_ALWAYS_VERBS = frozenset({"said", "says", "told", "tells", "wrote", "writes", "tweeted", "added", "insisted", "warned"})
_ALLOWED_UPOS = frozenset({"VERB"})


@dataclass
class Cue:
    sentence: Sentence
    word: Word  # the head of the cue: the verb, noun, "according" or ":"
    lemma: str
    category: str
    kind: str  # "verb", "noun", "phrase", "colon", "dash", "prep", "adverb"
    words: list[Word]  # every word of the cue span, in order
    hypothetical: bool = False  # "will guarantee", "to agree": no saying has happened
    quoted: bool = False  # inside a quotation: someone quoting someone else

    @property
    def span(self) -> Span:
        return Span(self.words[0].start, self.words[-1].end)

    @property
    def ids(self) -> frozenset[int]:
        return frozenset(w.id for w in self.words)

    @property
    def negated(self) -> bool:
        """ "did not say", "never mentioned": the cue reports that something was not said. Only a
        negation before the cue counts: "is calling not for gestures, but for clarity" contrasts."""
        return any(d.lemma.lower() in NEGATIONS and d.id < self.word.id for d in self.sentence.children(self.word))


def find_cues(sentence: Sentence, lexicon: CueLexicon, quotes: QuoteIndex, learned: frozenset[str] = frozenset(),
              proposed: frozenset[int] = frozenset()) -> list[Cue]:
    """Candidate cues of ``sentence``, in order; those inside a quotation are marked ``quoted``
    (someone quoting someone else). ``learned`` are further cue lemmas a trained scorer knows;
    ``proposed`` the ids of verbs, adjectives and nouns the role tagger reads as cues here
    ("were adamant that", "cracked jokes about"), which become cues of the category "tagged"."""
    cues: list[Cue] = []
    taken: set[int] = set()
    for word in sentence.words:
        if word.id in taken:
            continue
        cue = (_phrase_cue(sentence, word, lexicon) or _verb_cue(sentence, word, lexicon, learned)
               or _noun_cue(sentence, word, lexicon, learned) or _prep_cue(sentence, word, quotes, lexicon)
               or _adverb_cue(sentence, word, lexicon))
        if cue is None and word.id in proposed:
            cue = _tagged_cue(sentence, word, lexicon)
        if cue is not None:
            cue.quoted = quotes.covers(word.span)
            cues.append(cue)
            taken |= cue.ids
    colon = _colon_cue(sentence, quotes)
    if colon is not None and not any(c.word.id < colon.word.id for c in cues):
        cues.append(colon)
    dash = _dash_cue(sentence, quotes)
    if dash is not None and not cues:
        cues.append(dash)
    return sorted(cues, key=lambda c: c.word.id)


def _verb_cue(sentence: Sentence, word: Word, lexicon: CueLexicon, learned: frozenset[str] = frozenset()) -> Cue | None:
    lemma = lexicon.verb_lemma(word.text, word.lemma)
    if lemma is None and word.lemma.lower() in learned and word.upos == "VERB":
        return _unlisted_verb_cue(sentence, word, lexicon, "learned")
    if lemma is None:
        return None
    if word.upos not in _ALLOWED_UPOS and word.text.lower() not in _ALWAYS_VERBS and not _acts_as_verb(sentence, word):
        return None
    words = [word]
    particles = lexicon.particles.get(lemma)
    if particles is not None:
        particle = next(
            (w for w in sentence.children(word, "compound:prt", "advmod", "obl") if w.lemma.lower() in particles),
            None,
        )
        if particle is None and word.id < len(sentence.words):
            following = sentence.word(word.id + 1)
            particle = following if following.lemma.lower() in particles else None
        if particle is None:
            return None
        words.append(particle)
    words.extend(_setting(sentence, word, lexicon))
    return Cue(sentence, word, lemma, lexicon.verbs[lemma], "verb", sorted(words, key=lambda w: w.id),
               hypothetical=_hypothetical(sentence, word))


def _tagged_cue(sentence: Sentence, word: Word, lexicon: CueLexicon) -> Cue | None:
    """A word no list names that the role tagger reads as a cue: verbs and adjectives take
    clauses as verbs do, nouns their content as reporting nouns do."""
    if word.upos in ("VERB", "ADJ"):
        return _unlisted_verb_cue(sentence, word, lexicon, "tagged")
    if word.upos == "NOUN":
        return Cue(sentence, word, word.lemma.lower(), "tagged", "noun", [word])
    return None


def _unlisted_verb_cue(sentence: Sentence, word: Word, lexicon: CueLexicon, category: str) -> Cue:
    """A verb cue that ``cues.toml`` does not list, by its own lemma, with its setting."""
    return Cue(sentence, word, word.lemma.lower(), category, "verb", [word, *_setting(sentence, word, lexicon)],
               hypothetical=_hypothetical(sentence, word))


def _acts_as_verb(sentence: Sentence, word: Word) -> bool:
    """ "records show he backed …" with "show" tagged as a noun: it has a subject or a clause."""
    return word.upos in ("NOUN", "PROPN", "ADJ") and bool(sentence.children(word, "nsubj", "ccomp"))


MODALS = frozenset({"will", "would", "could", "might", "may", "should", "can", "must", "shall", "'ll", "’ll"})
NEGATIONS = frozenset({"not", "n't", "never", "no"})


def _hypothetical(sentence: Sentence, verb: Word) -> bool:
    """ "to agree to a proposal", "Russia will guarantee": no saying has happened."""
    for child in sentence.children(verb, "mark", "aux"):
        lowered = child.text.lower()
        if (child.relation == "mark" and lowered == "to") or lowered in MODALS:
            return True
    return False


def _setting(sentence: Sentence, verb: Word, lexicon: CueLexicon) -> list[Word]:
    """ "in a statement", "in an interview" right after the verb belong to the cue."""
    for child in sentence.children(verb, "obl"):
        if child.lemma.lower() not in lexicon.cue_setting_nouns or child.id <= verb.id:
            continue
        phrase = sorted([child, *sentence.children(child, "case", "det", "nmod:poss", "amod")], key=lambda w: w.id)
        ids = [w.id for w in phrase]
        contiguous = ids == list(range(ids[0], ids[-1] + 1))
        if contiguous and phrase[0].lemma.lower() in ("in", "during") and phrase[0].id <= verb.id + 3:
            return phrase
    return []


def _noun_cue(sentence: Sentence, word: Word, lexicon: CueLexicon, learned: frozenset[str] = frozenset()) -> Cue | None:
    """ "Trump's claim that …", "criticism of the deal": a reporting noun (its content is found later)."""
    lemma = word.lemma.lower()
    if word.upos != "NOUN" or (lemma not in lexicon.nouns and lemma not in learned):
        return None
    return Cue(sentence, word, lemma, "speech" if lemma in lexicon.nouns else "learned", "noun", [word])


_PREPOSITIONS = frozenset({"in", "for", "to", "among", "from"})
_HEARSAY = frozenset({"reportedly", "allegedly", "apparently", "reputedly", "purportedly", "supposedly", "ostensibly"})


def _prep_cue(sentence: Sentence, word: Word, quotes: QuoteIndex, lexicon: CueLexicon) -> Cue | None:
    """ "In a poll released Monday, 50 percent …", "For Clinton, terrorism is …": a fronted phrase."""
    if word.id > 2 or word.upos != "ADP" or word.lemma.lower() not in _PREPOSITIONS:
        return None
    comma = next((w for w in sentence.words[word.id:word.id + 12] if w.text == ","), None)
    if comma is None or comma.id >= len(sentence.words) - 2:
        return None
    return Cue(sentence, word, word.lemma.lower(), "speech", "prep", [word])


def _adverb_cue(sentence: Sentence, word: Word, lexicon: CueLexicon) -> Cue | None:
    """ "Trump reportedly told donors …": hearsay without a named source."""
    if word.lemma.lower() not in _HEARSAY:
        return None
    return Cue(sentence, word, word.lemma.lower(), "speech", "adverb", [word])


def _phrase_cue(sentence: Sentence, word: Word, lexicon: CueLexicon) -> Cue | None:
    """ "according to", "in the words of", "quoting": the source is what follows."""
    lowered = [w.text.lower() for w in sentence.words]
    for phrase in lexicon.source_object_phrases:
        end = word.id - 1 + len(phrase)
        if tuple(lowered[word.id - 1:end]) == phrase:
            words = sentence.words[word.id - 1:end]
            return Cue(sentence, word, " ".join(phrase), "speech", "phrase", words)
    return None


def _colon_cue(sentence: Sentence, quotes: QuoteIndex) -> Cue | None:
    """ "Pat Caddell: Democrat voters worried …", "Clinton camp: …": a short source, a colon, the content."""
    for word in sentence.words[1:9]:
        if word.text != ":":
            continue
        before = sentence.words[: word.id - 1]
        nominal = any(w.upos in ("PROPN", "NOUN", "PRON") for w in before)
        if before and nominal and not any(w.upos == "VERB" for w in before) and word.id < len(sentence.words) - 1:
            return Cue(sentence, word, ":", "speech", "colon", [word])
        return None
    return None


_DASHES = frozenset({"―", "—", "–", "-", "--"})


def _dash_cue(sentence: Sentence, quotes: QuoteIndex) -> Cue | None:
    """ "“… our greatest shame.” ― Sonya Herridge": a dash between a closing quotation and a name."""
    for word in sentence.words:
        if word.text not in _DASHES or quotes.covers(word.span):
            continue
        before = quotes.at(word.start - 1) or quotes.at(word.start - 2)
        after = [w for w in sentence.words if w.id > word.id]
        if before is None or not after or len(after) > 8 or not any(w.upos == "PROPN" for w in after[:3]):
            continue
        return Cue(sentence, word, "―", "speech", "dash", [word])
    return None
