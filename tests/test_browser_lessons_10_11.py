"""Lessons 10 and 11 in a real JupyterLab: the moderation simulator and the field-report triage.

Driven from the keyboard where a learner would use it; screenshots are kept in test-artifacts/.
"""

import re

import pytest
from playwright.sync_api import expect

from browser import chromium_page, open_and_run_all, output_with
from warning_signs.knowledge import field_triage as triage
from warning_signs.knowledge import moderation

pytestmark = [pytest.mark.browser, pytest.mark.slow]
WAIT = 60_000  # ms: Run All and each redraw can be slow on a busy machine


def close_dialogs(page) -> None:
    """Accept a dialog JupyterLab may raise after Run All (e.g. the kernel choice), which would block clicks."""
    accept = page.locator(".jp-Dialog button.jp-mod-accept")
    if accept.count():
        accept.first.click()
        expect(page.locator(".jp-Dialog")).to_have_count(0, timeout=WAIT)


def counts(threshold, reviewed):
    return moderation.simulate(moderation.stream(), moderation.Settings(threshold, frozenset(reviewed)))


def test_simulator_checkbox_and_slider_by_keyboard_change_the_counts_and_the_chart(lab, artifacts):
    base, _ = lab
    with chromium_page() as page:
        open_and_run_all(page, base, "lessons/10-digital-toolbox.ipynb")
        close_dialogs(page)

        sorting = output_with(page, "Your sorting so far")
        sorting.get_by_role("radio", name="Protect vulnerable civilians").first.check()
        expect(sorting.locator("p[role=status]").first).to_contain_text("Correct.", timeout=WAIT)

        sim = output_with(page, "Classifier threshold")
        status = sim.locator("[role=status]")
        image = sim.locator("img[alt^='Summary: ']")
        start = counts(60, {"dorran"})
        expect(status).to_contain_text(
            f"{start.dangerous_left_up} of {start.dangerous} dangerous posts left up", timeout=WAIT
        )
        expect(status).to_contain_text(f"{start.legitimate_removed} legitimate posts removed", timeout=WAIT)
        before = image.get_attribute("src")

        oskan = sim.get_by_role("checkbox", name="Reviewers read Oskan")
        oskan.focus()
        oskan.press("Space")
        expect(oskan).to_be_checked(timeout=WAIT)
        both = counts(60, {"dorran", "oskan"})
        expect(status).to_contain_text(
            f"{both.legitimate_removed} legitimate posts removed, {both.documentation_removed} of them", timeout=WAIT
        )
        expect(image).not_to_have_attribute("src", before, timeout=WAIT)

        handle = sim.locator(".widget-slider", has=page.locator("label", has_text="Classifier threshold")).locator(
            ".noUi-handle"
        )
        handle.focus()
        for _ in range(4):  # one step (5 points) per key press: 60 -> 80
            handle.press("ArrowRight")
        high = counts(80, {"dorran", "oskan"})
        expect(status).to_contain_text("At threshold 80:", timeout=WAIT)
        expect(status).to_contain_text(
            f"{high.dangerous_left_up} of {high.dangerous} dangerous posts left up", timeout=WAIT
        )
        expect(image).to_have_attribute("alt", re.compile(r"At threshold 80;"), timeout=WAIT)
        expect(sim.locator("table")).to_contain_text("Oskan", timeout=WAIT)
        expect(sim).to_contain_text("Your earlier settings", timeout=WAIT)
        sim.scroll_into_view_if_needed()
        page.screenshot(path=str(artifacts / "lesson10-moderation-simulator.png"))


def test_triage_a_report_by_keyboard_and_compare_with_the_expert(lab, artifacts):
    base, _ = lab
    with chromium_page() as page:
        open_and_run_all(page, base, "lessons/11-development-and-human-rights-work.ipynb")
        close_dialogs(page)
        widget = output_with(page, "Your triage so far", nth=1)  # the full triage (the first opens report 1)
        expect(widget.locator("p", has_text="0 of 6 reports compared")).to_be_visible(timeout=WAIT)
        widget.get_by_label("Field report").select_option(label="5. Marks on the doors")
        expect(widget.locator("blockquote")).to_contain_text("painted marks", timeout=WAIT)

        expert = triage.expert_reading("r5")
        labels = {"none": "No sign", "some": "Some signs", "strong": "Strong signs"}
        for dimension in triage.dimensions():
            group = widget.locator(".widget-radio", has_text=f"{dimension.name}:")
            level = group.get_by_role("radio", name=labels[expert.ratings[dimension.id][0]], exact=True)
            level.focus()
            level.press("Space")
            expect(level).to_be_checked(timeout=WAIT)
        widget.get_by_role("radio", name="Early-warning escalation").check()
        compare = widget.get_by_role("button", name="Compare with the expert's reading")
        compare.focus()
        compare.press("Enter")
        feedback = widget.locator("[role=status]", has_text="expert")
        expect(feedback).to_contain_text("Agreed.", timeout=WAIT)
        expect(feedback).to_contain_text("Route: Early-warning escalation, as the expert.", timeout=WAIT)
        expect(widget.locator("li", has_text="5. Marks on the doors")).to_contain_text(
            "compared: Agreed.", timeout=WAIT
        )
        widget.scroll_into_view_if_needed()
        page.screenshot(path=str(artifacts / "lesson11-field-triage.png"))
