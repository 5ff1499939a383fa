"""The built site in a real browser: one Chromium, the site served on 127.0.0.1.

Every page in the nav, and the 404 page, is visited on a 1280 px desktop in
the light palette and on a 375 px phone in the dark one (through
``prefers-color-scheme``, which the palette follows while the reader has
chosen none), a few pages at a time. A visit records what the tests then
check: every request, console errors, the text, the images, the width, the
copy buttons, and axe-core's findings (``browsing.py``).

The visits begin as soon as the site is built, in a thread of their own,
while the tests that do not read the site run on the other core; the
browser tests, which run last, read what they saw.

Without a Chromium the tests skip, saying so; without axe-core
(``npm ci --prefix tools/browser``) only the accessibility tests skip.
"""

from __future__ import annotations

import asyncio
import functools
import http.server
import importlib.util
import threading
from concurrent.futures import Future
from pathlib import Path

import conftest
import pytest

from .browsing import AXE, CHROMIUM, NOT_FOUND, Browsed, browse, nav_pages

_servers: dict[Path, http.server.ThreadingHTTPServer] = {}
_serving = threading.Lock()  # the visits' thread and the tests ask at once
_early: list[Future] = []  # the visits, begun as soon as the site was built


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def _serve(site: Path) -> str:
    """The address of ``site`` (built or not yet), served from a thread on a
    free port of 127.0.0.1, one server per site for the whole session."""
    with _serving:
        if site not in _servers:
            handler = functools.partial(_QuietHandler, directory=str(site))
            server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
            threading.Thread(target=server.serve_forever, daemon=True).start()
            _servers[site] = server
        return f"http://127.0.0.1:{_servers[site].server_address[1]}/"


def _pages(site: Path) -> list[str]:
    """Every page in the nav, and the 404 page, as paths from the site root."""
    return [*nav_pages(site), NOT_FOUND]


def _browse_site(site: Path) -> Browsed:
    """One run of Chromium over the whole site."""
    axe = AXE.read_text(encoding="utf-8") if AXE.is_file() else None
    return asyncio.run(browse(_serve(site), _pages(site), axe))


@pytest.hookimpl(trylast=True)  # after tests/conftest.py has started the build
def pytest_collection_finish(session):
    """Begin the visits once the site is built, if a selected test reads
    them and Chromium is there (otherwise the fixture skips, saying why)."""
    reads = any("browsed" in getattr(i, "fixturenames", ()) for i in session.items)
    can = CHROMIUM.is_file() and importlib.util.find_spec("playwright") is not None
    build = conftest.site_build()
    if reads and can and build is not None:
        _early.append(build.then(_browse_site))


def pytest_sessionfinish(session):
    for server in _servers.values():
        server.shutdown()
        server.server_close()
    _servers.clear()
    _early.clear()


@pytest.fixture(scope="session")
def base_url(site) -> str:
    """The built site, served on 127.0.0.1."""
    return _serve(site)


@pytest.fixture(scope="session")
def pages(site) -> list[str]:
    """Every page in the nav, and the 404 page, as paths from the site root."""
    found = _pages(site)
    assert "" in found, f"no home page in the nav: {found}"
    return found


@pytest.fixture(scope="session")
def browsed(site, pages) -> Browsed:
    """One run of Chromium over the whole site (begun as soon as it was
    built); the tests read what it saw."""
    if not CHROMIUM.is_file():
        pytest.skip(f"no Chromium at {CHROMIUM}: apt-get install chromium")
    pytest.importorskip("playwright.async_api")
    if _early:
        return _early[0].result()
    return _browse_site(site)


@pytest.fixture(scope="session")
def visits(browsed):
    """``visits(config)``: page path -> Visit, in that viewport and palette."""
    return browsed.visits.__getitem__
