"""The rules on gold Universal Dependencies trees (UD English EWT and GUM dev): with a correct
parse, "X said (that) Y" - and the same with the other speech verbs - must credit X with Y."""

from __future__ import annotations

from pathlib import Path

from claimtrack.domain import Document, ParsedDocument, Sentence, Word
from claimtrack.extract.attribution import Extractor
from claimtrack.speakers import SpeakerRegistry

from .conftest import SHARED

TREEBANKS = [SHARED / "ud" / "UD_English-EWT" / "en_ewt-ud-dev.conllu", SHARED / "ud" / "UD_English-GUM" / "en_gum-ud-dev.conllu"]
SPEECH = ("say", "tell", "claim", "argue", "add", "note", "report", "announce", "insist", "warn", "explain", "state")


def gold_sentences(path: Path):
    """(text, words) of the sentences without multi-word tokens, offsets aligned to the text."""
    text, rows, multiword = None, [], False
    for line in path.read_text(encoding="utf-8").splitlines() + [""]:
        if line.startswith("# text = "):
            text = line[len("# text = "):]
        elif line and not line.startswith("#"):
            columns = line.split("\t")
            if "-" in columns[0]:
                multiword = True
            elif "." not in columns[0]:
                rows.append(columns)
        elif not line and rows:
            if text is not None and not multiword:
                words, position = [], 0
                for c in rows:
                    start = text.find(c[1], position)
                    if start < 0:
                        break
                    position = start + len(c[1])
                    feats = "" if c[5] == "_" else c[5]
                    words.append(Word(int(c[0]), c[1], c[2], c[3], int(c[6]), c[7], start, position, c[4], feats))
                else:
                    yield text, words
            text, rows, multiword = None, [], False


def said_with_clause(words: list[Word]):
    """(subject head, complement head) of a "say" that has both, outside any quotation."""
    if any(w.text in ('"', "“", "”") for w in words):
        return None
    for verb in words:
        if verb.lemma in SPEECH and verb.upos == "VERB":
            subjects = [w for w in words if w.head == verb.id and w.deprel == "nsubj"]
            clauses = [w for w in words if w.head == verb.id and w.deprel == "ccomp" and w.id > verb.id]
            if subjects and clauses and subjects[0].upos in ("PROPN", "NOUN", "PRON"):
                return subjects[0], clauses[0]
    return None


def test_said_that_on_gold_trees():
    cases = [(text, words, found) for path in TREEBANKS for text, words in gold_sentences(path)
             if (found := said_with_clause(words))]
    assert len(cases) >= 40
    right = 0
    misses = []
    for text, words, (subject, clause) in cases:
        parsed = ParsedDocument(Document(text=text, origin="ewt"), [Sentence(0, words)])
        claims = Extractor().extract(parsed, SpeakerRegistry())
        ok = any(c.source is not None and c.source.span.start <= subject.start < c.source.span.end
                 and any(s.start <= clause.start < s.end for s in c.content_spans) for c in claims)
        right += ok
        if not ok:
            misses.append(text)
    assert right / len(cases) >= 0.9, misses
