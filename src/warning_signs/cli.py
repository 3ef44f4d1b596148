"""The ``warning-signs`` command: start the course, check an exercise, validate data.

warning-signs start [--workspace DIR] [--host H] [--port P] [--no-browser] [JupyterLab options]
warning-signs prepare [--workspace DIR]
warning-signs check NOTEBOOK_OR_FOLDER [--answers FILE|-] [--json]
warning-signs validate
warning-signs grade setup|release|collect|autograde|feedback|export|report …  (see grading/commands.py)
warning-signs scenario list|check ID|draw ID  (capstone scenarios; see scenario_cli.py)
warning-signs hub [stop|status] --roster students.csv …  (as root; see hub/commands.py)
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

from .paths import course_root, labextensions_dir

START_PAGE = "lessons/00-start-here.ipynb"
# JupyterLab's first-start "news" prompt distracts learners; turn it off in the
# course's own environment only (never in a system-wide install).
LAB_OVERRIDES = {
    "@jupyterlab/apputils-extension:notification": {"fetchNews": "false", "checkForUpdates": False},
    # No "Select Kernel" dialog on opening a lesson: its kernel starts by itself.
    "@jupyterlab/notebook-extension:tracker": {"autoStartDefaultKernel": True},
    # A saved notebook keeps its widgets' state, so a reopened lesson shows its widgets
    # rather than "Error displaying widget: model not found".
    "@jupyter-widgets/jupyterlab-manager:plugin": {"saveState": True},
}
# nbgrader's instructor tools (create assignment, formgrader, course list) confuse
# learners and complain that the workspace is no course root: off for `start`.
# The Assignments tab (for JupyterHub workshops) stays. Validate goes: it says "Success!
# passes all the tests" when answers are wrong (the visible tests only check that
# something was chosen); the self-check button is the learner's check.
INSTRUCTOR_PLUGINS = [
    "@jupyter/nbgrader:create-assignment",
    "@jupyter/nbgrader:formgrader",
    "@jupyter/nbgrader:course-list",
    "@jupyter/nbgrader:validate-assignment",
]
INSTRUCTOR_SERVER_EXTENSIONS = ["nbgrader.server_extensions.formgrader", "nbgrader.server_extensions.course_list"]
# A kernel whose tab was closed is stopped after 20 idle minutes (an open tab's never is),
# so a learner who works through the course does not keep every lesson's kernel.
KERNEL_CULLING = {"cull_idle_timeout": 1200, "cull_interval": 120, "cull_connected": False}
# Technical files stay out of the learner's file browser. Listing only: nbgrader copies
# every file of the folder on submit (its own CourseDirectory.ignore decides, not these).
HIDDEN_FILES = [
    "__pycache__",
    "*.pyc",
    "*.pyo",
    ".DS_Store",
    "*~",
    "*.answers.json",
    "*.bak",
    "*.damaged",
    "*.feedback.html",
    ".answers-*.tmp",
]


def default_workspace() -> Path:
    """On a JupyterHub, the home folder; ``workspace/`` in a checkout; with a plain
    ``pip install``, a folder in the current one."""
    from .hub import on_hub

    if on_hub():
        return Path.home()
    root = course_root()
    if Path(__file__).resolve().parent in root.parents:
        return Path.cwd() / "warning-signs-workspace"
    return root / "workspace"


def cmd_prepare(args) -> int:
    from .hub import on_hub
    from .hub.workspace import HubWorkspace
    from .workspace import Workspace

    print(f"Preparing your workspace in {args.workspace} …", flush=True)
    # On a hub the exercises come from the Assignments tab: no second copy.
    kind = HubWorkspace if on_hub() else Workspace
    print(kind(args.workspace).prepare().text())
    return 0


def cmd_start(args) -> int:
    cmd_prepare(args)
    _quiet_jupyterlab_news()
    command = [
        sys.executable,
        "-m",
        "jupyterlab",
        f"--ServerApp.root_dir={args.workspace}",
        f"--ServerApp.ip={args.host}",
        f"--ServerApp.port={args.port}",
        f"--LabApp.default_url=/lab/tree/{START_PAGE}",
    ]
    if args.no_browser:
        command.append("--no-browser")
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        print("Running as root (as in many containers): starting JupyterLab with --allow-root.")
        command.append("--allow-root")
    command += args.jupyter_options  # anything else goes to JupyterLab as it is
    command += ["--ServerApp.port_retries=0", "--ServerApp.answer_yes=True"]  # the port asked for; one Ctrl+C
    token = _given_token(args.jupyter_options)
    if token is None:
        token = secrets.token_hex(24)
        command.append(f"--IdentityProvider.token={token}")
    env = {
        **os.environ,
        "JUPYTER_CONFIG_PATH": os.pathsep.join(
            filter(None, [str(_learner_config(args.workspace)), os.environ.get("JUPYTER_CONFIG_PATH")])
        ),
    }
    address = f"http://{args.host}:{args.port}/lab/tree/{START_PAGE}"
    log = Path(args.workspace) / ".warning-signs" / "jupyterlab.log"
    return _serve(command, env, address + (f"?token={token}" if token else ""), log)


def _given_token(options: list[str]) -> str | None:
    """The token the user chose (an option or JUPYTER_TOKEN), or None to make one."""
    for option in options:
        name, _, value = option.partition("=")
        if name in ("--IdentityProvider.token", "--ServerApp.token", "--NotebookApp.token"):
            return value
    return os.environ.get("JUPYTER_TOKEN")


def _serve(command: list[str], env: dict, address: str, log: Path) -> int:
    """Run JupyterLab with its log in a file; print only the address and how to stop."""
    log.parent.mkdir(parents=True, exist_ok=True)
    with open(log, "w") as out:
        server = subprocess.Popen(command, env=env, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    print("Starting JupyterLab …", flush=True)
    try:
        up = _wait_until_serving(address, server)
        if up:
            print(
                f"\nThe course is ready. Open this address in your browser:\n\n    {address}\n\n"
                f"To stop, press Ctrl+C here. (JupyterLab's own messages go to {log}.)",
                flush=True,
            )
        else:
            print(f"JupyterLab stopped before it was ready. The last lines of {log}:", flush=True)
            print("\n".join(log.read_text(errors="replace").splitlines()[-8:]))
            if "already in use" in log.read_text(errors="replace"):
                print("That port is taken (is the course already running?): try make start PORT=8890")
            return server.wait() or 1
        return server.wait()
    except KeyboardInterrupt:
        print("\nStopping JupyterLab …", flush=True)
        try:
            return server.wait(timeout=30)
        except (subprocess.TimeoutExpired, KeyboardInterrupt):
            server.kill()
            return 0


def _wait_until_serving(address: str, server: subprocess.Popen, seconds: float = 180) -> bool:
    import time
    import urllib.error
    import urllib.request

    status = address.split("/lab/")[0] + "/api/status"
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and server.poll() is None:
        try:
            with urllib.request.urlopen(status, timeout=2):
                return True
        except urllib.error.HTTPError:
            return True  # it answers (asks for the token): it is serving
        except OSError:
            time.sleep(0.3)
    return server.poll() is None


def cmd_check(args) -> int:
    """Score an exercise (see grading/selfcheck.py): text for a terminal, JSON for the button."""
    from .grading.selfcheck import self_check
    from .grading.selfcheck_result import SelfCheckResult

    target = Path(args.notebook)
    if target.is_dir():
        found = [p for p in sorted(target.glob("*.ipynb")) if "(course update)" not in p.name]
        if not found:
            print(f"There is no notebook in {target}: give the exercise notebook's path.")
            return 2
        target = found[0]
    answers, problem = _sent_answers(args.answers) if args.answers else (None, "")
    try:
        result = (
            SelfCheckResult(args.exercise or target.stem, problem=problem)
            if problem
            else self_check(target, answers, args.exercise, args.folder)
        )
    except Exception as error:  # never a traceback for a learner: one sentence, and the way out
        result = SelfCheckResult(
            args.exercise or target.stem,
            problem=f"an unexpected error ({type(error).__name__}); save the notebook and try again.",
        )
    print(json.dumps(result.to_json()) if args.json else result.text())
    return 1 if result.problem else 0


MAX_SENT_BYTES = 256 * 1024  # a few letters per question: anything bigger is not answers


def _sent_answers(where: str) -> tuple[dict | None, str]:
    """The answers the learner's kernel sent (``-``: stdin), or a sentence saying what is wrong."""
    try:
        raw = sys.stdin.read(MAX_SENT_BYTES + 1) if where == "-" else Path(where).read_text(encoding="utf-8")
        payload = json.loads(raw) if len(raw) <= MAX_SENT_BYTES else None
    except (OSError, ValueError, RecursionError):
        payload = None
    answers = payload.get("answers") if isinstance(payload, dict) else None
    if not isinstance(answers, dict):
        return None, "the answers sent to the self-check were not readable; run the exercise's cells again."
    return answers, ""


def cmd_validate(_args) -> int:
    from .validate import main as validate_main

    return validate_main()


def _learner_config(workspace: Path) -> Path:
    """A Jupyter config folder for the learner's server, kept in the workspace."""
    folder = Path(workspace) / ".warning-signs" / "jupyter-config"
    (folder / "labconfig").mkdir(parents=True, exist_ok=True)
    (folder / "labconfig" / "page_config.json").write_text(
        json.dumps({"disabledExtensions": {name: True for name in INSTRUCTOR_PLUGINS}}, indent=1)
    )
    (folder / "jupyter_server_config.json").write_text(
        json.dumps(
            {
                "ServerApp": {"jpserver_extensions": {n: False for n in INSTRUCTOR_SERVER_EXTENSIONS}},
                "LabApp": {"extra_labextensions_path": [str(labextensions_dir())]},
                "MappingKernelManager": KERNEL_CULLING,
                "ContentsManager": {"hide_globs": HIDDEN_FILES},
            },
            indent=1,
        )
    )
    return folder


def _quiet_jupyterlab_news() -> None:
    if sys.prefix == sys.base_prefix:
        return  # not in a virtual environment: leave the user's JupyterLab alone
    settings = Path(sys.prefix) / "share" / "jupyter" / "lab" / "settings"
    path = settings / "overrides.json"
    current = json.loads(path.read_text()) if path.exists() else {}
    if all(current.get(k) == v for k, v in LAB_OVERRIDES.items()):
        return
    settings.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({**current, **LAB_OVERRIDES}, indent=1))


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="warning-signs", description="Warning Signs course tools.")
    sub = top.add_subparsers(dest="command", required=True)
    for name, helptext in (
        ("start", "prepare your workspace and open the course in JupyterLab"),
        ("prepare", "prepare (or update) your workspace only"),
    ):
        p = sub.add_parser(name, help=helptext)
        p.add_argument(
            "--workspace",
            type=Path,
            default=None,
            help="folder for your own copies (default: ./workspace; on a JupyterHub, your home)",
        )
        if name == "start":
            p.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
            p.add_argument("--port", type=int, default=8888, help="port (default 8888)")
            p.add_argument("--no-browser", action="store_true", help="do not open a browser; just print the address")
    check = sub.add_parser("check", help="grade one of your exercises on this machine")
    check.add_argument("notebook", help="the exercise notebook, or its folder")
    check.add_argument("--answers", help="JSON with the answers that count ('-': stdin), as the button sends")
    check.add_argument("--exercise", help="the exercise id (default: the notebook's folder name)")
    check.add_argument("--folder", type=Path, help="where the answers and the count are (default: the notebook's)")
    check.add_argument("--json", action="store_true", help="print the result as JSON (for the button)")
    sub.add_parser("validate", help="check every table in datasets/ against its description")
    from .grading.commands import add_parser as add_grade_parser

    add_grade_parser(sub)  # warning-signs grade …
    from .scenario_cli import add_parser as add_scenario_parser

    add_scenario_parser(sub)  # warning-signs scenario check|draw|list (capstone authors)
    from .hub.commands import add_parser as add_hub_parser

    add_hub_parser(sub)  # warning-signs hub …
    return top


def main(argv: list[str] | None = None) -> int:
    args, extra = parser().parse_known_args(argv)
    if extra and args.command != "start":
        parser().error(f"unrecognized arguments: {' '.join(extra)}")
    args.jupyter_options = extra
    if getattr(args, "workspace", "unset") is None:
        args.workspace = default_workspace()
    handler = {"start": cmd_start, "prepare": cmd_prepare, "check": cmd_check, "validate": cmd_validate}
    run = handler.get(args.command, getattr(args, "handler", None))
    if run is None:  # no command given: say which there are, rather than a traceback
        parser().print_help()
        return 2
    return run(args)
