"""A pytest plugin (``-p fence_report`` in pyproject.toml): what a page's
fence that fails reports.

pytest-codeblocks reports the fence's line and the exception's message,
which a failed ``assert`` leaves empty: ``line 35, line 35:``. This reports
the page's line that raised, the exception, the traceback with the page's
lines, and the fix.
"""

from __future__ import annotations

import subprocess
import traceback
from pathlib import Path

import pytest

HOW_BLOCKS_RUN = (
    "Fix the block, or the claim it checks. It runs on its own, in a fresh Python"
    " with NumPy, Matplotlib and handgrad (CONTRIBUTING.md, 'Code blocks on a"
    " page'), so it makes its own imports and data; a block that cannot run"
    ' alone has <!--pytest.mark.skip(reason="...")--> on the line above it.'
)


def failure_report(path: str, fence_line: int, code: str, error: BaseException) -> str:
    """What a failed fence of the page ``path`` reports: the fence opens on
    ``fence_line`` and holds ``code``; ``error`` is what pytest-codeblocks
    raised (it wraps a Python block's exception, which is kept as the
    context)."""
    if isinstance(error, subprocess.CalledProcessError):
        output = (error.stdout or b"") + (error.stderr or b"")
        return (
            f"{path}:{fence_line}: the shell block exited with status"
            f" {error.returncode}:\n{output.decode(errors='replace').strip()}"
        )
    cause = error.__context__
    if cause is None:  # not an exception of the code: its output differed
        return f"{path}:{fence_line}: {error}"
    lines = code.splitlines()
    frames, failed_at, failing = [], fence_line, ""
    for frame in traceback.extract_tb(cause.__traceback__):
        if frame.filename == "<string>" and frame.lineno:  # the block's code
            failed_at = fence_line + frame.lineno
            failing = (
                lines[frame.lineno - 1].strip() if frame.lineno <= len(lines) else ""
            )
            frames.append(f'  File "{path}", line {failed_at}\n    {failing}')
        elif "pytest_codeblocks" not in frame.filename:
            frames.append("".join(traceback.format_list([frame])).rstrip())
    what = "".join(traceback.format_exception_only(cause)).strip()
    return "\n".join(
        [
            f"{path}:{failed_at}: {what}" + (f" in `{failing}`" if failing else ""),
            f"The python block from line {fence_line} failed.",
            "Traceback (most recent call last):",
            *frames,
            what,
            HOW_BLOCKS_RUN,
        ]
    )


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """A pytest hook (``conftest.py`` imports it): a failed fence of a page
    reports :func:`failure_report`."""
    report = yield
    block = getattr(item, "obj", None)
    if report.failed and call.excinfo and type(item).__name__ == "TestBlock":
        path = Path(item.path).relative_to(item.config.rootpath).as_posix()
        report.longrepr = failure_report(
            path, block.lineno, block.code, call.excinfo.value
        )
    return report
