"""Lesson 3 as a non-programmer may see it: rendered by Voila, code hidden, widgets working.

Voila is started from the course root, so it reads the committed voila.json
(kernel culling, code hidden, no tracebacks), on 127.0.0.1 and a free port.
"""

import json
import re
import shutil

import pytest
from playwright.sync_api import expect

from browser import CHROMIUM, CHROMIUM_FLAGS, chromium_page, require_chromium, serve_voila
from conftest import ROOT
from warning_signs.knowledge.progress import progress_id

pytestmark = [pytest.mark.browser, pytest.mark.slow]

LESSON = "03-scenario-practice.ipynb"
WAIT = 30_000  # ms for a reply from the kernel: generous, as the machine may be busy with other tests


@pytest.fixture(scope="module")
def voila(tmp_path_factory):
    require_chromium()
    folder = tmp_path_factory.mktemp("voila")  # a copy, so progress files stay out of the course
    shutil.copyfile(ROOT / "lessons" / LESSON, folder / LESSON)
    log = folder / "voila.log"
    with serve_voila(folder / LESSON, log, env={"WARNING_SIGNS_VISITORS_DIR": str(folder / "visitors")}) as base:
        yield f"{base}/", folder, log


def test_the_committed_config_culls_idle_kernels_and_hides_code():
    config = json.loads((ROOT / "voila.json").read_text())
    assert config["VoilaConfiguration"]["strip_sources"] is True
    assert config["MappingKernelManager"]["cull_idle_timeout"] > 0
    assert config["MappingKernelManager"]["cull_interval"] > 0


def test_voila_shows_the_lesson_widgets_without_code(voila, artifacts):
    base, folder, log = voila
    with chromium_page() as page:
        page.goto(base)
        player = page.locator(".widget-vbox", has=page.locator("text=Scenario: Republic of Veldora")).first
        expect(player.get_by_text("Stage 1 of 8", exact=False)).to_be_visible(timeout=90_000)
        expect(player.locator("img[alt^='Veldora monitoring data']")).to_be_visible(timeout=WAIT)
        expect(player.get_by_role("button", name="Show the country book")).to_be_visible()
        expect(page.get_by_text("Check your understanding.").first).to_be_visible()
        assert page.locator("text=scenario_player(").count() == 0  # code is hidden
        assert page.locator(".jp-InputArea-editor").count() == 0

        player.get_by_role("radio", name="Moderate", exact=True).check()  # the kernel answers
        player.get_by_role("button", name="Submit stage 1").click()
        expect(player.locator("p[role=status]", has_text="Risk level.")).to_contain_text("Correct.", timeout=WAIT)
        player.get_by_text("Risk level.", exact=False).first.scroll_into_view_if_needed()
        page.screenshot(path=str(artifacts / "voila-scenario.png"))
    assert not (folder / f"{progress_id('veldora')}.answers.json").exists()  # not beside the shared lesson
    (saved_file,) = (folder / "visitors").glob(f"*/{progress_id('veldora')}.answers.json")
    saved = json.loads(saved_file.read_text())
    assert saved["answers"]["progress"]["value"]["stages"]["1"]["submitted"] is True
    idle = json.loads((ROOT / "voila.json").read_text())["MappingKernelManager"]["cull_idle_timeout"]
    assert f"Culling kernels with idle durations > {idle} seconds" in log.read_text()  # voila.json was read


def _stage_one_submit(page):
    player = page.locator(".widget-vbox", has=page.locator("text=Scenario: Republic of Veldora")).first
    expect(player.get_by_text("Stage 1 of 8", exact=False)).to_be_visible(timeout=90_000)
    return player, player.get_by_role("button", name=re.compile(r"Submit(ted)? stage 1"))


def test_two_visitors_keep_their_own_progress_and_resume_it(voila):
    """Visitor A submits stage 1; visitor B (another browser) starts afresh; A comes back to it."""
    base, folder, _log = voila
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        try:
            first, second = browser.new_context(), browser.new_context()
            page = first.new_page()
            page.set_default_timeout(60_000)
            page.goto(base)
            player, submit = _stage_one_submit(page)
            player.get_by_role("radio", name="High", exact=True).check()
            submit.click()
            expect(submit).to_have_text("Submitted stage 1", timeout=WAIT)

            other = second.new_page()
            other.set_default_timeout(60_000)
            other.goto(base)
            other_player, other_submit = _stage_one_submit(other)
            expect(other_submit).to_have_text("Submit stage 1")
            assert not other_player.get_by_role("radio", name="High", exact=True).is_checked()

            page.close()
            again = first.new_page()  # the same visitor, a new page view and a new kernel
            again.set_default_timeout(60_000)
            again.goto(base)
            again_player, again_submit = _stage_one_submit(again)
            expect(again_submit).to_have_text("Submitted stage 1", timeout=WAIT)
            assert again_player.get_by_role("radio", name="High", exact=True).is_checked()
            cookies = {c["name"]: c["value"] for c in first.cookies()}
            other_cookies = {c["name"]: c["value"] for c in second.cookies()}
        finally:
            browser.close()
    visitor, other_visitor = cookies["warning_signs_visitor"], other_cookies["warning_signs_visitor"]
    assert visitor != other_visitor
    mine = json.loads((folder / "visitors" / visitor / f"{progress_id('veldora')}.answers.json").read_text())
    assert mine["answers"]["progress"]["value"]["stages"]["1"]["risk"] == "high"
    theirs = folder / "visitors" / other_visitor / f"{progress_id('veldora')}.answers.json"
    assert not theirs.exists() or "high" not in theirs.read_text()


def test_every_scenario_case_and_speech_sample_is_chosen_from_the_controls_in_voila(tmp_path):
    """Lessons 3, 4 and 5 in Voila: every country, case and sample from the dropdowns, no cell edit."""
    from test_browser_audit import open_in_voila, voila_server
    from warning_signs.knowledge.cases import tables
    from warning_signs.knowledge.scenarios import country, scenario_ids, scenario_stages
    from warning_signs.knowledge.speech import samples

    with voila_server(tmp_path) as base, chromium_page() as page:
        open_in_voila(page, base, "lessons/03-scenario-practice.ipynb")
        picker = page.get_by_label("Scenario country:")
        for sid in [*scenario_ids()[1:], scenario_ids()[0]]:
            picker.select_option(label=country(sid)["name"])
            expect(page.get_by_text(f"Scenario: {country(sid)['name']}").first).to_be_visible(timeout=WAIT)
            stages = len(scenario_stages(sid))
            expect(page.get_by_text(f"Stage 1 of {stages}", exact=False).first).to_be_visible(timeout=WAIT)

        open_in_voila(page, base, "lessons/04-historical-cases.ipynb")
        picker = page.get_by_label("Historical case:")
        for _case_id, row in tables()[0].iterrows():
            picker.select_option(label=row["name"])
            expect(page.get_by_text(f"Showing: {row['name']}.")).to_be_visible(timeout=WAIT)

        open_in_voila(page, base, "lessons/05-dangerous-speech.ipynb")
        picker = page.get_by_label("Speech sample:").first
        for sample in samples().values():
            picker.select_option(label=f"{sample.number}. {sample.title}")
            heading = page.locator("h4", has_text=f"{sample.number}. {sample.title}")
            expect(heading.first).to_be_visible(timeout=WAIT)
        assert page.locator("text=Error displaying widget").count() == 0
        assert page.locator("text=Shift+Enter").count() == 0  # JupyterLab-only text is left out
