"""Time a clean build of the site and a no-op rebuild.

A clean build starts with empty caches: every figure script and notebook
runs. A no-op rebuild follows at once with nothing changed, and should run
neither. Targets: clean under 30 s, no-op under 3 s (each includes starting
Python and importing MkDocs, about a second here).

    .venv/bin/python benchmarks/bench_build.py
"""

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def build(cache: Path, site: Path) -> float:
    env = os.environ | {"HANDGRAD_CACHE_DIR": str(cache), "NO_MKDOCS_2_WARNING": "1"}
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(site)],
        cwd=ROOT,
        env=env,
        check=True,
    )
    return time.perf_counter() - start


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        cache, site = Path(tmp, "cache"), Path(tmp, "site")
        clean = build(cache, site)
        noop = min(build(cache, site) for _ in range(3))
    print(f"clean build      {clean:6.2f} s   (target < 30 s)")
    print(f"no-op rebuild    {noop:6.2f} s   (target <  3 s, best of 3)")


if __name__ == "__main__":
    main()
