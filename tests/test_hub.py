"""A whole workshop on a real JupyterHub, made by `warning-signs hub`, in headless Chromium.

The instructor and three learners get accounts. Each learner logs in and lands on
the start page, fetches Exercise 1 in the Assignments tab, clicks answers, submits,
and plays stage 1 of the Veldora scenario. The instructor collects, autogrades,
marks the memo in Formgrader (inside JupyterLab), releases feedback; each learner
fetches and reads theirs; the class view shows the three learners. Everything the
test creates on the machine is removed afterwards (accounts, homes, folders).
"""

from __future__ import annotations

import json
import re
import sqlite3
import time
import uuid

import pytest

from browser import CHROMIUM, _all_cells_ran, require_chromium
from hubtools import as_instructor, run_python_as, why_not, workshop_hub

pytestmark = [pytest.mark.slow, pytest.mark.browser]

EXERCISE = "01-atrocity-crimes"
NOTEBOOK = f"exercises/{EXERCISE}/{EXERCISE}.ipynb"
WAIT = 60_000
# What each learner clicks for questions 1 and 2 (1 point each): the scores that follow.
CLICKS = [{"q1": "c) Genocide: the killings", "q2": "a) B can be genocide"},
          {"q1": "c) Genocide: the killings", "q2": "b) A is more likely"},
          {"q1": "a) Ethnic cleansing", "q2": "a) B can be genocide"}]
EXPECTED = [{"q1": 1.0, "q2": 1.0}, {"q1": 1.0, "q2": 0.0}, {"q1": 0.0, "q2": 1.0}]
MEMO_POINTS = 3


@pytest.fixture(scope="module")
def hub():
    reason = why_not()
    if reason:
        pytest.skip(reason)
    require_chromium()
    with workshop_hub(learners=3) as made:
        yield made


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    from browser import CHROMIUM_FLAGS

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield launched
        launched.close()


def login(browser, settings, name: str, password: str):
    """A fresh browser context logged in as ``name``; returns the page on their landing page."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.set_default_timeout(WAIT)
    page.goto(f"{settings.url}hub/login")
    page.fill("#username_input", name)
    page.fill("#password_input", password)
    page.click("#login_submit")
    page.wait_for_url(re.compile(rf"/user/{name}/lab"), timeout=120_000)
    return page


def nbgrader_menu(page, command: str) -> None:
    page.click(".lm-MenuBar-itemLabel:text-is('Nbgrader')")
    page.click(f"[data-command='{command}']")


def open_assignments(page, settings, user: str) -> None:
    """The Assignments tab alone in a fresh JupyterLab workspace (no restored notebook over it)."""
    page.goto(f"{settings.url}user/{user}/lab/workspaces/{uuid.uuid4().hex}")
    page.wait_for_selector(".lm-MenuBar-itemLabel:text-is('Nbgrader')")
    nbgrader_menu(page, "nbgrader:open-assignment-list")


def run_all(page, settings, user: str, notebook: str) -> None:
    page.goto(f"{settings.url}user/{user}/lab/workspaces/{uuid.uuid4().hex}/tree/{notebook}")
    panel = ".jp-NotebookPanel:not(.lm-mod-hidden)"
    page.wait_for_selector(f"{panel} .jp-Cell")
    page.wait_for_selector(f"{panel} .jp-Notebook-ExecutionIndicator[data-status='idle']", state="attached")
    for _attempt in range(3):
        accept = page.locator(".jp-Dialog button.jp-mod-accept")
        if accept.count():
            accept.first.click()
        page.click(".lm-MenuBar-itemLabel:text-is('Run')")
        page.click("[data-command='runmenu:run-all']")
        if _all_cells_ran(page, panel):
            return
    raise AssertionError(f"Run All did not run every cell of {notebook} for {user}")


def assignment_button(page, section: str, label: str):
    """The button ``label`` of Exercise 1 in one list of the Assignments tab."""
    lists = {"released": "#released_assignments_list", "fetched": "#fetched_assignments_list",
             "submitted": "#submitted_assignments_list"}
    row = page.locator(f"{lists[section]} .list_item", has_text=EXERCISE).first
    return row.get_by_role("button", name=label, exact=True)


def test_a_workshop_from_login_to_feedback_and_class_view(hub, browser, artifacts):
    from playwright.sync_api import expect

    settings, learners, passwords = hub
    released = as_instructor(settings, "grade", "release", EXERCISE)
    assert released.returncode == 0, released.stdout + released.stderr
    assert f"Course root: {settings.course_root}" in released.stdout

    for index, learner in enumerate(learners):
        page = login(browser, settings, learner.name, passwords[learner.name])
        expect(page.locator(".jp-RenderedMarkdown h1", has_text="Start here").first).to_be_visible(timeout=WAIT)
        assert page.url.endswith("/lab/tree/lessons/00-start-here.ipynb")
        assert page.locator("text=Formgrader").count() == 0  # instructor tools hidden
        page.screenshot(path=str(artifacts / f"hub-{index}-start-page.png"))

        nbgrader_menu(page, "nbgrader:open-assignment-list")
        assignment_button(page, "released", "Fetch").click()
        expect(assignment_button(page, "fetched", "Submit")).to_be_visible(timeout=WAIT)
        home = settings.home(learner.name)
        assert (home / NOTEBOOK).exists() and not (home / EXERCISE).exists()  # one copy, in exercises/

        run_all(page, settings, learner.name, NOTEBOOK)
        for qid, label in CLICKS[index].items():
            question = page.locator(".widget-vbox", has=page.locator(f"text=Question {qid[1]}.")).last
            question.get_by_role("radio", name=label, exact=False).check()
            question.locator("text=✓ Saved").wait_for(timeout=WAIT)
        saved = json.loads((home / f"exercises/{EXERCISE}/{EXERCISE}.answers.json").read_text())
        assert saved["answers"]["q1"]["value"] == CLICKS[index]["q1"][0]

        open_assignments(page, settings, learner.name)
        assignment_button(page, "fetched", "Submit").click()
        expect(assignment_button(page, "submitted", "Fetch Feedback")).to_be_visible(timeout=WAIT)
        page.screenshot(path=str(artifacts / f"hub-{index}-submitted.png"))

        play_stage_one(page, settings, learner.name, "High" if index else "Moderate")
        page.context.close()

    collected = as_instructor(settings, "grade", "collect", EXERCISE)
    assert collected.returncode == 0, collected.stdout + collected.stderr
    assert "collected 3, failed 0" in collected.stdout
    assert "answers.json" not in collected.stdout  # no submission lacks its clicks
    graded = as_instructor(settings, "grade", "autograde", EXERCISE)
    assert "graded 3" in graded.stdout or graded.returncode == 0, graded.stdout + graded.stderr
    for learner, expected in zip(learners, EXPECTED, strict=True):
        assert scores(settings, learner.name, ["q1", "q2"]) == expected

    mark_memo_in_formgrader(browser, settings, passwords, learners, artifacts)
    for learner in learners:
        assert scores(settings, learner.name, ["q8-memo"]) == {"q8-memo": float(MEMO_POINTS)}

    feedback = as_instructor(settings, "grade", "feedback", EXERCISE)
    assert feedback.returncode == 0, feedback.stdout + feedback.stderr
    for index, learner in enumerate(learners):
        page = login(browser, settings, learner.name, passwords[learner.name])
        open_assignments(page, settings, learner.name)
        assignment_button(page, "submitted", "Fetch Feedback").click()
        home = settings.home(learner.name)
        html = _wait_for(lambda h=home: sorted(h.glob(f"exercises/{EXERCISE}/feedback/*/{EXERCISE}.html")))
        relative = html[-1].relative_to(home).as_posix()
        page.goto(f"{settings.url}user/{learner.name}/files/{relative}")
        total = sum(EXPECTED[index].values()) + MEMO_POINTS
        expect(page.get_by_text(re.compile(rf"Your results: {total:g} of \d+ points")).first).to_be_visible(timeout=WAIT)
        page.screenshot(path=str(artifacts / f"hub-{index}-feedback.png"))
        page.context.close()

    view = run_python_as(settings, settings.instructor_account, (
        "from warning_signs.widgets.classview import gather\n"
        "import os, json\n"
        "g = gather(os.environ['WARNING_SIGNS_CLASS_PROGRESS'], 'veldora')\n"
        "print(json.dumps({'learners': sorted(s.learner for s in g.submissions), 'problems': g.problems}))\n"))
    assert view.returncode == 0, view.stderr
    found = json.loads(view.stdout.strip().splitlines()[-1])
    assert found == {"learners": sorted(a.name for a in learners), "problems": []}


def play_stage_one(page, settings, user: str, level: str) -> None:
    from playwright.sync_api import expect

    run_all(page, settings, user, "lessons/03-scenario-practice.ipynb")
    heading = page.get_by_text("Scenario: Republic of Veldora")
    expect(heading).to_be_visible(timeout=WAIT)
    player = page.locator(".widget-vbox", has=heading).first
    player.get_by_role("radio", name=level, exact=True).check()
    player.get_by_role("button", name="Submit stage 1").click()
    expect(player.locator("p[role=status]", has_text="Risk level.")).to_be_visible(timeout=WAIT)
    progress = settings.progress_dir / user / "scenario-veldora.answers.json"
    _wait_for(progress.exists, 30)  # the player saves just after it shows the feedback
    assert progress.stat().st_gid == _gid(settings.instructor_group) and progress.stat().st_mode & 0o040


def mark_memo_in_formgrader(browser, settings, passwords, learners, artifacts) -> None:
    """Formgrader in JupyterLab's panel (framing allowed), then each learner's memo marked."""
    from playwright.sync_api import expect

    instructor = settings.instructor_account
    page = login(browser, settings, instructor, passwords[instructor])
    nbgrader_menu(page, "nbgrader:open-formgrader")
    frame = page.frame_locator("iframe").last
    expect(frame.get_by_text("Manage Assignments").first).to_be_visible(timeout=WAIT)
    page.screenshot(path=str(artifacts / "hub-formgrader.png"))
    base = f"{settings.url}user/{instructor}/formgrader"
    for learner in learners:
        page.goto(f"{base}/submissions/{submission_id(settings, learner.name)}/?index=0")
        page.wait_for_load_state("networkidle")  # Formgrader binds its score boxes once its data is in
        saved = lambda n=learner.name: scores(settings, n, ["q8-memo"]).get("q8-memo") == MEMO_POINTS  # noqa: E731
        for _attempt in range(3):  # a busy machine may bind the box after the first entry
            score = page.locator("input.score[id='q8-memo']")
            score.fill(str(MEMO_POINTS))
            score.press("Tab")  # Formgrader saves on change
            try:
                _wait_for(saved, 20)
                break
            except AssertionError:
                page.reload()
                page.wait_for_load_state("networkidle")
        assert saved(), f"the memo's score for {learner.name} was not saved by Formgrader"
    page.screenshot(path=str(artifacts / "hub-formgrader-memo.png"))
    page.context.close()


def _gradebook(settings):
    return sqlite3.connect(f"file:{settings.course_root / 'gradebook.db'}?mode=ro", uri=True)


def submission_id(settings, student: str) -> str:
    with _gradebook(settings) as db:
        row = db.execute("select sn.id from submitted_notebook sn join submitted_assignment sa "
                         "on sn.assignment_id = sa.id where sa.student_id = ?", (student,)).fetchone()
    return row[0]


def scores(settings, student: str, names: list[str]) -> dict:
    with _gradebook(settings) as db:
        rows = db.execute(
            "select bc.name, coalesce(g.manual_score, g.auto_score) from grade g "
            "join base_cell bc on g.cell_id = bc.id join submitted_notebook sn on g.notebook_id = sn.id "
            "join submitted_assignment sa on sn.assignment_id = sa.id where sa.student_id = ?", (student,)).fetchall()
    return {name: score for name, score in rows if name in names}


def _gid(group: str) -> int:
    import grp

    return grp.getgrnam(group).gr_gid


def _wait_for(check, seconds: float = 60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        result = check()
        if result:
            return result
        time.sleep(0.5)
    raise AssertionError("timed out waiting")


def test_terminals_find_the_course_commands_and_a_rerun_adds_a_learner(hub):
    from warning_signs.hub import accounts, commands, process
    from warning_signs.hub.settings import read_roster

    settings, learners, passwords = hub
    shell = accounts.run_as(learners[0].name, ["bash", "-lc", "command -v warning-signs"])
    assert shell.stdout.strip() == str(settings.env / "bin" / "warning-signs"), shell.stderr
    with open(settings.roster, "a") as roster:
        roster.write("zoe,Zoe,Late,zoe@example.org\n")
    try:
        assert commands.up(settings, say=lambda *_: None) == 0
        new = settings.prefix + "zoe"
        assert accounts.exists(new) and (settings.home(new).stat().st_mode & 0o777) == 0o700
        assert process.api(settings, "GET", f"/users/{new}")["name"] == new  # allowed to log in
        again = accounts.passwords(settings, [a.name for a in learners])
        assert again == {a.name: passwords[a.name] for a in learners}  # nobody's password changed
        assert new in settings.logins_file.read_text()
        assert (settings.progress_dir / new).is_dir()
    finally:
        accounts.remove(settings.prefix + "zoe")
    assert len(read_roster(settings)[0]) == len(learners) + 1


def test_a_learner_reading_the_class_progress_is_told_it_is_a_permission_problem(hub):
    settings, learners, _ = hub
    view = run_python_as(settings, learners[0].name, (
        "from warning_signs.widgets.classview import gather\n"
        f"print(gather({str(settings.progress_dir)!r}, 'veldora').problems)\n"))
    assert view.returncode == 0, view.stderr
    assert "permission denied" in view.stdout and "warning-signs hub" in view.stdout
