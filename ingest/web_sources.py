"""Ingest web pages and linked PDFs: `kb ingest URL` and `kb crawl`."""

from __future__ import annotations

from ingest.crawl import crawl
from ingest.errors import LoadError
from ingest.fetch import FetchedResource, Fetcher
from ingest.pipeline import Ingester, IngestReport, Outcome


def ingest_resource(ingester: Ingester, resource: FetchedResource) -> Outcome:
    """Ingest one fetched page or PDF under its final URL (re-fetches replace it)."""
    if resource.kind is None:
        return Outcome(
            resource.final_url, "failed", f"unsupported content type {resource.content_type!r}"
        )
    return ingester.ingest_bytes(
        resource.body, resource.kind, resource.final_url, base_url=resource.final_url
    )


def ingest_urls(ingester: Ingester, urls: list[str], delay: float = 1.0) -> IngestReport:
    """Fetch and ingest each URL; a URL that fails is reported and the rest go on."""
    report = IngestReport()
    with Fetcher(delay=delay) as fetcher:
        for url in urls:
            try:
                report.outcomes.append(ingest_resource(ingester, fetcher.fetch(url)))
            except LoadError as error:
                report.outcomes.append(Outcome(url, "failed", error.reason))
            ingester.progress(url)
    return report


def crawl_site(
    ingester: Ingester, start: str, max_pages: int, same_site: bool, delay: float = 1.0
) -> IngestReport:
    """Crawl from a start page or sitemap and ingest every HTML page and PDF found."""
    report = IngestReport()
    with Fetcher(delay=delay) as fetcher:
        for item in crawl(start, fetcher, max_pages=max_pages, same_site=same_site):
            if isinstance(item, LoadError):
                # A page robots.txt excludes is the crawler being polite, not a failure.
                status = "skipped" if "robots.txt" in item.reason else "failed"
                report.outcomes.append(Outcome(item.source, status, item.reason))
                continue
            report.outcomes.append(ingest_resource(ingester, item))
            ingester.progress(item.final_url)
    return report
