"""Claims in the prose of docs/computational-graphs.md, checked against the library."""

import ast
import math
import runpy
from pathlib import Path

import pytest
from page_facts import asks_for, states

ROOT = Path(__file__).resolve().parent.parent
PAGE = (ROOT / "docs" / "computational-graphs.md").read_text()
VALUES = runpy.run_path(str(ROOT / "docs" / "values" / "computational-graphs.py"))


def test_the_figure_draws_the_example_of_the_page():
    figure = ast.parse((ROOT / "docs" / "figures" / "plot_graph_neuron.py").read_text())
    (example,) = [
        node.value
        for node in figure.body
        if isinstance(node, ast.Assign) and ast.unparse(node.targets[0]) == "EXAMPLE"
    ]
    assert ast.literal_eval(example) == VALUES["EXAMPLE"]


def test_each_gradient_of_the_sweep_is_the_product_the_page_writes():
    v = VALUES
    assert v["dC_dd"] == pytest.approx(2 * v["d"], rel=1e-15)  # two uses, each d
    assert v["dC_da"] == v["dC_dd"]
    assert v["dC_dz"] == pytest.approx(v["dC_da"] * v["a"] * (1 - v["a"]), rel=1e-15)
    assert v["dC_dp"] == v["dC_db"] == v["dC_dz"]
    assert v["dC_dw"] == pytest.approx(v["dC_dp"] * v["x"], rel=1e-15)
    assert v["dC_dx"] == pytest.approx(v["dC_dp"] * v["w"], rel=1e-15)
    assert states(PAGE, r"g_d = g_C \cdot d + g_C \cdot d = 2d")


def test_the_sweep_matches_central_differences():
    v = VALUES

    def cost(w):
        a = 1 / (1 + math.exp(-(w * v["x"] + v["b"])))
        return (a - v["y"]) ** 2

    eps = 1e-6
    measured = (cost(v["w"] + eps) - cost(v["w"] - eps)) / (2 * eps)
    assert v["dC_dw"] == pytest.approx(measured, abs=1e-9)


def test_the_network_graph_agrees_with_the_matrix_formulas_to_rounding():
    assert VALUES["largest_difference"] < 1e-15
    assert "largest_difference" in asks_for(PAGE)


def test_the_figure_and_the_page_name_the_same_graph():
    # x, w, p, b, z, a, y (as a leaf), -1, the negation, d and C: 11 values.
    assert VALUES["nodes"] == 11
