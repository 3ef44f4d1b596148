"""Fast checks of `warning-signs hub`: the roster as accounts, the generated configuration,
settings kept for re-runs, and (as root) accounts and passwords that survive a re-run."""

from __future__ import annotations

import argparse
import json
import os
import secrets
from pathlib import Path

import pytest

from warning_signs.exercise import store_folder
from warning_signs.hub import config
from warning_signs.hub.commands import settings_from
from warning_signs.hub.settings import HubSettings, read_roster

HEADER = "id,first_name,last_name,email\n"


def settings_for(tmp_path: Path, rows: str, **extra) -> HubSettings:
    roster = tmp_path / "students.csv"
    roster.write_text(HEADER + rows)
    return HubSettings(roster=roster, state=tmp_path / "state", env=tmp_path / "env", **extra)


def test_roster_ids_become_login_names_or_one_sentence_says_how_to_fix_them(tmp_path):
    settings = settings_for(tmp_path, "amara,Amara,Okoye,a@x.org\nBob.Smith@x,Bob,Smith,b@x.org\n"
                                      "instructor,Ina,Str,i@x.org\nchen,Chen,Li,c@x.org\nchen,Chen,Wu,d@x.org\n",
                            prefix="ws-")
    accounts, problems = read_roster(settings)
    assert [a.name for a in accounts] == ["ws-amara", "ws-chen"]
    assert accounts[0].first_name == "Amara" and accounts[0].email == "a@x.org"
    text = "\n".join(problems)
    assert "'Bob.Smith@x' is empty or has characters" in text or "cannot be a login name" in text
    assert "appears twice" in text
    missing, problems = read_roster(HubSettings(roster=tmp_path / "nope.csv"))
    assert missing == [] and "does not exist" in problems[0]


def test_uppercase_ids_get_a_suggestion(tmp_path):
    _, problems = read_roster(settings_for(tmp_path, "Amara,Amara,Okoye,a@x.org\n"))
    assert problems == [f"{tmp_path / 'students.csv'}: the id 'Amara' cannot be a login name; use lower-case "
                        "letters, digits, '-' and '_' (starting with a letter), at most 32 characters, e.g. 'amara'."]


def test_the_hub_config_runs_and_sets_what_the_workshop_needs(tmp_path):
    settings = settings_for(tmp_path, "amara,A,O,a@x.org\n", port=18123, cull_servers=900)
    accounts, _ = read_roster(settings)
    settings.hub_dir.mkdir(parents=True)
    (settings.hub_dir / "admin-token").write_text("abc")
    from traitlets.config import Config

    c = Config()
    exec(compile(config.hub_config(settings, accounts), "jupyterhub_config.py", "exec"),
         {"get_config": lambda: c})
    assert c.JupyterHub.bind_url == "http://127.0.0.1:18123"
    assert c.Authenticator.allowed_users == {"amara", "instructor"}
    assert c.Authenticator.admin_users == {"instructor"}
    assert c.Spawner.default_url == "/lab/tree/lessons/00-start-here.ipynb"
    assert c.Spawner.cmd[-2:] == ["-m", "warning_signs.hub.singleuser"]
    culler = c.JupyterHub.services[0]
    assert culler["name"] == "idle-culler" and "--timeout=900" in culler["command"]
    assert c.JupyterHub.services[1]["api_token"] == "abc"

    class Spawner:  # what JupyterHub hands the hook
        def __init__(self, name):
            self.user, self.environment = argparse.Namespace(name=name), {}

    learner, instructor = Spawner("amara"), Spawner("instructor")
    c.Spawner.pre_spawn_hook(learner)
    c.Spawner.pre_spawn_hook(instructor)
    assert learner.environment["JUPYTER_CONFIG_PATH"].split(os.pathsep)[0].endswith("jupyter/learner")
    assert instructor.environment["JUPYTER_CONFIG_PATH"].split(os.pathsep)[0].endswith("jupyter/instructor")
    assert learner.environment["WARNING_SIGNS_PROGRESS"] == str(settings.progress_dir / "amara")
    assert "WARNING_SIGNS_COURSE" not in learner.environment
    assert instructor.environment["WARNING_SIGNS_COURSE"] == str(settings.course_root)


def test_jupyter_config_per_role(tmp_path):
    settings = settings_for(tmp_path, "", cull_kernels=600)
    dirs = config.write_jupyter_config(settings)
    common = json.loads((dirs["common"] / "jupyter_server_config.json").read_text())
    assert common["ServerApp"]["tornado_settings"]["headers"]["Content-Security-Policy"] == "frame-ancestors 'self'"
    assert common["MappingKernelManager"]["cull_idle_timeout"] == 600
    learner = json.loads((dirs["learner"] / "labconfig" / "page_config.json").read_text())
    assert learner["disabledExtensions"]["@jupyter/nbgrader:formgrader"] is True
    assert not (dirs["instructor"] / "labconfig").exists()  # the instructor keeps every tool
    from traitlets.config import Config

    for role in ("common", "instructor"):
        c = Config()
        exec((dirs[role] / "nbgrader_config.py").read_text(), {"get_config": lambda c=c: c})
        assert c.Exchange.root == str(settings.exchange)
    assert c.CourseDirectory.root == str(settings.course_root)


def test_a_rerun_keeps_the_last_options(tmp_path):
    first = settings_for(tmp_path, "", port=9000, prefix="x-", instructor="teach")
    first.save()
    args = argparse.Namespace(state=first.state, roster=None, instructor=None, host=None, port=None, prefix=None,
                              env=None, exchange=None, source=None, cull_kernels=None, cull_servers=300)
    again = settings_from(args)
    assert (again.port, again.prefix, again.instructor, again.roster) == (9000, "x-", "teach", first.roster)
    assert again.cull_servers == 300 and HubSettings.load(first.state).cull_servers == first.cull_servers


def test_answers_go_next_to_the_kernels_notebook(tmp_path, monkeypatch):
    notebook_dir = tmp_path / "exercises" / "01-atrocity-crimes"
    notebook_dir.mkdir(parents=True)
    elsewhere = tmp_path / "kernel-cwd"
    monkeypatch.setenv("JPY_SESSION_NAME", str(notebook_dir / "01-atrocity-crimes.ipynb"))
    assert store_folder(elsewhere) == notebook_dir
    assert store_folder(elsewhere, from_session=False) == elsewhere
    monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")
    assert store_folder(elsewhere) == elsewhere  # nbgrader's copy is graded where it is
    monkeypatch.delenv("NBGRADER_EXECUTION")
    monkeypatch.setenv("JPY_SESSION_NAME", str(tmp_path / "renamed-away" / "x.ipynb"))
    assert store_folder(elsewhere) == elsewhere  # the folder is gone: the kernel's folder


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="creates Unix accounts: needs root")
def test_accounts_and_passwords_survive_a_rerun_and_a_new_learner_is_added(tmp_path):
    from warning_signs.hub import accounts
    from warning_signs.hub.commands import make_accounts

    prefix = f"wsu{secrets.token_hex(2)}-"
    settings = settings_for(tmp_path, "amara,A,O,a@x.org\n", prefix=prefix)
    learners, _ = read_roster(settings)
    try:
        assert make_accounts(settings, learners) == [f"{prefix}instructor", f"{prefix}amara"]
        first = accounts.passwords(settings, [f"{prefix}amara"])
        assert oct(Path(f"/home/{prefix}amara").stat().st_mode & 0o777) == "0o700"
        settings.roster.write_text(HEADER + "amara,A,O,a@x.org\nbilal,B,K,b@x.org\n")
        learners, _ = read_roster(settings)
        assert make_accounts(settings, learners) == [f"{prefix}bilal"]
        again = accounts.passwords(settings, [f"{prefix}amara", f"{prefix}bilal"])
        assert again[f"{prefix}amara"] == first[f"{prefix}amara"] and again[f"{prefix}bilal"]
        assert oct((settings.hub_dir / "passwords.json").stat().st_mode & 0o777) == "0o600"
    finally:
        for name in ("instructor", "amara", "bilal"):
            accounts.remove(prefix + name)
        accounts.remove_group(settings.learner_group)
        accounts.remove_group(settings.instructor_group)


def test_prepare_on_a_hub_needs_no_workspace_and_adds_no_second_copy_of_the_exercises(tmp_path, monkeypatch, capsys):
    from warning_signs.cli import main

    monkeypatch.setenv("JUPYTERHUB_USER", "amara")
    monkeypatch.setenv("HOME", str(tmp_path))
    assert main(["prepare"]) == 0
    assert (tmp_path / "lessons" / "00-start-here.ipynb").exists()
    assert (tmp_path / "exercises").is_dir() and not any((tmp_path / "exercises").iterdir())
    assert str(tmp_path) in capsys.readouterr().out


def test_collect_notes_a_submission_without_its_answers_file(tmp_path):
    from warning_signs.grading.course import Course
    from warning_signs.grading.safecopy import missing_answers
    from warning_signs.paths import exercises_dir

    course = Course.at(tmp_path / "course", exercises_dir())
    folder = tmp_path / "submitted" / "amara" / "01-atrocity-crimes"
    folder.mkdir(parents=True)
    (folder / "01-atrocity-crimes.ipynb").write_text("{}")
    [note] = missing_answers(course, "01-atrocity-crimes", folder)
    assert "no 01-atrocity-crimes.answers.json" in note and "submit again" in note
    (folder / "01-atrocity-crimes.answers.json").write_text("{}")
    assert missing_answers(course, "01-atrocity-crimes", folder) == []


def test_the_default_course_root_is_writable_and_named(tmp_path, monkeypatch):
    from warning_signs.grading.config import default_course_root

    monkeypatch.setenv("WARNING_SIGNS_COURSE", str(tmp_path / "mine"))
    assert default_course_root() == tmp_path / "mine"
    monkeypatch.delenv("WARNING_SIGNS_COURSE")
    monkeypatch.setenv("JUPYTERHUB_USER", "instructor")
    monkeypatch.setenv("HOME", str(tmp_path))
    assert default_course_root() == tmp_path / "warning-signs-course"
