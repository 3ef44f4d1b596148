"""What a learner clicks, in a real JupyterLab in headless Chromium.

Screenshots are kept in test-artifacts/ for a person to look at.
"""

import json
import re

import pytest
from playwright.sync_api import expect

from browser import chromium_page, open_and_run_all
from conftest import EXERCISE

pytestmark = [pytest.mark.browser, pytest.mark.slow]



def test_lesson_sorting_activity_gives_feedback_on_a_click(lab, artifacts):
    base, _ = lab
    with chromium_page() as page:
        open_and_run_all(page, base, "lessons/01-what-are-atrocity-crimes.ipynb")
        situation = page.locator(".widget-vbox", has=page.locator("text=Situation 1.")).last
        situation.get_by_role("radio", name="War crimes").check()
        feedback = situation.locator("[role=status]")
        expect(feedback).to_have_text(re.compile(r"^Not quite\."))
        situation.get_by_role("radio", name="Genocide").check()
        expect(feedback).to_have_text(re.compile(r"^Correct\."))
        expect(page.locator("p", has_text="Your sorting so far:").last).to_contain_text("1 of 6")
        # Learners do not see nbgrader's instructor tools.
        assert page.locator("text=Create Assignment").count() == 0
        situation.scroll_into_view_if_needed()
        page.screenshot(path=str(artifacts / "lesson01-sorting-feedback.png"))


def test_exercise_click_is_saved_to_the_answer_store_and_restored(lab, artifacts):
    base, workspace = lab
    notebook = f"exercises/{EXERCISE}/{EXERCISE}.ipynb"
    store = workspace / "exercises" / EXERCISE / f"{EXERCISE}.answers.json"
    with chromium_page() as page:
        open_and_run_all(page, base, notebook)
        question = page.locator(".widget-vbox", has=page.locator("text=Question 2.")).last
        question.get_by_role("radio", name="b) The intent to destroy", exact=False).check()
        question.locator("text=✓ Saved").wait_for()
        assert json.loads(store.read_text())["answers"]["q2"]["value"] == "b"
        page.screenshot(path=str(artifacts / "exercise01-click-saved.png"))

    with chromium_page() as page:  # a new browser: closed and reopened
        open_and_run_all(page, base, notebook)
        question = page.locator(".widget-vbox", has=page.locator("text=Question 2.")).last
        question.locator("text=✓ Saved").wait_for()
        assert question.get_by_role("radio", name="b) The intent to destroy", exact=False).is_checked()
