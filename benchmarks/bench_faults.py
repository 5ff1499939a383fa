"""Time how long ``mkdocs build --strict`` takes to fail on each mistake.

    .venv/bin/python benchmarks/bench_faults.py

Builds, one at a time, the small sites of ``tests/test_build_faults.py``
(the project's settings and hook, one page, one notebook, one mistake each)
with empty caches, and prints for each mistake the seconds until the build
stopped and whether it stopped with the expected message (file, line and
fix). The target is under 15 s each on a quiet machine; a slower one is
marked, and the exit status is 1 only if a build did not fail as expected
(timings on a shared machine are too noisy to fail on).
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# What pytest puts on the path (pyproject.toml's pythonpath): the test
# module imports tools/ modules.
sys.path[:0] = [str(ROOT / "tests"), str(ROOT / "tools")]
from test_build_faults import FAULTS, VALUES_SCRIPTS, write_fault_site  # noqa: E402


def fail_once(where: Path, name: str) -> tuple[float, str]:
    """Build the site of the mistake ``name`` in ``where``: seconds taken,
    output."""
    page_fault, notebook_fault, _ = FAULTS[name]
    env = write_fault_site(
        where, page_fault, notebook_fault, values_script=VALUES_SCRIPTS.get(name)
    )
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict"],
        cwd=where,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    seconds = time.perf_counter() - start
    return seconds, (done.stdout + done.stderr) if done.returncode else ""


def main() -> int:
    wrong = 0
    with tempfile.TemporaryDirectory(prefix="faults-") as tmp:
        for number, (name, (_, _, expected)) in enumerate(FAULTS.items()):
            seconds, output = fail_once(Path(tmp, str(number)), name)
            told = bool(output) and output.count(expected) == 1
            wrong += not told
            verdict = "told file, line and fix" if told else "NOT AS EXPECTED"
            slow = "  (over 15 s)" if seconds >= 15 else ""
            print(f"{seconds:5.1f} s  {name}: {verdict}{slow}", flush=True)
            if not told:
                print(output[-3000:])
    print(f"load average {', '.join(f'{x:.1f}' for x in os.getloadavg())}")
    return 1 if wrong else 0


if __name__ == "__main__":
    sys.exit(main())
