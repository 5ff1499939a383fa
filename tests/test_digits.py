"""The digits and their one split (page "A network that reads digits")."""

import numpy as np
import pytest

from handgrad.digits import load_digits

pytest.importorskip("sklearn", reason="scikit-learn ships the digits")


@pytest.fixture(scope="module")
def split():
    return load_digits()


def test_the_split_is_60_20_20_of_the_1797_digits(split):
    sizes = [len(split.y_train), len(split.y_val), len(split.y_test)]
    assert sizes == [1078, 359, 360]
    assert sum(sizes) == 1797
    assert split.X_train.shape == (1078, 64)


def test_pixels_are_scaled_to_the_unit_interval(split):
    X = np.concatenate([split.X_train, split.X_val, split.X_test])
    assert X.min() == 0.0
    assert X.max() == 1.0


def test_every_part_holds_each_digit_in_about_the_same_share(split):
    for y in (split.y_train, split.y_val, split.y_test):
        share = np.bincount(y, minlength=10) / len(y)
        np.testing.assert_allclose(share, 0.1, atol=0.01)


def test_the_parts_share_no_image_and_the_split_is_fixed(split):
    rows = {tuple(r) for r in split.X_train}
    assert not any(tuple(r) in rows for r in split.X_test)
    again = load_digits()
    np.testing.assert_array_equal(again.y_test, split.y_test)
    assert not np.array_equal(load_digits(seed=1).y_test, split.y_test)


def test_the_digits_are_scikit_learns(split):
    from sklearn.datasets import load_digits as sklearn_digits

    digits = sklearn_digits()
    ours = np.concatenate([split.X_train, split.X_val, split.X_test])
    labels = np.concatenate([split.y_train, split.y_val, split.y_test])
    order = np.lexsort(np.column_stack([ours, labels]).T)
    theirs = np.column_stack([digits.data / 16, digits.target])
    np.testing.assert_array_equal(
        np.column_stack([ours, labels])[order],
        theirs[np.lexsort(theirs.T)],
    )


def test_train_digits_stops_once_the_validation_loss_stalls_for_patience_epochs():
    from handgrad.digits import EPOCHS, PATIENCE, SIZES, train_digits

    fit, data = train_digits(seed=1)
    assert fit.params.sizes == SIZES
    val_loss = fit.history["val_loss"]
    # Seed 1 stops early: its best validation loss is PATIENCE epochs back,
    # and none came that far back before.
    assert fit.converged
    assert fit.steps < EPOCHS
    assert fit.steps - int(np.argmin(val_loss)) == PATIENCE
    for epoch in range(fit.steps):
        assert epoch - int(np.argmin(val_loss[: epoch + 1])) < PATIENCE
    assert data.X_val.shape == (359, 64)
