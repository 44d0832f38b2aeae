"""Inputs: text, JSONL, HTML, directories with a manifest, and every kind of bad input."""

from __future__ import annotations

import datetime as dt
import json
import os

from claimtrack.domain import Document
from claimtrack.readers import Metadata, Skipped, read_paths

from .conftest import SEEDS


def read(*paths, **kwargs):
    return list(read_paths(paths, **kwargs))


def test_text_with_headline_and_flags(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Kremlin Says Talks Will Start\nPeskov said talks will start.\n", encoding="utf-8")
    [doc] = read(path, metadata=Metadata("TASS", dt.date(2025, 3, 13), "https://example.org/a"))
    assert doc.title == "Kremlin Says Talks Will Start" and doc.outlet == "TASS"
    assert doc.published == dt.date(2025, 3, 13) and doc.url == "https://example.org/a" and doc.origin == str(path)
    assert doc.text == path.read_text(encoding="utf-8")  # offsets are into the file as it is


def test_seed_manifest_and_boilerplate():
    docs = {d.origin.rsplit("/", 1)[-1][:3]: d for d in read(SEEDS)}
    assert docs["001"].outlet == "Al Jazeera" and docs["001"].published == dt.date(2025, 3, 13)
    assert docs["002"].title == "Trump Urges Putin to Spare Ukrainian Troops in Kursk"
    tail = docs["002"].text[docs["002"].body_end:]
    assert tail.startswith("Hashtags") and "Related Articles" in tail
    assert docs["004"].text[docs["004"].body_end:].startswith("Read also:")
    assert docs["000"].body_end is None


def test_jsonl_good_and_bad_lines(tmp_path):
    path = tmp_path / "feed.jsonl"
    lines = [
        json.dumps({"id": "a1", "text": "Putin said talks will start.", "title": "T", "source": "Reuters",
                    "url": "https://x/1", "published": "2025-03-14T10:00:00Z"}),
        "{not json",
        json.dumps(["a", "list"]),
        json.dumps({"title": "no text"}),
        json.dumps({"text": "Peskov said so.", "date": "14 March"}),
        "",
        json.dumps({"body": "Rubio said so.", "link": "https://x/2"}),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = read(path)
    docs = [i for i in items if isinstance(i, Document)]
    skipped = [i for i in items if isinstance(i, Skipped)]
    assert [d.origin for d in docs] == [f"{path}#a1", "https://x/2"]
    assert docs[0].outlet == "Reuters" and docs[0].published == dt.date(2025, 3, 14) and docs[0].title == "T"
    reasons = {s.origin.rsplit("#", 1)[-1]: s.reason for s in skipped}
    assert "invalid JSON" in reasons["L2"] and "not an object" in reasons["L3"]
    assert "no article text" in reasons["L4"] and "not an ISO date" in reasons["L5"]


def test_html_article_without_page_furniture(tmp_path):
    path = tmp_path / "page.html"
    paragraphs = "".join(f"<p>Paragraph {i}: Peskov told reporters that the talks would start on Thursday "
                         f"and that the Kremlin was ready for them.</p>" for i in range(4))
    path.write_text(
        "<html><head><title>Kremlin ready for talks</title>"
        '<meta property="og:site_name" content="Example News">'
        '<meta property="article:published_time" content="2025-03-13"></head>'
        "<body><nav><a href='/'>Home</a> <a href='/world'>World</a></nav>"
        f"<article><h1>Kremlin ready for talks</h1>{paragraphs}</article>"
        "<footer>Related Articles: Something else entirely</footer></body></html>",
        encoding="utf-8",
    )
    [doc] = read(path)
    assert "Peskov told reporters" in doc.text and "Home" not in doc.text and "Something else" not in doc.text
    assert doc.title == "Kremlin ready for talks" and doc.published == dt.date(2025, 3, 13)



def test_an_html_page_without_an_article_is_skipped_not_stored_with_a_guessed_date(tmp_path):
    path = tmp_path / "menu.html"
    path.write_text("<html><head><title>Menu</title></head><body><nav><a href='/'>Home</a> <a href='/n'>News</a>"
                    "</nav><footer>(c) 2025 Example</footer></body></html>", encoding="utf-8")
    [skipped] = read(path)
    assert isinstance(skipped, Skipped) and "no article text" in skipped.reason
    article = tmp_path / "article.html"
    article.write_text("<html><body><article><p>" + "Peskov told reporters that the talks would start on Thursday. " * 3
                       + "</p></article><footer>(c) 2025 Example</footer></body></html>", encoding="utf-8")
    [doc] = read(article)
    assert isinstance(doc, Document) and doc.published is None  # not 2025-01-01 from the copyright line

def test_bad_inputs_are_skipped_with_reasons(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_text("  \n\n ", encoding="utf-8")
    (tmp_path / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (tmp_path / "latin1.txt").write_bytes("Le ministre a déclaré".encode("latin-1"))
    (tmp_path / "huge.txt").write_text("Putin said so. " * 1000, encoding="utf-8")
    (tmp_path / "ok.txt").write_text("Headline\nPutin said so.", encoding="utf-8")
    (tmp_path / "bom.txt").write_bytes("\ufeffPutin said so.".encode("utf-8"))
    (tmp_path / "notes.pdf").write_bytes(b"%PDF")  # not an article suffix: ignored
    items = read(tmp_path, tmp_path / "missing.txt", tmp_path / "emptydir", max_bytes=10_000)
    (tmp_path / "emptydir").mkdir()
    reasons = {i.origin.rsplit("/", 1)[-1]: i.reason for i in items if isinstance(i, Skipped)}
    assert reasons["empty.txt"] == "empty file"
    assert "only whitespace" in reasons["blank.txt"]
    assert "binary" in reasons["binary.txt"]
    assert "not valid UTF-8" in reasons["latin1.txt"] and "0xe9 at offset 15" in reasons["latin1.txt"]
    assert "too large" in reasons["huge.txt"] and "--max-bytes" in reasons["huge.txt"]
    assert "no such file" in reasons["missing.txt"]
    docs = [i for i in items if isinstance(i, Document)]
    assert sorted(d.origin.rsplit("/", 1)[-1] for d in docs) == ["bom.txt", "ok.txt"]
    assert next(d for d in docs if d.origin.endswith("bom.txt")).text == "Putin said so."
    assert read(tmp_path / "emptydir")[0].reason.startswith("no ")


def test_bad_manifest_is_reported_and_its_files_wait_for_the_fix(tmp_path):
    (tmp_path / "a.txt").write_text("Putin said so.", encoding="utf-8")
    (tmp_path / "metadata.csv").write_text("name,outlet\na.txt,TASS\n", encoding="utf-8")
    items = read(tmp_path)
    assert any(isinstance(i, Skipped) and "'file' column" in i.reason for i in items)
    # stored without its metadata, the article would be "unchanged" after the fix and never get it
    assert not any(isinstance(i, Document) for i in items)
    assert any(isinstance(i, Skipped) and i.origin.endswith("a.txt") and "metadata.csv" in i.reason for i in items)
    (tmp_path / "metadata.csv").write_text("\ufefffile,outlet\na.txt,TASS\n", encoding="utf-8")  # as spreadsheets save it
    [doc] = read(tmp_path)
    assert doc.outlet == "TASS"


def test_jsonl_origins_survive_inserted_lines_and_line_separators(tmp_path):
    path = tmp_path / "feed.jsonl"
    a = json.dumps({"text": "Putin said talks\u2028will start."}, ensure_ascii=False)  # U+2028 is valid inside JSON
    b = json.dumps({"text": "Peskov said so."})
    path.write_text(a + "\n" + b + "\n", encoding="utf-8")
    first = {d.text: d.origin for d in read(path)}
    assert len(first) == 2 and all(isinstance(d, Document) for d in read(path))
    path.write_text(json.dumps({"text": "Rubio said so."}) + "\n" + a + "\n" + b + "\n", encoding="utf-8")
    second = {d.text: d.origin for d in read(path)}
    assert {t: second[t] for t in first} == first and len(set(second.values())) == 3


def test_same_file_named_two_ways_has_one_origin(tmp_path, monkeypatch):
    (tmp_path / "a.txt").write_text("Putin said so.", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    monkeypatch.chdir(tmp_path)
    [relative] = read("a.txt")
    [absolute] = read(tmp_path / "sub" / ".." / "a.txt")
    assert relative.origin == absolute.origin == os.path.abspath(tmp_path / "a.txt")


def test_a_linked_file_keeps_its_own_path_and_the_manifest_beside_the_link(tmp_path):
    (tmp_path / "store").mkdir()
    (tmp_path / "feed").mkdir()
    (tmp_path / "store" / "blob123").write_text("Peskov said talks will start.", encoding="utf-8")
    (tmp_path / "feed" / "a.txt").symlink_to(tmp_path / "store" / "blob123")
    (tmp_path / "feed" / "metadata.csv").write_text("file,outlet\na.txt,TASS\n", encoding="utf-8")
    [doc] = read(tmp_path / "feed")
    assert doc.origin == os.path.abspath(tmp_path / "feed" / "a.txt") and doc.outlet == "TASS"


def test_nul_bytes_anywhere_make_a_binary_file_but_only_skip_their_line_of_a_feed(tmp_path):
    (tmp_path / "late.txt").write_bytes(b"Putin said so. " * 1000 + b"\x00tail")
    [skipped] = read(tmp_path / "late.txt")
    assert isinstance(skipped, Skipped) and "binary" in skipped.reason
    lines = [json.dumps({"id": i, "text": f"Peskov said talks will start on day {i}." + " " * 100}) for i in range(300)]
    lines[250] = lines[250].replace("Peskov", "Pes\x00kov")
    (tmp_path / "feed.jsonl").write_bytes("\n".join(lines).encode("utf-8"))
    items = read(tmp_path / "feed.jsonl")
    assert sum(isinstance(i, Document) for i in items) == 299
    assert [i.origin.rsplit("#", 1)[-1] for i in items if isinstance(i, Skipped)] == ["L251"]
