"""tools/lock_wheels.py: which locked wheels a Python can install, and what
``make torch`` does on a Python the pinned torch has no wheel for."""

import subprocess
import sys
from pathlib import Path

import lock_wheels
import pytest
from packaging.tags import cpython_tags

TOOL = Path(lock_wheels.__file__)
LINUX = ["manylinux_2_28_x86_64", "manylinux_2_17_x86_64", "linux_x86_64"]

LOCK = """
version = 1

[[package]]
name = "torch"
version = "2.13.0"
wheels = [
    {{ url = "https://files/torch-2.13.0-{tag}-manylinux_2_28_x86_64.whl" }},
]

[[package]]
name = "anywhere"
version = "1.0"
wheels = [{{ url = "https://files/anywhere-1.0-py3-none-any.whl" }}]
"""


def tags_of(python: tuple[int, int]):
    return list(cpython_tags(python_version=python, platforms=LINUX))


def test_a_wheel_for_that_python_fits_and_one_for_another_does_not():
    wheels = [
        "torch-2.13.0-cp314-cp314-manylinux_2_28_x86_64.whl",
        "torch-2.13.0-cp311-cp311-manylinux_2_28_x86_64.whl",
    ]
    assert lock_wheels.fitting_wheels(wheels, tags_of((3, 11))) == [wheels[1]]
    assert lock_wheels.fitting_wheels(wheels, tags_of((3, 15))) == []


def test_an_abi3_wheel_fits_every_later_cpython():
    wheel = ["quickjs_ng-0.17.0.2-cp310-abi3-manylinux_2_17_x86_64.whl"]
    for minor in (10, 13, 15):
        assert lock_wheels.fitting_wheels(wheel, tags_of((3, minor))) == wheel
    assert lock_wheels.fitting_wheels(wheel, tags_of((3, 9))) == []


def test_locked_wheels_reads_version_and_file_names():
    version, wheels = lock_wheels.locked_wheels(LOCK.format(tag="cp311-cp311"), "torch")
    assert version == "2.13.0"
    assert wheels == ["torch-2.13.0-cp311-cp311-manylinux_2_28_x86_64.whl"]


def test_a_package_missing_from_the_lock_is_named():
    with pytest.raises(LookupError, match="no package named 'nope'"):
        lock_wheels.locked_wheels(LOCK.format(tag="cp311-cp311"), "nope")


def run_tool(tmp_path, tag: str, name: str):
    lock = tmp_path / "uv.lock"
    lock.write_text(LOCK.format(tag=tag))
    return subprocess.run(
        [sys.executable, str(TOOL), name, str(lock)],
        capture_output=True,
        text=True,
        check=False,
    )


def test_no_wheel_for_this_python_exits_1_and_says_what_skips(tmp_path):
    done = run_tool(tmp_path, "cp39-cp39", "torch")  # no Python 3.9 here
    assert done.returncode == 1
    python = ".".join(map(str, sys.version_info[:2]))
    assert f"torch 2.13.0 has no wheel for Python {python}" in done.stdout
    assert "skipping torch" in done.stdout


def test_a_pure_python_wheel_fits_and_exits_0(tmp_path):
    done = run_tool(tmp_path, "cp39-cp39", "anywhere")
    assert (done.returncode, done.stdout) == (0, "")


def test_an_unknown_package_or_lock_exits_2_not_1(tmp_path):
    assert run_tool(tmp_path, "cp39-cp39", "nope").returncode == 2
    missing = subprocess.run(
        [sys.executable, str(TOOL), "torch", str(tmp_path / "none.lock")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert missing.returncode == 2
    assert "none.lock" in missing.stderr
