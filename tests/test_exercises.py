"""The exercises of the course pages make the reader think (issue 11).

Every course page (each page of the nav but the home page, the notation,
the API reference's pages and the notebooks) ends with exercises, of which
at least one asks the reader to derive, then predict, then check with code;
and an exercise that asks for work by hand has a worked solution in words
and formulas, not only code. The tests read the structure of the exercise
list (items, their solution boxes, prose against code), not its sentences.
"""

import re
from pathlib import Path

import pytest
from conftest import nav_sources

ROOT = Path(__file__).resolve().parent.parent
NOT_COURSE = {"index.md", "notation.md"}


def course_pages():
    pages = nav_sources()
    return [
        p
        for p in pages
        if p.endswith(".md") and p not in NOT_COURSE and not p.startswith("reference/")
    ]


def exercises(page: str) -> list[tuple[str, str]]:
    """Each exercise of ``page``: its question and its solution box's body."""
    text = (ROOT / "docs" / page).read_text(encoding="utf-8")
    section = re.search(r"^## Exercises\n(.*?)(?=^## |\Z)", text, re.S | re.M)
    assert section, f"{page} has no '## Exercises' section"
    items = re.split(r"^\d+\. ", section[1], flags=re.M)[1:]
    found = []
    for item in items:
        question, _, solution = item.partition('??? success "Solution"')
        found.append((question, solution))
    return found


def prose(solution: str) -> str:
    """The words and formulas of a solution: its code and output blocks and
    HTML comments taken out."""
    text = re.sub(r"^([ \t]*)```.*?^\1```[ \t]*$", "", solution, flags=re.S | re.M)
    return re.sub(r"<!--.*?-->", "", text, flags=re.S).strip()


@pytest.mark.parametrize("page", course_pages())
def test_each_course_page_asks_to_derive_then_predict_then_check(page):
    questions = [" ".join(q.split()).lower() for q, _ in exercises(page)]
    assert any("derive" in q and "predict" in q and "check" in q for q in questions), (
        f"{page}: no exercise asks to derive, predict and check"
    )


@pytest.mark.parametrize("page", course_pages())
def test_every_exercise_has_a_solution_and_by_hand_ones_are_worked(page):
    for question, solution in exercises(page):
        first = " ".join(question.split())[:60]
        assert solution.strip(), f"{page}: exercise '{first}...' has no solution"
        if "by hand" in " ".join(question.split()).lower():
            worked = prose(solution)
            # A worked solution: at least a couple of sentences or formulas.
            assert len(worked.split()) >= 20, f"{page}: '{first}...' shows only code"
