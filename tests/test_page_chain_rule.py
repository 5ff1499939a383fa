"""Claims in the prose of docs/chain-rule.md, checked against the library.

The page's decimals come from docs/values/chain-rule.py at build time; the
exact values and the formulas written out in the text are checked here, as
formulas (tests/page_facts.py), not as sentences.
"""

import math
from pathlib import Path

import pytest
from page_facts import formulas, page_values, states

from handgrad import chain_rule as cr

ROOT = Path(__file__).resolve().parent.parent
PAGE = (ROOT / "docs" / "chain-rule.md").read_text()


def test_rates_along_the_chain_of_lines():
    assert cr.dh_dw(1.0) == 2.0
    assert cr.ds_dh(1.0) == 0.25
    assert cr.ds_dw(1.0) == 0.5
    assert states(PAGE, r"\frac{1}{4} \cdot 2 = \frac{1}{2}")


def test_slope_at_one_is_one_over_root_one_point_five():
    assert cr.ds_dx(1.0) == pytest.approx(1 / 1.5**0.5, rel=1e-15)
    assert states(PAGE, r"1/\sqrt{1.5} \approx {{ slope_at_1:.2f }}")


def test_slope_tends_to_plus_or_minus_one_far_from_zero():
    assert cr.ds_dx(1e4) == pytest.approx(1.0, abs=1e-8)
    assert cr.ds_dx(-1e4) == pytest.approx(-1.0, abs=1e-8)
    assert {"1", "-1"} <= set(formulas(PAGE))  # the limits the page names


def test_two_paths_add_up_to_the_product_rule():
    values = page_values("chain-rule")
    x, eps = 1.0, 1e-6
    f = lambda x: x**2 * math.sin(x)  # noqa: E731
    measured = (f(x + eps) - f(x - eps)) / (2 * eps)
    assert values["two_paths_total"] == pytest.approx(measured, abs=1e-8)
    assert min(values["path_u"], values["path_v"]) > 0  # neither path vanishes
