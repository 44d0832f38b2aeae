"""Canonical speakers: name variants merged within a document and across documents.

Within a document, "Peskov" is the "Dmitry Peskov" named elsewhere in it, and "he" is the most
recent compatible speaker. Across documents, names meet in a :class:`SpeakerRegistry`: first by
exact alias, then, for people, by fuzzy comparison of surnames with compatible first names, so
that Zelensky, Zelenskyy and Zelenskyi are one person (RapidFuzz does the string similarity).
Descriptions ("a Polish border official") stay within their document. A user alias file can force
merges and forbid them.
"""

from __future__ import annotations

import tomllib
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from rapidfuzz import fuzz

from .domain import EntityType, Mention, Speaker

SURNAME_SIMILARITY = 88  # rapidfuzz ratio (0-100) for two surnames to be variants of one
FIRST_NAME_SIMILARITY = 75
_FEMALE_HINTS = frozenset({"she", "her", "mrs.", "ms.", "mrs", "ms", "spokeswoman", "chairwoman", "congresswoman",
                           "woman", "mother", "queen", "princess", "lady"})
_MALE_HINTS = frozenset({"he", "him", "mr.", "mr", "spokesman", "chairman", "congressman", "man", "father", "king",
                         "prince", "sir", "lord"})
_PRONOUN_WINDOW = 3  # how many recent speakers a pronoun may reach back over
_NAME_SUFFIXES = frozenset({"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"})


def normalise(name: str) -> str:
    """Case, accents, apostrophes, a leading "the" and extra spaces do not distinguish names."""
    text = unicodedata.normalize("NFKD", name.replace("’", "'")).encode("ascii", "ignore").decode("ascii")
    text = text.lower().strip(" .,;:'\"")
    text = text.removesuffix("'s").removesuffix("'")
    text = " ".join(text.split())
    return text.removeprefix("the ")


def name_parts(name: str) -> tuple[str, str]:
    """(first names, surname) of a personal name, generational suffixes ignored."""
    parts = [p for p in normalise(name).split() if p not in _NAME_SUFFIXES]
    if not parts:
        return "", ""
    return " ".join(parts[:-1]), parts[-1]


@dataclass
class AliasRules:
    """A user's corrections: names forced together, names kept apart (a TOML file)."""

    merges: dict[str, tuple[str, EntityType | None]] = field(default_factory=dict)  # alias → (canonical, type)
    exact_only: set[str] = field(default_factory=set)

    @classmethod
    def load(cls, path: str | Path) -> AliasRules:
        """Read ``[[merge]] name=…, aliases=[…], type=…`` and ``[[split]] names=[…]`` tables."""
        with open(path, "rb") as handle:
            data = tomllib.load(handle)
        rules = cls()
        for entry in data.get("merge", []):
            if "name" not in entry:
                raise ValueError(f"{path}: every [[merge]] needs a name")
            kind = EntityType(entry["type"]) if "type" in entry else None
            for alias in [entry["name"], *entry.get("aliases", [])]:
                rules.merges[normalise(alias)] = (entry["name"], kind)
        for entry in data.get("split", []):
            rules.exact_only |= {normalise(n) for n in entry.get("names", [])}
        return rules


class SpeakerRegistry:
    """Every canonical speaker known so far, looked up by alias and by fuzzy name."""

    def __init__(self, rules: AliasRules | None = None):
        self.rules = rules or AliasRules()
        self.speakers: list[Speaker] = []
        self._by_alias: dict[tuple[str, str], Speaker] = {}

    def add(self, speaker: Speaker) -> Speaker:
        """Register an existing speaker (for instance one loaded from the database)."""
        self.speakers.append(speaker)
        for alias in speaker.aliases | {speaker.name}:
            self._index(speaker, alias)
        return speaker

    def _index(self, speaker: Speaker, alias: str) -> None:
        if not speaker.anonymous:
            self._by_alias.setdefault((_family(speaker.type), normalise(alias)), speaker)

    def resolve(self, name: str, kind: EntityType, variants: Iterable[str] = (), roles: Iterable[str] = (),
                anonymous: bool = False) -> Speaker:
        """The canonical speaker for ``name`` (creating it when new), with its variants and roles added."""
        variants = {name, *variants}
        forced = next((self.rules.merges[normalise(v)] for v in variants if normalise(v) in self.rules.merges), None)
        if forced is not None:
            name, kind = forced[0], forced[1] or kind
            variants.add(name)
        speaker = None if anonymous else self._find(name, kind, variants)
        if speaker is None:
            speaker = Speaker(name=name, type=kind, anonymous=anonymous)
            self.speakers.append(speaker)
        return self.extend(speaker, name if forced is None else speaker.name, kind, variants, roles)

    def find(self, name: str, kind: EntityType = EntityType.UNKNOWN) -> Speaker | None:
        """The known speaker ``name`` refers to, or None; nothing is created."""
        found = self._find(name, kind, {name})
        if found is None and kind is not EntityType.PERSON:
            found = self._by_alias.get(("person", normalise(name)))
        return found

    def extend(self, speaker: Speaker, name: str, kind: EntityType, variants: Iterable[str] = (),
               roles: Iterable[str] = ()) -> Speaker:
        """Add what a new mention tells about a known speaker: a fuller name, variants, roles."""
        if _fuller(name, speaker.name, kind) and normalise(speaker.name) not in self.rules.merges:
            speaker.aliases.add(speaker.name)
            speaker.name = name  # "Peskov" becomes "Dmitry Peskov" once the full name is seen
        if speaker.type is EntityType.UNKNOWN and kind is not EntityType.UNKNOWN:
            speaker.type = kind
        for variant in {name, *variants}:
            if variant != speaker.name:
                speaker.aliases.add(variant)
            self._index(speaker, variant)
        speaker.roles.update(r for r in roles if r)
        return speaker

    def _find(self, name: str, kind: EntityType, variants: set[str]) -> Speaker | None:
        family = _family(kind)
        for variant in variants:
            found = self._by_alias.get((family, normalise(variant)))
            if found is not None:
                return found
        if kind is not EntityType.PERSON or any(normalise(v) in self.rules.exact_only for v in variants):
            return None
        first, surname = name_parts(name)
        if len(surname) < 4:
            return None
        best, best_score = None, 0.0
        for speaker in self.speakers:
            if speaker.type is not EntityType.PERSON or speaker.anonymous:
                continue
            if normalise(speaker.name) in self.rules.exact_only:
                continue
            score = _person_similarity(first, surname, speaker)
            if score > best_score:
                best, best_score = speaker, score
        return best


def _family(kind: EntityType) -> str:
    """Types that can name the same actor: "Russia" the place and "Russia" the state are one."""
    return "actor" if kind in (EntityType.ORGANISATION, EntityType.PLACE, EntityType.UNKNOWN, EntityType.GROUP) else kind.value


def _person_similarity(first: str, surname: str, speaker: Speaker) -> float:
    best = 0.0
    for known in speaker.aliases | {speaker.name}:
        known_first, known_surname = name_parts(known)
        score = fuzz.ratio(surname, known_surname)
        if score < SURNAME_SIMILARITY:
            continue
        if first and known_first and fuzz.ratio(first, known_first) < FIRST_NAME_SIMILARITY and first[0] != known_first[0]:
            continue
        best = max(best, score + (5 if first and first == known_first else 0))
    return best


def _fuller(candidate: str, current: str, kind: EntityType) -> bool:
    return kind is EntityType.PERSON and len(candidate.split()) > len(current.split())


@dataclass
class _Local:
    """A speaker as one document knows it, before it meets the registry."""

    name: str
    type: EntityType
    variants: set[str] = field(default_factory=set)
    roles: set[str] = field(default_factory=set)
    anonymous: bool = False
    gender: str | None = None
    speaker: Speaker | None = None


class DocumentSpeakers:
    """Resolves the source mentions of one document, in text order, to registry speakers."""

    def __init__(self, registry: SpeakerRegistry, full_names: Iterable[str] = ()):
        self.registry = registry
        self.full_names = [n for n in full_names if len(n.split()) >= 2]
        self.locals: list[_Local] = []
        self.recent: list[_Local] = []  # speakers in the order they spoke

    def observe(self, mention: Mention) -> None:
        """Note a named actor who is the subject of a main clause without speaking: a later "he" or
        "it" may be them ("Peskov would not comment … “…,” he told reporters")."""
        if mention.kind == "name" and mention.entity_type is not EntityType.OUTLET:
            local = self._local(mention)
            if local is not None:
                self.recent.append(local)

    def resolve(self, mention: Mention) -> Speaker | None:
        """The speaker ``mention`` refers to; pronouns go to the most recent compatible speaker,
        definite descriptions ("the US president") to the named person last seen in that role."""
        if mention.kind == "relative" and mention.antecedent is not None:
            mention = mention.antecedent
        if mention.kind in ("pronoun", "relative"):
            local = self._antecedent(mention)
        else:
            local = self._described(mention) or self._local(mention)
        if local is None:
            return None
        hint = _gender(mention)
        if hint and local.gender is None:
            local.gender = hint
        self.recent.append(local)
        if local.speaker is None:
            local.speaker = self.registry.resolve(local.name, local.type, local.variants, local.roles, local.anonymous)
        else:  # variants or roles seen since
            self.registry.extend(local.speaker, local.name, local.type, local.variants, local.roles)
        return local.speaker

    def _local(self, mention: Mention) -> _Local | None:
        name = mention.name or mention.text
        if not name.strip():
            return None
        anonymous = mention.kind == "nominal" and mention.entity_type is not EntityType.OUTLET
        kind = mention.entity_type
        if kind is EntityType.PERSON and not anonymous:
            name = self._full_name(name)
        key = normalise(name)
        for local in self.locals:
            if local.anonymous != anonymous:
                continue
            if key in {normalise(v) for v in local.variants} or self._same_person(local, name, kind):
                if len(name.split()) > len(local.name.split()):
                    local.name = name
                break
        else:
            local = _Local(name=name, type=kind, anonymous=anonymous)
            self.locals.append(local)
        local.variants |= {name, mention.name or name}
        if mention.role:
            local.roles.add(mention.role)
        return local

    def _full_name(self, name: str) -> str:
        """A surname alone is the full name that ends with it elsewhere in the document: the most
        frequent, of equally frequent ones the first named ("Jeh Johnson … Gary Johnson … Johnson")."""
        if len(name.split()) != 1:
            return name
        matches = [n for n in self.full_names if name_parts(n)[1] == normalise(name)]
        if not matches:
            return name
        return max(dict.fromkeys(matches), key=matches.count)

    @staticmethod
    def _same_person(local: _Local, name: str, kind: EntityType) -> bool:
        if kind is not EntityType.PERSON or local.type is not EntityType.PERSON or local.anonymous:
            return False
        first, surname = name_parts(name)
        known_first, known_surname = name_parts(local.name)
        return surname == known_surname and (not first or not known_first or first == known_first)

    def _described(self, mention: Mention) -> _Local | None:
        if mention.kind != "nominal" or mention.entity_type is not EntityType.PERSON:
            return None
        words = normalise(mention.text).split()
        if not mention.text.lower().startswith("the ") or len(words) > 3:
            return None
        for local in reversed(self.recent):
            if local.anonymous or local.type is not EntityType.PERSON:
                continue
            if any(normalise(role).split()[-1:] == words[-1:] for role in local.roles):
                return local
        return None

    def _antecedent(self, mention: Mention) -> _Local | None:
        pronoun = mention.text.lower()
        wanted = _compatible_types(pronoun)
        if not wanted:
            return None
        gender = _gender(mention)
        candidates: list[_Local] = []  # the last few distinct compatible speakers, most recent first
        for local in reversed(self.recent):
            if local.type in wanted and local not in candidates:
                candidates.append(local)
            if len(candidates) == _PRONOUN_WINDOW:
                break
        if gender == "female":  # "she" after "… spokeswoman …, Rustem Umerov …": the known woman
            known = next((c for c in candidates if c.gender == "female"), None)
            if known is not None:
                return known
        return next((c for c in candidates if gender is None or c.gender in (None, gender)), None)


def _compatible_types(pronoun: str) -> tuple[EntityType, ...]:
    if pronoun in ("he", "she", "him", "her"):
        return (EntityType.PERSON,)
    if pronoun in ("they", "them"):
        return (EntityType.GROUP, EntityType.ORGANISATION, EntityType.PLACE)
    if pronoun == "it":
        return (EntityType.ORGANISATION, EntityType.PLACE, EntityType.UNKNOWN)
    return ()


def _gender(mention: Mention) -> str | None:
    words = {w.lower() for w in f"{mention.text} {mention.role or ''}".split()}
    if words & _FEMALE_HINTS:
        return "female"
    if words & _MALE_HINTS:
        return "male"
    return None
