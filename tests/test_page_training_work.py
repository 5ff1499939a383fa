"""Claims in the prose of docs/training-work.md, checked against the library."""

import runpy
from pathlib import Path

from page_facts import asks_for

ROOT = Path(__file__).resolve().parent.parent
PAGE = (ROOT / "docs" / "training-work.md").read_text()
VALUES = runpy.run_path(str(ROOT / "docs" / "values" / "training-work.py"))


def test_equal_weights_stay_exactly_equal():
    assert VALUES["symmetric_spread"] == 0.0
    assert "symmetric_spread" in asks_for(PAGE)


def test_he_scale_keeps_activations_near_one_and_others_shrink_or_blow_up():
    assert 0.5 < VALUES["std_he"] < 2
    assert VALUES["std_small"] < 0.01
    assert VALUES["std_large"] > 100


def test_sigmoid_gradients_vanish_and_relu_ones_do_not():
    assert VALUES["sigmoid_ratio"] > 1e4
    assert VALUES["relu_ratio"] < 10
    assert {"sigmoid_ratio", "relu_ratio", "hidden_layers"} <= asks_for(PAGE)
    # Exercise 2: (1/4)^8, the sigmoid's largest slope through 8 layers, is
    # the order of the ratio measured (the weights move it up or down).
    assert VALUES["hidden_layers"] == 8
    assert 0.1 < VALUES["sigmoid_ratio"] * 0.25**8 < 10


def test_the_small_network_overfits_and_early_stopping_stops_after_patience():
    assert VALUES["best_epoch"] < VALUES["over_epochs"] - VALUES["patience"]
    assert VALUES["val_loss_end"] > VALUES["val_loss_best"]  # "creeps up"
    assert VALUES["train_loss_end"] < 0.01 * VALUES["val_loss_best"]
    assert VALUES["train_accuracy_end"] == 100.0
    assert VALUES["stopped_epoch"] == VALUES["best_epoch"] + VALUES["patience"]
    # "Its validation accuracy hardly moves"
    assert abs(VALUES["val_accuracy_end"] - VALUES["val_accuracy_best"]) < 2
