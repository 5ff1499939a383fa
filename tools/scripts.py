"""The build's scripts: run side by side in fresh processes, cached under one key.

Figure scripts (``figures.py``), values scripts (``values.py``), the
link-preview image (``social_card.py``) and notebooks run in a fresh Python,
so that they see the current library, and run again only when
:func:`digest`, their one cache key, changed: the files
that make the result (the script, the module that runs it), the library's
sources, and the Python version with every installed distribution's. A new
NumPy may print a number differently, a new Matplotlib draw a figure
differently, a new nbconvert write other markup; so after ``uv sync`` or
``make torch`` changed anything, everything runs once. :func:`run_python`
runs the twenty-odd scripts of a clean build one per core.
"""

from __future__ import annotations

import functools
import hashlib
import os
import platform
import subprocess
import sys
from collections.abc import Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from importlib import metadata
from pathlib import Path


@functools.cache
def environment() -> str:
    """The Python version and each installed distribution, ``name==version``,
    one per line, sorted."""
    installed = {
        f"{(dist.metadata['Name'] or '?').lower()}=={dist.version}"
        for dist in metadata.distributions()
    }
    return "\n".join([f"python=={platform.python_version()}", *sorted(installed)])


def digest(files: Iterable[Path], package_dir: Path | None, *texts: str) -> str:
    """The cache key of a result made from ``files`` and ``texts`` with the
    library in ``package_dir`` (None: without it), in this environment."""
    h = hashlib.sha256(environment().encode())
    library = sorted(package_dir.rglob("*.py")) if package_dir else []
    for path in [*files, *library]:
        h.update(b"\0" + path.name.encode() + b"\0")
        h.update(path.read_bytes())
    for text in texts:
        h.update(b"\0" + text.encode())
    return h.hexdigest()


def run_python(jobs: Sequence[Sequence[str]]) -> list[subprocess.CompletedProcess]:
    """Run ``python *args`` for each job in ``jobs``, one per core at a time.

    Returns the finished processes, in the order of ``jobs``, with their
    stdout and stderr as text.
    """

    def run(args: Sequence[str]) -> subprocess.CompletedProcess:
        command = [sys.executable, *args]
        return subprocess.run(command, capture_output=True, text=True, check=False)

    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        return list(pool.map(run, jobs))
