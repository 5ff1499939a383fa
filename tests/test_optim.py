"""The update formulas of handgrad.optim (page "Stochastic gradient descent and
momentum"), worked by hand; torch.optim agrees in test_optim_torch.py."""

import numpy as np
import pytest

from handgrad.fit import DivergenceError
from handgrad.optim import SGD, Adam, Momentum


def test_sgd_moves_against_the_gradient():
    theta = SGD(0.5).step([np.array([1.0, 2.0])], [np.array([2.0, -4.0])])
    np.testing.assert_array_equal(theta[0], [0.0, 4.0])


def test_momentum_adds_up_the_velocity():
    opt = Momentum(0.1, beta=0.5)
    theta = [np.array([0.0])]
    for _ in range(3):  # a constant gradient 1: v = 1, 1.5, 1.75
        theta = opt.step(theta, [np.array([1.0])])
    np.testing.assert_allclose(opt.velocity[0], [1.75], rtol=1e-15)
    np.testing.assert_allclose(theta[0], [-0.1 * (1 + 1.5 + 1.75)], rtol=1e-15)


def test_adams_first_step_is_the_learning_rate_in_every_coordinate():
    # m_hat = g and s_hat = g**2 at t = 1, so the step is lr * g / |g|.
    theta = Adam(0.01, eps=1e-12).step([np.zeros(3)], [np.array([1e-3, -5.0, 2e3])])
    np.testing.assert_allclose(theta[0], [-0.01, 0.01, -0.01], rtol=1e-8)


def test_beta_zero_makes_momentum_plain_descent():
    g = [np.array([[1.0, -2.0]])]
    np.testing.assert_array_equal(
        Momentum(0.3, beta=0).step([np.ones((1, 2))], g)[0],
        SGD(0.3).step([np.ones((1, 2))], g)[0],
    )


def test_a_step_changes_no_array_it_is_given():
    theta, g = [np.ones(2), np.ones((2, 2))], [np.ones(2), np.ones((2, 2))]
    for opt in (SGD(0.1), Momentum(0.1), Adam(0.1)):
        new = opt.step(theta, g)
        assert all(n is not t for n, t in zip(new, theta, strict=True))
    np.testing.assert_array_equal(theta[1], np.ones((2, 2)))


@pytest.mark.parametrize("opt", [SGD(1e308), Momentum(1e308), Adam(1e308)])
def test_a_step_to_infinity_is_a_divergence(opt):
    with pytest.raises(DivergenceError, match="learning_rate=1e\\+308 moves theta"):
        opt.step([np.array([-1e308])], [np.array([1e10])])


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda: SGD(0), "learning_rate must be a positive finite number"),
        (lambda: Momentum(0.1, beta=1), "beta must be at least 0 and below 1"),
        (lambda: Momentum(0.1, beta="0.9"), "beta must be a positive number"),
        (lambda: Adam(beta2=1.5), "beta2 must be at least 0 and below 1"),
        (lambda: Adam(eps=-1), "eps must be a positive finite number"),
    ],
)
def test_bad_settings_are_named(make, message):
    with pytest.raises((TypeError, ValueError), match=message):
        make()


@pytest.mark.parametrize(
    ("theta", "g", "message"),
    [
        (np.ones(2), [np.ones(2)], "theta must be a list of arrays"),
        ([], [], "theta must hold at least one array"),
        ([np.ones(2)], [np.ones(3)], "dC_dtheta\\[0\\] must have the shape of theta"),
        ([np.ones(2)], [np.ones(2)] * 2, "dC_dtheta must hold one array per parameter"),
        ([np.ones(2)], [np.array([np.nan, 1])], "dC_dtheta\\[0\\] must be finite"),
    ],
)
def test_bad_parameters_or_gradients_are_named(theta, g, message):
    with pytest.raises((TypeError, ValueError), match=message):
        SGD(0.1).step(theta, g)


def test_an_optimiser_refuses_parameters_of_other_shapes():
    opt = Adam()
    opt.step([np.ones(2)], [np.ones(2)])
    with pytest.raises(ValueError, match="theta must have the shapes this Adam"):
        opt.step([np.ones(3)], [np.ones(3)])
