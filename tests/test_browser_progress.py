"""The start page's progress view in a real browser, as a learner sees it after some work:
in JupyterLab (run, save, refresh from the keyboard) and in Voila (code hidden)."""

import pytest
from playwright.sync_api import expect

from browser import chromium_page, open_and_run_all, require_chromium, serve_voila
from warning_signs.exercise import Exercise
from warning_signs.knowledge.course_progress import save_self_check
from warning_signs.workspace import Workspace

pytestmark = [pytest.mark.browser, pytest.mark.slow]

EX = "03-historical-cases"


def run_all(page, base: str, notebook: str) -> None:
    """``open_and_run_all``, once more if a late "Select Kernel" dialog blocked the Run menu."""
    try:
        open_and_run_all(page, base, notebook)
    except Exception:  # Playwright's TimeoutError while the dialog covered the menu
        accept = page.locator(".jp-Dialog button.jp-mod-accept")
        if not accept.count():
            raise
        accept.first.click()
        open_and_run_all(page, base, notebook)


def test_the_start_page_shows_progress_and_refreshes_it(lab, artifacts):
    base, workspace = lab
    folder = workspace / "exercises" / EX
    Exercise(EX, folder).answer("q1", "c")
    save_self_check(folder / f"{EX}.ipynb", 7, 9, {})
    with chromium_page() as page:
        run_all(page, base, "lessons/00-start-here.ipynb")
        table = page.get_by_role("table", name="The lessons and exercises, with your progress")
        row = table.get_by_role("row").filter(has_text="Exercise 3: Historical cases")
        expect(row).to_contain_text("30 min")
        expect(row).to_contain_text("started: 1 of 7 answered")
        expect(row).to_contain_text("7 of 9 autograded points")
        start = table.get_by_role("row").filter(has_text="Start here")
        # Saved now (JupyterLab's autosave may already have done it on a busy machine): "run" after a refresh.
        page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Cell").first.click()
        page.keyboard.press("Control+s")
        page.wait_for_function("() => !document.title.startsWith('*') && "
                               "!document.querySelector('.jp-mod-dirty.jp-NotebookPanel, .lm-TabBar-tab.jp-mod-dirty')")
        Exercise(EX, folder).answer("q2", ["d", "b", "a", "c"])
        refresh = page.get_by_role("button", name="Refresh my progress")
        refresh.focus()
        page.keyboard.press("Enter")  # from the keyboard
        expect(row).to_contain_text("started: 2 of 7 answered")
        expect(start).to_contain_text("✓ run")
        expect(table.get_by_role("row").filter(has_text="Lesson 4:")).to_contain_text("not yet")
        table.scroll_into_view_if_needed()
        page.screenshot(path=str(artifacts / "start-page-progress.png"))


@pytest.fixture(scope="module")
def voila_workspace(tmp_path_factory):
    """Voila serving the start page of a prepared workspace, from the course root (voila.json)."""
    require_chromium()
    workspace = tmp_path_factory.mktemp("voila-ws") / "workspace"
    Workspace(workspace).prepare()
    with serve_voila(workspace / "lessons" / "00-start-here.ipynb", workspace.parent / "voila.log") as base:
        yield f"{base}/", workspace


def test_voila_shows_the_progress_without_code(voila_workspace, artifacts):
    base, workspace = voila_workspace
    folder = workspace / "exercises" / EX
    save_self_check(folder / f"{EX}.ipynb", 5, 9, {})
    with chromium_page() as page:
        page.goto(base)
        table = page.get_by_role("table", name="The lessons and exercises, with your progress")
        row = table.get_by_role("row").filter(has_text="Exercise 3: Historical cases")
        expect(row).to_contain_text("5 of 9 autograded points", timeout=90_000)
        assert page.locator("text=course_progress(").count() == 0  # code is hidden
        save_self_check(folder / f"{EX}.ipynb", 8, 9, {})
        page.get_by_role("button", name="Refresh my progress").click()
        expect(row).to_contain_text("8 of 9 autograded points", timeout=30_000)
        table.scroll_into_view_if_needed()
        page.screenshot(path=str(artifacts / "voila-start-page-progress.png"))
