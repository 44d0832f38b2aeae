"""From the head word of a source to a :class:`~claimtrack.domain.Mention`: its span, bare name, role,
affiliation and actor type. "Kremlin spokesman Dmitry Peskov" → name "Dmitry Peskov", role "Kremlin
spokesman"; "Al Jazeera's Dorsa Jabarri" → name "Dorsa Jabarri", affiliation "Al Jazeera";
"Ushakov, a former ambassador to Washington" → role from the apposition.
"""

from __future__ import annotations

from ..domain import EntityType, Mention, Sentence, Span, Word
from ..lexicon import ActorLexicon

_NP_RELATIONS = frozenset({"det", "amod", "compound", "flat", "nmod:poss", "nummod", "case", "nmod", "punct", "cc", "conj", "advmod"})
PERSON_PRONOUNS = frozenset({"he", "she", "him", "her", "i", "me", "you"})
GROUP_PRONOUNS = frozenset({"they", "them", "we", "us"})
THING_PRONOUNS = frozenset({"it"})
RELATIVE_PRONOUNS = frozenset({"who", "which", "that", "whom"})
_NER_TYPES = {
    "PER": EntityType.PERSON, "PERSON": EntityType.PERSON,
    "ORG": EntityType.ORGANISATION, "NORP": EntityType.GROUP,
    "LOC": EntityType.PLACE, "GPE": EntityType.PLACE,
}


_SPEAKING_TYPES = frozenset({EntityType.PERSON, EntityType.ORGANISATION, EntityType.GROUP})


def can_speak(word: Word, actors: ActorLexicon) -> bool:
    """Whether ``word`` can be a speaker: a name, a person or group pronoun ("who", not "it"), a
    person, organisation or group by its entity tag, a person noun, a body ("authorities") or a
    document; not a thing ("The scale of the attacks leaves no doubt")."""
    lemma = word.lemma.lower()
    return (word.upos == "PROPN" or lemma in PERSON_PRONOUNS | GROUP_PRONOUNS or lemma == "who"
            or _NER_TYPES.get(word.ner[2:]) in _SPEAKING_TYPES
            or lemma in actors.person_nouns or lemma in actors.organisations or lemma in actors.documents)


def build_mention(sentence: Sentence, head: Word, text: str, actors: ActorLexicon) -> Mention:
    """The mention whose syntactic head is ``head``."""
    lowered = head.text.lower()
    if head.upos == "PRON" or lowered in PERSON_PRONOUNS | GROUP_PRONOUNS | THING_PRONOUNS:
        relative = lowered in RELATIVE_PRONOUNS or head.feat("PronType") == "Rel"
        mention = Mention(head.span, head.text, "relative" if relative else "pronoun", _pronoun_type(lowered))
        if relative:
            mention.antecedent = _antecedent(sentence, head, text, actors)
            if mention.antecedent is not None:
                mention.entity_type = mention.antecedent.entity_type
        return mention

    words = _trim(_noun_phrase(sentence, head)) or [head]
    span = Span(words[0].start, words[-1].end)
    possessor, own = _split_possessive(words)
    affiliation = _text(text, possessor) if possessor and actors.is_outlet_name(_text(text, possessor)) else None
    name_words = _name_words(own, head, actors)
    mention = Mention(span, span.of(text), "name" if name_words else "nominal", role=_appositive_role(sentence, head, text))
    if affiliation:
        mention.affiliation = affiliation
        words = own
    if name_words:
        mention.name = _strip_honorifics(_text(text, name_words), actors)
        role_words = [w for w in words if w.id < name_words[0].id and w.relation != "det"]
        while role_words and role_words[-1].upos == "PUNCT":
            role_words.pop()
        if role_words and role_words[-1].text in _GENITIVE_MARKS:
            role_words = []  # "Russia's Vladimir Putin": a possessor alone is no role
        if role_words:
            mention.role = _text(text, role_words)  # the words before the name: "Kremlin spokesman"
    mention.entity_type = classify(mention, words, head, name_words, actors)
    if mention.kind == "name" and mention.entity_type in (EntityType.ORGANISATION, EntityType.PLACE):
        mention.name = _description(text, own)  # "Ukrainian General Staff", "Ministry of Defence"
    if mention.entity_type is EntityType.OUTLET:
        mention.name = _outlet_name(words, text, actors) or mention.name  # "TASS" in "state-run TASS news agency"
    if mention.kind == "nominal" and not mention.name:
        mention.name = _description(text, words)
    return mention


_GENITIVE_MARKS = frozenset({"'s", "’s", "'", "’"})


def _split_possessive(words: list[Word]) -> tuple[list[Word], list[Word]]:
    """ "Al Jazeera's Charles Stratford" → (["Al", "Jazeera"], ["Charles", "Stratford"]), found at the
    genitive marker itself, whatever the parser made of the phrase."""
    for i in range(len(words) - 2, 0, -1):
        if words[i].text in _GENITIVE_MARKS and words[i].upos == "PART":
            return words[:i], words[i + 1:]
    return [], words


def _noun_phrase(sentence: Sentence, head: Word) -> list[Word]:
    """The head with its nominal dependents; no clauses, appositions or relative clauses."""
    found = [head]
    stack = [head]
    while stack:
        word = stack.pop()
        for child in sentence.children(word):
            left_modifier = child.id < head.id and child.relation == "nmod"
            if child.deprel in _NP_RELATIONS or left_modifier or child.relation in ("det", "amod", "compound", "flat", "nummod", "case"):
                if child.deprel == "nmod" and child.id > head.id and not any(
                        c.lemma.lower() == "of" for c in sentence.children(child, "case")):
                    continue
                if child.relation == "advmod" and child.id > head.id:
                    continue
                found.append(child)
                stack.append(child)
            elif child.relation == "appos" and child.upos == "PROPN" and child.id == word.id + 1:
                found.append(child)  # "analyst Andrey Kortunov" with no comma: one phrase
                stack.append(child)
    found.sort(key=lambda w: w.id)
    # keep the contiguous stretch around the head: a wrong attachment must not swallow the sentence
    ids = {w.id for w in found}
    start = end = head.id
    while start - 1 in ids:
        start -= 1
    while end + 1 in ids:
        end += 1
    return [w for w in found if start <= w.id <= end]


def _trim(words: list[Word]) -> list[Word]:
    while words and (words[0].upos in ("PUNCT", "CCONJ") or words[0].relation == "case"):
        words = words[1:]
    while words and (words[-1].upos in ("PUNCT", "CCONJ") and words[-1].text not in (".",)):
        words = words[:-1]
    return words or []


def _outlet_name(words: list[Word], text: str, actors: ActorLexicon) -> str | None:
    """The outlet named inside a longer phrase: "TASS" in "Russia's state-run TASS news agency"."""
    best = None
    for i in range(len(words)):
        for j in range(len(words), i, -1):
            candidate = _text(text, words[i:j])
            if actors.is_outlet_name(candidate) and (best is None or len(candidate) > len(best)):
                best = candidate.removeprefix("The ").removeprefix("the ")
    return best


def _name_words(words: list[Word], head: Word, actors: ActorLexicon) -> list[Word]:
    """The proper name inside a phrase: the capitalised run holding the head, or else the last one
    ("Moscow-based analyst Andrey Kortunov"), titles removed. Runs join over "of" after a title or
    an organisation word ("Secretary of State Marco Rubio", "Ministry of Defence")."""
    runs: list[list[Word]] = []
    previous = -2
    for i, word in enumerate(words):
        leads_a_name = word.text[:1].isupper() and word.upos in ("ADJ", "NOUN") and i + 1 < len(words) \
            and _name_like(words[i + 1])  # "New York Times", "United States"
        if not (_name_like(word) or leads_a_name):
            continue
        if runs and previous == i - 1:
            runs[-1].append(word)
        elif runs and previous == i - 2 and words[i - 1].text.lower() == "of" and \
                words[i - 2].text.lower() in actors.titles | actors.organisations:
            runs[-1].extend([words[i - 1], word])
        else:
            runs.append([word])
        previous = i
    if not runs:
        return []
    run = next((r for r in runs if head in r), None) or next((r for r in runs if r[0].id > head.id), None)
    while run and not run[0].text[:1].isupper():  # "rival Donald Trump": a lower-case word tagged PROPN
        run = run[1:]
    while run and not run[-1].text[:1].isupper():
        run = run[:-1]
    return strip_titles(run, actors) if run else []  # a name before a common noun is a modifier: "US president"


def _name_like(word: Word) -> bool:
    return word.upos == "PROPN" or (word.text[:1].isupper() and word.ner != "O" and word.upos in ("NOUN", "X", "ADJ"))


def strip_titles(run: list[Word], actors: ActorLexicon) -> list[Word]:
    """Drop titles and what precedes them: "NATO Secretary General Mark Rutte" → "Mark Rutte",
    "US Secretary of State Marco Rubio" → "Marco Rubio"."""
    if all(w.text.lower() in actors.titles | {"of"} for w in run):
        return []  # "the President", "Secretary of State": a role, no name
    last_title = max((i for i, w in enumerate(run[:-1]) if w.text.lower() in actors.titles), default=-1)
    if last_title >= 0 and any(w.text.lower() not in actors.titles | {"of"} for w in run[last_title + 1:]):
        run = run[last_title + 1:]
    while len(run) > 1 and run[0].text.lower() in actors.titles | actors.honorifics:
        run = run[1:]
    while run and run[0].text.lower() == "of":
        run = run[1:]
    return run


def _strip_honorifics(name: str, actors: ActorLexicon) -> str:
    parts = name.split()
    while len(parts) > 1 and parts[0].lower() in actors.honorifics:
        parts = parts[1:]
    return " ".join(parts)


def _appositive_role(sentence: Sentence, head: Word, text: str) -> str | None:
    """ "Ushakov, a former ambassador to Washington who ..." → "former ambassador to Washington"."""
    for child in sentence.children(head, "appos"):
        if child.id < head.id or child.upos not in ("NOUN", "PROPN"):
            continue
        pruned = frozenset(c.id for c in sentence.children(child, "acl", "punct", "det", "appos", "conj", "cc"))
        return _text(text, sentence.subtree(child, exclude=pruned))
    return None


def _antecedent(sentence: Sentence, relative: Word, text: str, actors: ActorLexicon) -> Mention | None:
    """What "who" stands for: the noun its relative clause modifies."""
    for ancestor in sentence.ancestors(relative):
        if ancestor.deprel == "acl:relcl" or ancestor.relation == "acl":
            noun = sentence.head_of(ancestor)
            if noun is None or noun.upos not in ("PROPN", "NOUN", "PRON"):
                return None
            if relative.text.lower() == "who":  # "an officer in the air force who": the person
                while noun.upos == "NOUN" and noun.lemma.lower() not in actors.person_nouns and noun.deprel == "nmod":
                    noun = sentence.word(noun.head)
            return build_mention(sentence, noun, text, actors)
    # a wrong attachment: fall back on the nearest noun before the comma
    for word in reversed(sentence.words[: relative.id - 1]):
        if word.upos in ("PROPN", "NOUN"):
            return build_mention(sentence, word, text, actors)
        if word.upos not in ("PUNCT",):
            break
    return None


def classify(mention: Mention, words: list[Word], head: Word, name_words: list[Word], actors: ActorLexicon) -> EntityType:
    """The actor type of a mention from the lexicons, then the named-entity tags, then its shape."""
    lemmas = [w.lemma.lower() for w in words]
    texts = [w.text.lower() for w in words]
    phrase = " ".join(texts)
    name = (mention.name or "").lower()
    if (name and actors.is_outlet_name(name)) or actors.is_outlet_name(phrase.removeprefix("the ")) or any(
        h in phrase for h in actors.outlet_heads if " " in h
    ) or head.lemma.lower() in actors.outlet_heads:
        return EntityType.OUTLET
    if head.lemma.lower() in actors.documents and mention.kind == "nominal":
        return EntityType.UNKNOWN
    if any(t in actors.organisations for t in texts + lemmas) or any(
        o in phrase for o in actors.organisations if " " in o
    ):
        if not (mention.kind == "name" and _is_person_ner(words) and head.lemma.lower() not in actors.organisations):
            return EntityType.ORGANISATION
    if mention.kind == "name" and (name in actors.places or phrase.removeprefix("the ") in actors.places):
        return EntityType.PLACE
    if mention.kind == "nominal":
        if head.lemma.lower() in actors.person_nouns or head.lemma.lower() in actors.titles:
            return EntityType.GROUP if head.feat("Number") == "Plur" else EntityType.PERSON
        return EntityType.GROUP if head.feat("Number") == "Plur" else EntityType.UNKNOWN
    tag = next((w.ner[2:] for w in name_words or [head] if w.ner != "O"), None)
    if tag in _NER_TYPES:
        return _NER_TYPES[tag]
    return EntityType.PERSON


def _is_person_ner(words: list[Word]) -> bool:
    return any(w.ner[2:] in ("PER", "PERSON") for w in words)


def _pronoun_type(lowered: str) -> EntityType:
    if lowered in PERSON_PRONOUNS:
        return EntityType.PERSON
    if lowered in GROUP_PRONOUNS:
        return EntityType.GROUP
    if lowered in THING_PRONOUNS:
        return EntityType.ORGANISATION
    return EntityType.UNKNOWN


def _description(text: str, words: list[Word]) -> str:
    kept = [w for w in words if not (w.relation == "det" and w.id == words[0].id)]
    return _text(text, kept) if kept else _text(text, words)


def _text(text: str, words: list[Word]) -> str:
    """The source text from the first to the last word (keeps original spacing and punctuation)."""
    return text[words[0].start:words[-1].end]


def full_names(sentences: list[Sentence], text: str, actors: ActorLexicon, verb_forms: frozenset[str]) -> list[str]:
    """Personal names of two or more words anywhere in the document ("Volodymyr Zelensky"), so that
    a speaker named by surname alone can be given the full name. ``verb_forms`` keep headlines out
    ("Trump Urges Putin")."""
    names = []
    for sentence in sentences:
        runs: list[list[Word]] = [[]]
        for word in sentence.words:
            if word.upos == "PROPN" and word.text[:1].isupper() and not (word.text.isupper() and len(word.text) > 3):
                runs[-1].append(word)
            elif runs[-1]:
                runs.append([])
        for run in runs:
            run = strip_titles(run, actors)
            lowered = " ".join(w.text.lower() for w in run)
            if len(run) >= 2 and not any(w.text.lower() in actors.organisations | verb_forms for w in run) \
                    and any(w.ner[2:] in ("PER", "PERSON") for w in run) \
                    and lowered not in actors.places and not actors.is_outlet_name(lowered):
                names.append(_text(text, run))
    return names
