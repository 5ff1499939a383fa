"""The figure pipeline in tools/figures.py: cached, reproducible, loud on failure."""

import re
import subprocess
from pathlib import Path

import figures
import markdown
import markup
import pytest
import scripts as scripts_module
from scripts import digest

GOOD = '''"""A line."""
import matplotlib.pyplot as plt

fig, ax = plt.subplots()
ax.plot([0, 1], [0, {slope}])
'''


@pytest.fixture
def project(tmp_path: Path):
    scripts, package, cache = tmp_path / "figures", tmp_path / "pkg", tmp_path / "cache"
    scripts.mkdir()
    package.mkdir()
    (package / "mod.py").write_text("X = 1\n")
    (scripts / "plot_a.py").write_text(GOOD.format(slope=1))
    (scripts / "plot_b.py").write_text(GOOD.format(slope=2))
    return scripts, package, cache


@pytest.fixture
def worker_calls(monkeypatch):
    """The scripts each build hands the worker, which here only writes what
    the real one would (the cache is under test, not the drawing), and
    fails as the real one does on a script that raises."""
    calls: list[list[str]] = []

    def fake(jobs):  # run_python's: each job is [worker, OUT_DIR, *scripts]
        calls.append(sorted(Path(s).name for job in jobs for s in job[2:]))
        done = []
        for job in jobs:
            out_dir, paths = Path(job[1]), [Path(s) for s in job[2:]]
            code, err = 0, ""
            for script in paths:
                if "raise" in script.read_text():
                    code, err = 1, f"figure script {script} failed"
                    break
                for theme in figures.THEMES:
                    svg = out_dir / figures.svg_name(script.stem, theme)
                    svg.write_text("<svg/>")
                (out_dir / f"{script.stem}.sizes.json").write_text("{}")
            done.append(subprocess.CompletedProcess(job, code, "", err))
        return done

    monkeypatch.setattr(scripts_module, "run_python", fake)
    return calls


def test_each_script_gives_a_light_and_a_dark_svg(project):
    built = figures.build_figures(*project)
    assert [f.name for f in built] == ["plot_a", "plot_b"]
    for figure in built:
        assert set(figure.svgs) == {"light", "dark"}
        for svg in figure.svgs.values():
            assert svg.read_text().lstrip().startswith("<?xml")
    light, dark = built[0].svgs["light"], built[0].svgs["dark"]
    assert light.read_bytes() != dark.read_bytes()


EVERY_COLOUR = """
import matplotlib.pyplot as plt

fig, ax = plt.subplots(figsize=(3, 2))
for k in range(6):
    ax.plot([0, 1], [k, k + 1], label=f"C{k}")
ax.set_title("ink")
ax.legend()
"""


def _drawn(theme: str) -> str:
    """EVERY_COLOUR drawn in ``theme``'s palette, as the worker saves it."""
    import io

    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    with plt.rc_context(figures.style(theme)):
        namespace: dict = {}
        exec(EVERY_COLOUR, namespace)
        out = io.StringIO()
        namespace["fig"].savefig(out, format="svg", metadata={"Date": None})
    plt.close("all")
    return out.getvalue()


def test_the_dark_twin_is_the_drawing_a_dark_run_makes():
    # Every colour of the light palette appears, and none stays in the dark.
    light, dark = _drawn("light"), _drawn("dark")
    for colour in figures._DARK_OF:
        assert colour in light
        assert colour not in figures.in_dark(light)
    # Equal to a run in the dark palette, but for the ids of shared shapes
    # (Matplotlib hashes a marker's style, colour included, into its id).
    ids = re.compile(r'(id="|href="#)\w+"')
    assert ids.sub(r"\1", figures.in_dark(light)) == ids.sub(r"\1", dark)
    assert figures.in_dark(light) != light


def test_unchanged_build_runs_nothing_and_a_change_runs_only_that_script(
    project, worker_calls
):
    scripts, package, _ = project
    figures.build_figures(*project)
    figures.build_figures(*project)
    assert worker_calls == [["plot_a.py", "plot_b.py"]]

    (scripts / "plot_b.py").write_text(GOOD.format(slope=3))
    figures.build_figures(*project)
    assert worker_calls[-1] == ["plot_b.py"]

    (package / "mod.py").write_text("X = 2\n")
    figures.build_figures(*project)
    assert worker_calls[-1] == ["plot_a.py", "plot_b.py"]


def test_rendering_is_byte_identical(project, tmp_path):
    scripts, package, _ = project
    first = figures.build_figures(scripts, package, tmp_path / "one")
    second = figures.build_figures(scripts, package, tmp_path / "two")
    for a, b in zip(first, second, strict=True):
        for theme in figures.THEMES:
            assert a.svgs[theme].read_bytes() == b.svgs[theme].read_bytes()


def test_a_failing_script_is_named_with_its_traceback(project):
    scripts, _, _ = project
    (scripts / "plot_c.py").write_text("import numpy\nraise ValueError('bad data')\n")
    with pytest.raises(figures.FigureError) as error:
        figures.build_figures(*project)
    message = str(error.value)
    assert "plot_c.py" in message
    assert "Traceback" in message
    assert "ValueError: bad data" in message


def test_a_script_without_fig_is_an_error(project):
    scripts, _, cache = project
    (scripts / "plot_c.py").write_text("x = 1\n")
    cache.mkdir()
    with pytest.raises(TypeError, match="expected a global `fig`"):
        figures._draw(cache, scripts / "plot_c.py")  # the worker's, for one script


def test_a_failed_script_is_retried_on_the_next_build(project, worker_calls):
    scripts, _, _ = project
    (scripts / "plot_c.py").write_text("raise RuntimeError('first try')\n")
    with pytest.raises(figures.FigureError):
        figures.build_figures(*project)
    (scripts / "plot_c.py").write_text(GOOD.format(slope=5))
    assert [f.name for f in figures.build_figures(*project)][-1] == "plot_c"
    assert "plot_c.py" in worker_calls[-1]  # run again, not taken as cached


def page_html(markdown_text: str) -> str:
    """The HTML a page gets from ``markdown_text`` with the site's extensions,
    as the page ``docs/dir/page.md`` (its figures are in ``../figures/``)."""
    html = markdown.markdown(markdown_text, extensions=["attr_list"])
    return html.replace('src="figures/', 'src="../figures/')


def light_and_dark(html: str, known: set[str], where: str, source: str) -> str:
    """``html`` with the edits of :func:`figures.light_and_dark` made."""
    tree = markup.parse(html)
    return markup.replace(
        html, figures.light_and_dark(html, tree, known, where, source)
    )


def test_a_figure_becomes_a_light_and_a_dark_image_loaded_lazily():
    source = "Text\n\n![A rising line](figures/plot_a.svg)\n"
    out = light_and_dark(page_html(source), {"plot_a"}, "p.md", source)
    images = re.findall(r"<img [^>]*>", out)
    assert images == [
        '<img alt="A rising line" src="../figures/plot_a.svg#only-light"'
        ' loading="lazy">',
        '<img alt="A rising line" src="../figures/plot_a-dark.svg#only-dark"'
        ' loading="lazy">',
    ]
    assert out.startswith("<p>Text</p>")


def test_a_figure_gets_the_least_width_a_phone_shows_it_at():
    # 11 pt text (14.667 px) in a 6.4 in (614.4 px) figure is 11 px when the
    # figure is 614.4 * 11 / 14.667 = 460.8 px wide.
    assert figures.phone_width(14.667, 614.4) == 461
    source = "![A rising line](figures/plot_a.svg)\n"
    out = light_and_dark(
        page_html(source), {"plot_a": (14.667, 614.4, 345.6)}, "p.md", source
    )
    images = re.findall(r"<img [^>]*>", out)
    assert len(images) == 2
    for image in images:
        assert 'style="--hg-phone-width: 461px"' in image
        assert 'data-text-px="14.67"' in image


def test_a_figure_without_text_gets_no_phone_width():
    # Images alone, as the digits' 8 x 8 weights: nothing to keep readable.
    source = "![Weights as images](figures/plot_a.svg)\n"
    out = light_and_dark(
        page_html(source), {"plot_a": (None, 768.0, 203.7)}, "p.md", source
    )
    images = re.findall(r"<img [^>]*>", out)
    assert len(images) == 2
    for image in images:
        assert 'data-text-px="none"' in image
        assert "--hg-phone-width" not in image


def test_the_worker_records_each_figures_size_and_smallest_text(project):
    (built,) = [f for f in figures.build_figures(*project) if f.name == "plot_a"]
    text_px, width_px, height_px = built.text_and_size()
    # The default size of style(), 6.4 by 3.6 inches, at 96 px an inch: what
    # the SVG states in points (72 an inch).
    assert (width_px, height_px) == pytest.approx((6.4 * 96, 3.6 * 96))
    svg = built.svgs["light"].read_text()
    assert 'width="460.8pt" height="259.2pt"' in svg
    assert text_px == pytest.approx(11 * 4 / 3, abs=1e-3)  # 11 pt, recorded to 0.001 px


@pytest.mark.parametrize(
    "written",
    [
        "![Alt](./figures/plot_a.svg)",
        '![Alt](figures/plot_a.svg "A title")',
        "![Alt][fig]\n\n[fig]: figures/plot_a.svg",
        '<img alt="Alt" src="figures/plot_a.svg">',
        "![Alt](figures/plot_a.svg){ width=300 }",
    ],
)
def test_every_way_of_writing_a_figure_is_found(written):
    out = light_and_dark(page_html(written), {"plot_a"}, "p.md", written)
    assert out.count('alt="Alt"') == 2
    assert "plot_a-dark.svg#only-dark" in out
    assert 'title="A title"' in out if "title" in written else True
    assert 'width="300"' in out if "width" in written else True


@pytest.mark.parametrize(
    "written",
    [
        "![](figures/plot_a.svg)",
        "![](./figures/plot_a.svg)",
        '![](figures/plot_a.svg "The loss")',
        '<img src="figures/plot_a.svg">',
        "![  ](figures/plot_a.svg)",
    ],
)
def test_a_figure_without_alt_text_names_its_line_and_the_fix(written):
    source = f"# Page\n\nSome text.\n\n{written}\n"
    with pytest.raises(figures.FigureError) as error:
        light_and_dark(page_html(source), {"plot_a"}, "docs/p.md", source)
    assert str(error.value).startswith("docs/p.md:5: the figure plot_a.svg has no alt")
    assert "![The loss falls, then levels off](figures/plot_a.svg)" in str(error.value)


def test_a_figure_used_twice_is_named_at_its_second_line():
    source = "![One](figures/plot_a.svg)\n\ntext\n\n![](figures/plot_a.svg)\n"
    with pytest.raises(figures.FigureError, match=r"^p\.md:5: "):
        light_and_dark(page_html(source), {"plot_a"}, "p.md", source)


def test_a_figure_without_a_script_names_its_line_and_the_nearest_script():
    source = "# Page\n\n![Alt](figures/plot_b.svg)\n"
    with pytest.raises(figures.FigureError) as error:
        light_and_dark(page_html(source), {"plot_bb"}, "docs/p.md", source)
    message = str(error.value)
    assert message.startswith("docs/p.md:3: no script for the figure plot_b.svg")
    assert "did you mean plot_bb.svg?" in message
    assert "docs/figures/plot_b.py" in message


def test_other_images_are_left_alone():
    source = "![Logo](assets/logo.svg) ![Done](figures/plot_a.svg#only-dark)"
    html = page_html(source)
    assert light_and_dark(html, set(), "p.md", source) == html


def test_the_cache_key_changes_with_the_installed_libraries(project, monkeypatch):
    scripts, package, _ = project
    script = scripts / "plot_a.py"
    before = digest([script], package)
    environment = scripts_module.environment()
    monkeypatch.setattr(
        scripts_module, "environment", lambda: environment + "\nnumpy==99.0"
    )
    assert digest([script], package) != before


def test_a_figure_links_to_its_script_in_the_same_paragraph():
    url = "https://example.org/o/r/blob/main/docs/figures/{name}.py"
    source = "![Alt](figures/plot_a.svg)\n"
    tree_html = page_html(source)
    tree = markup.parse(tree_html)
    edits = figures.light_and_dark(tree_html, tree, {"plot_a"}, "x", source, url)
    out = markup.replace(tree_html, edits)
    paragraph = re.fullmatch(r"<p>(.*)</p>", out, re.S)
    assert paragraph, out  # the images and the link share one paragraph
    assert paragraph[1].count('alt="Alt"') == 2
    assert paragraph[1].endswith(
        '<a class="hg-figure-script" '
        'href="https://example.org/o/r/blob/main/docs/figures/plot_a.py">'
        "Script of this figure: <code>plot_a.py</code></a>"
    )


def test_a_figure_keeps_its_room_before_it_loads():
    source = "![A rising line](figures/plot_a.svg)\n"
    known = {"plot_a": (14.667, 614.4, 345.6)}
    out = light_and_dark(page_html(source), known, "p.md", source)
    images = re.findall(r"<img [^>]*>", out)
    assert len(images) == 2
    for image in images:
        assert 'width="614" height="346"' in image
    # A size the page gave stays, alone.
    source = "![A rising line](figures/plot_a.svg){ width=300 }\n"
    out = light_and_dark(page_html(source), known, "p.md", source)
    assert out.count('width="300"') == 2
    assert "height=" not in out
