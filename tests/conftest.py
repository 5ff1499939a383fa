"""Shared fixtures: a clean build of the whole site, made once per test run."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def build_site(where: Path) -> Path:
    """``mkdocs build --strict`` into ``where/site`` with empty caches in ``where``."""
    env = os.environ | {
        "HANDGRAD_CACHE_DIR": str(where / "cache"),
        "NO_MKDOCS_2_WARNING": "1",
    }
    site = where / "site"
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
    """The site, built from scratch once for all the tests that read it."""
    return build_site(tmp_path_factory.mktemp("build"))
