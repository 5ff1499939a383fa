"""Each mistake a writer can make fails ``mkdocs build``, once, with a message
that names the file, the line and the fix, and no Python traceback of the
build's own.

Every case is a small site of its own, built with the project's settings and
hook (a build stops at the first mistake); the builds run one after the
other in one Python (build_each.py), once for all the tests. Each hook that
can fail has a case; the other ways to write each mistake are checked on the
modules themselves (an image with a title and no alt text:
tests/test_figures.py).
"""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import social_card

ROOT = Path(__file__).resolve().parent.parent

CONFIG = f"""\
INHERIT: {ROOT / "mkdocs.yml"}
site_name: fault
site_description: fault
docs_dir: docs
nav: [index.md, notebooks/nb.py]
watch: []
theme:
  custom_dir: {ROOT / "overrides"}
hooks: [{ROOT / "tools" / "mkdocs_hooks.py"}]
plugins:  # the project's mkdocs-jupyter, without the others
  - mkdocs-jupyter:
      include: ["notebooks/*.py", "executed/notebooks/*.ipynb"]
      execute: false
"""
PAGE = "# A page\n\nSome text with $x^2$.\n\n{fault}\n\nMore text.\n"
NOTEBOOK = """\
# %% [markdown]
# # A notebook
#
# Back to [the page](../../).

# %%
import math

# %%
x = 1
{fault}

# %%
import sys
import time

print("one", flush=True)  # the kernel sends this at once, the rest later
time.sleep(0.3)
print("warned", file=sys.stderr, flush=True)
print("two")
"""

# name: (the page's fault, the notebook's fault, what the message says)
FAULTS = {
    "image written ./figures, no alt": (
        "![](./figures/plot_x.svg)",
        "",
        "docs/index.md:5: the figure plot_x.svg has no alt text. Say what it"
        " shows: ![The loss falls, then levels off](figures/plot_x.svg)",
    ),
    "broken link in a notebook": (
        "",
        "# %% [markdown]\n# See [the page](../../nowhere/).",
        "docs/notebooks/nb.py:12: the link ../../nowhere/ leads nowhere: from"
        " this notebook's page, notebooks/nb/, it points at nowhere/, which the"
        " site does not have",
    ),
    "py fence": (
        "```py\nprint(1)\n```",
        "",
        "docs/index.md:5: the tests skip a ```py fence, so its code would go"
        " untested: write ```python",
    ),
    "notebook cell raises": (
        "",
        "y = math.sqrt(-x)",
        "docs/notebooks/nb.py:11: a cell raised ValueError: math domain error",
    ),
    "TeX error": (
        r"The slope $\frac{1}{2$ is wrong.",
        "",
        r"docs/index.md:5: cannot render TeX '\\frac{1}{2': Unexpected end of input",
    ),
    "a values script takes a project's name": (
        "No mistake on the page.",
        "",
        "docs/values/extra.py:3: it defines install_command, which every page"
        " already has from the project (tools/project_info.py): rename it",
    ),
}
# The values script of a fault's site (none for the others): here one with
# no page of its own, whose values no page asks for.
VALUES_SCRIPTS = {
    "a values script takes a project's name": (
        "extra.py",
        'steps = 3\n\ninstall_command = "pip install something"\n',
    ),
}


NO_FAULT = {"no fault": ("", "", "")}


def write_fault_site(
    where: Path,
    page_fault: str,
    notebook_fault: str,
    card: Path | None = None,
    values_script: tuple[str, str] | None = None,
) -> dict:
    """Write the small site of one mistake into ``where``, with the
    ``values_script`` (name, text) if any; the environment its build runs
    in (its own cache, given the link-preview image ``card`` made for it, if
    any: social_card.build_card's folder)."""
    (where / "docs" / "notebooks").mkdir(parents=True)
    if values_script is not None:
        (where / "docs" / "values").mkdir()
        (where / "docs" / "values" / values_script[0]).write_text(values_script[1])
    if card is not None:
        shutil.copytree(card, where / "cache" / "social")
    (where / "docs" / "index.md").write_text(PAGE.format(fault=page_fault))
    if page_fault:  # a site without a notebook, which would run for nothing
        (where / "mkdocs.yml").write_text(CONFIG.replace(", notebooks/nb.py", ""))
    else:
        (where / "mkdocs.yml").write_text(CONFIG)
        notebook = NOTEBOOK.format(fault=notebook_fault)
        (where / "docs" / "notebooks" / "nb.py").write_text(notebook)
    return os.environ | {
        "HANDGRAD_CACHE_DIR": str(where / "cache"),
        "NO_MKDOCS_2_WARNING": "1",
    }


@pytest.fixture(scope="session")
def failed_builds(tmp_path_factory) -> dict:
    """Each fault's site, built one after the other in one Python
    (build_each.py): the finished builds by name, and under "where" the
    directory of each."""
    sites = {}
    card = tmp_path_factory.mktemp("card")  # drawn once, not once per site
    social_card.build_card(card, "fault", "fault")
    for name, (page_fault, notebook_fault, _) in (FAULTS | NO_FAULT).items():
        where = sites[name] = tmp_path_factory.mktemp("fault")
        write_fault_site(
            where, page_fault, notebook_fault, card, VALUES_SCRIPTS.get(name)
        )
    command = [sys.executable, str(Path(__file__).with_name("build_each.py"))]
    subprocess.run([*command, *map(str, sites.values())], check=True)
    return {
        name: subprocess.CompletedProcess(
            ["mkdocs", "build", "--strict"],
            int((where / "build.code").read_text()),
            (where / "build.log").read_text(encoding="utf-8"),
        )
        for name, where in sites.items()
    } | {"where": sites}


@pytest.mark.parametrize("name", FAULTS)
def test_the_build_fails_once_naming_the_file_the_line_and_the_fix(failed_builds, name):
    done, expected = failed_builds[name], FAULTS[name][2]
    assert done.returncode == 1, done.stdout[-3000:]
    assert done.stdout.count(expected) == 1, done.stdout[-3000:]
    assert "Aborted with a BuildError!" in done.stdout
    assert "site-packages/mkdocs" not in done.stdout  # no traceback of the build
    assert "\x1b[" not in done.stdout  # no colour codes


def test_a_cell_that_raises_shows_the_kernels_traceback_once(failed_builds):
    output = failed_builds["notebook cell raises"].stdout
    assert len(re.findall(r"Traceback \(most recent call last\)", output)) == 1
    assert "----> 2 y = math.sqrt(-x)" in output
    assert "fix that cell" in output


def test_the_same_site_without_a_fault_builds(failed_builds):
    """Each case above fails for its fault alone."""
    done = failed_builds["no fault"]
    assert done.returncode == 0, done.stdout[-3000:]


def test_what_a_cell_prints_is_one_output_per_stream(failed_builds):
    """However the kernel sent it (tools/jupyter/jupyter_nbconvert_config.py)."""
    site = failed_builds["where"]["no fault"] / "site"
    page = (site / "notebooks" / "nb" / "index.html").read_text(encoding="utf-8")
    stdout, stderr = (
        page.find("<pre>one\ntwo\n</pre>"),
        page.find("<pre>warned\n</pre>"),
    )
    assert 0 < stdout < stderr, page[-3000:]
