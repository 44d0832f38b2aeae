"""Who a cue credits: the head word of the source, found from the tree with positional fallbacks.

- the cue's subject ("Putin said"; "said Putin" too, when it follows the verb directly; not a
  relative pronoun the parser took for it: "who he said were"); of two subjects the parser gave
  it, the one before the verb and nearest to it ("…, Sexton said" with the clause's subject hung
  on "said" too);
- the subject of a fronted participle ("Zelenskyy, responding to the attack, condemned");
- the agent of a passive ("was quoted by X");
- the subject of the governing verb for participles, infinitives and conjuncts ("appeared on Fox
  News, claiming"; "rose to the defence of Blatter, who is under investigation, saying"), unless
  a conjunct has a name of its own right before it ("…, BFM TV reported"); the modified noun for
  "reports suggesting";
- the object of "according to", the possessor of a reporting noun ("Trump's claim"), the subject
  of the verb a reporting noun is the object of, or follows "with"/"in" ("Trump launched an attack
  on", "candidates chimed in with criticism of"), when that subject can speak and the verb does
  not make it the target ("endured criticism", "dismissed the claim");
- when the tree offers nothing: the noun phrase right after an inverted cue ("“…,” said one
  diplomat"), or the one right before the cue, skipping parentheticals ("Rutte, who met Trump on
  Thursday, told Fox News").

A name before a comma wins over a common noun after it: "said Ushakov, a former ambassador".
"""

from __future__ import annotations

from ..domain import Sentence, Word
from ..lexicon import ActorLexicon, CueLexicon
from .cues import Cue
from .mentions import RELATIVE_PRONOUNS, can_speak
from .quotes import QuoteIndex

_NOMINAL = frozenset({"PROPN", "NOUN", "PRON"})
_CLIMB = frozenset({"advcl", "xcomp", "conj"})
_NON_FINITE = frozenset({"Ger", "Part", "Inf"})
_PASSIVE_SOURCE_LEMMAS = frozenset({"quote"})
_EXPLETIVES = frozenset({"there", "here"})
# Quantifiers that stand for people when they head a subject ("Many thought", "Some chanted"),
# whatever the tagger makes of them (DET, ADJ); not "all", "both", "each", mostly floating
# ("Merkley and Brown all suggested").
_QUANTIFIER_SOURCES = frozenset({"some", "many", "most", "few", "several", "other", "others"})
# Dates the parser makes subjects ("In May, a judge sided", "… in January, officials say"). A name
# the named-entity recogniser tags as an entity ("May" the person, "March for Our Lives") stays.
_TIME_NAMES = frozenset({"january", "february", "march", "april", "may", "june", "july", "august", "september",
                         "october", "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday",
                         "saturday", "sunday"})


def _is_time(word: Word) -> bool:
    entity = word.ner[2:]
    return entity in ("DATE", "TIME") or (word.text.lower() in _TIME_NAMES and not entity)


class SourceFinder:
    def __init__(self, cues: CueLexicon, actors: ActorLexicon):
        self.cues = cues
        self.actors = actors

    def find(self, cue: Cue, quotes: QuoteIndex) -> tuple[Word | None, str]:
        """The source's head word and how it was found (``subject``, ``agent``, ``governor``,
        ``object``, ``possessor``, ``position``, ``modified``), or ``(None, "none")``."""
        sentence = cue.sentence
        own_quote = quotes.at(cue.word.start)  # a cue inside a quotation looks for its source there

        def usable(word: Word | None) -> bool:
            return (
                word is not None
                and (word.upos in _NOMINAL | {"NUM"} or word.lemma.lower() in _QUANTIFIER_SOURCES)
                and word.relation != "expl"
                and word.lemma.lower() not in _EXPLETIVES
                and not word.text.lower().endswith(("self", "selves"))
                and not _is_time(word)
                and quotes.at(word.start) is own_quote
            )

        if cue.kind == "phrase":
            word = _phrase_object(sentence, cue)
            return (word, "object") if usable(word) else (None, "none")
        if cue.kind == "prep":  # "In a poll released Monday, …": the poll
            word = sentence.head_of(cue.word)
            return (_name_head(sentence, word), "object") if usable(word) and word.id > cue.word.id else (None, "none")
        if cue.kind == "adverb":
            return None, "none"
        if cue.kind == "dash":
            name = next((w for w in sentence.words if w.id > cue.word.id and w.upos == "PROPN"), None)
            return (_name_head(sentence, name), "position") if name is not None else (None, "none")
        if cue.kind == "colon":
            before = [w for w in sentence.words[: cue.word.id - 1]
                      if w.upos == "PROPN" or (w.upos == "NOUN" and w.text.isupper() and len(w.text) > 1)]  # "PENCE:"
            return (_name_head(sentence, before[-1]), "position") if before else (None, "none")
        if cue.kind == "noun":
            for child in sentence.children(cue.word, "nmod:poss", "nmod"):
                by = any(c.lemma.lower() == "by" for c in sentence.children(child, "case"))
                if (child.relation == "nmod:poss" or by) and usable(child):
                    return child, "possessor"
            for child in sentence.children(cue.word, "nsubj"):  # "Clinton has been a supporter of", a mistagged verb
                if usable(child):
                    return _prefer_name(sentence, cue, child), "subject"
            for child in sentence.children(cue.word, "compound"):  # "a New York Times report that"
                if child.upos == "PROPN" and child.id < cue.word.id and usable(child):
                    return child, "possessor"
            verb = sentence.head_of(cue.word)
            if _carries(sentence, cue.word, verb, self.cues):  # "Trump launched an attack", "candidates chimed in with criticism"
                subject = _subject_before(sentence, verb, verb.id, usable)
                if subject is not None and (verb.lemma.lower() in self.cues.light_verbs or can_speak(subject, self.actors)):
                    return subject, "governor"
            return None, "none"

        word = cue.word
        subject = _subject(sentence, word, cue.lemma)
        if usable(subject) and _placed(sentence, cue, subject):
            adjacent = _adjacent_subject(sentence, cue, subject, usable) or _object_relative(sentence, cue, subject, usable)
            return _prefer_name(sentence, cue, adjacent or subject), "subject"
        for child in sentence.children(word, "advcl"):  # "Zelenskyy, responding to ..., condemned"
            fronted = _subject(sentence, child, child.lemma.lower())
            if child.id < word.id and usable(fronted) and fronted.id < child.id:
                return fronted, "subject"
        passive = bool(sentence.children(word, "aux:pass"))
        for child in sentence.children(word, "obl:agent", "obl"):
            by = any(c.lemma.lower() == "by" for c in sentence.children(child, "case"))
            if by and usable(child) and (passive or (_reduced_passive(sentence, word) and can_speak(child, self.actors))):
                return child, "agent"
        if passive and cue.lemma not in _PASSIVE_SOURCE_LEMMAS:
            return None, "none"  # "no outcomes have been announced": the subject is what, not who
        own = self._before(sentence, cue, usable) if word.relation == "conj" else None
        if own is not None and (own.head == word.id or own.relation not in ("appos", "obj", "iobj")):
            # "… urging people to stay home, BFM TV reported": a subject the parser missed; not the
            # first conjunct's object ("thanked the Polish president, Andrzej Duda, promised")
            return own, "position"
        governed = self._governor(sentence, word, usable)
        if governed is not None:
            return governed, "governor"
        modifier = word.relation == "acl" and word.xpos in ("VBG", "VBN")
        if modifier and not (word.id > 1 and sentence.word(word.id - 1).text == ","):
            # "groups supporting the candidates", "ads calling the deal a scam": the noun the
            # participle modifies speaks; "a law known as …" has no source
            modified = sentence.head_of(word)
            if word.xpos == "VBG" and usable(modified) and modified.id < word.id:
                return _name_head(sentence, modified), "modified"
            return None, "none"
        positional = None if modifier else self._by_position(sentence, cue, quotes, usable)
        if positional is not None:
            return positional, "position"
        main = _main_verb(sentence, word)
        if main is not None:  # "Waltz appeared on Fox News, claiming": who appeared
            found = _subject_before(sentence, main, main.id, usable) or self._before(sentence, main, usable)
            if found is not None:
                return found, "governor"
        return None, "none"

    def _governor(self, sentence: Sentence, word: Word, usable) -> Word | None:
        """The subject of what governs a non-finite or coordinated cue."""
        current = word
        for _ in range(3):
            if not current.head:
                return None
            parent = sentence.word(current.head)
            if current.relation == "acl" or current.deprel == "acl":
                is_source = parent.upos == "PROPN" or parent.lemma.lower() in self.actors.documents | self.actors.person_nouns
                return parent if usable(parent) and is_source and parent.id < word.id else None
            finite = current.feat("VerbForm") not in _NON_FINITE and current.xpos not in ("VBG", "VBN", "VB", "TO")
            if current.relation not in _CLIMB or (finite and current.relation != "conj"):
                return None
            if current.relation == "conj" and parent.id > current.id:
                return None
            subject = _subject_before(sentence, parent, word.id, usable)
            if subject is not None:
                return subject
            current = parent
        return None

    def _by_position(self, sentence: Sentence, cue: Cue, quotes: QuoteIndex, usable) -> Word | None:
        """The noun phrase after an inverted cue ("“…,” said one diplomat") or before the cue."""
        words = sentence.words
        first = min(cue.ids)
        previous = words[first - 2] if first > 1 else None
        after_quote = previous is not None and (quotes.covers(previous.span) or (
            previous.text == "," and first > 2 and quotes.covers(words[first - 3].span)))
        scans = (self._after, self._before) if after_quote else (self._before, self._after)
        for scan in scans:
            found = scan(sentence, cue, usable)
            if found is not None:
                return found
        return None

    def _after(self, sentence: Sentence, cue: Cue, usable) -> Word | None:
        if cue.lemma in self.cues.addressee:
            return None  # "told Fox News": after the verb stands who was told
        for word in sentence.words[max(cue.ids):max(cue.ids) + 6]:
            if usable(word) and word.upos in _NOMINAL:
                if word.relation == "nsubj" and word.head > word.id and not any(
                        w.text == "," for w in sentence.words[word.id:word.head - 1]):
                    return None  # "and said he had reached a new low": the content's subject
                return _name_head(sentence, word)
            if word.upos not in ("DET", "ADJ", "NUM"):
                return None
        return None

    @staticmethod
    def _before(sentence: Sentence, anchor: Cue | Word, usable) -> Word | None:
        words = sentence.words
        index = (min(anchor.ids) if isinstance(anchor, Cue) else anchor.id) - 2
        while index >= 0:
            word = words[index]
            if word.upos in ("AUX", "ADV", "PART") or (word.upos == "DET" and word.lemma.lower() in ("all", "both", "each")):
                index -= 1  # "Merkley, Brown and Menendez all suggested"
            elif word.text == ")":  # "Sen. Claire McCaskill (D-Mo.) said"
                opening = next((i for i in range(index - 1, max(-1, index - 12), -1) if words[i].text == "("), None)
                if opening is None:
                    break
                index = opening - 1
            elif word.text == "," and (skipped := _skip_parenthetical(words, index)) is not None:
                aside = words[skipped + 2:index]
                if 0 < len(aside) <= 4 and all(w.upos == "PROPN" for w in aside) and usable(aside[-1]):
                    return _name_head(sentence, aside[-1])  # "a junior officer …, Dmytro, said"
                index = skipped
            else:
                break
        if index >= 0 and usable(words[index]) and words[index].upos in _NOMINAL:
            return _name_head(sentence, words[index])
        return None


def _main_verb(sentence: Sentence, participle: Word) -> Word | None:
    """The finite verb a participial cue after a comma elaborates: its head, or the last before it."""
    if participle.feat("VerbForm") not in ("Ger", "Part") and participle.xpos != "VBG":
        return None
    head = sentence.head_of(participle)
    if head is not None and head.upos == "VERB" and head.id < participle.id:
        return head
    return next((w for w in reversed(sentence.words[: participle.id - 1])
                 if w.upos == "VERB" and w.feat("VerbForm") == "Fin"), None)


def _subject(sentence: Sentence, word: Word, lemma: str) -> Word | None:
    """The subject, unless the verb is a true passive ("was told", with its auxiliary). A verb has
    one subject; of several the parser gave it: one before the verb (after it only "said Putin"),
    a noun or name before a relative pronoun ("Trump, who relied on fervor, said" with both hung
    on "said"), then the nearest ("The worst … can be divided into two categories, Sexton said":
    the clause's subject hung on "said" too)."""
    passive = bool(sentence.children(word, "aux:pass"))
    subjects = [c for c in sentence.children(word, "nsubj")
                if not (c.deprel == "nsubj:pass" and passive and lemma not in _PASSIVE_SOURCE_LEMMAS)]
    return min(subjects, key=lambda c: (c.id > word.id, c.lemma.lower() in RELATIVE_PRONOUNS, abs(c.id - word.id)),
               default=None)


_SETTING_WORDS = frozenset({"year", "minute", "hour", "day", "week", "month", "time", "morning", "afternoon", "evening",
                            "night", "today", "yesterday", "tomorrow", "monday", "tuesday", "wednesday", "thursday",
                            "friday", "saturday", "sunday", "weekend", "later", "earlier", "case"})


def _adjacent_subject(sentence: Sentence, cue: Cue, subject: Word, usable) -> Word | None:
    """A better subject than the one the parser chose: when the chosen one is a time or a dateline
    set off by a comma or dash ("This year, an average of polls shows", "WASHINGTON — Sen. Grassley
    downplayed"), the noun phrase standing right before the verb."""
    if subject.id > cue.word.id:
        return None
    between = sentence.words[subject.id:cue.word.id - 1]
    set_off = any(w.text in (",", "—", "–") for w in between)
    setting = (subject.lemma.lower() in _SETTING_WORDS or (subject.text.isupper() and len(subject.text) > 2)
               or subject.ner[2:] in ("LOC", "GPE"))
    if not (set_off and setting):
        return None
    candidate = SourceFinder._before(sentence, cue, usable)  # past an apposition: ", James B. Comey,"
    if candidate is None or candidate.id == subject.id:
        return None
    return candidate


def _reduced_passive(sentence: Sentence, word: Word) -> bool:
    """A past participle in a reduced passive clause ("The attack, confirmed by Ukrainian
    authorities,") or in a conjunct sharing a passive auxiliary ("was praised by Trump and
    criticized by Clinton"); not an active perfect whose auxiliary stayed on the first conjunct
    ("has met Trump and warned by letter")."""
    if word.xpos != "VBN" and word.feat("Voice") != "Pass":
        return False
    if word.relation == "conj":
        return bool(sentence.children(sentence.head_of(word), "aux:pass"))
    return word.relation in ("acl", "advcl")


def _carries(sentence: Sentence, noun: Word, verb: Word | None, lexicon: CueLexicon) -> bool:
    """Whether the verb governing a reporting noun makes its subject the noun's source: a light verb
    with the noun as object ("launched an attack"), or any other verb with the noun as object or
    after "with"/"in" ("stepped up his criticism", "came out in support of"), but those whose
    subject undergoes it ("endured criticism"; "resigned amid criticism", "responded to criticism").
    Both verb lists are in ``cues.toml`` ([governing_verbs])."""
    if verb is None or noun.relation not in ("obj", "obl"):
        return False
    lemma = verb.lemma.lower()
    if noun.relation == "obj" and lemma in lexicon.light_verbs:
        return True
    if noun.relation == "obl" and not any(c.lemma.lower() in ("with", "in") for c in sentence.children(noun, "case")):
        return False
    return verb.upos == "VERB" and lemma not in lexicon.undergoing_verbs


def _object_relative(sentence: Sentence, cue: Cue, subject: Word, usable) -> Word | None:
    """ "his daughters, who he said were living in Russia", "which Democrats say could": the parser
    took the relative pronoun for the subject; the speaker is the noun phrase right before the cue."""
    if subject.upos != "PRON" or subject.lemma.lower() not in RELATIVE_PRONOUNS or subject.id > cue.word.id:
        return None
    candidate = _word_before_verb(sentence, cue, subject.id)
    if candidate is None or candidate.head != cue.word.id or candidate.relation != "nsubj":
        return None  # "Putin, who on Monday said": Monday is no speaker
    if not usable(candidate) or candidate.upos not in _NOMINAL:
        return None
    return _name_head(sentence, candidate)


def _word_before_verb(sentence: Sentence, cue: Cue, lowest: int) -> Word | None:
    """The word right before the cue's verb, past auxiliaries, adverbs and particles, if its index
    in the sentence is at least ``lowest``."""
    index = cue.word.id - 2
    while index >= lowest and sentence.words[index].upos in ("AUX", "ADV", "PART"):
        index -= 1
    return sentence.words[index] if index >= lowest else None


def _subject_before(sentence: Sentence, verb: Word, limit: int, usable) -> Word | None:
    """The subject of ``verb`` if usable and before the word id ``limit``, a name preferred to its
    apposition."""
    subject = _subject(sentence, verb, verb.lemma.lower())
    return _prefer_name(sentence, None, subject) if usable(subject) and subject.id < limit else None


def _placed(sentence: Sentence, cue: Cue, subject: Word) -> bool:
    """A subject after the cue counts only right after it ("said Putin"), not after "that"."""
    if subject.id < cue.word.id:
        return True
    between = [w for w in sentence.words if max(cue.ids) < w.id < subject.id]
    return all(w.head == subject.id or w.relation in ("det", "amod", "compound", "nummod", "flat") for w in between)


def _prefer_name(sentence: Sentence, cue: Cue | None, subject: Word) -> Word:
    """ "said Olga, a nurse": when the subject is a common noun set off by a comma after a name,
    the name is the source and the noun its apposition."""
    if subject.upos != "NOUN":
        return subject
    start = min(w.id for w in sentence.subtree(subject) if w.id <= subject.id)
    if start >= 3 and sentence.word(start - 1).text == ",":
        candidate = sentence.word(start - 2)
        if candidate.upos == "PROPN":
            return _name_head(sentence, candidate)
    return subject


def _skip_parenthetical(words: list[Word], comma: int) -> int | None:
    """Index of the word before an aside that ``comma`` closes: ", who met Trump on Thursday,",
    ", however,", ", responding to the attack,". A stretch with a finite verb of its own (other than
    in a relative clause) is a clause, not an aside."""
    for index in range(comma - 1, max(-1, comma - 15), -1):
        word = words[index]
        if word.text == ",":
            aside = words[index + 1:comma]
            relative = next((i for i, w in enumerate(aside) if w.lemma.lower() in ("who", "which", "whose")), len(aside))
            finite = any(w.upos in ("VERB", "AUX") and w.feat("VerbForm") == "Fin" for w in aside[:relative])
            return index - 1 if index >= 1 and aside and not finite else None
        if word.text in (".", ";", ":", "“", "”", '"'):
            return None
    return None


def _phrase_object(sentence: Sentence, cue: Cue) -> Word | None:
    """X in "according to X": the noun the phrase's words hang from, or the first after them."""
    last = max(cue.ids)
    for word in cue.words:
        head = sentence.head_of(word)
        if head is not None and head.id > last and head.upos in _NOMINAL:
            return head
    for child in sentence.children(cue.word, "obj"):
        return child
    return next((w for w in sentence.words if w.id > last and w.upos in _NOMINAL), None)


def _name_head(sentence: Sentence, word: Word) -> Word:
    """Climb from a part of a name to its head: "Zelenskyy" → "President" in "President Volodymyr
    Zelenskyy", "Defence" → "Ministry" in "the Ministry of Defence"."""
    for _ in range(6):
        head = sentence.head_of(word)
        if head is None or head.upos not in _NOMINAL:
            break  # "BFM TV reported" with "TV" hung on the verb as a compound
        if word.relation in ("compound", "flat"):
            word = head
        elif word.relation == "nmod" and head.id < word.id and head.upos in ("PROPN", "NOUN") and any(
            c.lemma.lower() == "of" for c in sentence.children(word, "case")
        ):
            word = head
        else:
            break
    return word
