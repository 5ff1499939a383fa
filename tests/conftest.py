"""Shared fixtures: a clean build of the whole site, made once per test run."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

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


# The repository the site links to, and the site's own address.
REPO_URL = env_setting("repo_url")
SITE_URL = env_setting("site_url")


def build_site(site: Path, cache: Path) -> Path:
    """``mkdocs build --strict`` into ``site``, with the build's caches in ``cache``."""
    env = os.environ | {"HANDGRAD_CACHE_DIR": str(cache), "NO_MKDOCS_2_WARNING": "1"}
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        pytest.fail(f"mkdocs build --strict failed:\n{done.stderr[-6000:]}")
    return site


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The site, built once for all the tests that read it.

    In a temporary folder, with the build's caches where ``make build`` and
    ``make serve`` keep them (``.cache/``, or HANDGRAD_CACHE_DIR): on a fresh
    clone every script runs, afterwards only what changed. A clean build is
    compared with this one byte for byte (test_site.py), so a cache that
    gives anything but what a clean build gives fails. CI sets
    HANDGRAD_SITE_DIR to have the site built where it uploads it from (even
    when a test fails).
    """
    where = tmp_path_factory.mktemp("build")
    site = Path(os.environ.get("HANDGRAD_SITE_DIR") or where / "site")
    cache = Path(os.environ.get("HANDGRAD_CACHE_DIR") or ROOT / ".cache")
    return build_site(site.resolve(), cache.resolve())
