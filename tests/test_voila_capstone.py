"""The capstone lesson in Voila (code hidden): each visitor plays and saves a play of their own.

Two visitors open the page: one plain (their save is keyed on the page's kernel,
VOILA_KERNEL_ID, and they are told how to come back), one with ``?team=Blue`` in
the address (Voila passes it to the kernel as QUERY_STRING). Neither overwrites
the other's progress.
"""

import json
import shutil

import pytest
from playwright.sync_api import expect

from browser import chromium_page, require_chromium, serve_voila
from conftest import ROOT

pytestmark = [pytest.mark.browser, pytest.mark.slow]

LESSON = "13-capstone-crisis-simulation.ipynb"
WAIT = 30_000


@pytest.fixture(scope="module")
def voila(tmp_path_factory):
    require_chromium()
    folder = tmp_path_factory.mktemp("voila-capstone")
    shutil.copyfile(ROOT / "lessons" / LESSON, folder / LESSON)
    with serve_voila(folder / LESSON, folder / "voila.log") as base:
        yield f"{base}/", folder


def take_one_decision(page, url):
    page.goto(url)
    sim = page.locator(".widget-vbox", has=page.get_by_text("Set up the simulation")).first
    expect(sim.get_by_text("Kestria, week 0: Campaign season")).to_be_visible(timeout=90_000)
    assert page.locator("text=capstone_simulation(").count() == 0  # code is hidden
    sim.get_by_role("radio", name="Set up dangerous-speech monitoring (free, takes 6 weeks)").check()
    sim.get_by_role("button", name="Take the decision").click()
    expect(sim.get_by_text("What happened after k1")).to_be_visible(timeout=WAIT)
    return sim


def test_two_visitors_keep_separate_saves(voila, artifacts):
    base, folder = voila
    with chromium_page() as page:
        sim = take_one_decision(page, base)
        expect(sim.get_by_text("?team=visitor-", exact=False)).to_be_visible()
        page.screenshot(path=str(artifacts / "voila-capstone.png"))
    with chromium_page() as page:
        sim = take_one_decision(page, base + "?team=Blue")
        expect(sim.get_by_text("capstone-kestria-Blue.json", exact=False).first).to_be_visible()
    visitor = [p for p in folder.glob("capstone-kestria-visitor-*.json")]
    blue = folder / "capstone-kestria-Blue.json"
    assert len(visitor) == 1 and blue.is_file()
    for path in (visitor[0], blue):
        saved = json.loads(path.read_text())
        assert saved["mode"] == "solo" and saved["roles"] == ["civil_society"]
        assert [e["stage"] for e in saved["log"]] == ["k1"]
        assert saved["log"][0]["decision"]["civil_society"] == "csn-monitor"
