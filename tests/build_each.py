"""``mkdocs build --strict`` in each folder given, one after the other, in
this one Python, as the command line runs it there: each build's output
(stdout and stderr, in order) in ``FOLDER/build.log``, its exit code in
``FOLDER/build.code``. Each folder's environment is this process's with
HANDGRAD_CACHE_DIR set to ``FOLDER/cache``.

MkDocs, its plugins and the build's own Pythons (tools/scripts.py) are
imported and started once for all the builds instead of once per build:
tests/test_build_faults.py builds six small sites, and a new Python per
build spent about 2.5 s of CPU on imports alone.

    python tests/build_each.py FOLDER [FOLDER ...]
"""

import logging
import os
import sys
from pathlib import Path

from mkdocs.__main__ import cli


def build_in(folder: Path) -> int:
    """``mkdocs build --strict`` run in ``folder``; its exit code."""
    os.chdir(folder)
    os.environ["HANDGRAD_CACHE_DIR"] = str(folder / "cache")
    mkdocs = logging.getLogger("mkdocs")
    for handler in list(mkdocs.handlers):  # an earlier build's, not yet collected
        if handler.name == "MkDocsStreamHandler":
            mkdocs.removeHandler(handler)
    with (folder / "build.log").open("wb") as log:
        sys.stdout.flush()
        sys.stderr.flush()
        os.dup2(log.fileno(), 1)
        os.dup2(log.fileno(), 2)
        try:
            cli.main(["build", "--strict"], prog_name="mkdocs")
        except SystemExit as exit:
            code = exit.code if isinstance(exit.code, int) else 1
        else:  # pragma: no cover - click always exits in standalone mode
            code = 0
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
    (folder / "build.code").write_text(str(code))
    return code


if __name__ == "__main__":
    for name in sys.argv[1:]:
        build_in(Path(name).resolve())
