"""Build-time numbers (tools/values.py): computed, cached, never silently missing."""

import pytest
import scripts
import values

SCRIPT = """
import numpy as np
slope = np.float64(0.816496580927726)
steps = 12
table = "| a | b |\\n|---|---|\\n| 1 | 2 |"
_private = 3
array = np.zeros(3)
"""


@pytest.fixture
def script(tmp_path):
    path = tmp_path / "page.py"
    path.write_text(SCRIPT)
    package = tmp_path / "pkg"
    package.mkdir()
    (package / "mod.py").write_text("X = 1\n")
    return path, package, tmp_path / "cache"


def test_script_values_are_numbers_and_text_only(script):
    path, package, cache = script
    found = values.load_values([path], package, cache)["page"]
    assert found == {
        "slope": 0.816496580927726,
        "steps": 12,
        "table": "| a | b |\n|---|---|\n| 1 | 2 |",
    }


def test_values_are_cached_until_the_script_or_package_changes(script, monkeypatch):
    path, package, cache = script
    values.load_values([path], package, cache)
    calls = []
    real_run = scripts.run_python
    monkeypatch.setattr(
        scripts, "run_python", lambda jobs: calls.extend(jobs) or real_run(jobs)
    )
    values.load_values([path], package, cache)
    assert calls == []
    (package / "mod.py").write_text("X = 2\n")
    values.load_values([path], package, cache)
    assert len(calls) == 1


def test_a_failing_script_names_itself_and_its_error(script):
    path, package, cache = script
    path.write_text("raise ValueError('no data')\n")
    with pytest.raises(values.ValuesError, match=r"page\.py failed:[\s\S]*no data"):
        values.load_values([path], package, cache)


def test_a_script_that_exits_early_is_named_not_cached(script):
    path, package, cache = script
    path.write_text("import sys\n\nsys.exit()\n")  # exit code 0, nothing written
    for _ in range(2):  # and again: it was not stamped as done
        with pytest.raises(values.ValuesError, match=r"page\.py ran, but .*page\.json"):
            values.load_values([path], package, cache)


def test_scripts_that_share_a_worker_each_get_their_own_values(tmp_path):
    package = tmp_path / "pkg"
    package.mkdir()
    paths = []
    for number, page in enumerate(["a", "b", "c"], start=1):
        paths.append(tmp_path / f"{page}.py")
        paths[-1].write_text(f"x = {number}\n_hidden = 0\n")
    found = values.load_values(paths, package, tmp_path / "cache")
    assert found == {"a": {"x": 1}, "b": {"x": 2}, "c": {"x": 3}}


def test_fill_formats_each_placeholder():
    text = "slope {{ slope:.2f }} after {{ steps }} steps; TeX {{x}} stays"
    out = values.fill(text, {"slope": 0.8165, "steps": 12}, "p.md")
    assert out == "slope 0.82 after 12 steps; TeX {{x}} stays"


def test_fill_rejects_an_unknown_name_naming_its_line_and_the_fix():
    text = "# Page\n\nThe slope is {{ slpoe }}."
    with pytest.raises(values.ValuesError) as error:
        values.fill(text, {"slope": 1.0, "steps": 3}, "docs/p.md", 1, "v/p.py")
    assert str(error.value) == (
        "docs/p.md:3: no value named 'slpoe' (defined: slope, steps): write"
        " {{ slope }}, or define slpoe in v/p.py"
    )


def test_fill_counts_lines_from_where_the_markdown_starts():
    with pytest.raises(values.ValuesError, match=r"^docs/p\.md:12: no value"):
        values.fill("\n{{ nothing }}", {}, "docs/p.md", first_line=11)


def test_fill_rejects_a_bad_format_naming_its_line():
    with pytest.raises(values.ValuesError) as error:
        values.fill("{{ steps:.2q }}", {"steps": 12}, "docs/p.md")
    assert str(error.value).startswith("docs/p.md:1: cannot format steps = 12 with")
    assert "{{ steps:.3f }}" in str(error.value)


@pytest.mark.parametrize(
    ("source", "line"),
    [
        ("x = 1\nrate = 0.1\n", 2),
        ("import x\n\nsteps, rate, epochs = 1, 2, 3\n", 3),
        ("rate: float = 0.1\n", 1),
        ("if rate == 1:\n    pass\nrates = 2\n", None),
        ("print(rate)\nrate += 1\n", 2),
        ("x = f(\n    1, rate=0.1)\nrate = 2\n", 3),  # not the keyword argument
        ('"""\nrate = the step size\n"""\nrate = 0.1\n', 4),  # nor the docstring
        ("(a, rate) = 1, 2\n", 1),
        ("def f():\n    rate = 1\n", None),  # only the module's names count
    ],
)
def test_line_defining_finds_where_a_name_is_assigned(source, line):
    assert values.line_defining(source, "rate") == line
