"""Lessons 8 and 9 in a real JupyterLab and headless Chromium: the audit and the actor-and-tool map.

Screenshots are kept in test-artifacts/ for a person to look at.
"""

import re

import pytest
from playwright.sync_api import expect

from browser import chromium_page, output_with
from browser import open_and_run_all as run_lesson
from warning_signs.knowledge.scenario_calendar import month_name

pytestmark = [pytest.mark.browser, pytest.mark.slow]
WAIT = 60_000  # ms: Run All and each redraw can be slow on a busy machine


def test_a_learner_audits_brenvald_with_keyboard_and_mouse_and_compares_with_the_expert(lab, artifacts):
    base, _ = lab
    with chromium_page() as page:
        run_lesson(page, base, "lessons/08-r2p-in-practice.ipynb")
        audit = output_with(page, "Audit: Ministry of Foreign Affairs of Brenvald")
        status = audit.locator("p[role=status]", has_text="Gap report.")
        expect(status).to_contain_text("You have rated 0 of 8 elements", timeout=WAIT)

        # The early-warning cell, from the keyboard: Tab to its buttons, Enter on "Missing".
        cell = audit.locator(".widget-toggle-buttons", has_text="3. An early-warning and analysis cell")
        missing = cell.get_by_role("button", name="Missing", exact=True)
        missing.focus()
        page.keyboard.press("Enter")
        expect(status).to_contain_text("You have rated 1 of 8 elements; the gaps you found cost 3 months",
                                       timeout=WAIT)
        # Two more with the mouse.
        audit.locator(".widget-toggle-buttons", has_text="5. An inter-agency body").get_by_role(
            "button", name="Missing", exact=True).click()
        audit.locator(".widget-toggle-buttons", has_text="1. A prevention strategy").get_by_role(
            "button", name="Partial", exact=True).click()
        expect(status).to_contain_text("the gaps you found cost 6 months", timeout=WAIT)
        report = audit.locator(".widget-html", has_text="In Norvane (Lesson 3):")
        expect(report).to_contain_text(f"6 months later, in {month_name('2022-04')}: by then the crisis is at stage 4",
                                       timeout=WAIT)
        expect(report).to_contain_text("the ministry acts 4 months before it, instead of 10.", timeout=WAIT)
        image = audit.locator("img[alt^='Months of lead time lost']")
        expect(image).to_have_attribute("alt", re.compile(r"^Months of lead time lost: 6 in all"), timeout=WAIT)

        audit.get_by_role("button", name="Compare with the expert's audit").click()
        expect(audit.locator("p[role=status]", has_text="The expert's audit.")).to_contain_text(
            "The expert's gaps cost 8 months.", timeout=WAIT)
        expect(image).to_have_attribute("alt", re.compile(r"The expert's audit: 8 months\.$"), timeout=WAIT)
        audit.scroll_into_view_if_needed()
        page.screenshot(path=str(artifacts / "lesson08-audit-compared.png"), full_page=False)


def test_a_learner_builds_a_map_for_norvane_is_told_about_a_wrong_pair_and_compares(lab, artifacts):
    base, _ = lab
    with chromium_page() as page:
        run_lesson(page, base, "lessons/09-actors-and-tools.ipynb")
        amap = output_with(page, "Add to the map")
        expect(amap.locator("p[role=status]").first).to_contain_text(f"Stage 2, {month_name('2021-10')}", timeout=WAIT)
        actor, tool = amap.get_by_label("Actor:"), amap.get_by_label("Tool:")
        add = amap.get_by_role("button", name="Add to the map")

        actor.select_option(label="UN Security Council")
        tool.select_option(label="Community early warning and dialogue")
        add.click()
        expect(amap.locator("p[role=status]", has_text="Not added.")).to_contain_text(
            "Actors that use it: Local civil society", timeout=WAIT)

        amap.get_by_label("Moment:").select_option(label=f"Stage 6, {month_name('2022-08')}: Preparation and displacement")
        expect(amap.locator("p[role=status]").first).to_contain_text(f"Stage 6, {month_name('2022-08')}", timeout=WAIT)
        actor.select_option(label="UN Human Rights Council")
        tool.select_option(label="Commission of inquiry or fact-finding mission")
        add.focus()
        page.keyboard.press("Enter")
        expect(amap.locator("p[role=status]", has_text="Added at stage 6")).to_be_visible(timeout=WAIT)
        actor.select_option(label="A UN peace operation with a protection-of-civilians mandate")
        tool.select_option(label="Physical protection of civilians (patrols, protected sites)")
        add.click()
        expect(amap.locator("li", has_text="actions needs the consent")).to_contain_text(
            "At stage 6 (preparation and displacement), 1 of your 2 actions needs the consent", timeout=WAIT)
        expect(amap.locator("img[alt^='Actions by how fast they act']")).to_have_attribute(
            "alt", re.compile(r"stage 6: 2 in months"), timeout=WAIT)

        amap.get_by_role("button", name="Compare this moment with the expert").click()
        expect(amap.locator("p[role=status]", has_text="The expert's map for stage 6.")).to_contain_text(
            "You share 1 of the expert's 4 first actions.", timeout=WAIT)
        amap.scroll_into_view_if_needed()
        page.screenshot(path=str(artifacts / "lesson09-map-compared.png"), full_page=False)
