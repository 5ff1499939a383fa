"""The explorables' build step, tools/explorables.py: data cached, pages
enhanced, and every mistake named with its file and fix. What the reader sees
and moves is tested in Chromium (tests/browser/test_explorables.py)."""

import json
from pathlib import Path

import explorables
import markup
import pytest

GOOD = """import numpy as np

script = "explorables.js"
data = {"kind": "line", "room": {"ratio": 0.5, "em": 4}, "x": np.arange(3.0)}
"""

PAGE = """<p>Before.</p>
<div class="hg-explorable" data-explorable="line">
<p><img alt="A line." src="../figures/plot_line.svg"></p>
</div>
<p>After.</p>
"""


@pytest.fixture
def project(tmp_path: Path):
    scripts, package, cache = tmp_path / "explorables", tmp_path / "pkg", tmp_path / "c"
    scripts.mkdir()
    package.mkdir()
    (package / "mod.py").write_text("X = 1\n")
    (scripts / "line.py").write_text(GOOD)
    (scripts / "explorables.js").write_text("/* draws */\n")
    return scripts, package, cache


def test_data_is_written_as_json_with_its_page_script(project):
    scripts, package, cache = project
    found = explorables.build_data(scripts, package, cache)
    assert list(found) == ["line"]
    line = found["line"]
    assert (line.script, line.room) == ("explorables.js", (0.5, 4.0))
    written = json.loads(line.json.read_text())
    assert written["x"] == [0.0, 1.0, 2.0]  # a NumPy array, as a list
    assert written["kind"] == "line"


def test_data_runs_again_only_when_its_script_or_the_library_changed(project):
    scripts, package, cache = project
    json_file = explorables.build_data(scripts, package, cache)["line"].json
    json_file.write_text(json_file.read_text().replace('"line"', '"cached"'))
    explorables.build_data(scripts, package, cache)
    assert '"cached"' in json_file.read_text()  # not run again
    (package / "mod.py").write_text("X = 2\n")
    explorables.build_data(scripts, package, cache)
    assert '"line"' in json_file.read_text()


@pytest.mark.parametrize(
    ("script", "message"),
    [
        ("raise ValueError('no data here')", "ValueError: no data here"),
        ("script = 'explorables.js'", "expected a global `data`, a dict"),
        (
            "script = 'explorables.js'\ndata = {'kind': 'k'}",
            "expected data['room'], the room the drawing takes",
        ),
        ("data = {'kind': 'k', 'room': {'ratio': 1, 'em': 1}}", "a global `script`"),
        (
            "script = 'x.js'\ndata = {'kind': 'k', 'room': {'ratio': 1, 'em': 1}}",
            "names the page script 'x.js', which is not in",
        ),
        (
            "script = 'explorables.js'\n"
            "data = {'kind': 'k', 'room': {'ratio': 1, 'em': 1}, 'v': float('nan')}",
            "Out of range float values are not JSON compliant",
        ),
    ],
)
def test_a_bad_data_script_fails_the_build_naming_it(project, script, message):
    scripts, package, cache = project
    (scripts / "bad.py").write_text(script + "\n")
    with pytest.raises(explorables.ExplorableError) as error:
        explorables.build_data(scripts, package, cache)
    assert "bad.py" in str(error.value)
    assert message in str(error.value)


def test_a_page_gets_each_explorables_addresses_and_one_loader(project):
    scripts, package, cache = project
    known = explorables.build_data(scripts, package, cache)
    html = PAGE + PAGE  # two explorables
    edits = explorables.enhance(markup.parse(html), known, "docs/p.md", html, "../")
    out = markup.replace(html, edits)
    assert out.count('data-json="../explorables/line.json"') == 2
    assert out.count('data-script="../explorables/explorables.js"') == 2
    assert out.count('style="--hg-x-ratio: 0.5; --hg-x-extra: 4em"') == 2
    assert out.count("<script>") == 1
    last = out.rindex("</div>") + len("</div>")
    assert out[last:].startswith(explorables.LOADER)  # after the last one
    assert out.replace(explorables.LOADER, "").count("<img") == html.count("<img")


def test_a_page_without_explorables_is_left_alone(project):
    html = "<p><img alt='A line.' src='figures/plot_line.svg'></p>"
    assert explorables.enhance(markup.parse(html), {}, "docs/p.md", html, "") == []


def test_an_unknown_explorable_fails_naming_its_line_and_the_fix(project):
    scripts, package, cache = project
    known = explorables.build_data(scripts, package, cache)
    html = PAGE.replace('data-explorable="line"', 'data-explorable="lines"')
    source = "# Page\n\n" + html
    with pytest.raises(explorables.ExplorableError) as error:
        explorables.enhance(markup.parse(html), known, "docs/p.md", source, "")
    assert str(error.value).startswith("docs/p.md:4: no data script for")
    assert "did you mean 'line'?" in str(error.value)
    assert "write docs/explorables/lines.py" in str(error.value)


def test_an_explorable_without_its_static_figure_fails(project):
    scripts, package, cache = project
    known = explorables.build_data(scripts, package, cache)
    html = '<div class="hg-explorable" data-explorable="line"><p>Hi</p></div>'
    with pytest.raises(explorables.ExplorableError, match="holds no figure"):
        explorables.enhance(markup.parse(html), known, "docs/p.md", html, "")
