"""Hand-built parses for unit tests of the extraction rules: CoNLL-U rows aligned to a text.

Each sentence is written as lines ``ID FORM LEMMA UPOS HEAD DEPREL [FEATS] [NER]`` separated by
whitespace (``UPOS`` may carry the Penn tag: ``VERB/VBG``); character offsets are found by
aligning the forms to the text, in order.
"""

from __future__ import annotations

from claimtrack.domain import Document, ParsedDocument, Sentence, Word


def sentence(text: str, rows: str, index: int = 0, start: int = 0) -> Sentence:
    words = []
    position = start
    for line in rows.strip().splitlines():
        parts = line.split()
        word_id, form, lemma, upos, head, deprel = parts[:6]
        feats = parts[6] if len(parts) > 6 and parts[6] != "_" else ""
        ner = parts[7] if len(parts) > 7 else "O"
        found = text.index(form, position)
        assert text[position:found].strip() == "", f"{form!r} is not next in the text after offset {position}"
        position = found + len(form)
        upos, _, xpos = upos.partition("/")
        words.append(Word(int(word_id), form, lemma, upos, int(head), deprel, found, position, xpos=xpos, feats=feats, ner=ner))
    return Sentence(index=index, words=words)


def document(text: str, *sentences_rows: str) -> ParsedDocument:
    """A parsed document whose sentences follow one another in ``text``."""
    sentences = []
    position = 0
    for index, rows in enumerate(sentences_rows):
        parsed = sentence(text, rows, index, position)
        sentences.append(parsed)
        position = parsed.end
    return ParsedDocument(Document(text=text, origin="hand-built"), sentences)
