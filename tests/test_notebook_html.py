"""A notebook page as nbconvert renders it, made fit for the site."""

import pytest
from notebook_html import PLACEHOLDER_ALT, clean_notebook_html, figure_alt_texts

NBCONVERT = """\
<script>clipboard</script>
<style type="text/css">pre { line-height: 125%; }</style>
<style type="text/css">
.jupyter-wrapper{--md-red-50: #ffebee}
</style>
<style>.jp-Mermaid { display: none; }</style>
<div class="jupyter-wrapper">
<div class="jp-Cell" id="cell-id=3f9a1c2e"><p>Cost $C$.</p></div>
<div class="jp-OutputArea-output"><style>table.df { color: red }</style></div>
</div>
"""


def test_the_jupyterlab_stylesheets_before_the_notebook_are_dropped():
    out = clean_notebook_html(NBCONVERT)
    assert "--md-red-50" not in out
    assert "jp-Mermaid" not in out
    assert "line-height: 125%" not in out
    assert out.startswith('<script>clipboard</script>\n<div class="jupyter-wrapper">')


def test_a_cell_output_keeps_its_own_style():
    out = clean_notebook_html(NBCONVERT)
    assert "<style>table.df { color: red }</style>" in out
    assert 'id="nb-cell-1"' in out
    assert 'class="katex"' in out


FIGURES = f"""\
<div class="jupyter-wrapper">
<div class="jp-RenderedImage"><img src="a.png" {PLACEHOLDER_ALT}></div>
<div class="jp-RenderedImage"><img src="b.png" {PLACEHOLDER_ALT}></div>
</div>
"""


def test_each_figure_gets_its_own_alt_text_in_order():
    out = clean_notebook_html(FIGURES, ["Cost falls", 'A "quoted" <b>'])
    assert PLACEHOLDER_ALT not in out
    assert out.index("alt=") == out.index('alt="Cost falls"')  # first to first
    assert 'alt="A &quot;quoted&quot; &lt;b&gt;"' in out


@pytest.mark.parametrize("alt_texts", [[], ["one"], ["one", "two", "three"]])
def test_a_figure_count_that_differs_from_the_alt_texts_is_an_error(alt_texts):
    with pytest.raises(ValueError, match=r"alt_texts: expected one for each of the 2"):
        clean_notebook_html(FIGURES, alt_texts)


def test_alt_texts_come_from_the_cells_that_open_with_one():
    script = """\
# %% [markdown]
# A figure follows.

# %% alt="A rising line"
plot()

# %%
print(1)

# %% alt="A falling line"
plot()
"""
    assert figure_alt_texts(script) == ["A rising line", "A falling line"]
