"""Benchmark ingest throughput, re-ingest speed and /api/search latency on the demo corpus.

Run from the repository root:  python bench/run_bench.py [--repeats 5]
Prints a markdown table; numbers from one run are comparable with each other.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "samples" / "corpus"
QUESTIONS = ROOT / "tests" / "eval" / "questions.jsonl"


def percentile(values: list[float], q: float) -> float:
    """Return the q-th percentile (0-100) by nearest rank."""
    ordered = sorted(values)
    index = max(0, min(len(ordered) - 1, round(q / 100 * len(ordered)) - 1))
    return ordered[index]


def bench_ingest(home: Path) -> dict:
    """Ingest the corpus into a new home in-process, then again unchanged."""
    from ingest.pipeline import Ingester
    from kb.knowledge_base import KnowledgeBase
    from kb.settings import Config

    started = time.perf_counter()
    kb = KnowledgeBase(Config(home=home))
    with Ingester(kb) as ingester:
        report = ingester.ingest_paths([CORPUS])
    first = time.perf_counter() - started
    chunks = kb.stats()["chunks"]

    started = time.perf_counter()
    kb2 = KnowledgeBase(Config(home=home))
    with Ingester(kb2) as ingester:
        again = ingester.ingest_paths([CORPUS])
    second = time.perf_counter() - started
    assert again.count("unchanged") == report.count("added"), again.summary()

    texts = [r[0] for r in kb.store.conn.execute("SELECT embed_text FROM chunks")]
    model = kb.embedder
    model.encode(texts[:32])  # warm up
    started = time.perf_counter()
    model.encode(texts)
    encode = time.perf_counter() - started
    return {
        "documents": report.count("added"),
        "chunks": chunks,
        "first_s": first,
        "reingest_s": second,
        "ingest_chunks_per_s": chunks / first,
        "encode_chunks_per_s": len(texts) / encode,
        "kb": kb,
    }


def bench_cli_ingest(home: Path) -> dict:
    """Time `kb ingest` of the corpus twice as separate processes (wall clock)."""
    times = []
    for _ in range(2):
        started = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "cli.main", "--home", str(home), "ingest", str(CORPUS)],
            check=True,
            capture_output=True,
            cwd=ROOT,
        )
        times.append(time.perf_counter() - started)
    return {"cli_first_s": times[0], "cli_reingest_s": times[1]}


def bench_search(kb, repeats: int) -> dict:
    """Serve the app with waitress and measure /api/search latency per mode."""
    from waitress import create_server

    from web import create_app

    app = create_app({"KB": kb})
    server = create_server(app, host="127.0.0.1", port=0, threads=4)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{server.effective_port}"
    queries = [json.loads(line)["q"] for line in QUESTIONS.read_text().splitlines() if line.strip()]
    results = {}
    try:
        with httpx.Client(base_url=base, timeout=30) as client:
            for mode in ("keyword", "semantic", "hybrid"):
                client.get("/api/search", params={"q": queries[0], "mode": mode})  # warm up
                latencies = []
                for _ in range(repeats):
                    for query in queries:
                        started = time.perf_counter()
                        response = client.get("/api/search", params={"q": query, "mode": mode})
                        latencies.append((time.perf_counter() - started) * 1000)
                        response.raise_for_status()
                results[mode] = {
                    "p50_ms": statistics.median(latencies),
                    "p95_ms": percentile(latencies, 95),
                    "requests": len(latencies),
                }
    finally:
        server.task_dispatcher.shutdown()  # let the workers finish before the trigger closes
        server.close()
    return results


def main() -> None:
    """Run every benchmark once and print a markdown report."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeats", type=int, default=3, help="Passes over the query set.")
    parser.add_argument("--skip-cli", action="store_true", help="Skip the subprocess timings.")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        ingest = bench_ingest(Path(tmp) / "home")
        cli = {} if args.skip_cli else bench_cli_ingest(Path(tmp) / "cli-home")
        search = bench_search(ingest.pop("kb"), args.repeats)
    print(f"Corpus: {ingest['documents']} documents, {ingest['chunks']} passages\n")
    print("| measure | value |\n|---|---|")
    print(f"| first ingest (in-process, includes model load) | {ingest['first_s']:.2f} s |")
    print(f"| ingest throughput | {ingest['ingest_chunks_per_s']:.1f} passages/s |")
    encode_rate = ingest["encode_chunks_per_s"]
    print(f"| raw `model.encode` on the same passages | {encode_rate:.1f} passages/s |")
    ratio = ingest["encode_chunks_per_s"] / ingest["ingest_chunks_per_s"]
    print(f"| pipeline overhead (encode rate / ingest rate) | {ratio:.2f}x |")
    print(f"| re-ingest unchanged (in-process) | {ingest['reingest_s'] * 1000:.0f} ms |")
    print(f"| first / re-ingest (in-process) | {ingest['first_s'] / ingest['reingest_s']:.0f}x |")
    if cli:
        print(f"| `kb ingest` first (process wall clock) | {cli['cli_first_s']:.2f} s |")
        print(f"| `kb ingest` unchanged (process wall clock) | {cli['cli_reingest_s']:.2f} s |")
        ratio = cli["cli_first_s"] / cli["cli_reingest_s"]
        print(f"| first / re-ingest (process wall clock) | {ratio:.0f}x |")
    print("\n| mode | p50 | p95 | requests |\n|---|---|---|---|")
    for mode, numbers in search.items():
        p50, p95, count = numbers["p50_ms"], numbers["p95_ms"], numbers["requests"]
        print(f"| {mode} | {p50:.1f} ms | {p95:.1f} ms | {count} |")


if __name__ == "__main__":
    main()
