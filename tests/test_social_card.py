"""tools/social_card.py: the link-preview image, drawn by our code, small,
reproducible and cached."""

import pytest
import social_card
from PIL import Image

TITLE, SUBTITLE = "handgrad", "How a neural network learns, by hand."


def test_the_card_is_a_small_png_of_the_size_previews_expect(tmp_path):
    card = social_card.build_card(tmp_path, TITLE, SUBTITLE)
    with Image.open(card) as image:
        assert image.format == "PNG"
        assert image.size == (social_card.WIDTH, social_card.HEIGHT) == (1200, 630)
    # A preview is fetched by every chat that unfurls a link: keep it light.
    assert card.stat().st_size < 60_000


def test_the_card_is_drawn_once_and_again_only_when_its_text_changes(
    tmp_path, monkeypatch
):
    social_card.build_card(tmp_path, TITLE, SUBTITLE)
    calls = []
    real = social_card.run_python

    def spy(jobs):
        calls.append(jobs)
        return real(jobs)

    monkeypatch.setattr(social_card, "run_python", spy)
    social_card.build_card(tmp_path, TITLE, SUBTITLE)
    assert calls == []
    social_card.build_card(tmp_path, TITLE, "Another description.")
    assert len(calls) == 1


def test_two_drawings_are_byte_identical(tmp_path):
    first = social_card.build_card(tmp_path / "a", TITLE, SUBTITLE).read_bytes()
    second = social_card.build_card(tmp_path / "b", TITLE, SUBTITLE).read_bytes()
    assert first == second


def test_an_empty_title_is_an_error(tmp_path):
    with pytest.raises(social_card.SocialCardError, match="title: expected the site"):
        social_card.build_card(tmp_path, " ", SUBTITLE)
