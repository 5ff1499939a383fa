"""tests/page_facts.py: a page read as formulas, values, code and numbers, so
that a copy-edit fails no page test and a changed formula or number does."""

from page_facts import alt_text, asks_for, code, formulas, numbers, states, tex

PAGE = r"""# A page

The slope is $\frac{1}{4} \cdot 2 = \frac{1}{2}$, about {{ slope:.2f }}.

$$
\frac{d\,\mathrm{SSR}}{db} = -2 \sum_{i=1}^{m} r_i ,
\qquad b^* = \bar y - w \bar x .
$$

It costs \$5, twice. Within $0.1$ of $x = 0$ lie {{ kinks }} kinks.

```python
price = "$5"  # not maths: $x$ in code
```

![Tangents at b = 0, 15 and 45, the first ten of {{ n }}](figures/plot_t.svg)
"""

EDITED = PAGE.replace("The slope is", "Its slope comes to").replace(
    "twice", "two times"
)


def test_formulas_are_read_without_spacing_or_closing_punctuation():
    assert formulas(PAGE) == [
        r"\frac{d\mathrm{SSR}}{db}=-2\sum_{i=1}^{m}r_i,b^*=\bary-w\barx",
        r"\frac{1}{4}\cdot2=\frac{1}{2}",
        "0.1",
        "x=0",
    ]
    assert tex(r"b^* = \bar y - w \bar x .") == r"b^*=\bary-w\barx"


def test_a_formula_is_stated_however_it_is_spaced_and_not_once_changed():
    assert states(PAGE, r"\frac{1}{4}\cdot 2=\frac{1}{2}")
    assert states(PAGE, r"= -2 \sum_{i=1}^{m} r_i, \qquad b^*")
    assert not states(PAGE, r"\frac{1}{4} \cdot 3")
    assert not states(PAGE, r"\frac{1}{2} \cdot 2")  # no formula holds both halves


def test_values_code_and_numbers_are_found():
    assert asks_for(PAGE) == {"slope", "kinks", "n"}
    assert code(PAGE) == ['price = "$5"  # not maths: $x$ in code\n']
    stated = numbers(alt_text(PAGE, "plot_t"))
    assert stated == {0, 15, 45, 10}  # "ten" is a number; "first" is not


def test_a_copy_edit_of_the_prose_changes_no_fact():
    for read in (formulas, asks_for, code):
        assert read(EDITED) == read(PAGE)
    assert alt_text(EDITED, "plot_t") == alt_text(PAGE, "plot_t")
