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

    python tools/values.py SCRIPT [SCRIPT ...]   # the worker: values as JSON
"""

from __future__ import annotations

import difflib
import json
import os
import re
import sys
from pathlib import Path

from scripts import digest, run_python, shares

PLACEHOLDER = re.compile(r"\{\{ +(?P<name>[A-Za-z_]\w*)(?::(?P<spec>[^}\s]+))? +\}\}")


class ValuesError(RuntimeError):
    """A values script failed, or a page asks for a value that does not exist."""


def load_values(
    scripts: list[Path], package_dir: Path, cache_dir: Path
) -> dict[str, dict[str, object]]:
    """The values each script defines, keyed by the script's stem (its page),
    from the cache or from running the script. Raises :class:`ValuesError`
    with the script's name and traceback if one fails."""
    cache_dir.mkdir(parents=True, exist_ok=True)
    found: dict[str, dict[str, object]] = {}
    stale: list[tuple[Path, Path, str]] = []
    for script in scripts:
        cached = cache_dir / f"{script.stem}.json"
        key = digest([script, Path(__file__)], package_dir)
        stored = json.loads(cached.read_text()) if cached.is_file() else {}
        if stored.get("key") == key:
            found[script.stem] = stored["values"]
        else:
            stale.append((script, cached, key))
    jobs = shares(stale)
    commands = [[__file__, *(str(script) for script, _, _ in job)] for job in jobs]
    for share, done in zip(jobs, run_python(commands), strict=True):
        if done.returncode != 0:
            raise ValuesError(done.stderr.strip())
        computed = json.loads(done.stdout)
        for script, cached, key in share:
            found[script.stem] = computed[str(script)]
            record = {"key": key, "values": found[script.stem]}
            # Whole or not at all: the tests read it while a build writes.
            partial = cached.with_suffix(f".{os.getpid()}.part")
            partial.write_text(json.dumps(record, sort_keys=True))
            partial.replace(cached)
    return found


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
    """The line of the values script ``source`` that first assigns ``name``
    (``name = ...``, ``a, name = ...``), or None."""
    assigns = rf"^(?:[\w \t,]*,[ \t]*)?{re.escape(name)}\b[\w \t,]*(?::[^=\n]*)?=(?!=)"
    found = re.search(assigns, source, re.M)
    return source.count("\n", 0, found.start()) + 1 if found else None


def _collect(script: Path) -> dict[str, object]:
    """The worker: run ``script`` and keep its public numbers and strings."""
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
    return values


def _collect_all(scripts: list[str]) -> int:
    """The worker: the values of each script in turn, as one JSON object."""
    import traceback

    computed = {}
    for script in scripts:
        try:
            computed[script] = _collect(Path(script))
        except Exception:
            print(f"values script {script} failed:", file=sys.stderr)
            traceback.print_exc()
            return 1
    print(json.dumps(computed, sort_keys=True))
    return 0


if __name__ == "__main__":
    sys.exit(_collect_all(sys.argv[1:]))
