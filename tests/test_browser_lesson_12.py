"""Lesson 12's read-twice activity in a real JupyterLab, driven from the keyboard.

The learner ticks a detail in the first reading, presses Done, ticks two more with the
gender lens, and compares with the expert. A screenshot is kept in test-artifacts/.
"""

import pytest
from playwright.sync_api import expect

from browser import chromium_page, open_and_run_all

pytestmark = [pytest.mark.browser, pytest.mark.slow]
WAIT = 60_000  # ms


def test_read_twice_then_compare_with_the_expert_from_the_keyboard(lab, artifacts):
    base, _ = lab
    with chromium_page() as page:
        open_and_run_all(page, base, "lessons/12-gender-and-atrocity-prevention.ipynb")
        activity = page.locator(".jp-OutputArea-output", has_text="Situation report:").first
        expect(activity).to_contain_text("First reading, as written.", timeout=WAIT)
        expect(activity).to_contain_text("Kessel Hills: the weekly district report", timeout=WAIT)

        checkpoints = activity.get_by_role("checkbox", name="Four new militia checkpoints")
        checkpoints.focus()
        checkpoints.press("Space")
        expect(checkpoints).to_be_checked(timeout=WAIT)
        done = activity.get_by_role("button", name="Done: read it again with a gender lens")
        done.focus()
        done.press("Enter")
        expect(activity).to_contain_text("Second reading, with a gender lens.", timeout=WAIT)
        expect(activity).to_contain_text("Who is missing, and who has stopped moving?", timeout=WAIT)
        expect(done).to_be_disabled(timeout=WAIT)
        expect(checkpoints).to_be_checked()  # the first reading's ticks are kept

        for name in ("Vashen women have stopped coming", "Fewer Vashen girls attend"):
            box = activity.get_by_role("checkbox", name=name)
            box.focus()
            box.press("Space")
            expect(box).to_be_checked(timeout=WAIT)
        compare = activity.get_by_role("button", name="Compare with the expert")
        compare.focus()
        compare.press("Enter")
        status = activity.locator("[role=status]")
        expect(status).to_contain_text("First reading, as written: 0 of 3 gendered warning signs", timeout=WAIT)
        expect(status).to_contain_text("The gender lens found 2 warning signs your first reading missed.", timeout=WAIT)
        expect(status.locator("table")).to_contain_text("found with the gender lens", timeout=WAIT)
        activity.scroll_into_view_if_needed()
        page.screenshot(path=str(artifacts / "lesson12-gender-lens-compared.png"), full_page=False)
