"""MkDocs glue: the only file in the project that knows about MkDocs.

Each hook hands the work to a generator-independent module in ``tools/``:

- ``on_config``: key the notebook cache as the figures' and values' are
  (``scripts.digest``): mkdocs-jupyter's own key looks only at the notebook.
- ``on_files``: run the values scripts that changed (``values.py``), and
  the figure scripts in the background (``figures.py``) while the pages are
  made; publish the SVGs without writing anything into ``docs/``; publish
  each notebook's ``.ipynb``, converted from its text source
  (``notebook_ipynb.py``).
- ``on_page_markdown``: fill in the numbers a page quotes, computed by
  ``docs/values/<page>.py`` (``values.py``).
- ``on_page_content``: turn each figure into a light and a dark image,
  naming the line and the fix of one without alt text or script; on
  notebook pages, drop nbconvert's remote scripts,
  inline CSS and random ids, render their ``$`` maths and give each figure
  the alt text its cell states (``notebook_html.py``), and put the
  ``.ipynb`` download link at the top.
- ``on_env``: wait for the figures, which MkDocs copies next.
- ``on_post_page``: render every formula with KaTeX at build time
  (``mathrender.py``), so pages ship no maths JavaScript; preload the KaTeX
  fonts of the first screen (``mathfonts.py``) and load its images at once
  (``first_screen.py``); give each code block its
  number of lines (``code_lines.py``). It runs after the search plugin has
  indexed the page, so the index holds the short TeX.
"""

from __future__ import annotations

import os
import shutil
import sys
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

TOOLS = Path(__file__).resolve().parent
ROOT = TOOLS.parent
PACKAGE = ROOT / "src" / "handgrad"
CACHE = Path(os.environ.get("HANDGRAD_CACHE_DIR", ROOT / ".cache"))

sys.path.insert(0, str(TOOLS))
import code_lines  # noqa: E402
import figures  # noqa: E402
import first_screen  # noqa: E402
import mathfonts  # noqa: E402
import mathrender  # noqa: E402
import notebook_html  # noqa: E402
import notebook_ipynb  # noqa: E402
import values  # noqa: E402
from scripts import digest  # noqa: E402

_known_figures: set[str] = set()
_page_values: dict[str, dict[str, object]] = {}
_drawing: Future | None = None  # the figures, drawn in the background


def on_config(config):
    jupyter = config.plugins.get("mkdocs-jupyter")
    if jupyter is not None:
        notebooks = CACHE / "notebooks"
        current = notebooks / digest([], PACKAGE)[:16]
        if notebooks.is_dir():  # drop caches made with older library sources
            for old in notebooks.iterdir():
                if old != current:
                    shutil.rmtree(old, ignore_errors=True)
        jupyter.config["cache_dir"] = str(current)
    return config


def on_files(files, config):
    global _drawing
    docs = Path(config["docs_dir"])
    # The figures are drawn while the pages are made, the notebooks run
    # among them; the SVGs are needed only when the files are copied.
    pool = ThreadPoolExecutor(max_workers=1)
    _drawing = pool.submit(
        figures.build_figures, docs / "figures", PACKAGE, CACHE / "figures"
    )
    pool.shutdown(wait=False)
    try:
        computed = values.load_values(
            sorted((docs / "values").glob("*.py")), PACKAGE, CACHE / "values"
        )
    except values.ValuesError as error:
        raise PluginError(str(error)) from None
    _page_values.clear()
    _page_values.update(computed)
    _known_figures.clear()
    for figure in figures.planned(docs / "figures", CACHE / "figures"):
        _known_figures.add(figure.name)
        for theme, svg in figure.svgs.items():
            uri = f"figures/{figures.svg_name(figure.name, theme)}"
            files.append(File.generated(config, uri, abs_src_path=str(svg)))
    jupyter = config.plugins.get("mkdocs-jupyter")
    for notebook in [f for f in files if jupyter and jupyter.should_include(f)]:
        if notebook.src_uri.endswith(".py"):  # a jupytext script
            text = Path(notebook.abs_src_path).read_text(encoding="utf-8")
            ipynb = notebook_ipynb.percent_script_to_ipynb(text)
            uri = notebook_ipynb.ipynb_uri(notebook.src_uri)
            files.append(File.generated(config, uri, content=ipynb))
    return files


def _where(file: File) -> str:
    """A page's source file as an editor opens it: ``docs/chain-rule.md``."""
    return os.path.relpath(file.abs_src_path or file.src_uri)


def on_page_markdown(markdown, page, config, files):
    where, source = _where(page.file), page.file.content_string
    stem = Path(page.file.src_uri).with_suffix("").as_posix()
    script = os.path.relpath(Path(config["docs_dir"], "values", f"{stem}.py"))
    first_line = source.count("\n") - markdown.count("\n") + 1  # after front matter
    try:
        found = _page_values.get(stem, {})
        return values.fill(markdown, found, where, max(first_line, 1), script)
    except values.ValuesError as error:
        raise PluginError(str(error)) from None


def on_page_content(html, page, config, files):
    try:
        if page.file.src_uri.endswith(".py"):  # a notebook, rendered by nbconvert
            uri = notebook_ipynb.ipynb_uri(page.file.src_uri)
            href = files.get_file_from_path(uri).url_relative_to(page.file)
            link = notebook_ipynb.download_link(href)
            script = Path(page.file.abs_src_path).read_text(encoding="utf-8")
            alt_texts = notebook_html.figure_alt_texts(script)
            return link + notebook_html.clean_notebook_html(html, alt_texts)
        source = page.file.content_string
        return figures.light_and_dark(html, _known_figures, _where(page.file), source)
    except figures.FigureError as error:
        raise PluginError(str(error)) from None
    except (mathrender.MathError, ValueError) as error:
        raise PluginError(f"{page.file.src_uri}: {error}") from None


def on_env(env, config, files):
    try:
        _drawing.result()  # before MkDocs copies the SVGs into the site
    except figures.FigureError as error:
        raise PluginError(f"a figure script failed:\n{error}") from None
    return env


def on_post_page(output, page, config):
    # After the search plugin has indexed the page: the index keeps the
    # short TeX, not KaTeX's markup, and is built several times faster.
    try:
        output = mathrender.render_arithmatex_html(output)
    except mathrender.MathError as error:
        raise PluginError(f"{page.file.src_uri}: {error}") from None
    output = first_screen.eager_images(mathfonts.preload_links(output))
    return code_lines.mark_code_lines(output)
