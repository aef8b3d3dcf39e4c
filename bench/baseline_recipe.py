"""The tutorial recipe the project is measured against, on any corpus and question set.

Fixed 1,000-character chunks of the raw extracted text (pypdf for PDF, BeautifulSoup's
``get_text`` for HTML, the file itself for text and markdown), the same MiniLM model with a
FAISS flat index, Okapi BM25 (k1 = 1.5, b = 0.75, as rank_bm25's default) and reciprocal rank
fusion (k = 60). It prints hit@1, recall@5, recall@10 and MRR@10 per mode in the same table
as ``kb eval``, so the two can be compared on one corpus:

    python bench/baseline_recipe.py CORPUS_DIR QUESTIONS.jsonl
    kb --home HOME eval QUESTIONS.jsonl      # after `kb --home HOME ingest CORPUS_DIR`
"""

from __future__ import annotations

import argparse
import math
import re
import sys
from collections import Counter
from pathlib import Path

import faiss
import numpy as np
from bs4 import BeautifulSoup
from pypdf import PdfReader

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from kb.embedder import load_embedder  # noqa: E402
from kb.evaluation import is_hit, load_questions  # noqa: E402

CHUNK_CHARS = 1000
RRF_K = 60


def raw_text(path: Path) -> str:
    """Return a file's text the way a tutorial extracts it."""
    suffix = path.suffix.lower()
    if suffix == ".pdf":
        return "\n".join(page.extract_text() or "" for page in PdfReader(path).pages)
    if suffix in (".html", ".htm"):
        return BeautifulSoup(path.read_bytes(), "html.parser").get_text(" ")
    return path.read_text(encoding="utf-8", errors="replace")


def fixed_chunks(text: str) -> list[str]:
    """Cut text into consecutive 1,000-character pieces."""
    return [text[i : i + CHUNK_CHARS] for i in range(0, len(text), CHUNK_CHARS) if text[i:].strip()]


def tokens(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


class BM25:
    """Okapi BM25 with rank_bm25's default parameters and idf floor."""

    def __init__(self, documents: list[list[str]], k1: float = 1.5, b: float = 0.75):
        self.k1, self.b = k1, b
        self.counts = [Counter(doc) for doc in documents]
        self.lengths = [len(doc) for doc in documents]
        self.average = sum(self.lengths) / max(1, len(documents))
        frequency = Counter(term for doc in documents for term in set(doc))
        n = len(documents)
        idf = {t: math.log(n - f + 0.5) - math.log(f + 0.5) for t, f in frequency.items()}
        floor = 0.25 * (sum(idf.values()) / max(1, len(idf)))
        self.idf = {t: (v if v >= 0 else floor) for t, v in idf.items()}

    def scores(self, query: list[str]) -> np.ndarray:
        result = np.zeros(len(self.counts))
        for i, (counts, length) in enumerate(zip(self.counts, self.lengths, strict=True)):
            norm = self.k1 * (1 - self.b + self.b * length / self.average)
            for term in query:
                tf = counts.get(term, 0)
                if tf:
                    result[i] += self.idf.get(term, 0.0) * tf * (self.k1 + 1) / (tf + norm)
        return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("questions", type=Path)
    args = parser.parse_args()
    files = sorted(
        p
        for p in args.corpus.rglob("*")
        if p.suffix.lower() in (".pdf", ".html", ".htm", ".md", ".txt")
    )
    chunks = [chunk for path in files for chunk in fixed_chunks(raw_text(path))]
    embedder = load_embedder()
    index = faiss.IndexFlatIP(embedder.dimension)
    index.add(embedder.encode(chunks))
    bm25 = BM25([tokens(c) for c in chunks])
    questions = [q for q in load_questions(args.questions) if q.expect]
    totals = {mode: [0, 0, 0, 0.0] for mode in ("hybrid", "keyword", "semantic")}
    for question in questions:
        keyword = [int(i) for i in np.argsort(-bm25.scores(tokens(question.q)))[:100]]
        _, found = index.search(embedder.encode_query(question.q)[None, :], 100)
        semantic = [int(i) for i in found[0] if i >= 0]
        fused: dict[int, float] = {}
        for ranking in (keyword, semantic):
            for rank, i in enumerate(ranking, start=1):
                fused[i] = fused.get(i, 0.0) + 1 / (RRF_K + rank)
        hybrid = sorted(fused, key=lambda i: -fused[i])
        for mode, ranking in (("hybrid", hybrid), ("keyword", keyword), ("semantic", semantic)):
            ranks = [n for n, i in enumerate(ranking[:10], 1) if is_hit(chunks[i], question.expect)]
            first = ranks[0] if ranks else None
            totals[mode][0] += first == 1
            totals[mode][1] += bool(first and first <= 5)
            totals[mode][2] += bool(first)
            totals[mode][3] += 1 / first if first else 0.0
    n = len(questions)
    print(f"Tutorial recipe: {len(files)} files, {len(chunks)} chunks of {CHUNK_CHARS} characters")
    print()
    print("| mode | questions | hit@1 | recall@5 | recall@10 | MRR@10 |")
    print("|---|---|---|---|---|---|")
    for mode, (hit1, recall5, recall10, mrr) in totals.items():
        print(
            f"| {mode} | {n} | {hit1 / n:.3f} | {recall5 / n:.3f} | {recall10 / n:.3f} "
            f"| {mrr / n:.3f} |"
        )


if __name__ == "__main__":
    main()
