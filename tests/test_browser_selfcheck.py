"""Check my answers in a real JupyterLab: the label fits, the table appears, focus moves to its
status, the link opens the full page, and an assessed exercise counts down and stops."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from browser import chromium_page, open_and_run_all
from conftest import EXERCISE
from warning_signs.answers import CLICK, AnswerStore
from warning_signs.grading import policy

pytestmark = [pytest.mark.browser, pytest.mark.slow]

ASSESSED = "02-reading-warning-signs"


def check(page, artifacts, name: str):
    button = page.get_by_role("button", name="Check my answers")
    button.scroll_into_view_if_needed()
    fits = button.evaluate("b => b.scrollWidth <= b.clientWidth && b.textContent.includes('Check my answers')")
    assert fits, "the button's label is cut"
    button.click()
    status = page.locator(".ws-selfcheck [role=status]")
    expect(status).to_contain_text("You scored", timeout=60_000)
    page.wait_for_function("() => document.activeElement && document.activeElement.getAttribute('role') === 'status'")
    page.screenshot(path=str(artifacts / f"selfcheck-{name}.png"))
    return status


def test_practice_result_table_focus_and_full_page(lab, artifacts):
    base, workspace = lab
    folder = workspace / "exercises" / EXERCISE
    AnswerStore(EXERCISE, folder).save("q1", "c", CLICK)
    AnswerStore(EXERCISE, folder).save("q2", "b", CLICK)
    with chromium_page() as page:
        open_and_run_all(page, base, f"exercises/{EXERCISE}/{EXERCISE}.ipynb")
        status = check(page, artifacts, "practice")
        expect(status).to_contain_text("You scored 1 of 8 autograded points.")
        table = page.get_by_role("table", name="question by question")
        expect(table.get_by_role("row").filter(has_text="Question 1")).to_contain_text("Right")
        expect(table.get_by_role("row").filter(has_text="Question 2")).to_contain_text("Not right")
        expect(table.get_by_role("row").filter(has_text="Question 8")).to_contain_text("Marked by your instructor")
        page.get_by_role("link", name="Open the full page of this self-check").click()
        frame = page.frame_locator(".jp-HTMLViewer iframe")
        expect(frame.get_by_role("heading", name="Self-check: Exercise 1", exact=False)).to_be_visible(timeout=30_000)
        expect(frame.get_by_role("table")).to_contain_text("Not right")
        page.screenshot(path=str(artifacts / "selfcheck-full-page.png"))


def test_assessed_counts_down_and_stops_without_a_traceback(lab, artifacts):
    base, workspace = lab
    folder = workspace / "exercises" / ASSESSED
    policy.write_policy_file(folder, ASSESSED, policy.Policy(policy.ASSESSED, 1))
    AnswerStore(ASSESSED, folder).save("q5", "b", CLICK)  # wrong
    with chromium_page() as page:
        open_and_run_all(page, base, f"exercises/{ASSESSED}/{ASSESSED}.ipynb")
        expect(page.get_by_text("1 self-check allowed, 0 used, 1 left")).to_be_visible()
        status = check(page, artifacts, "assessed")
        expect(status).to_contain_text("Self-checks used: 1 of 1 (0 left).")
        expect(page.get_by_role("button", name="Check my answers")).to_be_disabled()
        expect(page.get_by_text("You have used your one self-check of this exercise")).to_be_visible()
        row = page.get_by_role("table", name="question by question").get_by_role("row").filter(has_text="Question 5")
        expect(row).to_contain_text("Not right")
        expect(row).not_to_contain_text("it is meant to dissuade")  # the source's explanation waits for feedback
        assert page.locator(".jp-OutputArea-output", has_text="Traceback").count() == 0
