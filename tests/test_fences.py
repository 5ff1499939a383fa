"""Nothing on a page escapes testing.

pytest-codeblocks runs only fences whose info string is exactly ``python``,
``sh`` or ``bash``; it silently skips ``py``, ``python3``, ``pycon``,
``python title="..."`` and any ``~~~`` fence. This test fails on those, so a
snippet cannot go untested by accident.
"""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PAGES = [*sorted((ROOT / "docs").rglob("*.md")), ROOT / "README.md"]

FENCE = re.compile(r"^\s*(?P<marker>`{3,}|~{3,})\s*(?P<info>[^`\n]*?)\s*$")
PYTHONISH = re.compile(r"^(py|python|python3|pycon|ipython|ipython3)\b", re.I)


def escaped_fences(text: str) -> list[str]:
    """The fences in ``text`` that look like Python but pytest-codeblocks skips."""
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
            found.append(f"line {number}: {line.strip()}")
    return found


@pytest.mark.parametrize("page", PAGES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_python_fence_is_one_pytest_codeblocks_runs(page):
    assert escaped_fences(page.read_text(encoding="utf-8")) == []


@pytest.mark.parametrize(
    "fence",
    [
        "```py",
        "```python3",
        "```pycon",
        '```python title="x.py"',
        "~~~python",
        "    ```py",
        '``` python hl_lines="1"',
    ],
)
def test_the_check_catches_each_skipped_form(fence):
    assert escaped_fences(f"text\n{fence}\nprint(1)\n```\n") != []


def test_a_plain_python_fence_passes():
    assert escaped_fences("```python\nprint(1)\n```\n\n```text\n~~~py\n```\n") == []
