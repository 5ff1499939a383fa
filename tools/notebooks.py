"""Notebooks as pages: a jupytext script in, a page and a download out.
No MkDocs here. :func:`execute` runs each ``docs/notebooks/<name>.py`` in
a Jupyter kernel, in the background with the figure scripts (``scripts.py``,
cached under the same key), and mkdocs-jupyter renders the notebook it ran
with nbconvert; this module does the rest:

- :func:`broken_links`: a notebook's links are checked before it runs
  (MkDocs checks those of Markdown pages, not of a notebook's HTML).
- :func:`cell_error`: a cell that raised, told once, at the notebook's line.
- :func:`clean_html` drops what this site must not ship: nbconvert's
  stylesheets (600 KB of JupyterLab CSS per page, most of its weight and a
  long style recalculation on a phone; ``extra.css`` styles the classes
  used) and the scripts that load MathJax and Mermaid from a CDN. It
  numbers the cells, whose random ids would make two builds differ, and
  gives each figure the alt text its cell states (``# %% alt="..."``)
  instead of nbconvert's "No description has been provided for this image".
- :func:`dollar_maths`: the Markdown cells' ``$`` maths, rendered by Temml.
- :func:`percent_script_to_ipynb`: the ``.ipynb`` a reader downloads, with no
  outputs and cells numbered rather than randomly named.
"""

from __future__ import annotations

import difflib
import posixpath
import re
import tempfile
from html import escape, unescape
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

import jupytext
import markdown
import markup
import nbformat
from mathrender import render_tex
from nbclient.exceptions import CellExecutionError
from scripts import digest, one_core, raise_if_stopped

# Jupyter's settings for the notebooks the build runs (jupyter/*.py says why).
JUPYTER = Path(__file__).resolve().parent / "jupyter"

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


class NotebookError(RuntimeError):
    """A notebook's cell raised."""


def execute(script: Path, where: str, package_dir: Path, cache_dir: Path) -> Path:
    """The notebook ``script`` (the page ``where``) as it ran, top to bottom,
    saved in ``cache_dir``; run again only when its cache key
    (``scripts.py``) changed. Raises :class:`NotebookError` with
    :func:`cell_error`'s message, and stops at the next cell once the build
    has (``scripts.stop``).

    It runs in a Jupyter kernel, a process that holds one of the build's
    cores (``scripts.one_core``), from this process: as nbconvert runs a
    notebook, with the build's settings (``jupyter/``)."""
    from nbconvert.nbconvertapp import NbConvertApp
    from nbconvert.preprocessors import ExecutePreprocessor

    cache_dir.mkdir(parents=True, exist_ok=True)
    ran, stamp = cache_dir / f"{script.stem}.ipynb", cache_dir / f"{script.stem}.sha256"
    settings = sorted([*JUPYTER.glob("*.py"), *JUPYTER.glob("kernels/*/kernel.json")])
    key = digest([script, Path(__file__), *settings], package_dir)
    if ran.is_file() and stamp.is_file() and stamp.read_text() == key:
        return ran
    stamp.unlink(missing_ok=True)
    app = NbConvertApp()
    app.load_config_file()  # from JUPYTER, where the build points Jupyter
    notebook = jupytext.read(script)
    try:
        # The kernel's sockets in a folder of their own: two notebooks that
        # run at once would otherwise share the files and read each other.
        with one_core(), tempfile.TemporaryDirectory() as sockets:
            app.config.KernelManager.ip = str(Path(sockets) / "kernel")
            runner = ExecutePreprocessor(config=app.config, record_timing=False)
            runner.on_cell_start = lambda **_: raise_if_stopped()
            runner.preprocess(notebook, {})
    except CellExecutionError as error:
        text = script.read_text(encoding="utf-8")
        raise NotebookError(cell_error(error, text, where)) from None
    nbformat.write(notebook, ran)
    stamp.write_text(key)
    return ran


def _cells(script: str) -> list[tuple[nbformat.NotebookNode, int]]:
    """The cells of a percent script, each with the line of its ``# %%``."""
    notebook = jupytext.reads(script, fmt="py:percent")
    lines = enumerate(script.splitlines(), start=1)
    markers = [number for number, line in lines if line.startswith("# %%")]
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
            target = posixpath.normpath(posixpath.join(page_url, unquote(split.path)))
            if target in known:
                continue
            close = difflib.get_close_matches(target, known, n=1, cutoff=0.5)
            fix = ""
            if close:
                slash = "/" if f"{close[0]}/" in urls or close[0] == "." else ""
                fix = f"; write {posixpath.relpath(close[0], page_url)}{slash}"
            problems.append(
                f"{here}: the link {href} leads nowhere: from this notebook's page,"
                f" {page_url}, it points at {target}/, which the site does not"
                f" have{fix} (a link is relative to the page's address, not to"
                " the notebook's file)"
            )
    return problems


def cell_error(error: CellExecutionError, script: str, where: str) -> str:
    """What a cell that raised says, once: the line of the notebook, the
    kernel's traceback, and what to do."""
    traceback = _ANSI.sub("", error.traceback).strip()
    parts = str(error).split("-" * 18 + "\n")  # the cell's source between rules
    line = markup.line_of(script, parts[1].rstrip("\n")) if len(parts) > 2 else None
    inside = _CELL_LINE.search(traceback)
    if line and inside:
        line += int(inside[1]) - 1
    return (
        f"{where}{f':{line}' if line else ''}: a cell raised {error.ename}:"
        f" {error.evalue}\n"
        f"{traceback}\nThe notebook runs from top to bottom on every build; fix"
        " that cell (or the library it calls), and see it run with `make serve`."
    )


def clean_html(html: str, script: str, where: str) -> str:
    """nbconvert's HTML of the notebook ``script`` (the page ``where``), made
    fit for the site (see the module's docstring). Raises ValueError naming
    the line of a cell that draws a figure but states no alt text."""
    page = markup.parse(html)
    wrapper = page.find("div", "jupyter-wrapper")[0]
    # Before the notebook, keep only the copy buttons' two plain scripts.
    head = page.children[: page.children.index(wrapper)]
    scripts = [html[e.start : e.end] for e in head if e.tag == "script" and not e.attrs]
    edits = [(0, wrapper.start, "\n".join([*scripts, ""]))]
    edits.append((wrapper.end, len(html), "\n"))  # and nbconvert's styles after it
    cells = [e for e in wrapper.find(cls="jp-Cell") if "id" in e.attrs]
    code = [(c, line) for c, line in _cells(script) if c.cell_type == "code"]
    rendered = [e for e in cells if "jp-CodeCell" in e.classes]
    if len(rendered) != len(code):
        raise ValueError(
            f"{where}: nbconvert rendered {len(rendered)} code cells of {len(code)}"
        )
    for element, (cell, line) in zip(rendered, code, strict=True):
        for image in element.find("img"):
            if image.attrs.get("alt") != PLACEHOLDER_ALT:
                continue
            if not str(cell.metadata.get("alt", "")).strip():
                raise ValueError(
                    f"{where}:{line}: this cell draws a figure with no alt text:"
                    ' open it with # %% alt="what the figure shows"'
                )
            attrs = {**image.attrs, "alt": cell.metadata["alt"]}
            edits.append((image.start, image.inner, markup.start_tag("img", attrs)))
    edits += [
        (e.start, e.inner, markup.start_tag(e.tag, {**e.attrs, "id": f"nb-cell-{n}"}))
        for n, e in enumerate(cells, start=1)
    ]
    return markup.replace(html, edits)


def dollar_maths(html: str, tree: markup.Element) -> list[markup.Edit]:
    """The edits of a notebook page's HTML (parsed as ``tree``) that render
    the ``$`` and ``$$`` maths of its Markdown cells. Raises ``MathError``."""
    return [
        (start, end, _render_dollars(html[start:end]))
        for wrapper in tree.find("div", "jupyter-wrapper")
        for start, end in wrapper.text(skip=_NOT_MATHS)
        if "$" in html[start:end]
    ]


def _render_dollars(text: str) -> str:
    text = _DISPLAY.sub(
        lambda m: render_tex(unescape(m[1]).strip(), display=True), text
    )
    return _INLINE.sub(lambda m: render_tex(unescape(m[1]), display=False), text)


def ipynb_uri(src_uri: str) -> str:
    """Where the ``.ipynb`` of the notebook at ``src_uri`` is published."""
    return PurePosixPath(src_uri).with_suffix(".ipynb").as_posix()


def percent_script_to_ipynb(text: str) -> str:
    """A jupytext percent script as ``.ipynb`` JSON: the same bytes each time."""
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
