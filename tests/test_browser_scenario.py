"""The scenario player in a real JupyterLab and headless Chromium: what a learner clicks.

Screenshots are kept in test-artifacts/ for a person to look at.
"""

import json
import re

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import expect

from browser import chromium_page, open_and_run_all
from warning_signs.knowledge.framework import framework
from warning_signs.knowledge.progress import progress_id
from warning_signs.knowledge.responses import response_options
from warning_signs.knowledge.scenario_calendar import month_name
from warning_signs.knowledge.scenarios import stage_reading

pytestmark = [pytest.mark.browser, pytest.mark.slow]

LESSON = "lessons/03-scenario-practice.ipynb"
WAIT = 30_000  # ms for a reply from the kernel: generous, as the machine may be busy with other tests



def open_player(page, base):
    """Run the lesson and return the player's box (its locator, re-evaluated on every use).

    JupyterLab sometimes drops a Run All chosen while a new kernel is still
    connecting, or asks which kernel to use; then, once no cell is running,
    accept the notebook's kernel and choose Run All again (running the lesson
    twice is harmless: the player resumes from its progress file).
    """
    open_and_run_all(page, base, LESSON)
    heading = page.get_by_text("Scenario: Republic of Veldora")
    for _attempt in range(3):
        try:
            heading.wait_for(timeout=30_000)
            break
        except PlaywrightTimeout:
            if page.locator(".jp-InputPrompt", has_text="[*]").count():
                continue  # still running: a busy machine
            accept = page.locator(".jp-Dialog button.jp-mod-accept")
            if accept.count():
                accept.click()
            page.click(".lm-MenuBar-itemLabel:text-is('Run')")
            page.click("[data-command='runmenu:run-all']")
    expect(heading).to_be_visible(timeout=WAIT)
    return page.locator(".widget-vbox", has=heading).first


def test_a_learner_plays_three_stages_reads_the_debrief_and_resumes_later(lab, artifacts):
    base, workspace = lab
    first = stage_reading("veldora", 1)
    trigger = framework().factor("RF8")
    sign = framework().item_text("RF8.10")
    demarche = response_options().loc["RO01"]
    with chromium_page() as page:
        player = open_player(page, base)
        expect(player.get_by_text("Stage 1 of 8", exact=False)).to_be_visible(timeout=WAIT)
        expect(player.locator("img[alt^='Veldora monitoring data']")).to_be_visible(timeout=WAIT)

        # Step 1 with the keyboard: open factor 8 with Enter, tick a sign with Space.
        section = player.get_by_role("button", name=re.compile(re.escape(trigger.label)))
        section.focus()
        page.keyboard.press("Enter")
        box = player.get_by_role("checkbox", name=sign)
        box.focus()
        page.keyboard.press("Space")
        expect(box).to_be_checked()
        expect(section).to_contain_text("1 of", timeout=WAIT)
        expect(player.locator("figcaption", has_text="You marked")).to_contain_text(
            "You marked 1 sign under 1 of", timeout=WAIT)

        # Steps 2 and 3 with the mouse.
        player.get_by_role("radio", name="Moderate", exact=True).check()
        player.get_by_role("button", name=re.compile(r"Diplomatic")).click()
        player.get_by_role("checkbox", name=f"{demarche['name']} (takes {demarche['time_to_effect']})").check()
        player.get_by_role("button", name="Submit stage 1").click()
        feedback = player.locator("p[role=status]", has_text="Risk level.")
        expect(feedback).to_contain_text(f"Correct. You rated the risk {first.risk_level}", timeout=WAIT)
        expect(player.get_by_text("Chosen and recommended:", exact=False).first).to_be_visible()
        feedback.scroll_into_view_if_needed()
        page.screenshot(path=str(artifacts / "scenario-stage1-feedback.png"))

        for number, level in ((2, "High"), (3, "High")):  # warn at stage 2; the expert warns at 3
            player.get_by_role("button", name="Next stage").click()
            expect(player.get_by_role("button", name=f"Submit stage {number}")).to_be_enabled(timeout=WAIT)
            radio = player.get_by_role("radio", name=level, exact=True)
            expect(radio).not_to_be_checked()  # the new stage is fresh, not the last one's answer
            radio.check()
            player.get_by_role("button", name=f"Submit stage {number}").click()
            expect(player.get_by_role("button", name=f"Submitted stage {number}")).to_be_disabled(timeout=WAIT)
        player.get_by_role("button", name="See the debrief").click()
        debrief = player.get_by_text("Lead time won", exact=False)
        expect(debrief).to_contain_text(f"stage 2, {month_name('2022-03')}, 2 months before the expert did (stage 3, {month_name('2022-05')})",
                                        timeout=WAIT)
        debrief.scroll_into_view_if_needed()
        page.screenshot(path=str(artifacts / "scenario-debrief.png"))

    saved = json.loads((workspace / "lessons" / f"{progress_id('veldora')}.answers.json").read_text())
    progress = saved["answers"]["progress"]["value"]
    assert progress["current"] == 3
    assert progress["stages"]["1"] == {"marked": ["RF8.10"], "notes": {}, "risk": "moderate", "confidence": None,
                                       "change_mind": "", "responses": ["RO01"], "submitted": True}
    assert progress["stages"]["2"]["risk"] == "high" and progress["stages"]["2"]["submitted"]

    with chromium_page() as page:  # a new browser: closed and reopened, the notebook run again
        player = open_player(page, base)
        expect(player.get_by_text("Welcome back", exact=False)).to_be_visible(timeout=WAIT)
        expect(player.get_by_text("Stage 3 of 8", exact=False)).to_be_visible()
        expect(player.get_by_role("radio", name="High", exact=True)).to_be_checked()
        expect(player.get_by_role("radio", name="High", exact=True)).to_be_disabled()  # submitted: locked
        player.get_by_text("Welcome back", exact=False).scroll_into_view_if_needed()
        page.screenshot(path=str(artifacts / "scenario-resumed.png"))

        # Start again: it asks first, then clears the answers and goes back to stage 1.
        player.get_by_role("button", name="Start the scenario again").click()
        confirm = player.get_by_role("button", name="Yes, clear my answers")
        expect(confirm).to_be_visible(timeout=WAIT)
        confirm.scroll_into_view_if_needed()
        page.screenshot(path=str(artifacts / "scenario-start-again.png"))
        confirm.click()
        expect(player.get_by_text("Stage 1 of 8", exact=False)).to_be_visible(timeout=WAIT)
        expect(player.get_by_role("radio", name="Moderate", exact=True)).not_to_be_checked()
        expect(player.get_by_role("button", name="Submit stage 1")).to_be_enabled()
        expect(confirm).to_be_hidden()
