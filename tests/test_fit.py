"""The one contract of every training loop: Fit, DivergenceError, check_loss."""

import math

import numpy as np
import pytest

from handgrad.fit import GROWTH_LIMIT, DivergenceError, Fit, check_loss, check_step


def test_fit_copies_and_freezes_its_loss_and_counts_the_steps():
    losses = np.array([3.0, 2.0, 1.0])
    fit = Fit(params=(1.0, 2.0), loss=losses, converged=False)
    losses[0] = 99.0
    assert fit.loss.tolist() == [3.0, 2.0, 1.0]
    assert fit.steps == 2
    with pytest.raises(ValueError, match="read-only"):
        fit.loss[0] = 0.0


@pytest.mark.parametrize("loss", [math.inf, math.nan, 2.0 * GROWTH_LIMIT])
def test_a_loss_that_is_not_finite_or_has_blown_up_is_divergence(loss):
    with pytest.raises(DivergenceError, match="diverged at step 7") as caught:
        check_loss(loss, 7, 1.0, 0.5, hint=", or ask for help")
    error = caught.value
    assert isinstance(error, ValueError)
    assert (error.learning_rate, error.step) == (0.5, 7)
    assert "learning_rate=0.5" in str(error)
    assert str(error).endswith("Use a smaller learning_rate, or ask for help.")


def test_a_loss_that_grows_but_stays_below_the_limit_is_not_divergence():
    check_loss(0.5 * GROWTH_LIMIT, 3, 1.0, 0.1)


def test_a_start_at_zero_loss_only_fails_on_leaving_the_finite_numbers():
    check_loss(1e-3, 1, 0.0, 0.1)  # any growth from 0 is infinite growth
    with pytest.raises(DivergenceError):
        check_loss(math.inf, 1, 0.0, 0.1)


def test_a_step_to_inf_names_the_parameter_and_the_learning_rate():
    with pytest.raises(DivergenceError, match=r"learning_rate=1e\+308 moves b\[1\]"):
        check_step({"W": [np.ones(2)], "b": [np.ones(1), np.array([np.inf])]}, 1e308)
    with pytest.raises(DivergenceError, match="moves W1 out of the finite float64"):
        check_step({"W1": np.array([np.nan])}, 0.1)
    check_step({"W1": np.ones(3)}, 0.1)
