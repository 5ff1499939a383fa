"""A notebook's text source as the ``.ipynb`` a reader downloads. No MkDocs here.

The notebooks live in the repository as jupytext percent scripts
(``docs/notebooks/<name>.py``); readers who want to run one in Jupyter get
``notebooks/<name>.ipynb``, converted at build time by
:func:`percent_script_to_ipynb`: no outputs (the reader runs it), a Python 3
kernel, and cell ids ``cell-1``, ``cell-2``, ... rather than nbformat's
random ones, so two builds of the site stay byte-identical.
"""

from __future__ import annotations

from html import escape
from pathlib import PurePosixPath

import jupytext
import nbformat

KERNELSPEC = {"display_name": "Python 3", "language": "python", "name": "python3"}
LINK_TEXT = "Download this notebook (.ipynb)"


def ipynb_uri(src_uri: str) -> str:
    """Where the ``.ipynb`` of the notebook at ``src_uri`` is published."""
    return PurePosixPath(src_uri).with_suffix(".ipynb").as_posix()


def percent_script_to_ipynb(text: str) -> str:
    """Convert a jupytext percent script to ``.ipynb`` JSON (nbformat 4).

    The same ``text`` always gives the same bytes.
    """
    notebook = jupytext.reads(text, fmt="py:percent")
    notebook.metadata = nbformat.from_dict(
        {"kernelspec": KERNELSPEC, "language_info": {"name": "python"}}
    )
    for number, cell in enumerate(notebook.cells, start=1):
        cell.id = f"cell-{number}"
        cell.metadata = nbformat.from_dict({})
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
    nbformat.validate(notebook)
    return nbformat.writes(notebook) + "\n"


def download_link(href: str, install_command: str | None = None) -> str:
    """The HTML of the download link shown at the top of a notebook page, and
    with ``install_command`` the one command that installs what it imports."""
    link = f'<a href="{escape(href)}" download>{LINK_TEXT}</a>'
    if install_command:
        link += (
            ". To run it in your own Python, install handgrad first: "
            f"<code>{escape(install_command)}</code>"
        )
    return f'<p class="hg-notebook-download">{link}</p>\n'
