"""Reopening a lesson: no spurious "modified" mark, and after a reload with the kernel gone,
the widgets (or the prompt to run the page) show, never "Error displaying widget"."""

import json
import re
import urllib.request

import pytest
from playwright.sync_api import expect

from browser import TOKEN, chromium_page, open_and_run_all

pytestmark = [pytest.mark.browser, pytest.mark.slow]

LESSON = "lessons/03-scenario-practice.ipynb"
PANEL = ".jp-NotebookPanel:not(.lm-mod-hidden)"


def _shut_down_kernels(base: str) -> None:
    with urllib.request.urlopen(f"{base}/api/sessions?token={TOKEN}") as reply:
        sessions = json.loads(reply.read())
    for session in sessions:
        request = urllib.request.Request(f"{base}/api/sessions/{session['id']}?token={TOKEN}", method="DELETE")
        urllib.request.urlopen(request).close()


def test_a_reloaded_lesson_shows_its_widgets_not_an_error(lab, artifacts):
    base, workspace = lab
    with chromium_page() as page:
        open_and_run_all(page, base, LESSON)
        assert page.locator(f"{PANEL} .jp-MarkdownOutput", has_text="choose Run ▸ Run All Cells").first.is_visible()
        player = page.locator(".widget-vbox", has=page.locator("text=Scenario: Republic of Veldora")).first
        player.get_by_role("radio", name="Moderate", exact=True).check()
        page.keyboard.press("Control+s")
        expect(page.locator(".lm-TabBar-tab.jp-mod-current.jp-mod-dirty")).to_have_count(0, timeout=30_000)
        _shut_down_kernels(base)  # as after closing the notebook or restarting the server

        page.reload()
        page.wait_for_selector(f"{PANEL} .jp-Cell")
        page.wait_for_selector(f"{PANEL} .jp-Notebook-ExecutionIndicator[data-status='idle']", state="attached")
        expect(page.get_by_text("Stage 1 of 8", exact=False).first).to_be_visible(timeout=60_000)
        assert page.locator("text=Error displaying widget").count() == 0
        assert page.locator("text=model not found").count() == 0
        page.screenshot(path=str(artifacts / "reopened-lesson03.png"))

        open_and_run_all(page, base, LESSON)  # the learner runs it again: the choice is back
        player = page.locator(".widget-vbox", has=page.locator("text=Scenario: Republic of Veldora")).first
        expect(player.get_by_role("radio", name="Moderate", exact=True)).to_be_checked(timeout=30_000)


@pytest.mark.parametrize("notebook", ["lessons/04-historical-cases.ipynb", "lessons/06-monitoring-data.ipynb"])
def test_a_lesson_just_opened_is_not_marked_modified(lab, notebook):
    base, _ = lab
    with chromium_page() as page:
        page.goto(f"{base}/lab/tree/{notebook}?token={TOKEN}")
        page.wait_for_selector(f"{PANEL} .jp-Notebook-ExecutionIndicator[data-status='idle']", state="attached")
        page.wait_for_timeout(3000)  # kernel info arrives and updates the notebook's metadata
        tab = page.locator(".lm-TabBar-tab.jp-mod-current")
        assert not re.search(r"jp-mod-dirty", tab.get_attribute("class") or ""), f"{notebook} opens as modified"


def test_run_all_chosen_while_the_kernel_is_still_starting_runs_every_cell(lab, artifacts):
    """The learner opens a lesson and at once chooses Run > Run All Cells: nothing is dropped.

    The request that starts the kernel is held back until the learner has chosen Run All, so
    the test always hits the window a slow server opens (on CI it once stayed open 2 minutes)."""
    import uuid

    from browser import _all_cells_ran

    base, _ = lab
    held = []
    with chromium_page() as page:
        def hold_kernel_start(route):  # later starts (none expected) pass
            if route.request.method == "POST" and not held:
                held.append(route)
            else:
                route.continue_()

        page.route("**/api/sessions*", hold_kernel_start)
        page.goto(f"{base}/lab/workspaces/{uuid.uuid4().hex}/tree/lessons/00-start-here.ipynb?token={TOKEN}")
        page.wait_for_selector(f"{PANEL} .jp-Cell")
        page.click(".lm-MenuBar-itemLabel:text-is('Run')")
        page.click("[data-command='runmenu:run-all']")
        expect(page.locator(f"{PANEL} .ws-run-all-note[role=status]")).to_contain_text("kernel is still starting")
        page.wait_for_timeout(1000)
        assert page.locator(".jp-Dialog").count() == 0  # no "Select Kernel" question
        assert held, "JupyterLab started the kernel some other way than POST /api/sessions"
        for route in held:
            route.continue_()
        ran = _all_cells_ran(page, PANEL, seconds=120)
        prompts = page.evaluate(f"""() => [...document.querySelectorAll('{PANEL} .jp-CodeCell .jp-InputPrompt')]
            .map(p => p.textContent)""")
        page.screenshot(path=str(artifacts / "run-all-early.png"))
        assert ran, f"Run All chosen early left cells unrun: prompts {prompts}, dialogs {page.locator('.jp-Dialog').all_inner_texts()}"
        assert page.locator(".jp-Dialog").count() == 0
        expect(page.locator(f"{PANEL} .ws-run-all-note")).to_have_count(0)
        # Each cell ran once, top to bottom: the held Run All ran exactly once.
        counts = [int(re.search(r"\[(\d+)\]", prompt).group(1)) for prompt in prompts]
        assert counts == list(range(1, len(counts) + 1)), prompts
        loaded = page.evaluate("""() => JSON.parse(document.getElementById('jupyter-config-data').textContent)
            .federated_extensions.map(e => e.name)""")
        assert "warning-signs-run-all" in loaded
