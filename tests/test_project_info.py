"""tools/project_info.py: what the home page says about installing handgrad."""

from pathlib import Path

import project_info
import pytest
from packaging.specifiers import SpecifierSet

PYPROJECT = """
[project]
name = "handgrad"
requires-python = "{python}"
dependencies = [{deps}]
"""


def write(tmp_path: Path, python=">=3.10", deps='"numpy>=1.26"') -> Path:
    path = tmp_path / "pyproject.toml"
    path.write_text(PYPROJECT.format(python=python, deps=deps))
    return path


def test_site_values_read_the_needs_and_build_the_install_command(tmp_path):
    found = project_info.site_values(write(tmp_path), "https://example.org/o/r/")
    assert found == {
        "repo_url": "https://example.org/o/r",
        "install_command": 'pip install "handgrad @ git+https://example.org/o/r"',
        "python_version": "3.10 or newer",
        "numpy_version": "1.26 or newer",
    }


def test_the_projects_own_pyproject_gives_what_the_home_page_says():
    pyproject = Path(__file__).resolve().parent.parent / "pyproject.toml"
    found = project_info.site_values(pyproject, "https://github.com/o/r")
    assert found["python_version"].endswith(" or newer")
    assert found["numpy_version"].endswith(" or newer")


@pytest.mark.parametrize("spec", [">=3.10,<3.14", "==3.11", "~=3.10", ""])
def test_a_need_that_is_not_one_lower_bound_is_an_error(spec):
    with pytest.raises(ValueError, match="requires-python: expected one lower bound"):
        project_info.at_least(SpecifierSet(spec), "requires-python")


def test_a_pyproject_without_numpy_is_an_error(tmp_path):
    with pytest.raises(ValueError, match="expected numpy among the dependencies"):
        project_info.site_values(write(tmp_path, deps='"scipy>=1"'), "https://x/o/r")


def test_repo_name_is_owner_and_name():
    assert project_info.repo_name("https://github.com/o/r") == "o/r"
    assert project_info.repo_name("https://github.com/o/r.git/") == "o/r"
    with pytest.raises(
        ValueError, match="repo_url: expected https://<host>/<owner>/<name>"
    ):
        project_info.repo_name("https://github.com/just-one")
