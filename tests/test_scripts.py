"""The build's processes (tools/scripts.py): a job gives what ``python
script args`` gives, side by side with the others, and stops when the build
does; a notebook runs in the build's own Python."""

import sys
import time
from pathlib import Path

import nbformat
import pytest
import scripts

JOB = """\
import os, sys
print("args", sys.argv[1:], os.environ.get("HANDGRAD_TEST_VALUE"))
print("to stderr", file=sys.stderr)
{end}
"""


@pytest.mark.parametrize(
    ("end", "code", "stderr"),
    [
        ("", 0, "to stderr\n"),
        ("sys.exit(3)", 3, "to stderr\n"),
        ("sys.exit('no good')", 1, "to stderr\nno good\n"),
        ("raise ValueError('bad value')", 1, "ValueError: bad value\n"),
    ],
)
def test_a_job_gives_the_exit_code_and_output_of_a_new_python(
    tmp_path, monkeypatch, end, code, stderr
):
    script = tmp_path / "job.py"
    script.write_text(JOB.format(end=end))
    monkeypatch.setenv("HANDGRAD_TEST_VALUE", "as set now")
    (done,) = scripts.run_python([[str(script), "a", "b"]])
    assert done.returncode == code
    assert done.stdout == "args ['a', 'b'] as set now\n"
    assert done.stderr.endswith(stderr)
    if "raise" in end:
        assert done.stderr.startswith("to stderr\nTraceback (most recent call last):")
        assert f'File "{script}", line 4, in <module>' in done.stderr


def test_jobs_run_side_by_side_and_answer_in_order(tmp_path):
    script = tmp_path / "job.py"
    script.write_text("import sys, time\ntime.sleep(float(sys.argv[1]))\nprint(1)\n")
    done = scripts.run_python([[str(script), s] for s in ("0.3", "0", "0.1")])
    assert [d.args[-1] for d in done] == ["0.3", "0", "0.1"]
    assert [d.stdout for d in done] == ["1\n"] * 3


def test_stop_kills_a_running_job(tmp_path):
    script = tmp_path / "job.py"
    script.write_text("import time\ntime.sleep(60)\nprint('finished')\n")
    future = scripts.start(scripts.run_python, [[str(script)]])
    while not scripts._running:  # until its process runs
        time.sleep(0.05)
    scripts.stop()
    (done,) = future.result(timeout=30)  # not the 60 s the job would take
    assert done.returncode != 0
    assert "finished" not in done.stdout
    script.write_text("print('finished')\n")
    (again,) = scripts.start(scripts.run_python, [[str(script)]]).result()
    assert again.stdout == "finished\n"  # the next build's work runs


def test_a_module_runs_as_python_m_runs_it(tmp_path):
    data = tmp_path / "data.json"
    data.write_text('{"b": 1, "a": 2}')
    (done,) = scripts.run_python([["-m", "json.tool", "--sort-keys", str(data)]])
    assert (done.returncode, done.stdout) == (0, '{\n    "a": 2,\n    "b": 1\n}\n')


NOTEBOOK = """\
# %%
import sys

import matplotlib
import matplotlib.pyplot as plt

print(sys.executable, matplotlib.get_backend())
plt.plot([0, 1])
"""


def test_a_notebook_runs_in_the_builds_python_with_figures_inline(
    tmp_path, monkeypatch
):
    """Its kernel spec (tools/jupyter/kernels/) is the Python that runs the
    build, whatever ``python3`` kernel the reader has installed."""
    import notebooks

    jupyter = str(notebooks.JUPYTER)
    monkeypatch.setenv("JUPYTER_CONFIG_DIR", jupyter)  # as mkdocs_hooks.py does
    monkeypatch.setenv("JUPYTER_PATH", jupyter)
    # A reader's own python3 kernel, in Jupyter's folder for them.
    theirs = tmp_path / "their-jupyter" / "kernels" / "python3" / "kernel.json"
    theirs.parent.mkdir(parents=True)
    theirs.write_text(
        '{"argv": ["/no/such/python", "-f", "{connection_file}"],'
        ' "display_name": "theirs", "language": "python"}'
    )
    monkeypatch.setenv("JUPYTER_DATA_DIR", str(theirs.parents[2]))
    monkeypatch.setenv("JUPYTER_PREFER_ENV_PATH", "0")  # theirs before .venv's
    script = tmp_path / "nb.py"
    script.write_text(NOTEBOOK)
    ran = notebooks.execute(script, "nb.py", tmp_path / "no-package", tmp_path / "out")
    outputs = nbformat.read(ran, as_version=4).cells[0].outputs
    executable, backend = outputs[0].text.split()
    assert Path(executable).resolve() == Path(sys.executable).resolve()
    assert backend == "module://matplotlib_inline.backend_inline"
    assert "image/png" in outputs[-1].data
