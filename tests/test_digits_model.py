"""The digits networks the build shares (tools/digits_model.py): each seed
trained once, then read back as trained, until the library changes."""

import digits_model
import numpy as np
import pytest

from handgrad import digits


@pytest.fixture
def quick_training(monkeypatch, tmp_path):
    """Two epochs instead of the recipe's, a cache of the test's own, and
    the seeds ``train_digits`` was called with."""
    monkeypatch.setattr(digits, "EPOCHS", 2)
    monkeypatch.setattr(digits_model, "CACHE", tmp_path)
    trained = []

    def train(*, seed):
        trained.append(seed)
        return digits.train_digits(seed=seed)

    monkeypatch.setattr(digits_model, "train_digits", train)
    return trained


def test_each_seed_is_trained_once_and_read_back_as_trained(quick_training):
    first, data = digits_model.digits_fit(seed=3)
    other, _ = digits_model.digits_fit(seed=4)
    again, _ = digits_model.digits_fit(seed=3)  # kept beside seed 4's
    assert quick_training == [3, 4]
    direct, direct_data = digits.train_digits(seed=3)
    for fit in (first, again):
        for got, want in zip(
            fit.params.W + fit.params.b, direct.params.W + direct.params.b, strict=True
        ):
            np.testing.assert_array_equal(got, want)
        np.testing.assert_array_equal(fit.loss, direct.loss)
        assert fit.history.keys() == direct.history.keys()
        for name, measured in direct.history.items():
            np.testing.assert_array_equal(fit.history[name], measured)
        assert fit.converged == direct.converged
        assert [f.name for f in fit.params.activations] == ["relu", "identity"]
    np.testing.assert_array_equal(data.X_test, direct_data.X_test)
    assert not np.array_equal(other.params.W[0], first.params.W[0])


def test_a_changed_library_trains_again_and_drops_the_old_networks(
    quick_training, monkeypatch
):
    digits_model.digits_fit(seed=3)
    monkeypatch.setattr(digits_model, "digest", lambda *args: "f" * 64)
    digits_model.digits_fit(seed=3)
    assert quick_training == [3, 3]
    assert [p.name for p in digits_model.CACHE.glob("*.pickle")] == [
        "ffffffffffffffff-seed3.pickle"
    ]
