"""tools/social_card.py: the link-preview image, drawn by our code, small,
reproducible and cached."""

import shutil
import subprocess

import pytest
import social_card
from PIL import Image

TITLE, SUBTITLE = "handgrad", "How a neural network learns, by hand."


@pytest.fixture(scope="module")
def card(tmp_path_factory):
    """One drawing, shared: each takes a Python with Matplotlib a second or two."""
    return social_card.build_card(tmp_path_factory.mktemp("card"), TITLE, SUBTITLE)


def test_the_card_is_a_small_png_of_the_size_previews_expect(card):
    with Image.open(card) as image:
        assert image.format == "PNG"
        assert image.size == (social_card.WIDTH, social_card.HEIGHT) == (1200, 630)
    # A preview is fetched by every chat that unfurls a link: keep it light.
    assert card.stat().st_size < 60_000


def test_two_drawings_are_byte_identical(card, tmp_path):
    again = social_card.build_card(tmp_path, TITLE, SUBTITLE)
    assert again.read_bytes() == card.read_bytes()


def test_the_card_is_drawn_again_only_when_its_text_changes(
    card, tmp_path, monkeypatch
):
    calls = []

    def draw(jobs):  # stands in for the worker: records the job, writes a file
        calls.append(jobs)
        ((_, out, _, _),) = jobs
        with open(out, "wb") as png:
            png.write(b"drawn")
        return [subprocess.CompletedProcess(jobs[0], 0, "", "")]

    monkeypatch.setattr(social_card, "run_python", draw)
    cache = tmp_path / "cache"
    shutil.copytree(card.parent, cache)
    before = card.read_bytes()
    assert social_card.build_card(cache, TITLE, SUBTITLE).read_bytes() == before
    assert calls == []
    social_card.build_card(cache, TITLE, "Another description.")
    assert [job[2:] for (job,) in calls] == [[TITLE, "Another description."]]


def test_a_failed_drawing_is_an_error_with_its_output(tmp_path, monkeypatch):
    def fail(jobs):
        return [subprocess.CompletedProcess(jobs[0], 1, "", "Traceback: boom")]

    monkeypatch.setattr(social_card, "run_python", fail)
    with pytest.raises(social_card.SocialCardError, match="boom"):
        social_card.build_card(tmp_path, TITLE, SUBTITLE)
    assert not (tmp_path / f"{social_card.NAME}.sha256").exists()


def test_an_empty_title_is_an_error(tmp_path):
    with pytest.raises(social_card.SocialCardError, match="title: expected the site"):
        social_card.build_card(tmp_path, " ", SUBTITLE)
