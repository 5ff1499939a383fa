"""Notebooks as pages of the site: a jupytext script in, a page and a download
out. No MkDocs here.

The notebooks live in the repository as jupytext percent scripts
(``docs/notebooks/<name>.py``). mkdocs-jupyter runs each one and renders it
with nbconvert; this module does the rest.

- :func:`broken_links`: before a notebook runs, each relative link in its
  Markdown cells must lead to a page or file of the site. MkDocs checks the
  links of Markdown pages, but not those in a notebook's HTML.
- :func:`cell_error`: a cell that raised, told once, at the notebook's line,
  with the kernel's traceback (``jupyter/``, the Jupyter settings of the
  build, turns its colours off).
- :func:`clean_html`: nbconvert's page made fit for this site, which ships
  neither MathJax nor JupyterLab's styles. It drops the stylesheets before
  the notebook (about 600 KB of CSS per page, most of the page's weight and a
  long style recalculation on a phone: ``extra.css`` styles the few notebook
  classes used instead) and the scripts that would load MathJax and Mermaid
  from a CDN; numbers the cells, whose random ids would make two builds
  differ; and gives each figure the alt text its cell states (``# %%
  alt="what the figure shows"``), where nbconvert writes "No description has
  been provided for this image" on all of them.
- :func:`render_maths`: the ``$`` maths of the Markdown cells, rendered with
  KaTeX (``mathrender.py``) as the pages' own.
- :func:`percent_script_to_ipynb`: the ``.ipynb`` a reader downloads, with no
  outputs, a Python 3 kernel and cells numbered ``cell-1``, ``cell-2``, ...
  rather than nbformat's random ids, so that two builds stay identical.
"""

from __future__ import annotations

import bisect
import difflib
import posixpath
import re
from html import escape, unescape
from pathlib import PurePosixPath
from urllib.parse import unquote, urlsplit

import jupytext
import markdown
import markup
import nbformat
from mathrender import render_tex

KERNELSPEC = {"display_name": "Python 3", "language": "python", "name": "python3"}
LINK_TEXT = "Download this notebook (.ipynb)"
# What nbconvert writes on an image that has no alt text of its own.
PLACEHOLDER_ALT = "No description has been provided for this image"
# Maths is looked for only outside code, outputs, scripts and styles.
_NOT_MATHS = frozenset({"pre", "code", "script", "style", "textarea"})
_DISPLAY = re.compile(r"\$\$(.+?)\$\$", re.S)
_INLINE = re.compile(r"(?<![\\$])\$(?!\s)([^$\n]+?)(?<![\s\\])\$(?!\$)")
_CELL_LINE = re.compile(r"^Cell In\[\d+\], line (\d+)", re.M)
_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


def _cells(script: str) -> list[tuple[nbformat.NotebookNode, int]]:
    """The cells of a percent script, each with the line of its ``# %%``."""
    notebook = jupytext.reads(script, fmt="py:percent")
    markers = [
        number
        for number, line in enumerate(script.splitlines(), start=1)
        if line.startswith("# %%")
    ]
    missing = len(notebook.cells) - len(markers)  # a cell before the first marker
    return list(zip(notebook.cells, [1] * missing + markers, strict=False))


def broken_links(script: str, where: str, page_url: str, urls: set[str]) -> list[str]:
    """Each link of the notebook ``script`` (the page ``where``, published at
    ``page_url`` such as ``notebooks/x/``) that leads to none of the site's
    ``urls`` (pages as ``chain-rule/``, files as ``figures/plot_x.svg``), as
    a message naming the line and what to write instead."""
    known = {posixpath.normpath(url or ".") for url in urls}
    problems, seen = [], []
    for cell, _ in _cells(script):
        if cell.cell_type != "markdown":
            continue
        page = markup.parse(markdown.markdown(cell.source))
        for element in page.find("a") + page.find("img"):
            href = element.attrs.get("href" if element.tag == "a" else "src") or ""
            split = urlsplit(href)
            if split.scheme or split.netloc or not split.path:
                continue  # another site, or a place on this page
            seen.append(href)
            line = markup.line_of(script, f"({href}", seen.count(href))
            line = line or markup.line_of(script, href, seen.count(href))
            here = f"{where}:{line}" if line else where
            if split.path.startswith("/"):
                problems.append(
                    f"{here}: the link {href} starts at the server's root, which is"
                    " not the site's on GitHub Pages: write it relative to"
                    f" {page_url}"
                )
                continue
            target = posixpath.normpath(posixpath.join(page_url, unquote(split.path)))
            if target in known:
                continue
            close = difflib.get_close_matches(target, known, n=1, cutoff=0.5)
            fix = ""
            if close:
                url = posixpath.relpath(close[0], page_url)
                url += "/" if f"{close[0]}/" in urls or close[0] == "." else ""
                fix = f"; write {url}{'#' + split.fragment if split.fragment else ''}"
            problems.append(
                f"{here}: the link {href} leads nowhere: from this notebook's page,"
                f" {page_url}, it points at {target}/, which the site does not"
                f" have{fix} (a link is relative to the page's address, not to"
                " the notebook's file)"
            )
    return problems


def cell_error(error: Exception, script: str, where: str) -> str:
    """What a cell that raised (nbclient's ``CellExecutionError``) says, once:
    the line of the notebook, the kernel's traceback, and what to do."""
    traceback = _ANSI.sub("", getattr(error, "traceback", "") or str(error))
    name = getattr(error, "ename", type(error).__name__)
    value = _ANSI.sub("", getattr(error, "evalue", "") or "")
    # nbclient's message shows the cell's source between two rules.
    parts = str(error).split("-" * 18 + "\n")
    source = parts[1].rstrip("\n") if len(parts) > 2 else ""
    at = script.find(source) if source else -1
    line = script.count("\n", 0, at) + 1 if at >= 0 else None
    inside = _CELL_LINE.search(traceback)
    if line and inside:
        line += int(inside[1]) - 1
    here = f"{where}:{line}" if line else where
    return (
        f"{here}: a cell raised {name}: {value}\n{traceback.strip()}\n"
        "The notebook runs from top to bottom on every build; fix that cell (or"
        " the library it calls), and run the notebook again with `make serve`."
    )


def clean_html(html: str, script: str, where: str) -> str:
    """nbconvert's HTML of the notebook ``script`` (the page ``where``), made
    fit for the site (see the module's docstring). Raises ValueError naming
    the line of a cell that draws a figure but states no alt text."""
    page = markup.parse(html)
    wrappers = page.find("div", "jupyter-wrapper")
    if not wrappers:
        raise ValueError(f"{where}: no <div class='jupyter-wrapper'> from nbconvert")
    wrapper = wrappers[0]
    edits = [
        (node.start, node.end, "")
        for node in page.root.children
        if node.end <= wrapper.start and not (node.tag == "script" and not node.attrs)
    ]
    edits += [
        (start, end, "")
        for start, end in page.spans
        if end <= wrapper.start and html.startswith("<!--", start)
    ]
    code_cells = [(c, line) for c, line in _cells(script) if c.cell_type == "code"]
    numbered = [e for e in wrapper.walk() if "jp-Cell" in e.classes and "id" in e.attrs]
    rendered = [e for e in numbered if "jp-CodeCell" in e.classes]
    if len(rendered) != len(code_cells):
        raise ValueError(
            f"{where}: nbconvert rendered {len(rendered)} code cells, the script"
            f" has {len(code_cells)}"
        )
    for element, (cell, line) in zip(rendered, code_cells, strict=True):
        edits += _describe_figures(element, cell, f"{where}:{line}")
    edits += [
        (e.start, e.inner, markup.start_tag(e.tag, {**e.attrs, "id": f"nb-cell-{n}"}))
        for n, e in enumerate(numbered, start=1)
    ]
    return markup.replace(html, edits)


def _describe_figures(element: markup.Element, cell, here: str):
    """The edits that give the figures of a code cell the alt text its
    ``# %%`` line states."""
    for image in element.walk():
        if image.tag != "img" or image.attrs.get("alt") != PLACEHOLDER_ALT:
            continue
        if not str(cell.metadata.get("alt", "")).strip():
            raise ValueError(
                f"{here}: this cell draws a figure with no alt text: open it with"
                ' # %% alt="what the figure shows"'
            )
        attrs = {**image.attrs, "alt": cell.metadata["alt"]}
        yield image.start, image.inner, markup.start_tag("img", attrs)


def render_maths(html: str) -> str:
    """A notebook page's HTML with the ``$`` and ``$$`` maths of its Markdown
    cells rendered by KaTeX. Raises ``mathrender.MathError``."""
    page = markup.parse(html)
    wrapper = page.find("div", "jupyter-wrapper")[0]
    skip = sorted((e.start, e.end) for e in wrapper.walk() if e.tag in _NOT_MATHS)
    starts, edits = [start for start, _ in skip], []
    for start, end in page.text_runs(wrapper):
        before = bisect.bisect_right(starts, start) - 1
        if before >= 0 and skip[before][1] > start:
            continue  # inside code, an output, a script or a style
        text = html[start:end]
        if "$" in text:
            edits.append((start, end, _render_dollars(text)))
    return markup.replace(html, edits)


def _render_dollars(text: str) -> str:
    text = _DISPLAY.sub(
        lambda m: render_tex(unescape(m[1]).strip(), display=True), text
    )
    return _INLINE.sub(lambda m: render_tex(unescape(m[1]), display=False), text)


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


def download_link(href: str) -> str:
    """The HTML of the download link shown at the top of a notebook page."""
    return (
        '<p class="hg-notebook-download">'
        f'<a href="{escape(href)}" download>{LINK_TEXT}</a></p>\n'
    )
