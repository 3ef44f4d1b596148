"""Shared folders and machine-wide settings: the exchange, the progress folder, the terminals' PATH.

* nbgrader's exchange, with the modes nbgrader's documentation gives
  (``/srv/nbgrader/exchange``, world read-write: nbgrader itself makes each
  course's inbound folder write-only for learners);
* the shared progress folder: ``<state>/progress/<learner>/``, owned by the
  learner, group the instructors (setgid, so files keep that group), mode 2750:
  the instructor's class views read every learner's scenario progress, and no
  learner reads another's;
* ``/etc/profile.d/warning-signs.sh``: hub terminals are login shells, which
  reset PATH, so the environment's commands are appended to it there.
"""

from __future__ import annotations

import grp
import json
import os
import pwd
from pathlib import Path

from .settings import Account, HubSettings

EXCHANGE_MODE = 0o777
PROGRESS_ROOT_MODE = 0o751  # instructors list it; learners only pass through
PROGRESS_MODE = 0o2750


def exchange(settings: HubSettings) -> Path:
    settings.exchange.mkdir(parents=True, exist_ok=True)
    os.chmod(settings.exchange, EXCHANGE_MODE)
    parent = settings.exchange.parent
    if parent != Path("/") and parent.stat().st_mode & 0o005 != 0o005:
        os.chmod(parent, parent.stat().st_mode | 0o005)  # every account must reach the exchange
    return settings.exchange


def state_folders(settings: HubSettings) -> None:
    """The state folder: readable config, a root-only hub folder (database, passwords, logs)."""
    settings.state.mkdir(parents=True, exist_ok=True)
    os.chmod(settings.state, 0o755)
    settings.hub_dir.mkdir(exist_ok=True)
    os.chmod(settings.hub_dir, 0o700)
    settings.config_dir.mkdir(exist_ok=True)
    os.chmod(settings.config_dir, 0o755)


def progress(settings: HubSettings, learners: list[Account]) -> Path:
    root = settings.progress_dir
    root.mkdir(parents=True, exist_ok=True)
    instructors = grp.getgrnam(settings.instructor_group).gr_gid
    os.chown(root, 0, instructors)
    os.chmod(root, PROGRESS_ROOT_MODE)
    for account in learners:
        folder = root / account.name
        folder.mkdir(exist_ok=True)
        os.chown(folder, pwd.getpwnam(account.name).pw_uid, instructors)
        os.chmod(folder, PROGRESS_MODE)
        for path in folder.iterdir():  # files written before a re-run: readable by the instructors
            if path.is_file() and not path.is_symlink():
                os.chown(path, -1, instructors)
                os.chmod(path, (path.stat().st_mode | 0o040) & 0o7750)
    return root


def profile_script(settings: HubSettings) -> Path:
    """Put the environment's commands at the END of login shells' PATH (system commands keep priority)."""
    bin_dir = settings.env / "bin"
    text = (
        "# Written by `warning-signs hub`: the course's commands in hub terminals (login shells).\n"
        f'case ":$PATH:" in *":{bin_dir}:"*) ;; *) PATH="$PATH:{bin_dir}"; export PATH ;; esac\n'
    )
    settings.profile.parent.mkdir(parents=True, exist_ok=True)
    settings.profile.write_text(text)
    os.chmod(settings.profile, 0o644)
    return settings.profile


def quiet_lab_news(settings: HubSettings) -> None:
    """JupyterLab's first-start news prompt, off for everyone in the hub's own environment."""
    from ..cli import LAB_OVERRIDES

    path = settings.env / "share" / "jupyter" / "lab" / "settings" / "overrides.json"
    current = json.loads(path.read_text()) if path.exists() else {}
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({**current, **LAB_OVERRIDES}, indent=1))
    os.chmod(path, 0o644)
