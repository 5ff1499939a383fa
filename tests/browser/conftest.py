"""The built site in a real browser: one Chromium, the site served on 127.0.0.1.

Every page in the nav, and the 404 page, is visited on a 1280 px desktop in
the light palette and on a 375 px phone in the dark one (through
``prefers-color-scheme``, which the palette follows while the reader has
chosen none), a few pages at a time. A visit records what the tests then
check: every request, console errors, the text, the images, the width, the
copy buttons, and axe-core's findings (``browsing.py``).

Without a Chromium the tests skip, saying so; without axe-core
(``npm ci --prefix tools/browser``) only the accessibility tests skip.
"""

from __future__ import annotations

import asyncio
import functools
import http.server
import threading

import pytest

from .browsing import AXE, CHROMIUM, NOT_FOUND, Browsed, browse, nav_pages


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def base_url(site):
    """The built site, served from a thread on a free port of 127.0.0.1."""
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()
    thread.join()


@pytest.fixture(scope="session")
def pages(site) -> list[str]:
    """Every page in the nav, and the 404 page, as paths from the site root."""
    found = nav_pages(site)
    assert "" in found, f"no home page in the nav: {found}"
    return [*found, NOT_FOUND]


@pytest.fixture(scope="session")
def browsed(base_url, pages) -> Browsed:
    """One run of Chromium over the whole site; the tests read what it saw."""
    if not CHROMIUM.is_file():
        pytest.skip(f"no Chromium at {CHROMIUM}: apt-get install chromium")
    pytest.importorskip("playwright.async_api")
    axe = AXE.read_text(encoding="utf-8") if AXE.is_file() else None
    return asyncio.run(browse(base_url, pages, axe))


@pytest.fixture(scope="session")
def visits(browsed):
    """``visits(config)``: page path -> Visit, in that viewport and palette."""
    return browsed.visits.__getitem__
