"""The package builds from the repository as `pip install "handgrad @
git+<repository>"` builds it (the home page's command): every module of
src/handgrad is in the wheel, with the Python and NumPy it needs."""

import os
import sys
import zipfile
from email.parser import Parser
from pathlib import Path

import tomllib
import uv_build
from conftest import ROOT

PACKAGE = ROOT / "src" / "handgrad"


def test_the_wheel_holds_every_module_and_states_its_needs(tmp_path, monkeypatch):
    monkeypatch.chdir(ROOT)  # a PEP 517 backend builds the project it runs in
    # uv_build runs the uv-build program installed beside this Python.
    bin_dir = str(Path(sys.executable).parent)
    monkeypatch.setenv("PATH", os.pathsep.join([bin_dir, os.environ["PATH"]]))
    name = uv_build.build_wheel(str(tmp_path))
    with zipfile.ZipFile(tmp_path / name) as wheel:
        files = set(wheel.namelist())
        (metadata,) = [f for f in files if f.endswith(".dist-info/METADATA")]
        fields = Parser().parsestr(wheel.read(metadata).decode())
    modules = {
        f"handgrad/{path.relative_to(PACKAGE).as_posix()}"
        for path in PACKAGE.rglob("*.py")
    }
    assert modules <= files, sorted(modules - files)
    assert fields["Name"] == "handgrad"
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert fields["Requires-Python"] == project["requires-python"]
    assert fields.get_all("Requires-Dist") == ["numpy>=1.26"]
    assert not any(Path(f).parts[0] in {"docs", "tests", "tools"} for f in files)
    assert os.listdir(tmp_path) == [name]
