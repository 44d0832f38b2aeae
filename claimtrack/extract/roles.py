"""A contextual reader of attribution roles: for every word of a document, how likely it is part of
a cue, of a content and of a source, read by a small bidirectional LSTM over the sentence.

The rules propose candidates from lemma lists and the parse; what they cannot see is the word in
its context ("offered" in "offered a deal" against "offered no comment"; a stance adjective that
reports a view). The tagger is trained on PolNeAR train with the gold spans of all three roles
(``claimtrack train``) and its probabilities become features of the candidate scorer
(:mod:`.features`). Its inputs are the parse's words: lower-cased form (pretrained word vectors,
frozen, shipped inside the tagger file), the word's contextual vector from a small frozen
transformer (:mod:`.context`), lemma, head lemma, part of speech, relation, direction of the head
and whether the word is inside a quotation.
"""

from __future__ import annotations

import bisect
import random
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import torch
from torch import nn

from ..domain import Sentence, Span, Word
from .context import ENCODER, LAYERS, ContextEncoder, packaged_encoder
from .quotes import QuoteIndex

ROLES = ("cue", "content", "source")
PAD, UNKNOWN = 0, 1
_SPECIALS = ("<pad>", "<unk>")
MIN_LEMMA_COUNT = 3  # rarer lemmas share the unknown row
VECTOR_ROWS = 50_000  # the most frequent words of the vectors file, plus every training form it has
NETWORKS = 3  # trained from different seeds, their readings averaged: steadier than one
PROPOSED_CUE = 0.5  # a word read as a cue this surely is a cue candidate even if no list names it
CONTEXT_DIMENSIONS = 64  # the contextual vector, projected
Vectors = dict[str, torch.Tensor]  # word → pretrained vector


@dataclass
class Vocabulary:
    forms: list[str]
    lemmas: list[str]
    tags: list[str]
    relations: list[str]

    def __post_init__(self):
        self._index = {name: {item: i for i, item in enumerate(getattr(self, name))}
                       for name in ("forms", "lemmas", "tags", "relations")}

    def ids(self, name: str, items: Sequence[str]) -> torch.Tensor:
        index = self._index[name]
        return torch.tensor([index.get(item, UNKNOWN) for item in items], dtype=torch.long)

    def as_dict(self) -> dict[str, list[str]]:
        return {"forms": self.forms, "lemmas": self.lemmas, "tags": self.tags, "relations": self.relations}


class _Network(nn.Module):
    def __init__(self, vocabulary: Vocabulary, dimensions: int, context_dimensions: int, hidden: int = 100):
        super().__init__()
        self.forms = nn.Embedding(len(vocabulary.forms), dimensions, padding_idx=PAD)
        self.forms.weight.requires_grad = False
        self.context = nn.Linear(context_dimensions, CONTEXT_DIMENSIONS)
        self.lemmas = nn.Embedding(len(vocabulary.lemmas), 32, padding_idx=PAD)
        self.tags = nn.Embedding(len(vocabulary.tags), 12, padding_idx=PAD)
        self.relations = nn.Embedding(len(vocabulary.relations), 16, padding_idx=PAD)
        self.directions = nn.Embedding(3, 4)
        self.lstm = nn.LSTM(dimensions + CONTEXT_DIMENSIONS + 32 + 32 + 12 + 16 + 4 + 1, hidden, num_layers=2, dropout=0.3,
                            batch_first=True, bidirectional=True)
        self.dropout = nn.Dropout(0.3)
        self.out = nn.Linear(2 * hidden, len(ROLES))

    def forward(self, inputs: dict[str, torch.Tensor], lengths: torch.Tensor) -> torch.Tensor:
        x = torch.cat([self.forms(inputs["forms"]), self.context(inputs["context"].float()),
                       self.lemmas(inputs["lemmas"]), self.lemmas(inputs["heads"]),
                       self.tags(inputs["tags"]), self.relations(inputs["relations"]),
                       self.directions(inputs["directions"]), inputs["quoted"].unsqueeze(-1)], -1)
        packed = nn.utils.rnn.pack_padded_sequence(self.dropout(x), lengths, batch_first=True, enforce_sorted=False)
        hidden, _ = self.lstm(packed)
        hidden, _ = nn.utils.rnn.pad_packed_sequence(hidden, batch_first=True)
        return self.out(self.dropout(hidden))


class WordRoles:
    """The tagger's reading of one document: (cue, content, source) probabilities per word."""

    def __init__(self, starts: list[int], probabilities: list[tuple[float, float, float]]):
        self._starts = starts
        self._probabilities = probabilities

    def cue_words(self, sentence: Sentence, at_least: float = PROPOSED_CUE) -> frozenset[int]:
        """Ids of the words of ``sentence`` read as part of a cue with at least that probability."""
        return frozenset(w.id for w in sentence.words if self.within(w.span)[0][0] >= at_least)

    def within(self, span: Span) -> list[tuple[float, float, float]]:
        """The words that start inside ``span``."""
        first, last = self._range(span)
        return self._probabilities[first:last]

    def around(self, span: Span, width: int = 3) -> list[tuple[float, float, float]]:
        """Up to ``width`` words on either side of ``span``."""
        first, last = self._range(span)
        return self._probabilities[max(first - width, 0):first] + self._probabilities[last:last + width]

    def _range(self, span: Span) -> tuple[int, int]:
        return bisect.bisect_left(self._starts, span.start), bisect.bisect_left(self._starts, span.end)


@dataclass
class Example:
    """A training document: its sentences (those with words) and quotations, each word's gold share
    of each role, and each sentence's contextual vectors."""

    sentences: list[Sentence]
    quotes: QuoteIndex
    targets: list[list[tuple[float, float, float]]]  # per sentence, per word
    contexts: list[torch.Tensor]  # per sentence with words, (words, dimensions): document_contexts


class RoleTagger:
    """A trained tagger: its vocabularies, networks (trained alike from different seeds, their
    readings averaged) and the contextual encoder they read. ``read`` documents; ``fit`` a new one."""

    def __init__(self, vocabulary: Vocabulary, networks: list[_Network], encoder: ContextEncoder):
        self.vocabulary = vocabulary
        self.networks = networks
        self.encoder = encoder

    @classmethod
    def load(cls, path: str | Path) -> RoleTagger:
        """The tagger file ``path``, with the packaged encoder, which must be the one it was trained with."""
        data = torch.load(path, map_location="cpu", weights_only=True)
        if "networks" not in data or "encoder" not in data:
            raise ValueError(f"{path} was written by an older claimtrack: train the model again")
        encoder = packaged_encoder()
        if data["encoder"] != _encoder_identity(encoder):
            raise ValueError(f"{path} was trained with another contextual encoder ({data['encoder']}) than the one "
                             f"installed ({encoder.directory}): install that one or train the model again")
        vocabulary = Vocabulary(**data["vocabulary"])
        forms = data["forms"].float()  # frozen pretrained vectors, the same in every network
        networks = []
        for state in data["networks"]:
            network = _Network(vocabulary, forms.shape[1], encoder.dimensions)
            network.load_state_dict({"forms.weight": forms, **{k: v.float() for k, v in state.items()}})
            network.eval()
            networks.append(network)
        return cls(vocabulary, networks, encoder)

    def save(self, path: str | Path) -> None:
        """Half-precision numbers (the readings move by less than 0.001), the vectors stored once."""
        states = [network.state_dict() for network in self.networks]
        torch.save({"vocabulary": self.vocabulary.as_dict(), "forms": states[0]["forms.weight"].half(),
                    "encoder": _encoder_identity(self.encoder),
                    "networks": [{k: v.half() for k, v in state.items() if k != "forms.weight"} for state in states]}, path)

    def read(self, sentences: list[Sentence], quotes: QuoteIndex) -> WordRoles:
        """Role probabilities for every word of ``sentences`` (one document's, in order)."""
        return self.read_documents([(sentences, quotes)])[0]

    def read_documents(self, documents: Sequence[tuple[list[Sentence], QuoteIndex]],
                       contexts: Sequence[list[torch.Tensor]] | None = None) -> list[WordRoles]:
        """:meth:`read` for several documents at once: their sentences share batches, which costs
        less than reading them one document at a time (the probabilities are the same up to float
        rounding, about 1e-6, so a claim exactly at the threshold could in principle differ).
        ``contexts``, per document, its sentences' contextual vectors if already computed."""
        if contexts is None:
            contexts = document_contexts(self.encoder, [sentences for sentences, _ in documents])
        encoded = [self._encode(s, quotes, context) for (sentences, quotes), found in zip(documents, contexts)
                   for s, context in zip([s for s in sentences if s.words], found)]
        probabilities: list[list[tuple[float, float, float]]] = [[] for _ in encoded]
        with torch.no_grad():
            for batch, lengths, inputs in _batches(encoded, 64, shuffle=None):
                scores = torch.stack([torch.sigmoid(n(inputs, lengths)) for n in self.networks]).mean(0)
                for row, i in enumerate(batch):
                    probabilities[i] = [tuple(p) for p in scores[row, :lengths[row]].tolist()]
        readings = []
        read = iter(probabilities)
        for sentences, _ in documents:
            words = [w for s in sentences for w in s.words]
            readings.append(WordRoles([w.start for w in words], [p for s in sentences if s.words for p in next(read)]))
        return readings

    def _encode(self, sentence: Sentence, quotes: QuoteIndex, context: torch.Tensor) -> dict[str, torch.Tensor]:
        words = sentence.words
        vocabulary = self.vocabulary
        heads = [_head_lemma(sentence, w) for w in words]
        return {
            "forms": vocabulary.ids("forms", [w.text.lower() for w in words]),
            "context": context,
            "lemmas": vocabulary.ids("lemmas", [w.lemma.lower() for w in words]),
            "heads": vocabulary.ids("lemmas", heads),
            "tags": vocabulary.ids("tags", [w.upos for w in words]),
            "relations": vocabulary.ids("relations", [w.deprel for w in words]),
            "directions": torch.tensor([0 if not w.head else 1 if w.head > w.id else 2 for w in words]),
            "quoted": torch.tensor([float(quotes.at(w.start) is not None) for w in words]),
        }

    @classmethod
    def fit(cls, examples: list[Example], vectors: Vectors, encoder: ContextEncoder, epochs: int = 5,
            networks: int = NETWORKS, seed: int = 0, progress: Callable[[int], None] | None = None) -> RoleTagger:
        """Trains ``networks`` networks on ``examples``, from seeds ``seed``, ``seed + 1``, …: binary
        cross-entropy against each word's share of annotators marking it, for the three roles at
        once. ``vectors`` maps words to pretrained vectors; ``encoder`` made the examples' contexts.
        ``progress`` is called once per epoch."""
        sentences = [s for e in examples for s in e.sentences if s.words]
        vocabulary = _vocabulary(sentences, vectors)
        tagger = cls(vocabulary, [], encoder)
        encoded = []
        for example in examples:
            for sentence, targets, context in zip([s for s in example.sentences if s.words], example.targets, example.contexts):
                item = tagger._encode(sentence, example.quotes, context)
                item["targets"] = torch.tensor(targets, dtype=torch.float)
                encoded.append(item)
        forms = torch.zeros(len(vocabulary.forms), len(next(iter(vectors.values()))))
        for i, form in enumerate(vocabulary.forms[len(_SPECIALS):], len(_SPECIALS)):
            forms[i] = vectors[form]
        tagger.networks = [_train(vocabulary, forms, encoder.dimensions, encoded, epochs, seed + k, progress)
                           for k in range(networks)]
        return tagger


def _encoder_identity(encoder: ContextEncoder) -> dict[str, str | int]:
    return {"name": ENCODER, "layers": LAYERS, "sha256": encoder.fingerprint}


def _train(vocabulary: Vocabulary, forms: torch.Tensor, context_dimensions: int, encoded: list[dict[str, torch.Tensor]],
           epochs: int, seed: int, progress: Callable[[int], None] | None) -> _Network:
    torch.manual_seed(seed)
    shuffler = random.Random(seed)
    network = _Network(vocabulary, forms.shape[1], context_dimensions)
    with torch.no_grad():
        network.forms.weight.copy_(forms)
    optimiser = torch.optim.Adam([p for p in network.parameters() if p.requires_grad], lr=2e-3)
    loss_function = nn.BCEWithLogitsLoss(reduction="none")
    for _ in range(epochs):
        network.train()
        for _, lengths, inputs in _batches(encoded, 32, shuffle=shuffler):
            mask = (torch.arange(int(lengths.max()))[None, :] < lengths[:, None]).float()
            losses = loss_function(network(inputs, lengths), inputs["targets"]).sum(-1)
            loss = (losses * mask).sum() / mask.sum()
            optimiser.zero_grad()
            loss.backward()
            nn.utils.clip_grad_norm_(network.parameters(), 5.0)
            optimiser.step()
        if progress:
            progress(1)
    network.eval()
    return network


def document_contexts(encoder: ContextEncoder, documents: Sequence[list[Sentence]]) -> list[list[torch.Tensor]]:
    """Per document, the contextual vectors of each sentence with words, in half precision (as
    training keeps them); the documents are encoded together."""
    texts = [[[w.text for w in s.words] for s in sentences if s.words] for sentences in documents]
    vectors = iter(encoder.encode([words for document in texts for words in document]))
    return [[next(vectors).half() for _ in document] for document in texts]


def role_targets(sentences: list[Sentence], annotations: list[list[tuple[list[Span], list[Span], list[Span]]]]
                 ) -> list[list[tuple[float, float, float]]]:
    """Each word's share of annotators who marked it as part of a cue, a content and a source;
    ``annotations`` holds, per annotator, (cue, content, source) spans of every attribution."""
    def share(word, role: int) -> float:
        marked = sum(any(span.overlap(word.span) for a in attributions for span in a[role])
                     for attributions in annotations)
        return marked / len(annotations)

    return [[(share(w, 0), share(w, 1), share(w, 2)) for w in s.words] for s in sentences if s.words]


def read_vectors(path: str | Path) -> Vectors:
    """Word vectors from a Stanza pretrain file (``en/pretrain/*.pt``), most frequent first."""
    data = torch.load(path, map_location="cpu", weights_only=False)
    index = data["vocab"]["_unit2id"]
    emb = data["emb"]
    return {word: emb[i].float() for word, i in sorted(index.items(), key=lambda kv: kv[1]) if not word.startswith("<")}


def _vocabulary(sentences: list[Sentence], vectors: Vectors) -> Vocabulary:
    seen = {w.text.lower() for s in sentences for w in s.words}
    frequent = [word for i, word in enumerate(vectors) if i < VECTOR_ROWS or word in seen]
    lemmas = Counter(w.lemma.lower() for s in sentences for w in s.words)
    lemmas.update(_head_lemma(s, w) for s in sentences for w in s.words)
    tags = sorted({w.upos for s in sentences for w in s.words})
    relations = sorted({w.deprel for s in sentences for w in s.words})
    return Vocabulary([*_SPECIALS, *frequent], [*_SPECIALS, *sorted(k for k, n in lemmas.items() if n >= MIN_LEMMA_COUNT)],
                      [*_SPECIALS, *tags], [*_SPECIALS, *relations])


def _head_lemma(sentence: Sentence, word: Word) -> str:
    return sentence.word(word.head).lemma.lower() if word.head else "<root>"


def _batches(encoded: list[dict[str, torch.Tensor]], size: int, shuffle: random.Random | None):
    """Batches of similar length (shuffled for training), padded."""
    order = sorted(range(len(encoded)), key=lambda i: len(encoded[i]["forms"]))
    chunks = [order[i:i + size] for i in range(0, len(order), size)]
    if shuffle is not None:
        shuffle.shuffle(chunks)
    for chunk in chunks:
        items = [encoded[i] for i in chunk]
        lengths = torch.tensor([len(item["forms"]) for item in items])
        inputs = {key: nn.utils.rnn.pad_sequence([item[key] for item in items], batch_first=True) for key in items[0]}
        yield chunk, lengths, inputs
