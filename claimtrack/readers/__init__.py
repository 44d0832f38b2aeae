"""Articles from files: plain text, JSONL (one article per line), HTML, and directories of them.

Every input yields :class:`~claimtrack.domain.Document` objects or :class:`Skipped` records that say
why something could not be read; one bad file or line never stops the others.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import json
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ..domain import Document
from .boilerplate import body_end

DEFAULT_MAX_BYTES = 5_000_000
TEXT_SUFFIXES = frozenset({".txt", ".text", ".md"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
SUFFIXES = TEXT_SUFFIXES | JSONL_SUFFIXES | HTML_SUFFIXES


@dataclass(frozen=True)
class Skipped:
    """An input that produced no document, and why."""

    origin: str
    reason: str


@dataclass(frozen=True)
class Metadata:
    """What the user says about plain-text inputs (``--source``, ``--date``, ``--url``)."""

    outlet: str | None = None
    published: dt.date | None = None
    url: str | None = None


class UnreadableInput(ValueError):
    """A file that is not text we can use: empty, binary, not UTF-8, too large."""


def read_paths(paths: Iterable[str | os.PathLike[str]], metadata: Metadata = Metadata(),
               max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Document | Skipped]:
    """Documents from files and directories (searched recursively for known suffixes), in order.
    A file's origin is its absolute path, so that the same file named from elsewhere is the same."""
    manifests: dict[Path, dict[str, dict[str, str]] | Skipped] = {}
    for path in map(Path, paths):
        if path.is_dir():
            files = sorted(_absolute(p) for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES)
            if not files:
                yield Skipped(str(path), f"no {', '.join(sorted(SUFFIXES))} files in this directory")
        elif path.is_file():
            files = [_absolute(path)]
        else:
            yield Skipped(str(path), "no such file or directory")
            continue
        for file in files:
            if file.parent not in manifests:
                manifests[file.parent] = _manifest(file.parent)
                if isinstance(manifests[file.parent], Skipped):
                    yield manifests[file.parent]
            manifest = manifests[file.parent]
            if isinstance(manifest, Skipped):  # not stored without the metadata: a rerun after the fix applies it
                yield Skipped(str(file), f"not read: {MANIFEST} in its directory is unusable")
                continue
            entry = manifest.get(file.name, {})
            try:
                yield from read_file(file, _with_entry(metadata, entry), max_bytes, entry.get("title") or None)
            except ValueError as exc:
                yield Skipped(str(file), f"metadata.csv: {exc}")


MANIFEST = "metadata.csv"


def _absolute(path: Path) -> Path:
    """The absolute path, symbolic links kept: the manifest of a linked file is the one beside the link."""
    return Path(os.path.abspath(path))


def _manifest(directory: Path) -> dict[str, dict[str, str]] | Skipped:
    """Per-file metadata from a directory's metadata.csv (columns: file, outlet, url, published, title)."""
    path = directory / MANIFEST
    if not path.is_file():
        return {}
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:  # a spreadsheet's BOM is no column name
            rows = list(csv.DictReader(handle))
    except (UnicodeDecodeError, csv.Error) as exc:
        return Skipped(str(path), f"unreadable metadata file: {exc}")
    if rows and "file" not in rows[0]:
        return Skipped(str(path), "metadata file needs a 'file' column")
    return {row["file"]: {k: (v or "").strip() for k, v in row.items() if k} for row in rows}


def _with_entry(metadata: Metadata, entry: dict[str, str]) -> Metadata:
    """A manifest entry's values, with the command line's for what it leaves empty."""
    if not entry:
        return metadata
    return Metadata(
        outlet=entry.get("outlet") or metadata.outlet,
        published=parse_date(entry.get("published")) or metadata.published,
        url=entry.get("url") or metadata.url,
    )


def read_file(path: Path, metadata: Metadata = Metadata(), max_bytes: int = DEFAULT_MAX_BYTES,
              title: str | None = None) -> Iterator[Document | Skipped]:
    suffix = path.suffix.lower()
    try:
        text = decode(path, max_bytes, whole=suffix not in JSONL_SUFFIXES)
    except UnreadableInput as exc:
        yield Skipped(str(path), str(exc))
        return
    if suffix in JSONL_SUFFIXES:
        yield from _jsonl_documents(path, text)
    elif suffix in HTML_SUFFIXES:
        yield _html_document(path, text, metadata)
    else:
        yield text_document(text, str(path), metadata, title)


def decode(path: Path, max_bytes: int = DEFAULT_MAX_BYTES, whole: bool = True) -> str:
    """The file's text, strictly UTF-8 (a leading BOM dropped), or an :class:`UnreadableInput`. A
    NUL byte anywhere makes it binary; with ``whole`` false (JSONL, whose bad lines are skipped one
    by one) only in the first 8 KB."""
    size = path.stat().st_size
    if size == 0:
        raise UnreadableInput("empty file")
    if size > max_bytes:
        raise UnreadableInput(f"too large: {size:,} bytes, over the limit of {max_bytes:,} (raise it with --max-bytes)")
    data = path.read_bytes()
    if b"\x00" in (data if whole else data[:8192]):
        raise UnreadableInput("binary file (it contains NUL bytes)")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise UnreadableInput(
            f"not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start}); convert it, e.g. with "
            f"`iconv -f windows-1252 -t utf-8`"
        ) from None
    text = text.removeprefix("\ufeff")
    if not text.strip():
        raise UnreadableInput("no text (only whitespace)")
    return text


def text_document(text: str, origin: str, metadata: Metadata = Metadata(), title: str | None = None) -> Document:
    """A plain-text article. Its first line is the headline when it reads like one (short, no final
    full stop, followed by more text)."""
    if title is None:
        title = _headline(text)
    return Document(
        text=text,
        origin=origin,
        title=title,
        outlet=metadata.outlet,
        url=metadata.url,
        published=metadata.published,
        body_end=body_end(text),
    )


def _headline(text: str) -> str | None:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if len(lines) < 2:
        return None
    first = lines[0]
    if len(first) <= 200 and len(first.split()) <= 25 and not first.endswith((".", "!", "?", ":", ";", ",")):
        return first
    return None


_TEXT_KEYS = ("text", "body", "content", "article")
_TITLE_KEYS = ("title", "headline")
_OUTLET_KEYS = ("source", "outlet", "publisher", "site")
_URL_KEYS = ("url", "link")
_DATE_KEYS = ("published", "date", "publication_date", "published_at", "pubdate")


def _jsonl_documents(path: Path, text: str) -> Iterator[Document | Skipped]:
    """One article per line. Its origin is ``path#id``, else its URL, else ``path#sha256:…`` of its
    text (not its line number, which changes when lines are added above it)."""
    for number, line in enumerate(text.split("\n"), start=1):  # not splitlines: U+2028 may stand in a JSON string
        origin = f"{path}#L{number}"  # for messages about a line that yields no article
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Skipped(origin, f"invalid JSON ({exc.msg} at column {exc.colno})")
            continue
        if not isinstance(record, dict):
            yield Skipped(origin, f"a JSON {type(record).__name__}, not an object with a text field")
            continue
        body = _first(record, _TEXT_KEYS)
        if not isinstance(body, str) or not body.strip():
            yield Skipped(origin, f"no article text (expected one of the fields: {', '.join(_TEXT_KEYS)})")
            continue
        try:
            published = parse_date(_first(record, _DATE_KEYS))
        except ValueError as exc:
            yield Skipped(origin, str(exc))
            continue
        url = _first(record, _URL_KEYS)
        identity = record.get("id")
        if identity is not None:
            origin = f"{path}#{identity}"
        elif isinstance(url, str) and url:
            origin = url
        else:
            origin = f"{path}#sha256:{hashlib.sha256(body.encode('utf-8')).hexdigest()[:16]}"
        metadata = Metadata(outlet=_string(_first(record, _OUTLET_KEYS)), published=published, url=_string(url))
        title = _string(_first(record, _TITLE_KEYS))
        yield text_document(body, origin, metadata, title=title or _headline(body))


MIN_HTML_WORDS = 10


def _html_document(path: Path, html: str, metadata: Metadata) -> Document | Skipped:
    """The article in an HTML page, boilerplate removed by trafilatura, with the page's metadata."""
    import trafilatura

    text = trafilatura.extract(html, include_comments=False, include_tables=False, favor_precision=True)
    if not text or len(text.split()) < MIN_HTML_WORDS:  # "Home News" from a page of links is no article
        return Skipped(str(path), "no article text found in this HTML page")
    meta = trafilatura.extract_metadata(html, extensive=False)  # the page's own date, not one guessed from "© 2025"
    try:
        published = metadata.published or parse_date(meta.date if meta else None)
    except ValueError:
        published = metadata.published
    found = Metadata(
        outlet=metadata.outlet or (meta.sitename if meta else None),
        published=published,
        url=metadata.url or (meta.url if meta else None),
    )
    document = text_document(text, str(path), found, title=meta.title if meta and meta.title else None)
    document.body_end = None  # trafilatura already removed the page furniture
    return document


def parse_date(value: object) -> dt.date | None:
    """ISO dates and datetimes ("2025-03-14", "2025-03-14T09:30:00Z"); None stays None."""
    if value in (None, ""):
        return None
    if not isinstance(value, str):
        raise ValueError(f"date {value!r} is not a string")
    text = value.strip()
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        raise ValueError(f"date {value!r} is not an ISO date (YYYY-MM-DD)") from None


def _first(record: dict, keys: tuple[str, ...]) -> object:
    return next((record[k] for k in keys if record.get(k) not in (None, "")), None)


def _string(value: object) -> str | None:
    return (value.strip() or None) if isinstance(value, str) else None
