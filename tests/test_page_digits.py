"""Claims in the prose of docs/digits.md, checked against the library."""

import runpy
from pathlib import Path

import numpy as np
from page_facts import asks_for, states

ROOT = Path(__file__).resolve().parent.parent
PAGE = (ROOT / "docs" / "digits.md").read_text()
VALUES = runpy.run_path(str(ROOT / "docs" / "values" / "digits.py"))


def test_the_split_adds_up():
    v = VALUES
    assert v["m_train"] + v["m_val"] + v["m_test"] == v["m_total"] == 1797
    assert v["steps"] == v["epochs"] * v["steps_per_epoch"]


def test_the_parameter_count_formula_on_the_page():
    n = VALUES["n_hidden"]
    assert (64 + 1) * n + (n + 1) * 10 == VALUES["n_parameters"]


def test_the_untrained_loss_is_near_log_ten():
    assert abs(VALUES["loss_start"] - np.log(10)) < 0.2
    assert states(PAGE, rf"\log 10 \approx {np.log(10):.2f}")
    assert {"loss_start", "loss_end"} <= asks_for(PAGE)


def test_training_overfits_mildly_as_the_page_says():
    v = VALUES
    assert v["train_accuracy"] == 100.0
    assert v["loss_end"] < 0.1 * v["val_loss_end"]  # "The two curves part"
    assert v["best_val_epoch"] < v["epochs"]
    # "the validation accuracy does not fall": it ends within half a point
    # of its best epoch's.
    val_accuracy = 100 * np.array(v["_fit"].history["val_accuracy"])
    assert v["val_accuracy"] == val_accuracy[-1]
    assert val_accuracy[-1] >= val_accuracy.max() - 0.5


def test_test_accuracy_meets_the_target_and_adds_up():
    v = VALUES
    assert v["test_right"] + v["test_wrong"] == v["m_test"]
    assert v["test_accuracy"] == 100 * v["test_right"] / v["m_test"]
    assert v["test_accuracy"] >= 97.0  # the target, on this split and seed
    assert v["worst_count"] >= 1


def test_other_seeds_read_about_96_to_97_percent_and_seed_0_is_the_luckiest():
    # The page says in words (training five networks at every build would
    # slow it): seeds 1 to 4 read about 96 % to 97 % of the test images;
    # seed 0, the page's, is the best of the five by a few images; over the
    # five, "about 97 %, give or take a point".
    from handgrad.digits import train_digits

    def test_accuracy(seed):
        fit, data = train_digits(seed=seed)
        predicted = fit.params(data.X_test).argmax(axis=1)
        return 100 * np.mean(predicted == data.y_test)

    others = np.array([test_accuracy(seed) for seed in range(1, 5)])
    seed_0 = VALUES["test_accuracy"]
    assert others.min() >= 95.5
    assert others.max() <= 97.5
    images_ahead = (seed_0 - others.max()) / VALUES["point_per_image"]
    assert 1 <= round(images_ahead) <= 5  # "by a few images"
    every = np.append(others, seed_0)
    assert abs(every.mean() - 97) < 0.5
    assert np.abs(every - every.mean()).max() < 1.25  # "give or take a point"
    assert "train_digits(seed=1)" in PAGE


def test_the_last_minibatch_holds_what_is_left():
    v = VALUES
    assert 0 < v["last_batch"] <= v["batch_size"]
    assert (v["steps_per_epoch"] - 1) * v["batch_size"] + v["last_batch"] == v[
        "m_train"
    ]


def test_the_curves_alt_text_asks_for_the_epochs():
    from page_facts import alt_text

    assert "epochs" in asks_for(alt_text(PAGE, "plot_digits_curves"))
