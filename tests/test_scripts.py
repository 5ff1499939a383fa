"""The build's processes (tools/scripts.py): a job run as a fork of the
zygote gives what ``python script args`` gives in a new process."""

import sys
import time

import nbformat
import pytest
import scripts

JOB = """\
import os, sys
print("args", sys.argv[1:], os.environ.get("HANDGRAD_TEST_VALUE"))
print("to stderr", file=sys.stderr)
{end}
"""


@pytest.fixture(params=["fork of the zygote", "new Python"])
def platform(request, monkeypatch):
    """Each test on Linux's way (a fork) and every other system's (a new
    Python), which must agree."""
    if request.param == "new Python":
        monkeypatch.setattr(sys, "platform", "darwin")
    elif sys.platform != "linux":
        pytest.skip("the zygote forks on Linux only")
    return request.param


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
    platform, tmp_path, monkeypatch, end, code, stderr
):
    script = tmp_path / "job.py"
    script.write_text(JOB.format(end=end))
    monkeypatch.setenv("HANDGRAD_TEST_VALUE", "as set now")  # after the zygote began
    (done,) = scripts.run_python([[str(script), "a", "b"]])
    assert done.returncode == code
    assert done.stdout == "args ['a', 'b'] as set now\n"
    assert done.stderr.endswith(stderr)
    if "raise" in end:
        assert done.stderr.startswith("to stderr\nTraceback (most recent call last):")
        assert f'File "{script}", line 4, in <module>' in done.stderr


def test_jobs_run_side_by_side_and_answer_in_order(platform, tmp_path):
    script = tmp_path / "job.py"
    script.write_text("import sys, time\ntime.sleep(float(sys.argv[1]))\nprint(1)\n")
    done = scripts.run_python([[str(script), s] for s in ("0.3", "0", "0.1")])
    assert [d.args[-1] for d in done] == ["0.3", "0", "0.1"]
    assert [d.stdout for d in done] == ["1\n"] * 3


def test_stop_kills_a_running_job(platform, tmp_path):
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


def test_the_zygote_starts_again_when_the_library_changed(tmp_path, monkeypatch):
    if sys.platform != "linux":
        pytest.skip("the zygote forks on Linux only")
    script = tmp_path / "job.py"
    script.write_text("import os\nprint(os.getppid())\n")
    (first,) = scripts.run_python([[str(script)]])
    (same,) = scripts.run_python([[str(script)]])
    assert first.stdout == same.stdout  # forks of the same zygote
    old = scripts._ZYGOTES[False]._process
    sources = scripts._ZYGOTES[False]._sources_now()
    monkeypatch.setattr(scripts._Zygote, "_sources_now", lambda self: sources + "x")
    (after,) = scripts.run_python([[str(script)]])
    assert after.returncode == 0
    assert after.stdout != first.stdout
    assert old.poll() is not None  # the old zygote has ended


def test_a_module_runs_as_python_m_runs_it(platform, tmp_path):
    data = tmp_path / "data.json"
    data.write_text('{"b": 1, "a": 2}')
    (done,) = scripts.run_python([["-m", "json.tool", "--sort-keys", str(data)]])
    assert (done.returncode, done.stdout) == (0, '{\n    "a": 2,\n    "b": 1\n}\n')


NOTEBOOK = """\
# %%
import os

import matplotlib
import matplotlib.pyplot as plt

print(os.getppid(), matplotlib.get_backend())
plt.plot([0, 1])
"""


def test_a_notebooks_kernel_is_a_fork_with_the_inline_backend(tmp_path, monkeypatch):
    """Its kernel spec (tools/jupyter/kernels/) asks the zygote for a fork,
    which shows figures inline as a new kernel would."""
    if sys.platform != "linux":
        pytest.skip("the zygote forks on Linux only")
    import notebooks

    jupyter = str(notebooks.JUPYTER)
    monkeypatch.setenv("JUPYTER_CONFIG_DIR", jupyter)  # as mkdocs_hooks.py does
    monkeypatch.setenv("JUPYTER_PATH", jupyter)
    script = tmp_path / "nb.py"
    script.write_text(NOTEBOOK)
    ran = notebooks.execute(script, "nb.py", tmp_path / "no-package", tmp_path / "out")
    outputs = nbformat.read(ran, as_version=4).cells[0].outputs
    printed = outputs[0].text.split()
    assert printed == [
        str(scripts._ZYGOTES[True]._process.pid),
        "module://matplotlib_inline.backend_inline",
    ]
    assert "image/png" in outputs[-1].data


def test_a_module_the_zygote_cannot_import_is_left_to_the_job(tmp_path):
    """A broken library fails the job that imports it, with its traceback,
    not the zygote."""
    if sys.platform != "linux":
        pytest.skip("the zygote forks on Linux only")
    zygote = scripts._Zygote(["json", "no_such_module_here"])
    script = tmp_path / "job.py"
    script.write_text("import no_such_module_here\n")
    try:
        code, _, stderr = zygote.run([str(script)])
    finally:
        zygote.close()
    assert code == 1
    assert "ModuleNotFoundError: No module named 'no_such_module_here'" in stderr
