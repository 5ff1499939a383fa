"""axe-core on every page in the nav, on a desktop in the light palette and on
a phone in the dark one (``AXE_CONFIGS`` in browsing.py).

axe-core comes from tools/browser/package-lock.json (``npm ci --prefix
tools/browser``, which ``make test`` runs when npm is installed); without it
these tests skip. Only serious and critical violations fail.
"""

import re

import pytest

from .browsing import AXE, AXE_CONFIGS

# One allowance, on the phone only. Material makes a code block that scrolls
# sideways focusable (tabindex) only where the device can hover; on a touch
# screen it leaves it out on purpose (a tap would focus it), so axe reports
# the block as a scroll box out of the keyboard's reach. Readers swipe it.
# Everything else that scrolls (formulas, notebook cells, tables) is checked.
# A block is ``#__code_3 > code`` once Material has mounted it, else its path
# (``.highlight:nth-child(35) > pre > code``): the phone's visit mounts none.
MATERIAL_TOUCH_CODE = re.compile(r"^(#__code_\d+|.*\.highlight\S* > pre) > code: ")


def serious(visit, config) -> list[str]:
    found = []
    for issue in visit.axe:
        nodes = issue["nodes"]
        if config.startswith("phone") and issue["id"] == "scrollable-region-focusable":
            nodes = [n for n in nodes if not MATERIAL_TOUCH_CODE.match(n)]
        if nodes:
            found.append(
                f"{visit.path}: {issue['impact']} {issue['id']} ({issue['help']}): "
                + "; ".join(nodes[:5])
            )
    return found


@pytest.mark.parametrize("config", AXE_CONFIGS)
def test_no_serious_or_critical_axe_violation(visits, config):
    if not AXE.is_file():
        pytest.skip(f"no axe-core at {AXE}: npm ci --prefix tools/browser")
    found = [line for v in visits(config).values() for line in serious(v, config)]
    assert found == [], "\n".join(found)
