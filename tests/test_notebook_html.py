"""A notebook page as nbconvert renders it, made fit for the site."""

from notebook_html import clean_notebook_html

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
