"""The word lists that drive extraction, loaded from the TOML files in ``claimtrack/data``."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources

CATEGORIES = ("speech", "writing", "thought", "evidence")


def load_data(name: str) -> dict:
    with resources.files("claimtrack.data").joinpath(name).open("rb") as handle:
        return tomllib.load(handle)


def inflections(lemma: str) -> set[str]:
    """Regular English verb forms of ``lemma``: -s, -ed, -ing with the usual spelling changes."""
    forms = {lemma}
    if lemma.endswith("e") and not lemma.endswith(("ee", "ye", "oe")):
        stem = lemma[:-1]
        forms |= {lemma + "s", lemma + "d", stem + "ing"}
    elif lemma.endswith("y") and len(lemma) > 2 and lemma[-2] not in "aeiou":
        forms |= {lemma[:-1] + "ies", lemma[:-1] + "ied", lemma + "ing"}
    else:
        es = lemma + "es" if lemma.endswith(("s", "sh", "ch", "x", "z", "o")) else lemma + "s"
        forms |= {es, lemma + "ed", lemma + "ing"}
        if _doubles_final_consonant(lemma):
            forms |= {lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"}
    return forms


def _doubles_final_consonant(lemma: str) -> bool:
    """admit → admitted, vow → vowed: a short final syllable consonant-vowel-consonant doubles."""
    vowels = "aeiou"
    return (
        len(lemma) >= 3
        and lemma[-1] not in vowels + "wxy"
        and lemma[-2] in vowels
        and lemma[-3] not in vowels
        and (len(lemma) <= 4 or lemma.endswith(("mit", "fer", "pel", "bat", "gin")))
    )


@dataclass(frozen=True)
class CueLexicon:
    """Reporting verbs, nouns and phrases (``cues.toml``)."""

    verbs: dict[str, str]  # lemma → category
    weights: dict[str, float]  # category → prior weight; "noun" for noun cues
    forms: dict[str, str]  # inflected form → lemma
    frames: dict[str, str]  # lemma → "as" / "object" / "of" / "to" / "for"
    addressee: frozenset[str]
    particles: dict[str, frozenset[str]]
    quote_only: frozenset[str]
    nouns: frozenset[str]
    source_object_phrases: tuple[tuple[str, ...], ...]
    cue_setting_nouns: frozenset[str]
    light_verbs: frozenset[str]  # their object noun's source is their subject ("launched an attack")
    undergoing_verbs: frozenset[str]  # their subject is not their object noun's source ("faced criticism")

    def verb_lemma(self, text: str, lemma: str) -> str | None:
        """The cue lemma a word stands for, from its lemma or (when the tagger erred) its form."""
        if lemma.lower() in self.verbs:
            return lemma.lower()
        return self.forms.get(text.lower())


@dataclass(frozen=True)
class ActorLexicon:
    """What kind of actor a mention names (``actors.toml``, ``outlets.toml``)."""

    titles: frozenset[str]
    honorifics: frozenset[str]
    organisations: frozenset[str]
    person_nouns: frozenset[str]
    documents: frozenset[str]
    places: frozenset[str]
    outlets: frozenset[str]
    outlet_heads: frozenset[str]

    def is_outlet_name(self, name: str) -> bool:
        lowered = name.lower()
        return lowered in self.outlets or lowered.removeprefix("the ") in self.outlets


@cache
def cue_lexicon() -> CueLexicon:
    data = load_data("cues.toml")
    verbs: dict[str, str] = {}
    weights: dict[str, float] = {}
    for category in CATEGORIES:
        section = data["verbs"][category]
        weights[category] = float(section["weight"])
        for lemma in section["lemmas"]:
            verbs.setdefault(lemma, category)
    for lemma in data["particles"]:
        verbs.setdefault(lemma, "speech")  # "point out", "play down": speech once the particle is there
    weights["noun"] = float(data["nouns"]["weight"])
    forms: dict[str, str] = {}
    for lemma in verbs:
        for form in inflections(lemma):
            forms.setdefault(form, lemma)
    for lemma, irregular in data["irregular"].items():
        for form in irregular:
            forms[form] = lemma
    for section, lemmas in (("frames", data["frames"]), ("addressee", data["addressee"]["lemmas"]),
                            ("quote_only", data["quote_only"]["lemmas"])):
        unknown = sorted(set(lemmas) - set(verbs))
        if unknown:
            raise ValueError(f"cues.toml: [{section}] names verbs that no [verbs.*] list has: {', '.join(unknown)}")
    return CueLexicon(
        verbs=verbs,
        weights=weights,
        forms=forms,
        frames=dict(data["frames"]),
        addressee=frozenset(data["addressee"]["lemmas"]),
        particles={verb: frozenset(words) for verb, words in data["particles"].items()},
        quote_only=frozenset(data["quote_only"]["lemmas"]),
        nouns=frozenset(data["nouns"]["lemmas"]),
        source_object_phrases=tuple(tuple(p.split()) for p in data["phrases"]["source_object"]),
        cue_setting_nouns=frozenset(data["cue_settings"]["nouns"]),
        light_verbs=frozenset(data["governing_verbs"]["light"]),
        undergoing_verbs=frozenset(data["governing_verbs"]["undergoing"]),
    )


@cache
def actor_lexicon() -> ActorLexicon:
    actors = load_data("actors.toml")
    outlets = load_data("outlets.toml")

    def words(section: str) -> frozenset[str]:
        return frozenset(w.lower() for w in actors[section]["words"])

    return ActorLexicon(
        titles=words("titles"),
        honorifics=words("honorifics"),
        organisations=words("organisation"),
        person_nouns=words("person_nouns"),
        documents=words("documents"),
        places=words("places"),
        outlets=frozenset(n.lower() for n in outlets["names"]),
        outlet_heads=frozenset(h.lower() for h in outlets["heads"]),
    )
