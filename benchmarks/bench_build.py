"""Time a clean build of the site and a no-op rebuild.

- **Clean build**: ``mkdocs build --strict`` in a new process with empty
  caches, so every figure script, values script and notebook runs.
- **No-op rebuild, as ``make serve`` does it**: with nothing changed,
  ``mkdocs serve`` reloads the configuration and rebuilds inside the process
  it already runs; nothing should re-run. Timed here the same way: two builds
  in one process, the second one timed.
- **No-op build in a new process**: the same, plus starting Python,
  importing MkDocs and its plugins and compiling the theme's templates
  (about two seconds here), for comparison.

Targets: clean under 30 s, no-op rebuild under 3 s.

    .venv/bin/python benchmarks/bench_build.py
"""

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
os.environ["NO_MKDOCS_2_WARNING"] = "1"


def build_in_new_process(cache: Path, site: Path) -> float:
    env = os.environ | {"HANDGRAD_CACHE_DIR": str(cache)}
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(site)],
        cwd=ROOT,
        env=env,
        check=True,
        stderr=subprocess.DEVNULL,  # the notebook kernel's start-up chatter
    )
    return time.perf_counter() - start


def rebuild_in_this_process(cache: Path, site: Path) -> float:
    """Like ``mkdocs serve``: load the config and build, twice; time the second."""
    os.environ["HANDGRAD_CACHE_DIR"] = str(cache)
    os.chdir(ROOT)
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    times = []
    for _ in range(3):
        start = time.perf_counter()
        config = load_config(str(ROOT / "mkdocs.yml"), site_dir=str(site), strict=True)
        config.plugins.on_startup(command="serve", dirty=False)
        build(config)
        config.plugins.on_shutdown()
        times.append(time.perf_counter() - start)
    return min(times[1:])


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        cache, site = Path(tmp, "cache"), Path(tmp, "site")
        clean = build_in_new_process(cache, site)
        fresh_process = min(build_in_new_process(cache, site) for _ in range(3))
        in_process = rebuild_in_this_process(cache, site)
    print(f"clean build                     {clean:6.2f} s   (target < 30 s)")
    print(f"no-op rebuild, as make serve    {in_process:6.2f} s   (target <  3 s)")
    print(f"no-op build in a new process    {fresh_process:6.2f} s   (for comparison)")


if __name__ == "__main__":
    main()
