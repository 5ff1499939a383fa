"""Notebooks as pages (tools/notebooks.py): links checked before they run, a
cell's error told once, nbconvert's HTML made fit for the site, and the
.ipynb that readers download."""

import html
import json
import re
from pathlib import Path

import markup
import nbformat
import pytest
from conftest import REPO_URL
from mathrender import MathError
from nbclient.exceptions import CellExecutionError
from notebooks import (
    LINK_TEXT,
    PLACEHOLDER_ALT,
    broken_links,
    cell_error,
    clean_html,
    dollar_maths,
    download_link,
    ipynb_uri,
    percent_script_to_ipynb,
)


def source(cell: dict) -> str:
    return "".join(cell["source"])  # nbformat writes a source as a list of lines


NOTEBOOKS = sorted((Path(__file__).parent.parent / "docs" / "notebooks").glob("*.py"))

SCRIPT = """\
# %% [markdown]
# # A title
#
# Some prose with $x^2$.

# %%
x = 2
print(x**2)

# %%
y = x + 1
"""


def test_percent_script_becomes_a_valid_nbformat_4_notebook():
    text = percent_script_to_ipynb(SCRIPT)
    notebook = nbformat.reads(text, as_version=4)
    nbformat.validate(notebook)
    data = json.loads(text)
    assert data["nbformat"] == 4
    assert [c["cell_type"] for c in data["cells"]] == ["markdown", "code", "code"]
    assert source(data["cells"][0]) == "# A title\n\nSome prose with $x^2$."
    assert source(data["cells"][1]) == "x = 2\nprint(x**2)"
    assert data["metadata"]["kernelspec"]["name"] == "python3"


def test_cell_ids_are_numbered_and_code_cells_have_no_outputs():
    data = json.loads(percent_script_to_ipynb(SCRIPT))
    assert [c["id"] for c in data["cells"]] == ["cell-1", "cell-2", "cell-3"]
    for cell in data["cells"][1:]:
        assert cell["outputs"] == []
        assert cell["execution_count"] is None


def test_conversion_is_byte_reproducible():
    assert percent_script_to_ipynb(SCRIPT) == percent_script_to_ipynb(SCRIPT)
    assert percent_script_to_ipynb(SCRIPT).endswith("}\n")


@pytest.mark.parametrize("script", NOTEBOOKS, ids=lambda p: p.name)
def test_each_site_notebook_converts_and_its_code_compiles(script):
    data = json.loads(percent_script_to_ipynb(script.read_text(encoding="utf-8")))
    code = [source(c) for c in data["cells"] if c["cell_type"] == "code"]
    assert code
    for number, text in enumerate(code, start=1):
        compile(text, f"{script.name}, code cell {number}", "exec")


def test_ipynb_is_published_beside_the_script():
    assert ipynb_uri("notebooks/a-b.py") == "notebooks/a-b.ipynb"


def test_download_link_escapes_its_address():
    html = download_link('../a "b".ipynb')
    assert 'href="../a &quot;b&quot;.ipynb"' in html
    assert LINK_TEXT in html
    assert " download>" in html
    assert "<code>" not in html


def test_download_link_shows_the_install_command_escaped():
    html = download_link("a.ipynb", 'pip install "h @ git+https://x/y"')
    assert "<code>pip install &quot;h @ git+https://x/y&quot;</code>" in html


@pytest.mark.parametrize("script", NOTEBOOKS, ids=lambda p: p.name)
def test_the_site_offers_each_notebook_as_ipynb_from_its_page(site, script):
    ipynb = site / "notebooks" / f"{script.stem}.ipynb"
    text = script.read_text(encoding="utf-8")
    assert ipynb.read_text(encoding="utf-8") == percent_script_to_ipynb(text)
    page = (site / "notebooks" / script.stem / "index.html").read_text()
    install = re.search(r"<code>(pip install [^<]+)</code>", page)
    assert install, "no install command at the top of the notebook page"
    command = html.unescape(install[1])
    assert command == 'pip install "handgrad @ git+' + REPO_URL + '"'
    assert download_link(f"../{script.stem}.ipynb", command) in page


def render_maths(html: str) -> str:
    return markup.replace(html, dollar_maths(html, markup.parse(html)))


# What nbconvert (through mkdocs-jupyter) writes for a notebook of two cells,
# a Markdown one with maths and a code one that draws a figure.
NBCONVERT = f"""\
<script>clipboard</script>
<style type="text/css">pre {{ line-height: 125%; }}</style>
<!-- Load mathjax -->
<script src=""> </script>
<script type="text/x-mathjax-config">init_mathjax = 1;</script>
<!-- End of mathjax configuration -->
<script type="module">import("https://cdn/mermaid.mjs")</script>
<style>.jp-Mermaid {{ display: none; }}</style>
<div class="jupyter-wrapper">
<div class="jp-Cell jp-MarkdownCell" id="cell-id=3f9a1c2e"><p>Cost $C &lt; 1$.</p>
<p>$$\\frac{{1}}{{2}}$$</p></div>
<div class="jp-Cell jp-CodeCell">
<div class="jp-Cell jp-CodeCell" id="cell-id=77aa01bc">
<pre>cost = "$5 and $6"</pre>
<div class="jp-OutputArea-output"><style>table.df {{ color: red }}</style>
<img src="data:image/png;base64,AAAA" {'alt="' + PLACEHOLDER_ALT + '"'}></div>
</div></div>
</div>
"""
DRAWING = """\
# %% [markdown]
# Cost $C < 1$.

# %% alt="A \\"rising\\" line"
plot()
"""


def test_remote_scripts_and_the_stylesheets_before_the_notebook_are_dropped():
    out = clean_html(NBCONVERT, DRAWING, "docs/notebooks/x.py")
    head = out[: out.index('<div class="jupyter-wrapper">')]
    assert head.split() == ["<script>clipboard</script>"]
    assert "<style>table.df { color: red }</style>" in out  # an output's own


def test_cells_are_numbered_in_order_not_by_random_ids():
    out = clean_html(NBCONVERT, DRAWING, "docs/notebooks/x.py")
    assert "cell-id=" not in out
    assert out.index('id="nb-cell-1"') < out.index('id="nb-cell-2"')


def test_each_figure_gets_the_alt_text_its_cell_states():
    out = clean_html(NBCONVERT, DRAWING, "docs/notebooks/x.py")
    assert PLACEHOLDER_ALT not in out
    assert 'alt="A &quot;rising&quot; line"' in out


def test_a_cell_that_draws_a_figure_without_alt_text_names_its_line():
    script = DRAWING.replace(' alt="A \\"rising\\" line"', "")
    with pytest.raises(ValueError, match=r"^docs/notebooks/x\.py:4: .*# %% alt="):
        clean_html(NBCONVERT, script, "docs/notebooks/x.py")


def test_maths_is_rendered_in_prose_and_left_alone_in_code():
    out = render_maths(clean_html(NBCONVERT, DRAWING, "docs/notebooks/x.py"))
    assert out.count("<math") == 2
    assert 'class="math-display"' in out
    assert '<pre>cost = "$5 and $6"</pre>' in out
    assert "<mo>&lt;</mo>" in out  # the entity reached Temml as a "<"


def test_bad_maths_raises_math_error():
    with pytest.raises(MathError, match="frac"):
        render_maths(NBCONVERT.replace("$C &lt; 1$", "$\\frac{1}{$"))


LINKED = """\
# %% [markdown]
# # A notebook
#
# See [the chain rule](../../chain-rule/), [the figure](../../figures/a.svg),
# [a section](#later), [elsewhere](https://example.com/) and
# [a typo](../../chain-rul/).

# %%
x = 1

# %% [markdown]
# And [from the root](/chain-rule/).
"""
URLS = {"", "chain-rule/", "figures/a.svg", "notebooks/nb/"}


def test_each_broken_link_is_named_with_its_line_and_the_fix():
    problems = broken_links(LINKED, "docs/notebooks/nb.py", "notebooks/nb/", URLS)
    assert len(problems) == 2
    assert problems[0].startswith("docs/notebooks/nb.py:6: the link ../../chain-rul/")
    assert "write ../../chain-rule/" in problems[0]
    assert problems[1].startswith("docs/notebooks/nb.py:12: the link /chain-rule/")
    assert "write ../../chain-rule/" in problems[1]  # GitHub Pages serves a subpath


def test_links_that_resolve_are_not_problems():
    fixed = LINKED.replace("chain-rul/", "chain-rule/").replace(
        "(/chain", "(../../chain"
    )
    assert broken_links(fixed, "docs/notebooks/nb.py", "notebooks/nb/", URLS) == []


@pytest.mark.parametrize("script", NOTEBOOKS, ids=lambda p: p.name)
def test_the_site_notebooks_have_no_broken_link(site, script):
    urls = {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}
    urls |= {u.removesuffix("index.html") for u in urls if u.endswith("index.html")}
    page_url = f"notebooks/{script.stem}/"
    text = script.read_text(encoding="utf-8")
    assert broken_links(text, f"docs/notebooks/{script.name}", page_url, urls) == []


FAILING = """\
# %% [markdown]
# # A notebook

# %%
import math

# %%
x = 1
y = math.sqrt(-x)
"""


def test_a_cell_error_names_the_line_once_without_colour_codes():
    source = "x = 1\ny = math.sqrt(-x)"
    error = CellExecutionError.from_cell_and_msg(
        nbformat.v4.new_code_cell(source),
        {
            "ename": "ValueError",
            "evalue": "math domain error",
            "traceback": [
                "\x1b[31mValueError\x1b[39m    Traceback (most recent call last)",
                "Cell \x1b[32mIn[2], line 2\x1b[39m\n----> 2 y = math.sqrt(-x)",
                "\x1b[31mValueError\x1b[39m: math domain error",
            ],
        },
    )
    message = cell_error(error, FAILING, "docs/notebooks/nb.py")
    assert message.startswith(
        "docs/notebooks/nb.py:9: a cell raised ValueError: math domain error\n"
    )
    assert "\x1b" not in message
    assert message.count("math domain error") == 2  # the headline and the traceback
    assert "fix that cell" in message
