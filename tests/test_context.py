"""The contextual encoder: one vector per parsed word, whatever the word pieces and the length."""

from __future__ import annotations

import pytest
import torch

from claimtrack.extract.context import LAYERS, MAX_PIECES, packaged_encoder


@pytest.fixture(scope="module")
def encoder():
    return packaged_encoder()


def reference(encoder, words: list[str]) -> torch.Tensor:
    """The same vectors the plain way: the tokenizer's own word alignment, one sentence at a time."""
    encoded = encoder._tokenizer(words, is_split_into_words=True, return_tensors="pt")
    with torch.no_grad():
        hidden = encoder._model(**encoded, output_hidden_states=True).hidden_states
    layers = torch.stack(hidden[-LAYERS:]).mean(0)[0]
    ids = encoded.word_ids(0)
    return torch.stack([layers[[j for j, w in enumerate(ids) if w == k]].mean(0) for k in range(len(words))])


def test_each_word_is_the_mean_of_its_pieces_and_sentences_batched_read_as_alone(encoder):
    peskov = "Kremlin spokesman Dmitry Peskov said it was important not to “get ahead” of events .".split()
    short = ["Zelenskyy", "agreed", "."]
    together = encoder.encode([peskov, short])
    assert [v.shape for v in together] == [(len(peskov), 384), (3, 384)]
    assert torch.allclose(together[0], reference(encoder, peskov), atol=1e-4)
    assert torch.allclose(together[1], reference(encoder, short), atol=1e-4)
    alone = encoder.encode([short])[0]
    assert torch.allclose(alone, together[1], atol=1e-4)


def test_a_sentence_longer_than_the_window_is_read_in_windows_of_whole_words(encoder):
    words = ("Putin said the talks were useful and that a ceasefire could come soon ,".split() * 40)[:MAX_PIECES + 60]
    [vectors] = encoder.encode([words])
    assert vectors.shape == (len(words), 384)
    assert bool((vectors.norm(dim=1) > 0).all())  # every word read, those after the first window too
    assert torch.allclose(vectors[:20], reference(encoder, words[:MAX_PIECES - 2])[:20], atol=1e-3)


def test_empty_sentences_and_words_without_pieces_read_as_zeros(encoder):
    empty, odd = encoder.encode([[], ["said", "\u200b", "Peskov"]])
    assert empty.shape == (0, 384)
    assert odd[1].abs().sum() == 0 and odd[0].abs().sum() > 0


def test_the_fingerprint_is_the_weights_hash(encoder):
    assert len(encoder.fingerprint) == 64 and encoder.fingerprint == packaged_encoder().fingerprint
