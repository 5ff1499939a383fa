"""Nothing on a page escapes testing (tools/fences.py).

pytest-codeblocks runs only fences whose info string is exactly ``python``,
``sh`` or ``bash``; it silently skips ``py``, ``python3``, ``pycon``,
``python title="..."`` and any ``~~~`` fence. The build fails on those; this
checks the check, and the README, which is not a page. It also checks what a
failing fence reports (tests/fence_report.py).
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from fence_report import HOW_BLOCKS_RUN, failure_report
from fences import untested

ROOT = Path(__file__).resolve().parent.parent
PAGES = [*sorted((ROOT / "docs").rglob("*.md")), ROOT / "README.md"]


@pytest.mark.parametrize("page", PAGES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_python_fence_is_one_pytest_codeblocks_runs(page):
    assert untested(page.read_text(encoding="utf-8"), page.name) == []


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
def test_the_check_names_the_line_and_the_fix_for_each_skipped_form(fence):
    found = untested(f"text\n{fence}\nprint(1)\n```\n", "docs/x.md")
    assert len(found) == 1
    assert found[0].startswith(f"docs/x.md:2: the tests skip a {fence.strip()} fence")
    assert f"write {fence[: len(fence) - len(fence.lstrip())]}```python" in found[0]


def test_a_plain_python_fence_passes():
    assert untested("```python\nprint(1)\n```\n\n```text\n~~~py\n```\n", "x") == []


def test_a_failed_assert_names_the_page_line_its_code_and_the_fix():
    code = "x = 2\ny = x + 1\nassert y == 4\n"
    try:
        exec(code, {})
    except AssertionError as inner:
        error = RuntimeError("line 35, line 35:")
        error.__context__ = inner
    report = failure_report("docs/x.md", 35, code, error)
    lines = report.splitlines()
    assert lines[0] == "docs/x.md:38: AssertionError in `assert y == 4`"
    assert 'File "docs/x.md", line 38' in report
    assert "Traceback (most recent call last):" in report
    assert report.endswith(HOW_BLOCKS_RUN)


def test_an_exception_deeper_down_shows_the_whole_traceback():
    code = "import json\n\njson.loads('{')\n"
    try:
        exec(code, {})
    except ValueError as inner:
        error = RuntimeError("line 9, line 9:")
        error.__context__ = inner
    report = failure_report("docs/y.md", 9, code, error)
    assert report.splitlines()[0].startswith(
        "docs/y.md:12: json.decoder.JSONDecodeError"
    )
    assert "json/decoder.py" in report  # where it was raised, below the page's line


def test_pytest_prints_the_report_for_a_failing_fence(tmp_path):
    """The whole way: pytest-codeblocks runs a page, the plugin reports."""
    page = tmp_path / "page.md"
    page.write_text("# Page\n\n```python\nvalue = 0.5\nassert value > 1\n```\n")
    command = ["pytest", "--codeblocks", "-p", "fence_report", "-p", "no:cacheprovider"]
    done = subprocess.run(
        [sys.executable, "-m", *command, "-ra", "page.md"],
        cwd=tmp_path,
        env=os.environ | {"PYTHONPATH": str(ROOT / "tests")},
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 1, done.stdout
    assert "page.md:5: AssertionError in `assert value > 1`" in done.stdout
    assert "FAILED page.md::line 3 - page.md:5: AssertionError" in done.stdout
    assert "fresh Python" in done.stdout
