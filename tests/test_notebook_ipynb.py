"""A notebook's percent script to the .ipynb that readers download."""

import html
import json
import re
from pathlib import Path

import nbformat
import pytest
from conftest import REPO_URL
from notebook_ipynb import (
    LINK_TEXT,
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
