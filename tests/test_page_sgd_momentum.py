"""Claims in the prose of docs/sgd-momentum.md, checked against the library."""

from pathlib import Path

import numpy as np
import pytest
from page_facts import asks_for, figure_settings, page_values, states

ROOT = Path(__file__).resolve().parent.parent
PAGE = (ROOT / "docs" / "sgd-momentum.md").read_text()
VALUES = page_values("sgd-momentum")


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
    assert VALUES["gd_limit"] == limit
    assert {"gd_rate", "gd_limit"} <= asks_for(PAGE)


def test_the_figures_settings_are_those_the_page_quotes():
    noise = figure_settings("plot_minibatch_noise")
    assert noise["DRAWS"] == VALUES["scatter_draws"]
    assert noise["EPOCHS"] == VALUES["noise_epochs"]
    assert noise["LEARNING_RATE"] == VALUES["noise_rate"]
    assert noise["BATCH"] == VALUES["batch_size"]
    valley = figure_settings("plot_valley_optimizers")
    assert valley["STEPS"] == VALUES["steps"]
    assert (valley["GD_RATE"], valley["BETA"], valley["ADAM_RATE"]) == (
        VALUES["gd_rate"],
        VALUES["beta"],
        VALUES["adam_rate"],
    )
    assert (valley["START_B"], valley["START_W"]) == (
        VALUES["start_b"],
        VALUES["start_w"],
    )


def test_the_spread_without_putting_back_is_predicted_by_the_factor():
    # The measured spreads (2000 draws each) lie within 5 % of
    # s / sqrt(B) * sqrt((m - B) / (m - 1)); 1/sqrt(B) alone misses B = 20.
    for size in (5, 20):
        measured, predicted = VALUES[f"spread_{size}"], VALUES[f"predicted_{size}"]
        assert abs(measured / predicted - 1) < 0.05
    assert VALUES["spread_20"] < 0.85 * VALUES["root_20"]
    assert {"root_20", "predicted_20", "shrink_20"} <= asks_for(PAGE)


def test_momentums_sums_along_and_across_the_valley():
    beta = VALUES["beta"]
    powers = beta ** np.arange(2000)
    assert powers.sum() == pytest.approx(VALUES["beta_speedup"])
    assert (powers * (-1) ** np.arange(2000)).sum() == pytest.approx(
        VALUES["flip_factor"]
    )
    assert 0.4 < VALUES["flip_factor"] < 0.6  # "about half a step"
    assert states(PAGE, r"g (1 - \beta + \beta^2 - \dots) = g/(1 + \beta)")


def test_momentum_goes_about_one_over_one_minus_beta_as_far_along_the_floor():
    # "close to 1/(1 - beta)": the velocity needs time to build up, so a
    # little less, within 15 %.
    ratio, speedup = VALUES["along_ratio"], VALUES["beta_speedup"]
    assert 0.85 * speedup < ratio < speedup
    assert VALUES["gd_along"] < VALUES["momentum_along"] < VALUES["adam_along"] < 100


def test_adams_first_step_is_the_learning_rate_and_later_ones_are_far_shorter():
    rate = VALUES["adam_rate"]
    assert VALUES["adam_first_db"] == pytest.approx(rate, rel=1e-6)
    assert VALUES["adam_first_dw"] == pytest.approx(rate, rel=1e-6)
    assert VALUES["adam_late_db"] < 0.01 * rate
    assert VALUES["adam_memory"] == pytest.approx(1000)


def test_the_bias_correction_gives_back_a_steady_gradient():
    from handgrad.optim import Adam

    optimizer, g = Adam(0.1), np.array([3.0, -0.5])
    theta = [np.zeros(2)]
    for t in range(1, 6):
        theta = optimizer.step(theta, [g])
        np.testing.assert_allclose(optimizer.m[0] / (1 - 0.9**t), g, rtol=1e-12)
        np.testing.assert_allclose(optimizer.s[0] / (1 - 0.999**t), g**2, rtol=1e-12)
    assert states(PAGE, r"= (1 - \beta_1^t)\, g")
