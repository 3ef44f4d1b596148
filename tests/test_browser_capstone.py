"""The capstone simulation in a real JupyterLab and headless Chromium: a team of five plays to the debrief.

Screenshots are kept in test-artifacts/ for a person to look at.
"""

import json
import re

import pytest
from playwright.sync_api import expect

from browser import chromium_page, open_and_run_all
from warning_signs.knowledge.capstone import load_scenario
from warning_signs.knowledge.capstone_rules import expert_path

pytestmark = [pytest.mark.browser, pytest.mark.slow]

LESSON = "lessons/13-capstone-crisis-simulation.ipynb"
WAIT = 30_000


def test_a_team_of_five_plays_kestria_to_the_debrief(lab, artifacts):
    base, workspace = lab
    s = load_scenario("kestria")
    history, taken = expert_path(s)
    with chromium_page() as page:
        open_and_run_all(page, base, LESSON)
        heading = page.get_by_text("Kestria, week 0: Campaign season")
        expect(heading.first).to_be_visible(timeout=WAIT)
        # The lesson's first simulation (Kestria): the outermost box around the first set-up heading.
        sim = page.locator(".widget-vbox", has=page.get_by_text("Set up the simulation")).first
        # Set up from the controls: Team mode, every role played by a person.
        sim.get_by_role("radio", name="Team: up to five players at this screen").check()
        expect(sim.get_by_role("checkbox", name=re.compile("is played by a person"))).to_have_count(5)
        sim.get_by_role("button", name="Start or resume").click()
        for number, (stage_id, decision) in enumerate(zip(history.visited, history.decisions, strict=True)):
            stage = s.stages[stage_id]
            expect(sim.get_by_text(f"Kestria, week {stage.week}: {stage.title}")).to_be_visible(timeout=WAIT)
            for option in decision.values():  # each player clicks their role's option
                radio = sim.get_by_role("radio", name=re.compile("^" + re.escape(s.options[option].name)))
                radio.check()
                expect(radio).to_be_checked()
            if number == 2:
                radio.scroll_into_view_if_needed()
                page.screenshot(path=str(artifacts / "capstone-team-stage3.png"))
            sim.get_by_role("button", name="Take the decision").click()
            expect(sim.get_by_text(f"What happened after {stage_id}")).to_be_visible(timeout=WAIT)
        ending = s.endings[taken[-1].target]
        expect(sim.get_by_text(f"Ending: {ending.name}.")).to_be_visible(timeout=WAIT)
        sim.get_by_role("button", name="See the debrief").click()
        graph = sim.locator("img[alt^='Graph of Kestria']")
        expect(graph).to_be_visible(timeout=WAIT)
        assert "Your path: k1 to k2 to k3a to k4a to k5a" in graph.get_attribute("alt")
        expect(sim.get_by_text("Lead time: the same as the expert's.")).to_be_visible()
        expect(sim.get_by_role("cell", name="Trust-and-safety lead of a social media platform")).to_be_visible()
        graph.scroll_into_view_if_needed()
        page.screenshot(path=str(artifacts / "capstone-team-debrief.png"))
    saved = json.loads((workspace / "lessons" / "capstone-kestria-local.json").read_text())
    assert saved["mode"] == "team" and len(saved["roles"]) == 5 and saved["node"] == "k-averted"
    assert [e["stage"] for e in saved["log"]] == history.visited
