"""Claims in the prose of docs/sgd-momentum.md, checked against the library."""

import runpy
from pathlib import Path

import numpy as np
from page_facts import asks_for

ROOT = Path(__file__).resolve().parent.parent
PAGE = (ROOT / "docs" / "sgd-momentum.md").read_text()
VALUES = runpy.run_path(str(ROOT / "docs" / "values" / "sgd-momentum.py"))


def test_an_epochs_minibatch_gradients_average_to_the_full_gradient():
    # Ten means of five, averaged, are the mean of fifty: up to rounding.
    assert VALUES["epoch_mean_error"] < 1e-10


def test_the_spread_shrinks_with_the_batch_size_about_as_one_over_root_b():
    s1, s5, s20 = VALUES["spread_1"], VALUES["spread_5"], VALUES["spread_20"]
    assert s1 > s5 > s20
    assert 0.8 < (s1 / s5) / np.sqrt(5) < 1.2
    # "a little less than 1/sqrt(B) predicts for the largest"
    assert s20 < s1 / np.sqrt(20)


def test_momentum_lengthens_steps_by_one_over_one_minus_beta():
    assert VALUES["beta_speedup"] == 1 / (1 - VALUES["beta"])


def test_in_the_valley_adam_goes_furthest_then_momentum_then_descent():
    ls_b = VALUES["ls_b"]
    distances = [abs(VALUES[f"{k}_b"] - ls_b) for k in ("gd", "momentum", "adam")]
    assert distances[0] > distances[1] > distances[2] > 1.0  # none reaches it
    assert {"gd_b", "momentum_b", "adam_b", "ls_b", "steps"} <= asks_for(PAGE)


def test_the_learning_rate_is_just_below_where_descent_blows_up():
    from handgrad.data import mass_height

    x, _ = mass_height()
    hessian = 2 * np.array([[1, x.mean()], [x.mean(), (x**2).mean()]])
    limit = 2 / np.linalg.eigvalsh(hessian).max()
    assert VALUES["gd_rate"] < limit < 1.2 * VALUES["gd_rate"]
    assert "gd_rate" in asks_for(PAGE)
