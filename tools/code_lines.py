"""Tell each code block how many lines it has, so that the page can guess
its height before the block is first shown (``--lines``, read by "Long
pages" in ``docs/assets/extra.css``). No MkDocs here.
"""

from __future__ import annotations

import re

# A code block as pymdownx.highlight writes it, up to the end of its code.
_CODE_BLOCK = re.compile(
    r'<div class="(?P<classes>[^"]*\bhighlight\b[^"]*)">(?P<pre><pre\b.*?</code>)',
    re.S,
)


def mark_code_lines(html: str) -> str:
    """``html`` with ``style="--lines: N"`` on each code block's ``<div>``."""

    def mark(match: re.Match[str]) -> str:
        code = match["pre"][match["pre"].index("<code") : -len("</code>")]
        lines = code.rstrip("\n").count("\n") + 1
        return (
            f'<div class="{match["classes"]}" style="--lines: {lines}">{match["pre"]}'
        )

    return _CODE_BLOCK.sub(mark, html)
