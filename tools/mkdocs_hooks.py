"""MkDocs glue: the only file in the project that knows about MkDocs.

Each hook hands the work to a module of ``tools/`` that knows nothing of
MkDocs, and turns what goes wrong into one ``PluginError`` (file, line and
fix), which MkDocs prints once, with no traceback.

- On import, Jupyter is given the build's own settings (``jupyter/``): a
  print is one output however the kernel flushed it, a traceback has no
  colour codes, the kernel talks over local sockets.
- ``on_config``: dates (the sitemap's) are the last commit's, not the
  clock's; the notebook cache is keyed as the figures' (``scripts.py``);
  the repository is named after its address, and what every page may quote
  about the project is read (``project_info.py``).
- ``on_files``: the figure and values scripts that changed run
  (``figures.py``, ``values.py``); each notebook's links are checked and
  its ``.ipynb`` published (``notebooks.py``); the link-preview image is
  drawn (``social_card.py``; ``overrides/main.html`` puts it in each page's
  OpenGraph and Twitter tags).
- ``on_pre_page``: a notebook cell that raises is told at its line.
- ``on_page_markdown``: fences the tests would skip (``fences.py``); the
  page's numbers filled in (``values.py``).
- ``on_page_content``: a notebook page is cleaned, given its download link
  and the install command.
- ``on_page_context``, after the search plugin indexed the page (so the
  index keeps the short TeX), from one parse of the page: the maths rendered
  (``mathrender.py``), each figure made a light and a dark image with a
  link to its script, each code
  block's lines counted (``code_lines.py``).
- ``on_post_build``: the maths font cut down to the characters the built
  pages' formulas show (``mathfont.py``).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File
from nbclient.exceptions import CellExecutionError

TOOLS = Path(__file__).resolve().parent
ROOT = TOOLS.parent
PACKAGE = ROOT / "src" / "handgrad"
CACHE = Path(os.environ.get("HANDGRAD_CACHE_DIR", ROOT / ".cache"))
JUPYTER = TOOLS / "jupyter"
os.environ["JUPYTER_CONFIG_DIR"] = str(JUPYTER)

sys.path.insert(0, str(TOOLS))
import code_lines  # noqa: E402
import fences  # noqa: E402
import figures  # noqa: E402
import markup  # noqa: E402
import mathfont  # noqa: E402
import mathrender  # noqa: E402
import notebooks  # noqa: E402
import project_info  # noqa: E402
import social_card  # noqa: E402
import values  # noqa: E402
from scripts import digest  # noqa: E402

# Each figure's smallest text and width, in CSS px (figures.Figure.text_and_width).
_known_figures: dict[str, tuple[float, float]] = {}
_page_values: dict[str, dict[str, object]] = {}
_notebooks: set[str] = set()  # their src_uri
_site_values: dict[str, str] = {}  # what every page may quote (project_info.py)


def _where(file: File) -> str:
    """A page's source file as an editor opens it: ``docs/chain-rule.md``."""
    return os.path.relpath(file.abs_src_path or file.src_uri)


def _last_commit_time() -> str:
    """The time of the last commit, in seconds since 1970 ("0" without git)."""
    try:
        command = ["git", "log", "-1", "--format=%ct"]
        done = subprocess.run(command, cwd=ROOT, capture_output=True, check=False)
    except OSError:
        return "0"
    return done.stdout.decode().strip() or "0"


def on_config(config):
    if "SOURCE_DATE_EPOCH" not in os.environ:  # what MkDocs dates the sitemap by
        os.environ["SOURCE_DATE_EPOCH"] = _last_commit_time()
    jupyter = config.plugins.get("mkdocs-jupyter")
    if jupyter is not None:
        settings = sorted(JUPYTER.glob("*.py"))
        current = CACHE / "notebooks" / digest(settings, PACKAGE)[:16]
        for old in current.parent.glob("*"):  # the caches of older keys
            if old != current:
                shutil.rmtree(old, ignore_errors=True)
        jupyter.config["cache_dir"] = str(current)
    try:
        config["repo_name"] = project_info.repo_name(config["repo_url"])
        found = project_info.site_values(ROOT / "pyproject.toml", config["repo_url"])
    except (ValueError, KeyError) as error:
        raise PluginError(f"reading the project's address and needs: {error}") from None
    _site_values.clear()
    _site_values.update(found)
    config["extra"]["social_card"] = f"assets/{social_card.NAME}"
    return config


def _script_url(config) -> str:
    """Where a figure's script is shown in the repository: the edit address
    of docs/, read rather than edited (GitHub's blob/ for edit/)."""
    docs = config["edit_uri"].replace("edit/", "blob/", 1)
    return f"{config['repo_url'].rstrip('/')}/{docs}figures/{{name}}.py"


def on_files(files, config):
    docs = Path(config["docs_dir"])
    try:
        built = figures.build_figures(docs / "figures", PACKAGE, CACHE / "figures")
        scripts = sorted((docs / "values").glob("*.py"))
        computed = values.load_values(scripts, PACKAGE, CACHE / "values")
        card = social_card.build_card(
            CACHE / "social", config["site_name"], config["site_description"] or ""
        )
    except (figures.FigureError, values.ValuesError, social_card.SocialCardError) as e:
        raise PluginError(str(e)) from None
    for page, found in computed.items():
        if clash := sorted(set(found) & set(_site_values)):
            raise PluginError(
                f"docs/values/{page}.py defines {', '.join(clash)}, which every page "
                "already has from the project (tools/project_info.py): rename it"
            )
    card_uri = config["extra"]["social_card"]
    files.append(File.generated(config, card_uri, abs_src_path=str(card)))
    _page_values.clear()
    _page_values.update(computed)
    _known_figures.clear()
    for figure in built:
        _known_figures[figure.name] = figure.text_and_width()
        for theme, svg in figure.svgs.items():
            uri = f"figures/{figures.svg_name(figure.name, theme)}"
            files.append(File.generated(config, uri, abs_src_path=str(svg)))
    jupyter = config.plugins.get("mkdocs-jupyter")
    _notebooks.clear()
    _notebooks.update(f.src_uri for f in files if jupyter and jupyter.should_include(f))
    urls = {f.url for f in files}
    for notebook in [f for f in files if f.src_uri in _notebooks]:
        script = Path(notebook.abs_src_path).read_text(encoding="utf-8")
        uri = notebooks.ipynb_uri(notebook.src_uri)
        ipynb = notebooks.percent_script_to_ipynb(script)
        files.append(File.generated(config, uri, content=ipynb))
        urls.add(uri)
        problems = notebooks.broken_links(script, _where(notebook), notebook.url, urls)
        if problems:
            raise PluginError("\n".join(problems))
    return files


def on_pre_page(page, config, files):
    if page.file.src_uri not in _notebooks:
        return page
    render = page.render  # mkdocs-jupyter's, which runs the notebook

    def render_or_explain(config, files):
        try:
            render(config, files)
        except CellExecutionError as error:
            script = Path(page.file.abs_src_path).read_text(encoding="utf-8")
            message = notebooks.cell_error(error, script, _where(page.file))
            raise PluginError(message) from None

    page.render = render_or_explain
    return page


def on_page_markdown(markdown, page, config, files):
    where, source = _where(page.file), page.file.content_string
    problems = fences.untested(source, where)
    if problems:
        raise PluginError("\n".join(problems))
    stem = Path(page.file.src_uri).with_suffix("").as_posix()
    script = os.path.relpath(Path(config["docs_dir"], "values", f"{stem}.py"))
    first_line = source.count("\n") - markdown.count("\n") + 1  # after front matter
    try:
        found = _page_values.get(stem, {})
        found = {**_site_values, **found}
        return values.fill(markdown, found, where, max(first_line, 1), script)
    except values.ValuesError as error:
        raise PluginError(str(error)) from None


def on_page_content(html, page, config, files):
    if page.file.src_uri not in _notebooks:
        return html
    script = Path(page.file.abs_src_path).read_text(encoding="utf-8")
    try:
        html = notebooks.clean_html(html, script, _where(page.file))
    except ValueError as error:
        raise PluginError(str(error)) from None
    ipynb = files.get_file_from_path(notebooks.ipynb_uri(page.file.src_uri))
    href = ipynb.url_relative_to(page.file)
    install = _site_values["install_command"]
    return notebooks.download_link(href, install) + html


@event_priority(-100)  # after the search plugin has indexed the page
def on_page_context(context, page, config, nav):
    html, tree, where = page.content, markup.parse(page.content), _where(page.file)
    source = Path(page.file.abs_src_path).read_text(encoding="utf-8")
    try:
        edits = mathrender.formulas(html, tree) + code_lines.line_counts(html, tree)
        if page.file.src_uri in _notebooks:
            edits += notebooks.dollar_maths(html, tree)
        else:
            edits += figures.light_and_dark(
                html, tree, _known_figures, where, source, _script_url(config)
            )
    except figures.FigureError as error:
        raise PluginError(str(error)) from None
    except mathrender.MathError as error:
        first = error.tex.strip().split("\n")[0].strip()
        line = markup.line_of(source, first) if first else None
        fix = "Fix the TeX; `make serve` shows the page as you edit it."
        raise PluginError(
            f"{where}{f':{line}' if line else ''}: {error}. {fix}"
        ) from None
    page.content = markup.replace(html, edits)
    return context


def on_post_build(config):
    """The maths font, cut down to the characters of every formula the built
    pages show (``mathfont.py``), beside ``temml.css`` that loads it."""
    site = Path(config.site_dir)
    chars = set()
    for page in site.rglob("*.html"):
        chars |= mathfont.characters(page.read_text(encoding="utf-8"))
    if chars:
        mathfont.write_font(chars, site / "assets" / "temml", CACHE / "mathfont")
