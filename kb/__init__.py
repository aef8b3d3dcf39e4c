"""CECOP knowledge base: store, embedder, vector and keyword indexes, hybrid search."""

__version__ = "0.1.0"
