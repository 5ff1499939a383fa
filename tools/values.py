"""Numbers in the prose, computed by the library on every build.

A page ``docs/<page>.md`` may have a script ``docs/values/<page>.py`` that
computes what the page quotes with ``handgrad`` and leaves it in
module-level names: numbers, or text such as a Markdown table. The page
writes ``{{ name }}`` or ``{{ name:.3f }}`` where the number goes; a name
the script does not define fails the build, so a page never shows a stale
or hand-typed value. Scripts run in fresh processes, one per core, each
process running its share of them in turn (so each seeds its own
randomness, as the library's ``seed`` arguments do), and are cached under
the key ``scripts.py`` makes. No MkDocs here.

    python tools/values.py OUT_DIR SCRIPT [SCRIPT ...]   # the worker: values as JSON
"""

from __future__ import annotations

import ast
import difflib
import json
import os
import re
import sys
from pathlib import Path

from scripts import run_stale, worker_main

PLACEHOLDER = re.compile(r"\{\{ +(?P<name>[A-Za-z_]\w*)(?::(?P<spec>[^}\s]+))? +\}\}")


class ValuesError(RuntimeError):
    """A values script failed, or a page asks for a value that does not exist."""


def load_values(
    scripts: list[Path], package_dir: Path, cache_dir: Path
) -> dict[str, dict[str, object]]:
    """The values each script defines, keyed by the script's stem (its page),
    from the cache or from running the script. Raises :class:`ValuesError`
    with the script's name and traceback if one fails."""
    made = {script.stem: cache_dir / f"{script.stem}.json" for script in scripts}
    run_stale(
        __file__, scripts, package_dir, cache_dir, lambda s: [made[s.stem]], ValuesError
    )
    return {stem: json.loads(path.read_text()) for stem, path in made.items()}


def fill(
    markdown: str,
    values: dict[str, object],
    where: str,
    first_line: int = 1,
    script: str = "its values script",
) -> str:
    """Replace each ``{{ name }}`` / ``{{ name:spec }}`` in ``markdown``, the
    text of the page ``where`` from its line ``first_line`` on, by a value
    that ``script`` computed."""

    def replace(match: re.Match[str]) -> str:
        name, spec = match["name"], match["spec"] or ""
        line = first_line + markdown.count("\n", 0, match.start())
        if name not in values:
            close = difflib.get_close_matches(name, values, n=1)
            fix = f"write {{{{ {close[0]} }}}}, or " if close else ""
            known = ", ".join(sorted(values)) or "none"
            raise ValuesError(
                f"{where}:{line}: no value named {name!r} (defined: {known}):"
                f" {fix}define {name} in {script}"
            )
        try:
            return format(values[name], spec)
        except (TypeError, ValueError) as error:
            raise ValuesError(
                f"{where}:{line}: cannot format {name} = {values[name]!r} with"
                f" {spec!r}: {error}; write a format specification such as"
                " {{ " + name + ":.3f }}"
            ) from None

    return PLACEHOLDER.sub(replace, markdown)


def line_defining(source: str, name: str) -> int | None:
    """The line of the values script ``source`` whose statement first
    assigns ``name`` at module level (``name = ...``, ``a, name = ...``,
    ``name: float = ...``), or None."""
    try:
        module = ast.parse(source)
    except SyntaxError:
        return None
    for statement in module.body:
        if isinstance(statement, ast.Assign):
            targets = statement.targets
        elif isinstance(statement, ast.AnnAssign | ast.AugAssign):
            targets = [statement.target]
        else:
            continue
        for target in targets:
            if any(isinstance(n, ast.Name) and n.id == name for n in ast.walk(target)):
                return statement.lineno
    return None


def _write(out_dir: Path, script: Path) -> None:
    """The worker's step for one script: run ``script`` and write its public
    numbers and strings as JSON, whole or not at all (the tests read them
    while a build writes)."""
    import runpy

    import numpy as np

    namespace = runpy.run_path(str(script), run_name="__values__")
    values: dict[str, object] = {}
    for name, value in namespace.items():
        if name.startswith("_"):
            continue
        if isinstance(value, np.generic):
            value = value.item()
        if isinstance(value, bool | int | float | str):
            values[name] = value
    partial = out_dir / f"{script.stem}.{os.getpid()}.part"
    partial.write_text(json.dumps(values, sort_keys=True))
    partial.replace(out_dir / f"{script.stem}.json")


if __name__ == "__main__":
    sys.exit(worker_main(_write, "values script"))
