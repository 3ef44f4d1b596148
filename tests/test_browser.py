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
        question.get_by_role("radio", name="a) B can be genocide", exact=False).check()
        question.locator("text=✓ Saved").wait_for()
        assert json.loads(store.read_text())["answers"]["q2"]["value"] == "a"
        page.screenshot(path=str(artifacts / "exercise01-click-saved.png"))

    with chromium_page() as page:  # a new browser: closed and reopened
        open_and_run_all(page, base, notebook)
        question = page.locator(".widget-vbox", has=page.locator("text=Question 2.")).last
        question.locator("text=✓ Saved").wait_for()
        assert question.get_by_role("radio", name="a) B can be genocide", exact=False).is_checked()


def test_an_ordering_is_made_with_the_keyboard_and_saved(lab, artifacts):
    """Exercise 2, question 3: Tab to a Move up button, press Enter; the new order is saved at once."""
    from warning_signs.questions import exercise_questions
    from warning_signs.widgets.ordering import starting_order

    base, workspace = lab
    exercise = "02-reading-warning-signs"
    store = workspace / "exercises" / exercise / f"{exercise}.answers.json"
    question = exercise_questions(exercise)["q3"]
    order = starting_order(question)
    second = question.option(order[1]).text
    with chromium_page() as page:
        open_and_run_all(page, base, f"exercises/{exercise}/{exercise}.ipynb")
        widget = page.locator(".widget-vbox", has=page.locator("text=Question 3.")).last
        up = widget.get_by_role("button", name="Move up").nth(1)  # the second row's button
        up.focus()
        page.keyboard.press("Enter")
        expect(widget.get_by_text(f"1. {second}", exact=False)).to_be_visible(timeout=30_000)
        widget.locator("text=✓ Saved").wait_for(timeout=30_000)
        saved = json.loads(store.read_text())["answers"]["q3"]["value"]
        assert saved == [order[1], order[0], *order[2:]]
        widget.scroll_into_view_if_needed()
        page.screenshot(path=str(artifacts / "exercise02-ordering-keyboard.png"))
