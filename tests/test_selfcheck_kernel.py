"""The self-check button clicked in a real kernel, on nbgrader's real release of exercise 1,
in both policies: the kernel gets the result, never the modules that read the key."""

from __future__ import annotations

import json

import nbformat
import pytest

from conftest import EXERCISE, execute
from warning_signs.grading import policy

pytestmark = pytest.mark.slow

CLICK = """
from warning_signs.exercise import Exercise
ex = Exercise("01-atrocity-crimes")
ex.answer("q1", "c")           # right, typed in this kernel
ex.store.save("q2", "b", "click")  # wrong, clicked
button = ex.self_check()
for _ in range(3):
    button.button.click()
import json, sys
print(json.dumps({
    "summary": button.last.summary(),
    "html": button.result.outputs[0]["data"]["text/html"],
    "disabled": button.button.disabled,
    "allowance": button.allowance.value,
    "modules": sorted(m for m in sys.modules if m.startswith("warning_signs.grading")),
}))
"""


def click_in_kernel(folder) -> dict:
    notebook = folder / "click.ipynb"
    nbformat.write(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(CLICK)]), notebook)
    ran = execute(notebook, folder)
    text = "".join(o.get("text", "") for o in ran.cells[0].outputs if o.get("name") == "stdout")
    return json.loads(text.strip().splitlines()[-1])


def test_practice_in_a_real_kernel(student_copy):
    got = click_in_kernel(student_copy)
    assert got["summary"].startswith("You scored 1 of 8 autograded points.")
    assert not got["disabled"] and policy.attempts(student_copy).used == 3
    assert "</span>Right</td>" in got["html"] and "</span>Not right</td>" in got["html"]
    # The kernel imported the result and the page renderer, never what reads the source notebook.
    assert not {"warning_signs.grading.course", "warning_signs.grading.judge", "warning_signs.grading.selfcheck",
                "warning_signs.grading.trusted"} & set(got["modules"]), got["modules"]


def test_assessed_in_a_real_kernel_stops_at_the_limit(student_copy):
    policy.write_policy_file(student_copy, EXERCISE, policy.Policy(policy.ASSESSED, 2))
    got = click_in_kernel(student_copy)
    assert got["disabled"] and "You have used all 2 self-checks" in got["allowance"]
    assert policy.attempts(student_copy).used == 2  # the third click did nothing
    assert "Self-checks used: 2 of 2 (0 left)." in got["html"]
