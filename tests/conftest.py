"""Shared fixtures: a clean build of the whole site, made once per test run."""

import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
from collections.abc import Callable
from concurrent.futures import Future
from pathlib import Path

import pytest
import yaml

# Imported before NumPy, which reads its BLAS's settings once: scripts sets
# one OpenBLAS thread (unless one is set), in the tests as in the build,
# whose processes run beside them on the other cores.
from scripts import cache_dir

ROOT = Path(__file__).resolve().parent.parent


def env_setting(key: str) -> str:
    """A ``key: !ENV [VAR, "default"]`` of mkdocs.yml, as the build reads it."""
    found = re.search(
        rf'^{key}: !ENV \[(\w+), "([^"]*)"\]$',
        (ROOT / "mkdocs.yml").read_text(encoding="utf-8"),
        re.M,
    )
    assert found, f"mkdocs.yml: no '{key}: !ENV [VAR, \"default\"]' line"
    return os.environ.get(found[1], found[2])


def nav_sources() -> list[str]:
    """The source file of each page in mkdocs.yml's nav, in order."""

    class Tags(yaml.SafeLoader):  # mkdocs.yml's !ENV and !relative
        pass

    Tags.add_multi_constructor("!", lambda loader, suffix, node: None)
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Tags)

    def sources(entries: list) -> list[str]:  # a section's pages in its place
        values = [e if isinstance(e, str) else next(iter(e.values())) for e in entries]
        return [s for v in values for s in (sources(v) if isinstance(v, list) else [v])]

    return sources(config["nav"])


# Where the builds keep their caches, as `make build` does.
BUILD_CACHE = cache_dir().resolve()
# The repository the site links to, and the site's own address.
REPO_URL = env_setting("repo_url")
SITE_URL = env_setting("site_url")


class Build:
    """``mkdocs build --strict`` into ``site``, with the build's caches in
    ``cache``, in a process of its own that starts at once: the tests that do
    not read the site run meanwhile. ``nice`` lowers its priority."""

    def __init__(self, site: Path, cache: Path, log: Path, nice: int = 0) -> None:
        env = os.environ | {
            "HANDGRAD_CACHE_DIR": str(cache),
            "NO_MKDOCS_2_WARNING": "1",
        }
        command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site)]
        self.site, self._log = site, log
        with log.open("wb") as stderr:  # the process has its own copy
            self._process = subprocess.Popen(
                ["nice", "-n", str(nice), *command] if nice else command,
                cwd=ROOT,
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=stderr,
            )

    def result(self) -> Path:
        """The built site, once the build has ended; a failed test if it failed."""
        if self._process.wait() != 0:
            log = self._log.read_text(encoding="utf-8", errors="replace")
            pytest.fail(f"mkdocs build --strict failed:\n{log[-6000:]}")
        return self.site

    def then(self, work: Callable[[Path], object]) -> Future:
        """``work(site)`` in a thread of its own, as soon as the build has
        ended well: the tests that do not read the site run meanwhile. Its
        result, or what it raised, in the Future. After a failed build,
        ``work`` never runs; the ``site`` fixture reports the failure, with
        the build's log."""
        future: Future = Future()

        def run() -> None:
            if self._process.wait() != 0:
                future.set_exception(RuntimeError("mkdocs build --strict failed"))
                return
            try:
                future.set_result(work(self.site))
            except BaseException as error:  # handed to whoever waits for it
                future.set_exception(error)

        threading.Thread(target=run, name="after the build", daemon=True).start()
        return future

    def stop(self) -> None:
        self._process.kill()
        self._process.wait()


# The builds the selected tests read, started once the tests are collected.
_builds: dict[str, Build] = {}
_build_dirs: list[str] = []
# The test that compares the session's build with a clean build of its own.
TWO_BUILDS = "test_site.py::test_two_builds_are_byte_identical"


def site_build() -> Build | None:
    """The build of the site that the tests read, once collection has
    started it (None when no selected test reads the site)."""
    return _builds.get("site")


def _reads_the_site(item) -> bool:
    return "site" in getattr(item, "fixturenames", ())


def _tests_the_library(item) -> bool:
    """Whether ``item`` is in a test module of tests/ other than a page's
    (test_page_*.py): not a page's snippet (docs/, README.md), a page's
    claim or the browser's view of the site (tests/browser/)."""
    path = Path(item.path).resolve()
    return (
        path.parent == ROOT / "tests"
        and path.name.startswith("test_")
        and not path.name.startswith("test_page_")
    )


@pytest.hookimpl(trylast=True)  # after -k and -m have deselected
def pytest_collection_modifyitems(config, items):
    """The tests that read the built site run last: until its build is done
    (on a fresh clone, every script and notebook runs), the others run.

    Coverage (the floor of `make test`) counts what the library's own tests
    run: a snippet or a page test that runs a line does not test it. Not
    tracing the others takes some 40 % off their time (coverage traces
    every line of Python it runs)."""
    items.sort(key=_reads_the_site)
    coverage = config.pluginmanager.get_plugin("_cov")  # pytest-cov's
    if getattr(coverage, "cov_controller", None) is None:
        return  # no coverage (--no-cov), and nothing to pause
    for item in items:
        if not _tests_the_library(item):
            item.add_marker(pytest.mark.no_cover)


def pytest_collection_finish(session):
    """Start the builds the selected tests read, in the background: the
    site, and the clean build compared with it (at a lower priority: the
    site is needed first)."""
    if not any(map(_reads_the_site, session.items)):
        return
    where = Path(tempfile.mkdtemp(prefix="handgrad-build-"))
    _build_dirs.append(str(where))
    site = Path(os.environ.get("HANDGRAD_SITE_DIR") or where / "site").resolve()
    cache = BUILD_CACHE
    _builds["site"] = Build(site, cache, where / "site.log")
    if any(item.nodeid.endswith(TWO_BUILDS) for item in session.items):
        _builds["again"] = Build(
            where / "again", where / "again-cache", where / "again.log", nice=10
        )


def pytest_sessionfinish(session):
    for build in _builds.values():
        build.stop()
    _builds.clear()
    for where in _build_dirs:
        shutil.rmtree(where, ignore_errors=True)
    _build_dirs.clear()


@pytest.fixture(scope="session")
def site() -> Path:
    """The site, built once for all the tests that read it (started when the
    tests were collected, ``pytest_collection_finish``).

    With the build's caches where ``make build`` and ``make serve`` keep
    them (``.cache/``, or HANDGRAD_CACHE_DIR): on a fresh clone every script
    runs, afterwards only what changed. A clean build is compared with this
    one byte for byte (``clean_build``), so a cache that gives anything but
    what a clean build gives fails. CI sets HANDGRAD_SITE_DIR to have the
    site built where it uploads it from (even when a test fails).
    """
    if "site" not in _builds:  # asked for by name, which collection cannot see
        pytest.fail("the site fixture must be a test's argument (conftest.py)")
    return _builds["site"].result()


@pytest.fixture(scope="session")
def clean_build() -> Path:
    """A second build of the site, with empty caches (for TWO_BUILDS)."""
    if "again" not in _builds:
        pytest.skip(f"{TWO_BUILDS} was not selected when the tests were collected")
    return _builds["again"].result()
