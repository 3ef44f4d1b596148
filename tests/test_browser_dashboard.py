"""The monitoring dashboard and the case timeline in a real JupyterLab, driven from the keyboard.

Screenshots are kept in test-artifacts/ for a person to look at.
"""

import re

import pytest
from playwright.sync_api import expect

from browser import chromium_page, open_and_run_all, output_with
from warning_signs.knowledge.scenario_calendar import month_name

pytestmark = [pytest.mark.browser, pytest.mark.slow]
WAIT = 60_000  # ms: Run All and each redraw can be slow on a busy machine



def test_threshold_slider_moved_with_the_keyboard_changes_the_counts_and_base_rates_show(lab, artifacts):
    base, _ = lab
    with chromium_page() as page:
        open_and_run_all(page, base, "lessons/06-monitoring-data.ipynb")
        dashboard = output_with(page, "Alert threshold")  # Norvane alone
        status = dashboard.locator("p[role=status]")
        image = dashboard.locator("img[alt^='Summary: ']")
        expect(status).to_contain_text("At threshold 40: 1 of 1 onset warned (median warning 5 months ahead)",
                                       timeout=WAIT)
        expect(image).to_be_visible(timeout=WAIT)
        before = image.get_attribute("src")

        slider = dashboard.locator(".widget-slider", has=page.locator("label", has_text="Alert threshold"))
        handle = slider.locator(".noUi-handle")
        handle.focus()
        for _ in range(20):  # one option (1 index point) per key press: 40 -> 60
            handle.press("ArrowRight")
        expect(status).to_contain_text("At threshold 60: 0 of 1 onset warned, 1 missed",
                                       timeout=WAIT)
        norvane = dashboard.locator("li", has_text=f"Norvane: onset in {month_name('2022-08')}")
        expect(norvane).to_contain_text("missed", timeout=WAIT)
        expect(image).not_to_have_attribute("src", before, timeout=WAIT)
        expect(image).to_have_attribute("alt", re.compile(r"alert threshold 60;"), timeout=WAIT)
        dashboard.scroll_into_view_if_needed()
        page.screenshot(path=str(artifacts / "lesson06-dashboard-threshold-60.png"))

        for _ in range(10):
            handle.press("ArrowRight")
        expect(status).to_contain_text("At threshold 70: 0 of 1 onset warned, 1 missed", timeout=WAIT)

        # The second dashboard (Norvane, Veldora, Sarimba), switched to all countries: the base rate.
        second = output_with(page, "Alert threshold", nth=1)
        expect(second.locator("p[role=status]")).to_contain_text("At threshold 40:", timeout=WAIT)
        second.get_by_role("checkbox", name="All 33 countries (base rates)").check()
        base_rate = second.locator("p", has_text="Base rate:")
        expect(base_rate).to_contain_text("6 onsets in 3,960 country-months", timeout=WAIT)
        expect(second.get_by_label("Countries", exact=True)).to_be_disabled(timeout=WAIT)
        expect(second.locator("img")).to_have_attribute("alt", re.compile("Countries in alert for all 33"),
                                                        timeout=WAIT)
        second.scroll_into_view_if_needed()
        page.screenshot(path=str(artifacts / "lesson06-dashboard-all-countries.png"))


def test_timeline_filter_by_keyboard_hides_responses(lab, artifacts):
    base, _ = lab
    with chromium_page() as page:
        open_and_run_all(page, base, "lessons/04-historical-cases.ipynb")
        explorer = output_with(page, "Content note:")  # Rwanda 1994
        gap = explorer.locator("p[role=status]")
        expect(gap).to_contain_text("First warning on record: March 1993", timeout=WAIT)
        responses = explorer.get_by_role("checkbox", name=re.compile(r"^Responses \("))
        responses.focus()
        responses.press("Space")
        expect(responses).not_to_be_checked(timeout=WAIT)
        shown = explorer.locator("p", has_text="Showing")
        expect(shown).to_contain_text("(warnings, triggers, failures to respond, violence)", timeout=WAIT)
        expect(explorer.locator("table")).not_to_contain_text("Arusha Peace Agreement signed", timeout=WAIT)
        expect(explorer.locator("img")).to_have_attribute("alt", re.compile(r"9 of 17 events shown"), timeout=WAIT)
        explorer.scroll_into_view_if_needed()
        page.screenshot(path=str(artifacts / "lesson04-timeline-rwanda.png"))
