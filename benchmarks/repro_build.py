"""Build the site ten times from scratch, with the CPU kept busy, and compare
every file of every build with the first build's, byte for byte.

    .venv/bin/python benchmarks/repro_build.py [--builds N] [--busy N]

Each build is ``mkdocs build --strict`` in a new process with empty caches
(``HANDGRAD_CACHE_DIR`` in a new temporary directory, as
``tests/conftest.py`` builds), and with its own ``PYTHONHASHSEED``, so that
no order of a set or a dict can go unnoticed. Meanwhile ``--busy``
processes (default 3) of ``yes > /dev/null`` keep the cores busy, as other
builds on a shared machine do: timing then varies, and with it how a
notebook's kernel flushes its output. They are stopped when the script
ends, however it ends.

Prints each build's time and the files that differ from the first build's
(or that only one of them has), and exits 1 if any build differed or
failed. ``make repro`` runs it; expect ten times a clean build.
"""

from __future__ import annotations

import argparse
import filecmp
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def build(where: Path, seed: int) -> tuple[Path | None, float, str]:
    """One clean build into ``where/site``: the site (None if it failed),
    the seconds it took, and the end of its log."""
    env = os.environ | {
        "HANDGRAD_CACHE_DIR": str(where / "cache"),
        "PYTHONHASHSEED": str(seed),
        "NO_MKDOCS_2_WARNING": "1",
    }
    site = where / "site"
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site)]
    start = time.perf_counter()
    done = subprocess.run(
        command, cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )
    seconds = time.perf_counter() - start
    return (site if done.returncode == 0 else None), seconds, done.stderr[-3000:]


def differences(first: Path, other: Path) -> list[str]:
    """The files of two sites that differ, or that only one of them has."""
    ours = {p.relative_to(first) for p in first.rglob("*") if p.is_file()}
    theirs = {p.relative_to(other) for p in other.rglob("*") if p.is_file()}
    found = [f"only in the first build: {p}" for p in sorted(ours - theirs)]
    found += [f"only in this build: {p}" for p in sorted(theirs - ours)]
    _, mismatch, errors = filecmp.cmpfiles(
        first, other, sorted(map(str, ours & theirs)), shallow=False
    )
    return found + [
        f"differs: {p}{first_difference(first / p, other / p)}"
        for p in mismatch + errors
    ]


def first_difference(one: Path, other: Path) -> str:
    """Where two text files first differ, as a few characters of each."""
    try:
        a, b = one.read_text(encoding="utf-8"), other.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return ""
    pairs = enumerate(zip(a, b, strict=False))
    at = next((i for i, (x, y) in pairs if x != y), min(len(a), len(b)))
    start = max(at - 60, 0)
    return f"\n      {a[start : at + 60]!r}\n      {b[start : at + 60]!r}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--builds", type=int, default=10, help="how many builds")
    parser.add_argument("--busy", type=int, default=3, help="how many `yes` processes")
    args = parser.parse_args(argv)
    if args.builds < 2 or args.busy < 0:
        parser.error(
            f"expected --builds >= 2 and --busy >= 0, got {args.builds}, {args.busy}"
        )
    # SIGTERM ends the script through the `finally` below, like Ctrl-C.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    busy = [
        subprocess.Popen(["yes"], stdout=subprocess.DEVNULL) for _ in range(args.busy)
    ]
    failed = 0
    try:
        with tempfile.TemporaryDirectory(prefix="repro-") as tmp:
            print(f"{args.builds} clean builds, {len(busy)} `yes` processes running")
            first = None
            for number in range(1, args.builds + 1):
                site, seconds, log = build(Path(tmp, str(number)), seed=number)
                if site is None:
                    failed += 1
                    print(f"build {number:2}: FAILED after {seconds:.0f} s\n{log}")
                    continue
                if first is None:
                    first = site
                    print(f"build {number:2}: {seconds:5.1f} s, the reference")
                    continue
                found = differences(first, site)
                failed += bool(found)
                verdict = "DIFFERS" if found else "identical"
                print(f"build {number:2}: {seconds:5.1f} s, {verdict}", flush=True)
                for line in found:
                    print(f"    {line}")
                shutil.rmtree(site.parent)
    finally:
        for process in busy:
            process.terminate()
        for process in busy:
            process.wait()
    if failed:
        print(f"{failed} of {args.builds} builds failed or differed from the first")
        return 1
    print(f"all {args.builds} builds are byte-identical")
    return 0


if __name__ == "__main__":
    sys.exit(main())
