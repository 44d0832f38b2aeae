"""The Stanza seam: overlong sentences are cut before the parser, whose memory grows with the
square of a sentence's length."""

from __future__ import annotations

from claimtrack.nlp import MAX_SENTENCE_WORDS, _cut


def _entries(count: int, punct_at: set[int], mwt_at: int | None = None) -> list[dict]:
    """A tagged sentence in Stanza's dict form: ``count`` words, commas at ``punct_at``, and a
    two-word token ("can't") whose first word is at ``mwt_at``."""
    entries: list[dict] = []
    for i in range(1, count + 1):
        if i == mwt_at:
            entries.append({"id": (i, i + 1), "text": "can't"})
        if mwt_at is not None and i == mwt_at + 1:
            entries.append({"id": i, "text": "n't", "upos": "PART"})
        elif i in punct_at:
            entries.append({"id": i, "text": ",", "upos": "PUNCT"})
        else:
            entries.append({"id": i, "text": "ca" if i == mwt_at else "word", "upos": "AUX" if i == mwt_at else "NOUN"})
    return entries


def _words(piece: list[dict]) -> list[int]:
    return [e["id"] for e in piece if isinstance(e["id"], int)]


def test_a_short_sentence_is_one_piece():
    entries = _entries(50, {10})
    assert _cut(entries) == [entries]


def test_a_long_sentence_is_cut_after_a_late_punctuation_mark_and_renumbered():
    pieces = _cut(_entries(450, {120, 170, 330}))
    assert [len(_words(p)) for p in pieces] == [170, 160, 120]  # after the commas at 170 and 330, not at 120 (too early)
    for piece in pieces:
        assert _words(piece) == list(range(1, len(_words(piece)) + 1))
        assert len(_words(piece)) <= MAX_SENTENCE_WORDS


def test_a_punctuation_mark_in_the_first_half_of_a_piece_does_not_cut_it():
    pieces = _cut(_entries(MAX_SENTENCE_WORDS + 50, {50}))
    assert [len(_words(p)) for p in pieces] == [MAX_SENTENCE_WORDS, 50]


def test_without_punctuation_the_cut_falls_at_the_limit_and_never_inside_a_multiword_token():
    pieces = _cut(_entries(2 * MAX_SENTENCE_WORDS + 10, set(), mwt_at=MAX_SENTENCE_WORDS))
    sizes = [len(_words(p)) for p in pieces]
    assert sizes == [MAX_SENTENCE_WORDS - 1, MAX_SENTENCE_WORDS, 11] and sum(sizes) == 2 * MAX_SENTENCE_WORDS + 10
    second = pieces[1]
    assert second[0] == {"id": (1, 2), "text": "can't"} and [e["text"] for e in second[1:3]] == ["ca", "n't"]


def test_an_unpunctuated_page_parses_in_pieces_with_true_offsets(parser):
    text = " ".join(["the minister said talks would go on and nobody knows whether they stop"] * 40)  # 480 words
    [sentences] = parser.parse([text])
    assert len(sentences) >= 3 and all(len(s.words) <= MAX_SENTENCE_WORDS for s in sentences)
    assert all(text[w.start:w.end] == w.text for s in sentences for w in s.words)
    assert all(sum(w.head == 0 for w in s.words) == 1 for s in sentences)
