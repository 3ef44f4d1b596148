"""The course through ngshare, the exchange a Kubernetes hub uses (nodes share no disk),
on one machine: ngshare runs as a service of a real hub made by `warning-signs hub`.

The instructor creates the course in ngshare and releases Exercise 1; a learner fetches
it, clicks two answers (saved in the answers file), submits; the instructor collects and
autogrades with `warning-signs grade`: the scores are the clicks. Skipped when ngshare does
not install from PyPI.
"""

from __future__ import annotations

import subprocess

import pytest

from hubtools import ROOT, TEST_ENV, free_port, why_not, workshop_hub

pytestmark = pytest.mark.slow

NGSHARE_ENV = TEST_ENV.parent / "ngshare-env"
EXERCISE = "01-atrocity-crimes"


def _pip(env, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(env / "bin" / "python"), "-m", "pip", "install", "--disable-pip-version-check", "-q",
                           *args], capture_output=True, text=True)


@pytest.fixture(scope="module")
def hub():
    from warning_signs.hub import install, process

    reason = why_not()
    if reason:
        pytest.skip(reason)
    # The service, in its own environment. ngshare 0.6 (2022) relies on SQLAlchemy 1.x's backref
    # cascades: under 2.x a released assignment is silently not stored ("Assignment not found").
    if not (NGSHARE_ENV / "bin" / "python").exists():
        subprocess.run([install.base_python(), "-m", "venv", str(NGSHARE_ENV)], check=True)
    if not list(NGSHARE_ENV.glob("lib/python3*/site-packages/ngshare")) or not list(
            NGSHARE_ENV.glob("lib/python3*/site-packages/SQLAlchemy-1.*")):
        done = _pip(NGSHARE_ENV, "ngshare", "sqlalchemy<2", "alembic<1.14")
        if done.returncode:
            pytest.skip(f"ngshare did not install from PyPI: {done.stderr.strip()[-300:]}")
    install.ensure_environment(TEST_ENV, ROOT, TEST_ENV.parent / "install.log", say=lambda *_: None)
    # The client: ngshare-exchange pins an old jupyter-core it does not need; the course's nbgrader stays.
    done = _pip(TEST_ENV, "--no-deps", "ngshare-exchange")
    if done.returncode:
        pytest.skip(f"ngshare-exchange did not install from PyPI: {done.stderr.strip()[-300:]}")
    ngshare = {"python": str(NGSHARE_ENV / "bin" / "python"), "port": free_port()}
    with workshop_hub(learners=1, extra={"ngshare": ngshare}) as (settings, people, logins):
        tokens = {name: process.api(settings, "POST", f"/users/{name}/tokens", {"note": "ngshare test"})["token"]
                  for name in [settings.instructor_account, people[0].name]}
        yield settings, people[0].name, tokens


def run(settings, tokens, user: str, *command: str, cwd=None) -> str:
    from warning_signs.hub import accounts, config

    env = {**config.environment(settings, user), "JUPYTERHUB_API_TOKEN": tokens[user], "JUPYTERHUB_USER": user}
    program = command[0] if command[0].startswith("/") else str(settings.env / "bin" / command[0])
    done = accounts.run_as(user, [program, *command[1:]], env, cwd=cwd)
    assert done.returncode == 0, f"{' '.join(command)} as {user}:\n{done.stdout}\n{done.stderr}"
    return done.stdout + done.stderr


def test_release_fetch_click_submit_collect_and_grade_through_ngshare(hub):
    settings, learner, tokens = hub
    teacher, root = settings.instructor_account, settings.course_root
    run(settings, tokens, teacher, "ngshare-course-management", "create_course", "warning-signs", teacher)
    run(settings, tokens, teacher, "ngshare-course-management", "add_student", "warning-signs", learner, "--no-gb")
    run(settings, tokens, teacher, "nbgrader", "generate_assignment", EXERCISE, "--force", cwd=root)
    run(settings, tokens, teacher, "nbgrader", "release_assignment", EXERCISE, cwd=root)

    listed = run(settings, tokens, learner, "nbgrader", "list")
    assert EXERCISE in listed
    run(settings, tokens, learner, "nbgrader", "fetch_assignment", EXERCISE, "--course", "warning-signs")
    folder = settings.home(learner) / "exercises" / EXERCISE
    assert (folder / f"{EXERCISE}.ipynb").exists()
    run(settings, tokens, learner, "python", "-c",
        "from warning_signs.exercise import Exercise\n"
        f"ex = Exercise({EXERCISE!r}, folder={str(folder)!r})\n"
        "ex.store.save('q1', 'c', 'click'); ex.store.save('q2', 'b', 'click')\n")
    run(settings, tokens, learner, "nbgrader", "submit", EXERCISE, "--course", "warning-signs")

    run(settings, tokens, teacher, "nbgrader", "collect", EXERCISE, cwd=root)
    submitted = root / "submitted" / learner / EXERCISE
    assert (submitted / f"{EXERCISE}.answers.json").exists(), "the clicks did not travel through ngshare"
    graded = run(settings, tokens, teacher, "warning-signs", "grade", "autograde", EXERCISE)
    assert "graded 1, failed 0" in graded

    import sqlite3

    with sqlite3.connect(f"file:{root / 'gradebook.db'}?mode=ro", uri=True) as db:
        rows = dict(db.execute(
            "select bc.name, g.auto_score from grade g join base_cell bc on g.cell_id = bc.id "
            "join submitted_notebook sn on g.notebook_id = sn.id "
            "join submitted_assignment sa on sn.assignment_id = sa.id where sa.student_id = ?", (learner,)))
    assert (rows["q1"], rows["q2"]) == (1.0, 0.0)
