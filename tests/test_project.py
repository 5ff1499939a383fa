"""What the project says about itself holds: the Pythons it claims install
from wheels alone and are tested in CI, and its citation, issue links and
home page agree with pyproject.toml and mkdocs.yml."""

import re
import subprocess
import sys
from collections import defaultdict

import pytest
import tomllib
import yaml
from conftest import ROOT, env_setting, nav_sources
from lock_wheels import fitting_wheels
from packaging.markers import Marker
from packaging.specifiers import SpecifierSet
from packaging.tags import compatible_tags, cpython_tags, mac_platforms

PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
LOCK = tomllib.loads((ROOT / "uv.lock").read_text(encoding="utf-8"))
CI = yaml.safe_load((ROOT / ".github" / "workflows" / "ci.yml").read_text())
# The repository's address when no workflow sets REPO_URL.
DEFAULT_REPO_URL = re.search(
    r'^repo_url: !ENV \[REPO_URL, "([^"]+)"\]$',
    (ROOT / "mkdocs.yml").read_text(encoding="utf-8"),
    re.M,
)[1]


def minor(version: str) -> tuple[int, int]:
    major, minor_, *_ = version.split(".")
    return int(major), int(minor_)


def ci_pythons() -> list[tuple[int, int]]:
    return sorted(
        minor(v) for v in CI["jobs"]["test"]["strategy"]["matrix"]["python-version"]
    )


def lowest_claimed() -> tuple[int, int]:
    (spec,) = SpecifierSet(PYPROJECT["project"]["requires-python"])
    assert spec.operator == ">=", spec
    return minor(spec.version)


def test_ci_tests_the_lowest_python_the_project_claims():
    assert ci_pythons()[0] == lowest_claimed()


def test_ci_pins_each_python_it_tests():
    for version in CI["jobs"]["test"]["strategy"]["matrix"]["python-version"]:
        assert re.fullmatch(r"3\.\d+", version), f"{version!r}: pin a release"


# Where "nothing else" must hold: Linux on x86_64, macOS on Apple silicon.
PLATFORMS = {
    "linux-x86_64": (
        {"sys_platform": "linux", "platform_system": "Linux", "os_name": "posix"},
        "x86_64",
        [f"manylinux_2_{n}_x86_64" for n in range(35, 4, -1)]
        + ["manylinux2014_x86_64", "manylinux2010_x86_64", "manylinux1_x86_64"]
        + ["linux_x86_64"],
    ),
    "macos-arm64": (
        {"sys_platform": "darwin", "platform_system": "Darwin", "os_name": "posix"},
        "arm64",
        list(mac_platforms((14, 0), "arm64")),
    ),
}


def needed_packages(groups: list[str], env: dict[str, str]) -> set[tuple[str, str]]:
    """(name, version) of every locked package that ``uv sync`` installs with
    ``groups`` where ``env`` holds (the markers of each dependency)."""
    by_name = defaultdict(list)
    for package in LOCK["package"]:
        by_name[package["name"]].append(package)
    (project,) = by_name[PYPROJECT["project"]["name"]]
    todo = list(project.get("dependencies", []))
    for group in groups:
        todo += project["dev-dependencies"][group]
    found: set[tuple[str, str]] = set()
    while todo:
        dep = todo.pop()
        if "marker" in dep and not Marker(dep["marker"]).evaluate(env):
            continue
        candidates = [
            p
            for p in by_name[dep["name"]]
            if dep.get("version", p["version"]) == p["version"]
        ]
        if len(candidates) > 1:  # told apart by the lock's resolution markers
            candidates = [
                p
                for p in candidates
                if any(Marker(m).evaluate(env) for m in p.get("resolution-markers", []))
            ]
        (package,) = candidates
        key = (package["name"], package["version"])
        extras = [(package, extra) for extra in dep.get("extra", [])]
        todo += [d for p, e in extras for d in p["optional-dependencies"][e]]
        if key in found:
            continue
        found.add(key)
        todo += package.get("dependencies", [])
    return found


def claimed_pythons() -> list[tuple[int, int]]:
    lowest, newest = lowest_claimed(), ci_pythons()[-1]
    return [(3, m) for m in range(lowest[1], newest[1] + 1)]


@pytest.mark.parametrize("platform", sorted(PLATFORMS))
@pytest.mark.parametrize("python", claimed_pythons(), ids=lambda v: f"{v[0]}.{v[1]}")
def test_every_locked_package_has_a_wheel_for_each_claimed_python(python, platform):
    """README's "nothing else": `make` installs from wheels alone, no compiler,
    on every Python from the lowest claimed to the newest CI tests."""
    markers, machine, platforms = PLATFORMS[platform]
    supported = [
        *cpython_tags(python_version=python, platforms=platforms),
        *compatible_tags(python_version=python, platforms=platforms),
    ]
    missing = []
    for patch in (0, 20):  # markers such as ">= '3.11.5'" split a minor release
        full = f"{python[0]}.{python[1]}.{patch}"
        env = markers | {
            "python_version": f"{python[0]}.{python[1]}",
            "python_full_version": full,
            "implementation_version": full,
            "implementation_name": "cpython",
            "platform_python_implementation": "CPython",
            "platform_machine": machine,
            "platform_release": "",
            "platform_version": "",
            "extra": "",
        }
        locked = {(p["name"], p["version"]): p for p in LOCK["package"]}
        for key in sorted(needed_packages(["dev"], env)):
            package = locked[key]
            if "editable" in package["source"]:
                continue  # handgrad itself
            wheels = [w["url"].rsplit("/", 1)[-1] for w in package.get("wheels", [])]
            if not fitting_wheels(wheels, supported):
                missing.append(f"{key[0]} {key[1]} (Python {full})")
    assert missing == []


def test_the_default_repository_is_one_address_everywhere():
    citation = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    assert citation["repository-code"] == DEFAULT_REPO_URL
    issues = yaml.safe_load(
        (ROOT / ".github" / "ISSUE_TEMPLATE" / "config.yml").read_text()
    )
    urls = [link["url"] for link in issues["contact_links"]]
    assert f"{DEFAULT_REPO_URL}/discussions" in urls
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f'pip install "handgrad @ git+{DEFAULT_REPO_URL}"' in readme


def test_citation_has_what_cff_requires_and_the_package_version():
    citation = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    assert citation["cff-version"] == "1.2.0"
    assert citation["message"].strip()
    assert citation["title"].strip()
    assert citation["authors"], "CFF needs at least one author"
    assert str(citation["version"]) == PYPROJECT["project"]["version"]
    # The two licences LICENSE grants: code MIT, prose and figures CC BY 4.0.
    assert set(citation["license"]) == {"MIT", "CC-BY-4.0"}


def test_the_changelog_has_an_unreleased_section_first():
    text = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    sections = re.findall(r"^## (.+)$", text, re.M)
    assert sections[0] == "Unreleased"


def test_the_build_reads_the_repository_address_from_the_environment(monkeypatch):
    monkeypatch.setenv("REPO_URL", "https://example.org/fork/handgrad")
    assert env_setting("repo_url") == "https://example.org/fork/handgrad"
    monkeypatch.delenv("REPO_URL")
    assert env_setting("repo_url") == DEFAULT_REPO_URL


def test_no_page_source_spells_out_a_repository_address():
    """The home page writes {{ install_command }} and {{ repo_url }}, so a
    fork's site shows its own address."""
    for page in (ROOT / "docs").rglob("*.md"):
        assert "git+https://" not in page.read_text(encoding="utf-8"), page


def test_the_home_page_lists_every_page_in_the_nav():
    """Adding a page means adding it to the nav and to the home page's list."""
    pages = nav_sources()
    home = (ROOT / "docs" / "index.md").read_text(encoding="utf-8")
    linked = set(re.findall(r"\]\(([^)#\s]+)(?:#[^)]*)?\)", home))
    assert [p for p in pages if p != "index.md" and p not in linked] == []


BENCHMARKS = sorted((ROOT / "benchmarks").glob("*.py"))
LOAD_BENCHMARKS = """\
import runpy, sys
for path in sys.argv[1:]:
    sys.path[0] = path.rsplit("/", 1)[0]  # as `python benchmarks/x.py` has it
    runpy.run_path(path, run_name="not_main")  # its imports, not its timings
"""


def test_every_benchmark_finds_what_it_imports():
    """``make bench`` runs them rarely: a moved module fails here first."""
    pytest.importorskip("torch", reason="three benchmarks compare with PyTorch")
    done = subprocess.run(
        [sys.executable, "-c", LOAD_BENCHMARKS, *map(str, BENCHMARKS)],
        capture_output=True,
        text=True,
        cwd=ROOT / "benchmarks",
        check=False,
    )
    assert len(BENCHMARKS) >= 8
    assert done.returncode == 0, done.stderr
