"""Does ``uv.lock`` hold a wheel of a package that this Python can install?

``make torch`` asks before it installs PyTorch. The pinned torch release has
wheels for the Pythons that existed when it came out; on a newer one pip
finds nothing to install (or tries to build the source), so ``make torch``
skips instead, saying why, and the tests that compare against PyTorch skip.

The lock lists every wheel of every locked package (PyPI's builds: PyTorch's
CPU index has a ``+cpu`` build for each of the same Pythons), so the answer
needs no network. Nothing here knows about MkDocs.

    python tools/lock_wheels.py NAME [LOCK]   # exit 0: a wheel fits; 1: none;
                                              # 2: no such package or lock
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path

import tomllib
from packaging.tags import Tag, sys_tags
from packaging.utils import parse_wheel_filename

LOCK = Path(__file__).resolve().parent.parent / "uv.lock"


def locked_wheels(lock_text: str, name: str) -> tuple[str, list[str]]:
    """The locked version of ``name`` and the file names of its wheels.

    Raises :class:`LookupError` naming the package when the lock has none.
    """
    packages = tomllib.loads(lock_text).get("package", [])
    found = [p for p in packages if p.get("name") == name]
    if not found:
        raise LookupError(f"no package named {name!r} in the lock")
    versions = sorted({p["version"] for p in found})
    wheels = [w["url"].rsplit("/", 1)[-1] for p in found for w in p.get("wheels", [])]
    return ", ".join(versions), wheels


def fitting_wheels(wheels: Iterable[str], supported: Iterable[Tag]) -> list[str]:
    """The wheel file names among ``wheels`` that a Python with ``supported``
    tags (``packaging.tags.sys_tags()``, best first) can install."""
    supported = set(supported)
    return [w for w in wheels if parse_wheel_filename(w)[3] & supported]


def main(argv: list[str]) -> int:
    if len(argv) not in (1, 2):
        print("usage: python tools/lock_wheels.py NAME [LOCK]", file=sys.stderr)
        return 2
    name, lock = argv[0], Path(argv[1]) if len(argv) == 2 else LOCK
    try:
        version, wheels = locked_wheels(lock.read_text(encoding="utf-8"), name)
    except (OSError, LookupError, tomllib.TOMLDecodeError) as error:
        print(f"lock_wheels: {lock}: {error}", file=sys.stderr)
        return 2
    if fitting_wheels(wheels, sys_tags()):
        return 0
    python = ".".join(map(str, sys.version_info[:2]))
    tag = next(iter(sys_tags()))
    print(
        f"{name} {version} has no wheel for Python {python} ({tag}) in {lock.name}: "
        f"skipping {name}; the tests that need it will skip, saying so."
    )
    return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
