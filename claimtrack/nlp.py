"""Stanza behind one seam: where the models are, whether they are complete, and text → parsed sentences.

The pipeline is built once per process and per models dir (:func:`get_parser`); nothing here runs
at import time. Tagging (tokenize, mwt, pos, lemma) and parsing (depparse, ner) are separate
stages, so the expensive second stage can be limited to sentences that can hold an attribution.
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

from .domain import Sentence, Word, paragraph_spans
from .lexicon import cue_lexicon
from .recase import for_parser

LANG = "en"
TAGGING = ("tokenize", "mwt", "pos", "lemma")
PARSING = ("depparse", "ner")
PROCESSORS = TAGGING + PARSING
# The parser's memory grows with the square of a sentence's length: one unpunctuated page of
# 3,000 words took 19 GB. Longer sentences are cut into pieces before parsing (news sentences
# stay far below: the longest of PolNeAR's 25,000 attributed sentences has 157 words).
MAX_SENTENCE_WORDS = 200
MODELS_ENV = "CLAIMTRACK_MODELS"
# Raised whenever the same text and models would be parsed differently (cached parses are keyed by it).
PARSE_REVISION = 2  # 2: headlines recased


class ModelsMissing(RuntimeError):
    """The Stanza resources dir lacks something the pipeline needs."""


def default_models_dir() -> Path:
    """Stanza's own resources dir (``STANZA_RESOURCES_DIR`` or ``~/stanza_resources``)."""
    from stanza.resources.common import DEFAULT_MODEL_DIR

    return Path(DEFAULT_MODEL_DIR)


def resolve_models_dir(models: str | os.PathLike[str] | None = None) -> Path:
    """The one models setting: the argument, else ``$CLAIMTRACK_MODELS``, else Stanza's default dir."""
    chosen = models or os.environ.get(MODELS_ENV)
    return Path(chosen).expanduser() if chosen else default_models_dir()


def missing_models(models_dir: Path) -> list[str]:
    """Files the English pipeline needs that ``models_dir`` lacks (empty when complete)."""
    resources_file = models_dir / "resources.json"
    if not resources_file.is_file():
        return [str(resources_file)]
    try:
        resources = json.loads(resources_file.read_text(encoding="utf-8"))
        lang = resources[LANG]
        lang = resources[lang["alias"]] if "alias" in lang else lang
        defaults = lang["default_processors"]
    except (ValueError, KeyError) as exc:
        return [f"{resources_file} (no usable '{LANG}' entry: {exc})"]
    missing = []
    for processor in PROCESSORS:
        package = defaults.get(processor)
        if package is None:
            missing.append(f"{processor} (not listed in {resources_file})")
            continue
        package = package if isinstance(package, str) else next(iter(package))
        needed = [(processor, package)]
        for dep in lang.get(processor, {}).get(package, {}).get("dependencies", []):
            needed.append((dep["model"], dep["package"]))
        for model, name in needed:
            path = models_dir / LANG / model / f"{name}.pt"
            if not path.is_file():
                missing.append(str(path))
    return sorted(set(missing))


def check_models(models_dir: Path) -> None:
    missing = missing_models(models_dir)
    if missing:
        raise ModelsMissing(
            f"Stanza English models are incomplete in {models_dir}; missing:\n  "
            + "\n  ".join(missing)
            + f"\nRun `claimtrack models download` (needs internet), or point --models / "
            f"${MODELS_ENV} at a complete Stanza resources dir."
        )


def download_models(models_dir: Path) -> None:
    """Fetch the official English models into ``models_dir`` (Stanza shows download progress)."""
    import stanza

    models_dir.mkdir(parents=True, exist_ok=True)
    stanza.download(LANG, model_dir=str(models_dir), processors=",".join(PROCESSORS), logging_level="INFO")


class Parser:
    """Turns texts into lists of :class:`~claimtrack.domain.Sentence` with Stanza."""

    def __init__(self, models_dir: Path):
        check_models(models_dir)
        import stanza

        self.models_dir = models_dir
        self._lower_words = frozenset(cue_lexicon().forms)  # lower-cased in a headline the article never explains
        self._pipeline = stanza.Pipeline(
            LANG,
            dir=str(models_dir),
            processors=",".join(PROCESSORS),
            download_method=None,
            logging_level="WARN",
            use_gpu=False,
        )

    def parse(self, texts: Sequence[str]) -> list[list[Sentence]]:
        """Parse ``texts`` as one batch. Each paragraph (line) is parsed on its own, so that a
        headline without a full stop never runs into the next line; offsets stay document-wide."""
        import stanza

        units = [(i, span) for i, text in enumerate(texts) for span in paragraph_spans(text)]
        if not units:
            return [[] for _ in texts]
        by_text: list[list[str]] = [[] for _ in texts]
        for i, span in units:
            by_text[i].append(span.of(texts[i]))
        paragraphs = [p for written in by_text for p in written]
        # headlines recased for the parser (:mod:`.recase`)
        seen = [p for written in by_text for p in for_parser(written, self._lower_words)]
        docs = [stanza.Document([], text=text) for text in seen]
        docs = self._pipeline.process(docs, processors=",".join(TAGGING))
        docs = [_with_short_sentences(doc) for doc in docs]
        docs = self._pipeline.process(docs, processors=",".join(PARSING))
        result: list[list[Sentence]] = [[] for _ in texts]
        for (i, span), doc, original, text in zip(units, docs, paragraphs, seen):
            for words in _convert(doc, span.start, original if text != original else None):
                result[i].append(Sentence(index=len(result[i]), words=words))
        return result


@lru_cache(maxsize=2)
def get_parser(models_dir: Path) -> Parser:
    """The process-wide parser for ``models_dir`` (loading Stanza takes seconds: do it once)."""
    logging.getLogger("stanza").setLevel(logging.WARNING)
    return Parser(models_dir)


def _with_short_sentences(doc):
    """``doc``, or a copy with every sentence longer than :data:`MAX_SENTENCE_WORDS` cut into
    pieces, after a punctuation mark in the second half of a piece where there is one."""
    if all(len(sentence.words) <= MAX_SENTENCE_WORDS for sentence in doc.sentences):
        return doc
    import stanza

    pieces = []
    for sentence in doc.to_dict():
        pieces.extend(_cut(sentence))
    return stanza.Document(pieces, text=doc.text)


def _cut(entries: list[dict]) -> list[list[dict]]:
    """A tagged sentence (Stanza's dict form) in pieces of at most :data:`MAX_SENTENCE_WORDS`
    words, never inside a multi-word token, with word ids renumbered from 1 in each."""
    tokens: list[list[dict]] = []  # a multi-word token's entry with its words, or one word
    pending = 0  # words still to come of the last multi-word token
    for entry in entries:
        if pending:
            tokens[-1].append(entry)
            pending -= 1
        else:
            tokens.append([entry])
            ids = entry["id"]
            pending = ids[1] - ids[0] + 1 if isinstance(ids, tuple) else 0
    pieces: list[list[list[dict]]] = [[]]
    words = 0  # in the last piece
    for token in tokens:
        size = _word_count(token)
        if words + size > MAX_SENTENCE_WORDS:
            piece = pieces[-1]
            marks = [i for i, t in enumerate(piece) if t[-1].get("upos") == "PUNCT" and i >= len(piece) // 2]
            cut = marks[-1] + 1 if marks else len(piece)
            pieces[-1], rest = piece[:cut], piece[cut:]
            pieces.append(rest)
            words = sum(map(_word_count, rest))
        pieces[-1].append(token)
        words += size
    return [_renumbered([e for t in piece for e in t]) for piece in pieces if piece]


def _word_count(token: list[dict]) -> int:
    """Syntactic words of a token (a multi-word token's own entry is none)."""
    return sum(isinstance(e["id"], int) for e in token)


def _renumbered(entries: list[dict]) -> list[dict]:
    first = entries[0]["id"][0] if isinstance(entries[0]["id"], tuple) else entries[0]["id"]
    shift = first - 1
    return [{**e, "id": tuple(i - shift for i in e["id"]) if isinstance(e["id"], tuple) else e["id"] - shift} for e in entries]


def _convert(doc, offset: int, original: str | None = None) -> list[list[Word]]:
    """Stanza sentences → domain words, with offsets shifted by ``offset`` into the whole text;
    ``original`` is the paragraph as written when the parser read it recased (words keep their
    written form)."""
    sentences = []
    for sent in doc.sentences:
        words = []
        for token in sent.tokens:
            for w in token.words:
                start = w.start_char if w.start_char is not None else token.start_char
                end = w.end_char if w.end_char is not None else token.end_char
                text = w.text
                if original is not None and original[start:end].lower() == text.lower():
                    text = original[start:end]
                words.append(
                    Word(
                        id=w.id,
                        text=text,
                        lemma=w.lemma if w.lemma is not None else w.text.lower(),
                        upos=w.upos or "X",
                        head=w.head or 0,
                        deprel=w.deprel or "dep",
                        start=start + offset,
                        end=end + offset,
                        xpos=w.xpos or "",
                        feats=w.feats or "",
                        ner=token.ner or "O",
                    )
                )
        sentences.append(words)
    return sentences
