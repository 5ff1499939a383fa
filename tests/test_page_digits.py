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
