"""Code on a page is code under test: the fences the tests would skip. No
MkDocs here.

pytest-codeblocks runs only the fences whose info string is exactly
``python``, ``sh`` or ``bash``; it silently skips ``py``, ``python3``,
``pycon``, ``python title="..."`` and any ``~~~`` fence. :func:`untested`
finds those, and the build fails on them, so that a snippet cannot go
untested by accident. (What a failing fence reports is the tests' concern:
``tests/fence_report.py``.)
"""

from __future__ import annotations

import re

FENCE = re.compile(r"^\s*(?P<marker>`{3,}|~{3,})\s*(?P<info>[^`\n]*?)\s*$")
PYTHONISH = re.compile(r"^(py|python|python3|pycon|ipython|ipython3)\b", re.I)


def untested(text: str, where: str) -> list[str]:
    """The fences of the Markdown ``text`` (the file ``where``) that look like
    Python but pytest-codeblocks skips, each as a message with the fix."""
    found, open_marker = [], None
    for number, line in enumerate(text.splitlines(), start=1):
        match = FENCE.match(line)
        if not match:
            continue
        marker, info = match["marker"], match["info"]
        if open_marker is not None:
            closes = marker[0] == open_marker[0] and len(marker) >= len(open_marker)
            if closes and not info:
                open_marker = None
            continue
        open_marker = marker
        if PYTHONISH.match(info) and (marker[0] == "~" or info != "python"):
            indent = line[: len(line) - len(line.lstrip())]
            found.append(
                f"{where}:{number}: the tests skip a {line.strip()} fence, so its"
                f" code would go untested: write {indent}```python (exactly that,"
                " with backticks), or ```text for what is not code to run"
            )
    return found
