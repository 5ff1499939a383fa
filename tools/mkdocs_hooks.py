"""MkDocs glue: the only file in the project that knows about MkDocs.

Each hook hands the work to a module of ``tools/`` that knows nothing of
MkDocs, and turns what goes wrong into one ``PluginError`` (file, line and
fix), which MkDocs prints once, with no traceback.

- On import: Jupyter is given the build's own settings and kernel (``jupyter/``).
- ``on_config``: dates (the sitemap's) are the last commit's, not the
  clock's; the repository is named after its address, and what every page
  may quote about the project is read (``project_info.py``).
- ``on_files``: each notebook's links are checked and its ``.ipynb``
  published (``notebooks.py``); then the values scripts, the notebooks, the
  figure scripts, the explorables' data scripts and the link-preview image
  (``values.py``, ``figures.py``, ``explorables.py``, ``social_card.py``)
  start in the background, the ones whose cache key changed in fresh
  processes, one per core (``scripts.py``), while MkDocs reads the pages: a
  page waits only for what it shows.
- ``on_pre_page``: a notebook page gets the notebook as it ran, which
  mkdocs-jupyter renders (a cell that raised fails the build at its line).
- ``on_page_markdown``: fences the tests would skip (``fences.py``); the
  page's numbers filled in (``values.py``).
- ``on_page_content``: a notebook page is cleaned, given its download link
  and the install command.
- ``on_env``: the figures, the explorables' data and the card are finished
  before MkDocs copies them; ``on_build_error``: the background work is stopped.
- ``on_page_context``, after the search plugin indexed the page (so the
  index keeps the short TeX), from one parse of the page: the maths rendered
  (``mathrender.py``), each figure made a light and a dark image with a
  link to its script, each explorable given its data and loader, each code
  block's lines counted (``code_lines.py``).
- ``on_post_build``: the maths font cut down to the characters the built
  pages' formulas show (``mathfont.py``).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File

TOOLS = Path(__file__).resolve().parent
ROOT = TOOLS.parent
PACKAGE = ROOT / "src" / "handgrad"
JUPYTER = TOOLS / "jupyter"
os.environ["JUPYTER_CONFIG_DIR"] = str(JUPYTER)
os.environ["JUPYTER_PATH"] = str(JUPYTER)  # its python3 kernel, found first

sys.path.insert(0, str(TOOLS))
import code_lines  # noqa: E402
import explorables  # noqa: E402
import fences  # noqa: E402
import figures  # noqa: E402
import markup  # noqa: E402
import mathfont  # noqa: E402
import mathrender  # noqa: E402
import notebooks  # noqa: E402
import project_info  # noqa: E402
import social_card  # noqa: E402
import values  # noqa: E402
from scripts import cache_dir, start, stop  # noqa: E402

CACHE = cache_dir()

# Each figure's smallest text, width and height, in CSS px
# (figures.Figure.text_and_size).
_known_figures: dict[str, tuple[float | None, float, float]] = {}
_page_values: dict[str, dict[str, object]] = {}  # each page's, once computed
_started: dict = {}  # name -> Future: the work on_files started (scripts.start)
_notebooks: dict[str, str] = {}  # src_uri -> the script's path
_site_values: dict[str, str] = {}  # what every page may quote (project_info.py)
_explorables: dict[str, explorables.Explorable] = {}
_values_scripts: dict[str, Path] = {}  # page (its stem) -> docs/values/<page>.py


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
    if jupyter is not None:  # keyed by the notebook as it ran (on_pre_page)
        jupyter.config["cache_dir"] = str(CACHE / "notebooks")
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
    """Check each notebook's links, then start the scripts and notebooks in
    the background (``scripts.py``): the pages wait for what they show."""
    jupyter = config.plugins.get("mkdocs-jupyter")
    _notebooks.clear()
    _notebooks.update(
        (f.src_uri, f.abs_src_path)
        for f in files
        if jupyter and jupyter.should_include(f)
    )
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
    docs = Path(config["docs_dir"])
    _started.clear()
    _page_values.clear()
    # The values start first, in the order MkDocs reads the pages, and each
    # page waits for its own only (waiting for all of them held the first
    # page back 7 s on a clean build); once they have all ended, the
    # notebooks (pages too), the figures, the explorables and the card.
    reading = [f.src_uri.removesuffix(".md") for f in files.documentation_pages()]
    values_scripts = sorted(
        (docs / "values").glob("*.py"),
        key=lambda p: reading.index(p.stem) if p.stem in reading else len(reading),
    )
    first = []  # the values: what the rest starts after
    _values_scripts.clear()
    _values_scripts.update((script.stem, script) for script in values_scripts)
    for script in values_scripts:
        name = f"values/{script.stem}"
        _started[name] = start(values.load_values, [script], PACKAGE, CACHE / "values")
        first.append(_started[name])
    for notebook in [f for f in files if f.src_uri in _notebooks]:
        _started[notebook.src_uri] = start(
            notebooks.execute,
            Path(notebook.abs_src_path),
            _where(notebook),
            PACKAGE,
            CACHE / "executed" / "notebooks",  # as mkdocs.yml includes them
            after=first,
        )
    _started["figures"] = start(
        figures.build_figures, docs / "figures", PACKAGE, CACHE / "figures", after=first
    )
    for figure in figures.planned(docs / "figures", CACHE / "figures"):
        for theme, svg in figure.svgs.items():
            uri = f"figures/{figures.svg_name(figure.name, theme)}"
            files.append(File.generated(config, uri, abs_src_path=str(svg)))
    explorable_scripts, explorable_data = docs / "explorables", CACHE / "explorables"
    _started["explorables"] = start(
        explorables.build_data,
        explorable_scripts,
        PACKAGE,
        explorable_data,
        after=first,
    )
    for data in explorables.data_files(explorable_scripts, explorable_data):
        uri = f"explorables/{data.name}"
        files.append(File.generated(config, uri, abs_src_path=str(data)))
    title, description = config["site_name"], config["site_description"] or ""
    _started["card"] = start(
        social_card.build_card, CACHE / "social", title, description, after=first
    )
    card = CACHE / "social" / social_card.NAME
    uri = config["extra"]["social_card"]
    files.append(File.generated(config, uri, abs_src_path=str(card)))
    return files


def _finished(name: str):
    """What the background work ``name`` made, once it is done; its failure
    as the build's one error."""
    try:
        return _started[name].result()
    except (
        figures.FigureError,
        values.ValuesError,
        social_card.SocialCardError,
        notebooks.NotebookError,
        explorables.ExplorableError,
    ) as error:
        raise PluginError(str(error)) from None


def on_build_error(error):
    stop()  # the scripts and notebooks still running


def _page_values_of(stem: str) -> dict[str, object]:
    """The values a page may quote: the project's, and its own script's
    (once that has run)."""
    if stem not in _page_values:
        started = f"values/{stem}" in _started
        found = _finished(f"values/{stem}")[stem] if started else {}
        if clash := sorted(set(found) & set(_site_values)):
            script = _values_scripts[stem]
            line = values.line_defining(script.read_text(encoding="utf-8"), clash[0])
            raise PluginError(
                f"{os.path.relpath(script)}{f':{line}' if line else ''}: it"
                f" defines {', '.join(clash)}, which every page already has from"
                " the project (tools/project_info.py): rename it"
            )
        _page_values[stem] = found
    return {**_site_values, **_page_values[stem]}


@event_priority(100)  # before mkdocs-jupyter's: it renders what this gives it
def on_pre_page(page, config, files):
    """A notebook page shows the notebook as it ran: mkdocs-jupyter reads
    that (and keys its cache by it) in place of the script, until
    on_page_content."""
    if page.file.src_uri in _notebooks:
        page.file.abs_src_path = str(_finished(page.file.src_uri))
    return page


def on_page_markdown(markdown, page, config, files):
    if page.file.src_uri in _notebooks:
        return markdown  # not Markdown: mkdocs-jupyter renders the notebook
    where, source = _where(page.file), page.file.content_string
    problems = fences.untested(source, where)
    if problems:
        raise PluginError("\n".join(problems))
    stem = Path(page.file.src_uri).with_suffix("").as_posix()
    script = os.path.relpath(Path(config["docs_dir"], "values", f"{stem}.py"))
    first_line = source.count("\n") - markdown.count("\n") + 1  # after front matter
    try:
        found = _page_values_of(stem)
        return values.fill(markdown, found, where, max(first_line, 1), script)
    except values.ValuesError as error:
        raise PluginError(str(error)) from None


def on_page_content(html, page, config, files):
    if page.file.src_uri not in _notebooks:
        return html
    page.file.abs_src_path = _notebooks[page.file.src_uri]  # the script again
    script = Path(page.file.abs_src_path).read_text(encoding="utf-8")
    try:
        html = notebooks.clean_html(html, script, _where(page.file))
    except ValueError as error:
        raise PluginError(str(error)) from None
    ipynb = files.get_file_from_path(notebooks.ipynb_uri(page.file.src_uri))
    href = ipynb.url_relative_to(page.file)
    install = _site_values["install_command"]
    return notebooks.download_link(href, install) + html


def on_env(env, config, files):
    """The figures and the card, finished before MkDocs copies them; every
    values script too, its names checked against the project's (one with
    no page fails the build as well)."""
    for name in [name for name in _started if name.startswith("values/")]:
        _page_values_of(name.removeprefix("values/"))  # its clashes checked too
    _finished("card")
    _known_figures.clear()
    for figure in _finished("figures"):
        _known_figures[figure.name] = figure.text_and_size()
    _explorables.clear()
    _explorables.update(_finished("explorables"))
    return env


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
            to_root = "../" * page.url.count("/")
            edits += explorables.enhance(tree, _explorables, where, source, to_root)
    except (figures.FigureError, explorables.ExplorableError) as error:
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
