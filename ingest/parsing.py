"""Parse files in a worker process with a time and memory limit per file.

A hostile file (a PDF bomb, a pathological HTML page) can make a parser hang or allocate
without end. Parsing happens in a separate process with an address-space limit; a parse
that runs over time kills the worker, which is restarted for the next file.
"""

from __future__ import annotations

import multiprocessing
import resource
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from ingest.document import ParsedDocument
from ingest.errors import LoadError

MEDIA_TYPES = {
    ".pdf": "pdf",
    ".html": "html",
    ".htm": "html",
    ".txt": "text",
    ".md": "markdown",
    ".markdown": "markdown",
}


def media_type_of(path: Path) -> str | None:
    """Return the media type the ingester uses for a file name, or None if unsupported."""
    return MEDIA_TYPES.get(path.suffix.lower())


def parse_file(
    path: str, media_type: str, source: str, base_url: str | None = None
) -> ParsedDocument:
    """Parse one file with the loader for its media type (runs inside the worker)."""
    file_path = Path(path)
    if media_type == "pdf":
        from ingest.pdf_loader import load_pdf

        return load_pdf(file_path, source=source)
    if media_type == "html":
        from ingest.html_loader import load_html

        return load_html(file_path.read_bytes(), source=source, base_url=base_url)
    if media_type == "markdown":
        from ingest.text_loader import load_markdown

        return load_markdown(file_path, source=source)
    if media_type == "text":
        from ingest.text_loader import load_text

        return load_text(file_path, source=source)
    raise LoadError(source, f"unsupported file type {file_path.suffix or '(none)'}")


def _limit_memory(megabytes: int) -> None:
    limit = megabytes * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


class ParserPool:
    """One worker process that parses files, restarted after a timeout or a crash."""

    def __init__(self, timeout_s: float = 60, memory_mb: int = 2048):
        self.timeout_s = timeout_s
        self.memory_mb = memory_mb
        self._executor: ProcessPoolExecutor | None = None

    def _pool(self) -> ProcessPoolExecutor:
        if self._executor is None:
            self._executor = ProcessPoolExecutor(
                max_workers=1,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=_limit_memory,
                initargs=(self.memory_mb,),
            )
        return self._executor

    def parse(
        self, path: Path, media_type: str, source: str, base_url: str | None = None
    ) -> ParsedDocument:
        """Parse a file in the worker; raise LoadError on failure, timeout or memory use."""
        future = self._pool().submit(parse_file, str(path), media_type, source, base_url)
        try:
            return future.result(timeout=self.timeout_s)
        except FutureTimeout:
            self._kill()
            raise LoadError(source, f"parsing took longer than {self.timeout_s:g} s") from None
        except MemoryError:
            self._kill()
            raise LoadError(source, f"parsing needed more than {self.memory_mb} MB") from None
        except BrokenProcessPool:
            self._kill()
            raise LoadError(source, "the parser crashed on this file") from None
        except LoadError:
            raise
        except Exception as exc:  # a loader bug must not stop the batch
            raise LoadError(source, f"could not be parsed: {type(exc).__name__}: {exc}") from None

    def _kill(self) -> None:
        if self._executor is not None:
            for process in list(getattr(self._executor, "_processes", {}).values()):
                process.kill()
            self._executor.shutdown(wait=False, cancel_futures=True)
            self._executor = None

    def close(self) -> None:
        """Stop the worker."""
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)
            self._executor = None

    def __enter__(self) -> ParserPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
