"""Browser fixtures: the app served by waitress over the sample corpus, Debian's Chromium.

No browser is ever downloaded: the tests drive the system Chromium (``/usr/bin/chromium``, or
``KB_CHROMIUM``) and fail with a clear message if it is missing.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

CHROMIUM = Path(os.environ.get("KB_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"


@pytest.fixture(scope="session")
def live_server(sample_kb):
    """Serve the app over the sample corpus on 127.0.0.1 (a free port) in a daemon thread."""
    from waitress import create_server

    from web import create_app

    app = create_app({"KB": sample_kb, "TESTING": True})
    server = create_server(app, host="127.0.0.1", port=0, threads=4)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.effective_port}"
    server.close()


@pytest.fixture(scope="session")
def browser():
    """Launch Debian's Chromium headless once per session."""
    if not CHROMIUM.exists():
        pytest.fail(
            f"Chromium is missing at {CHROMIUM}: install Debian's chromium package "
            "(apt-get install chromium) or set KB_CHROMIUM; the browser tests never "
            "download a browser."
        )
    from playwright.sync_api import sync_playwright

    playwright = sync_playwright().start()
    chromium = playwright.chromium.launch(
        executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
    )
    yield chromium
    chromium.close()
    playwright.stop()


@pytest.fixture
def page(browser, live_server):
    """A fresh desktop-sized page; fails the test on any console error (CSP included)."""
    context = browser.new_context(
        viewport={"width": 1280, "height": 900},
        base_url=live_server,
        permissions=["clipboard-read", "clipboard-write"],
    )
    tab = context.new_page()
    errors: list[str] = []
    tab.on("console", lambda message: message.type == "error" and errors.append(message.text))
    tab.on("pageerror", lambda error: errors.append(str(error)))
    yield tab
    context.close()
    assert not errors, errors


@pytest.fixture
def screenshot():
    """Save a full-page screenshot to test-artifacts/screenshots/<name>.png."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def save(tab, name: str, full_page: bool = True) -> Path:
        path = SCREENSHOTS / f"{name}.png"
        tab.screenshot(path=str(path), full_page=full_page)
        return path

    return save
