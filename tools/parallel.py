"""Run Python worker processes side by side, one per core.

The figure and value scripts each run in a fresh process, so that they always
see the current library. On a clean build there are a dozen of them, and two
cores finish them in about half the time one would.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor


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
