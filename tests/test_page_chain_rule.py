"""Every number in the prose of docs/chain-rule.md, recomputed from the library.

Each test formats the library's value the way the page prints it and looks
for that text on the page, so a change on either side fails here.
"""

from pathlib import Path

import pytest

from handgrad import chain_rule as cr

PAGE = (Path(__file__).resolve().parent.parent / "docs" / "chain-rule.md").read_text()


def test_rates_along_the_chain_of_lines():
    assert cr.dh_dw(1.0) == 2.0
    assert cr.ds_dh(1.0) == 0.25
    assert cr.ds_dw(1.0) == 0.5
    assert r"\frac{1}{4} \cdot 2 = \frac{1}{2}" in PAGE


def test_tangent_slopes_in_the_alt_text():
    left, bottom, right = (float(cr.ds_dx(x)) for x in (-2.0, 0.0, 1.0))
    assert f"slopes, about {left:.2f}, {bottom:.0f} and {right:.2f}," in PAGE


def test_slope_at_one_is_one_over_root_one_point_five():
    assert cr.ds_dx(1.0) == pytest.approx(1 / 1.5**0.5, rel=1e-15)
    assert r"$1/\sqrt{1.5} \approx 0.82$" in PAGE


def test_slope_tends_to_plus_or_minus_one_far_from_zero():
    assert cr.ds_dx(1e4) == pytest.approx(1.0, abs=1e-8)
    assert cr.ds_dx(-1e4) == pytest.approx(-1.0, abs=1e-8)
    assert "far from zero it tends to $1$ or $-1$" in PAGE
