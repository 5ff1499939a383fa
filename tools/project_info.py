"""What the site says about the project itself, read from the project's files.

The home page tells a reader how to install ``handgrad`` and which Python and
NumPy it needs. Those words come from ``pyproject.toml`` and the repository's
address on every build, as placeholders (``{{ install_command }}``) that
every page may use, so they cannot drift from what ``pip`` enforces. Nothing
here knows about MkDocs.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import tomllib
from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet


def at_least(specifier: SpecifierSet, what: str) -> str:
    """``">=3.10"`` as ``"3.10 or newer"``; ``what`` names it in an error.

    Only a single lower bound reads that simply: anything else raises
    :class:`ValueError`, so the page is reworded rather than made wrong.
    """
    specs = list(specifier)
    if len(specs) != 1 or specs[0].operator != ">=":
        raise ValueError(
            f"{what}: expected one lower bound such as '>=3.10', got {str(specifier)!r}"
        )
    return f"{specs[0].version} or newer"


def repo_name(repo_url: str) -> str:
    """``https://github.com/owner/name`` as ``owner/name``."""
    path = urlsplit(repo_url).path.strip("/").removesuffix(".git")
    if path.count("/") != 1:
        raise ValueError(
            f"repo_url: expected https://<host>/<owner>/<name>, got {repo_url!r}"
        )
    return path


def site_values(pyproject: Path, repo_url: str) -> dict[str, str]:
    """The values any page may quote, by name.

    - ``repo_url``: the repository's address;
    - ``install_command``: ``pip install "handgrad @ git+<repo_url>"``;
    - ``python_version`` and ``numpy_version``: what the package needs,
      as "3.10 or newer".
    """
    project = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]
    needs = {
        Requirement(r).name.lower(): Requirement(r) for r in project["dependencies"]
    }
    if "numpy" not in needs:
        raise ValueError(f"{pyproject}: expected numpy among the dependencies")
    name, repo_url = project["name"], repo_url.rstrip("/")
    return {
        "repo_url": repo_url,
        "install_command": f'pip install "{name} @ git+{repo_url}"',
        "python_version": at_least(
            SpecifierSet(project["requires-python"]), "requires-python"
        ),
        "numpy_version": at_least(needs["numpy"].specifier, "the numpy dependency"),
    }
