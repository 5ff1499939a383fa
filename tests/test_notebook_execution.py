"""nbconvert's settings for the notebooks the build executes (tools/jupyter/,
which the hook puts on JUPYTER_CONFIG_PATH): a cell's printed text is one
output, however the kernel's flushes split it, so two builds agree."""

import json
import re
from pathlib import Path

from nbconvert.exporters import Exporter
from traitlets.config import Config

CONFIG = Path(__file__).resolve().parent.parent / "tools" / "jupyter"
SETTINGS = json.loads((CONFIG / "jupyter_nbconvert_config.json").read_text())
COALESCE = "nbconvert.preprocessors.CoalesceStreamsPreprocessor"
EXECUTE = "nbconvert.preprocessors.ExecutePreprocessor"

SPLIT_PRINT = """# %%
import sys, time
sys.stdout.write("first part")
sys.stdout.flush()
time.sleep(0.2)
written = sys.stdout.write(" second part\\n")
"""


def test_the_preprocessors_are_nbconverts_with_streams_joined_after_running():
    """If nbconvert changes its defaults, this list must follow them."""
    ours = SETTINGS["Exporter"]["default_preprocessors"]
    theirs = list(Exporter(config=Config()).default_preprocessors)
    theirs.remove(COALESCE)
    theirs.insert(theirs.index(EXECUTE) + 1, COALESCE)
    assert ours == theirs
    assert SETTINGS["CoalesceStreamsPreprocessor"]["enabled"] is True


def test_a_print_flushed_in_two_parts_is_one_output(tmp_path, monkeypatch):
    from mkdocs_jupyter.nbconvert2 import nb2html

    notebook = tmp_path / "split.py"
    notebook.write_text(SPLIT_PRINT)
    monkeypatch.setenv("JUPYTER_CONFIG_PATH", str(CONFIG))
    html = nb2html(str(notebook), execute=True, allow_errors=False)
    assert re.findall(r"<pre>([^<]*)</pre>", html) == ["first part second part\n"]
