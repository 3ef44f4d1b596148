"""``warning-signs hub``: a workshop on one JupyterHub machine, in one command (as root).

    warning-signs hub --roster students.csv [--instructor NAME] [--host 127.0.0.1] [--port 8000]
    warning-signs hub stop
    warning-signs hub status

Running it again is safe: it installs only what is missing, adds the accounts of
learners new in the roster (nobody's password changes), rewrites the
configuration and restarts the hub; learners' servers keep running.
"""

from __future__ import annotations

import argparse
import csv
import os
import shutil
import sys
from pathlib import Path

from . import accounts, config, folders, install, process
from .settings import DEFAULT_STATE, HubSettings, read_roster

HTTPS_ADVICE = """\
For HTTPS (needed as soon as learners connect over a network), keep the hub on 127.0.0.1 and put a
reverse proxy with a certificate in front of it, e.g. Caddy (`apt-get install caddy`), with the Caddyfile
    workshop.example.org {
        reverse_proxy 127.0.0.1:PORT
    }
(Caddy gets a Let's Encrypt certificate by itself; nginx works too, with the WebSocket upgrade headers
of JupyterHub's documentation). Without a domain, use --host 0.0.0.0 only on a trusted network."""


def add_parser(sub) -> None:
    hub = sub.add_parser("hub", help="instructor, as root: run the workshop on a JupyterHub on this machine")
    hub.add_argument(
        "action",
        nargs="?",
        default="start",
        choices=["start", "stop", "status"],
        help="start (default; safe to re-run), stop, or status",
    )
    hub.add_argument("--roster", type=Path, help="CSV with id, first_name, last_name, email (needed to start)")
    hub.add_argument("--instructor", help="the instructor's login name (default: instructor)")
    hub.add_argument("--host", help="address to listen on (default 127.0.0.1: this machine only)")
    hub.add_argument("--port", type=int, help="port (default 8000)")
    hub.add_argument("--prefix", help="put before every account and group name (default: none)")
    hub.add_argument("--state", type=Path, default=DEFAULT_STATE, help=f"hub's own folder (default {DEFAULT_STATE})")
    hub.add_argument("--env", type=Path, default=None, help="its Python environment (default /opt/warning-signs/env)")
    hub.add_argument("--exchange", type=Path, default=None, help="nbgrader exchange (default /srv/nbgrader/exchange)")
    hub.add_argument(
        "--cull-kernels", type=int, default=None, help="seconds before an idle kernel stops (default 1800)"
    )
    hub.add_argument(
        "--cull-servers", type=int, default=None, help="seconds before an idle server stops (default 3600)"
    )
    hub.add_argument("--source", type=Path, default=None, help="the course to install (default: this checkout)")
    hub.set_defaults(handler=run)


def settings_from(args: argparse.Namespace) -> HubSettings:
    """The command line over the last run's settings (so a re-run needs no options again)."""
    saved = HubSettings.load(args.state)
    base = vars(saved).copy() if saved else {"roster": Path("students.csv")}
    for name in (
        "roster",
        "instructor",
        "host",
        "port",
        "prefix",
        "env",
        "exchange",
        "source",
        "cull_kernels",
        "cull_servers",
    ):
        if getattr(args, name, None) is not None:
            base[name] = getattr(args, name)
    base["state"] = args.state
    return HubSettings(**base)


def run(args: argparse.Namespace) -> int:
    problem = _machine_problem()
    if problem:
        print(problem)
        return 2
    if args.action == "stop":
        settings = HubSettings.load(args.state)
        stopped = settings is not None and process.stop(settings)
        print("The hub and the learners' servers are stopped." if stopped else "No hub is running.")
        return 0
    settings = settings_from(args)
    if args.action == "status":
        pid = process.running_pid(settings)
        print(f"The hub is running (pid {pid}) at {settings.url}" if pid else "No hub is running.")
        return 0
    try:
        return up(settings)
    except RuntimeError as exc:
        print(f"Stopped: {exc}")
        return 1


def up(settings: HubSettings, say=print) -> int:
    """Everything `warning-signs hub` does, in order; safe to repeat."""
    learners, problems = read_roster(settings)
    if problems:
        say("The roster needs fixing first (nothing was changed):")
        for line in problems:
            say("  " + line)
        return 1
    folders.state_folders(settings)
    settings.save()
    process.admin_token(settings)
    install.ensure_environment(settings.env, settings.source, settings.hub_dir / "install.log", say)
    created = make_accounts(settings, learners)
    logins = accounts.write_logins(
        settings, learners, accounts.passwords(settings, [settings.instructor_account, *(a.name for a in learners)])
    )
    folders.exchange(settings)
    folders.progress(settings, learners)
    folders.profile_script(settings)
    folders.quiet_lab_news(settings)
    config.write_jupyter_config(settings)
    hub_config = config.write_hub_config(settings, learners)
    setup_course(settings, learners)
    restarted = process.stop(settings, servers=False)
    process.start(settings, hub_config)
    say(summary(settings, learners, created, logins, restarted))
    return 0


def make_accounts(settings: HubSettings, learners) -> list[str]:
    accounts.ensure_group(settings.learner_group)
    accounts.ensure_group(settings.instructor_group)
    created = []
    if accounts.ensure_account(
        settings.instructor_account,
        settings.home(settings.instructor_account),
        settings.instructor_group,
        "Warning Signs instructor",
    ):
        created.append(settings.instructor_account)
    for account in learners:
        full = f"{account.first_name} {account.last_name}".strip()
        if accounts.ensure_account(account.name, settings.home(account.name), settings.learner_group, full):
            created.append(account.name)
    return created


def setup_course(settings: HubSettings, learners) -> None:
    """The instructor's course root, with every learner in its gradebook (run as the instructor)."""
    root = settings.course_root
    env = config.environment(settings, settings.instructor_account)
    made = accounts.run_as(settings.instructor_account, ["mkdir", "-p", str(root)])
    if made.returncode:
        raise RuntimeError(f"Could not create the course root {root}: {made.stderr.strip()}")
    students = root / "students.csv"
    rows = [["id", "first_name", "last_name", "email"]] + [
        [a.name, a.first_name, a.last_name, a.email] for a in learners
    ]
    with open(students, "w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(rows)
    owner = accounts.pwd.getpwnam(settings.instructor_account)
    os.chown(students, owner.pw_uid, owner.pw_gid)
    os.chmod(students, 0o600)
    result = accounts.run_as(
        settings.instructor_account,
        [
            str(settings.env / "bin" / "warning-signs"),
            "grade",
            "setup",
            "--students",
            str(students),
            "--course",
            str(root),
        ],
        env,
    )
    if result.returncode:
        raise RuntimeError(
            f"`warning-signs grade setup` failed for the instructor: {(result.stdout + result.stderr).strip()[-600:]}"
        )


def summary(settings: HubSettings, learners, created: list[str], logins: Path, restarted: bool) -> str:
    new = f"{len(created)} account(s) created" if created else "no new accounts"
    lines = [
        "",
        f"The workshop hub is {'restarted' if restarted else 'running'} at {settings.url}  "
        f"({len(learners)} learner(s) and the instructor; {new}).",
        f"Logins and passwords (for you only, 0600): {logins}",
        f"  Instructor: log in as '{settings.instructor_account}'. Your course root is {settings.course_root};",
        "  in a hub terminal: warning-signs grade release 01-atrocity-crimes   (then collect, autograde, feedback)",
        "  Formgrader: the Nbgrader menu > Formgrader. Class view in a notebook:",
        "      from warning_signs.widgets import class_view; class_view(stage=1)",
        "  Learners land on the start page; exercises come from the Nbgrader menu > Assignments > Fetch.",
        f"Idle kernels stop after {settings.cull_kernels // 60} min, idle servers after "
        f"{settings.cull_servers // 60} min (answers are saved on every click).",
        f"Log: {process.log_path(settings)}   Stop: warning-signs hub stop{_state_option(settings)}   "
        "Add learners: edit the roster, re-run.",
        "",
        HTTPS_ADVICE.replace("PORT", str(settings.port)),
    ]
    if settings.host not in ("127.0.0.1", "localhost", "::1"):
        lines.insert(2, f"WARNING: listening on {settings.host} without HTTPS: passwords cross the network in clear.")
    return "\n".join(lines)


def _state_option(settings: HubSettings) -> str:
    return "" if settings.state == DEFAULT_STATE else f" --state {settings.state}"


def _machine_problem() -> str | None:
    if sys.platform != "linux" or not shutil.which("useradd"):
        return "`warning-signs hub` sets up a Debian or Ubuntu machine (it needs useradd); this is not one."
    if os.geteuid() != 0:
        return "`warning-signs hub` creates accounts and folders: run it as root, e.g. `sudo warning-signs hub ...`."
    return None
