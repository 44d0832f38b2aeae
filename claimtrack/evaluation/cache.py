"""Parses kept on disk between evaluation runs: the same texts with the same models are parsed once.

Entries are keyed by the text's hash and a fingerprint of the models (a hash of their files'
contents, so retrained models invalidate them and a mere copy does not), of this claimtrack version
and of the parse procedure's revision.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from collections.abc import Sequence
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from ..domain import Sentence
from ..nlp import PARSE_REVISION, Parser


def default_cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "claimtrack" / "parses"


class CachedParser:
    """A :class:`~claimtrack.nlp.Parser` that first looks in a directory of earlier parses."""

    def __init__(self, parser: Parser, directory: Path):
        self.parser = parser
        self.models_dir = parser.models_dir
        self.directory = directory / _fingerprint(parser.models_dir)
        self.directory.mkdir(parents=True, exist_ok=True)

    def parse(self, texts: Sequence[str]) -> list[list[Sentence]]:
        paths = [self.directory / f"{hashlib.sha256(t.encode('utf-8')).hexdigest()}.pickle" for t in texts]
        results: dict[int, list[Sentence]] = {}
        for i, path in enumerate(paths):
            if path.is_file():
                try:
                    results[i] = pickle.loads(path.read_bytes())
                except (pickle.UnpicklingError, EOFError, AttributeError, ImportError):
                    path.unlink(missing_ok=True)  # from an older claimtrack: parse again
        todo = [i for i in range(len(texts)) if i not in results]
        for i, sentences in zip(todo, self.parser.parse([texts[i] for i in todo])):
            results[i] = sentences
            temporary = paths[i].with_suffix(".tmp")
            temporary.write_bytes(pickle.dumps(sentences, protocol=pickle.HIGHEST_PROTOCOL))
            temporary.replace(paths[i])  # never a half-written entry
        return [results[i] for i in range(len(texts))]


def _fingerprint(models_dir: Path) -> str:
    digest = hashlib.sha256(f"parse revision {PARSE_REVISION}".encode())
    try:
        digest.update(version("claimtrack").encode())
    except PackageNotFoundError:
        pass
    for path in sorted(models_dir.rglob("*")):
        if path.is_file():
            digest.update(f"{path.relative_to(models_dir)}:{path.stat().st_size}:".encode())
            with path.open("rb") as handle:
                digest.update(hashlib.file_digest(handle, "sha256").digest())
    return digest.hexdigest()[:16]
