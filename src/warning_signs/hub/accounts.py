"""Unix accounts for the learners and the instructor (as root, with Debian's own tools).

Each person gets an account (their server runs as them), a private home (0700:
no learner reads another's work) and a generated password, kept across re-runs in
a root-only file so that re-running never changes anyone's login. Learners are in
the learners' group; the instructor in the instructors' group, which may read
the shared progress folder.
"""

from __future__ import annotations

import grp
import json
import os
import pwd
import secrets
import subprocess
from pathlib import Path

from .settings import Account, HubSettings

# No look-alike characters (0/O, 1/l/I): the instructor may read them out.
ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789"


def exists(name: str) -> bool:
    try:
        pwd.getpwnam(name)
    except KeyError:
        return False
    return True


def group_exists(name: str) -> bool:
    try:
        grp.getgrnam(name)
    except KeyError:
        return False
    return True


def ensure_group(name: str) -> None:
    if not group_exists(name):
        _run(["groupadd", name])


def ensure_account(name: str, home: Path, group: str, comment: str = "") -> bool:
    """Create the account if it is missing (True when created); its home is made private either way."""
    created = False
    if not exists(name):
        _run(
            [
                "useradd",
                "--create-home",
                "--home-dir",
                str(home),
                "--shell",
                "/bin/bash",
                "--groups",
                group,
                "--comment",
                comment.replace(":", " ")[:60],
                name,
            ]
        )
        created = True
    elif group not in [g.gr_name for g in grp.getgrall() if name in g.gr_mem]:
        _run(["usermod", "--append", "--groups", group, name])
    home = Path(pwd.getpwnam(name).pw_dir)
    home.mkdir(parents=True, exist_ok=True)
    os.chmod(home, 0o700)
    return created


def new_password() -> str:
    return "-".join("".join(secrets.choice(ALPHABET) for _ in range(4)) for _ in range(3))


def passwords(settings: HubSettings, names: list[str]) -> dict[str, str]:
    """Everyone's password: kept ones for known accounts, new ones (set with chpasswd) for the rest."""
    store = settings.hub_dir / "passwords.json"
    try:
        known = json.loads(store.read_text())
    except (OSError, ValueError):
        known = {}
    fresh = {n: new_password() for n in names if n not in known}
    if fresh:
        _run(["chpasswd"], stdin="".join(f"{n}:{p}\n" for n, p in fresh.items()))
        known.update(fresh)
        store.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(store, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w") as handle:
            json.dump(known, handle, indent=1)
    return {n: known[n] for n in names}


def write_logins(settings: HubSettings, accounts: list[Account], secrets_by_name: dict[str, str]) -> Path:
    """The login sheet for the instructor: 0600, owned by them, in their home."""
    path = settings.logins_file
    lines = [f"Warning Signs workshop: {settings.url}", "", f"{'login':<24} {'password':<16} name"]
    for account in [Account(settings.instructor_account, "(instructor)"), *accounts]:
        full = f"{account.first_name} {account.last_name}".strip()
        lines.append(f"{account.name:<24} {secrets_by_name[account.name]:<16} {full}")
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write("\n".join(lines) + "\n")
    owner = pwd.getpwnam(settings.instructor_account)
    os.chown(path, owner.pw_uid, owner.pw_gid)
    os.chmod(path, 0o600)
    return path


def remove(name: str) -> None:
    """Remove an account and its home (tests; `hub remove`)."""
    if exists(name):
        _run(["userdel", "--force", "--remove", name], check=False)


def remove_group(name: str) -> None:
    if group_exists(name):
        _run(["groupdel", name], check=False)


def _run(command: list[str], stdin: str | None = None, check: bool = True) -> None:
    result = subprocess.run(command, input=stdin, text=True, capture_output=True)
    if check and result.returncode != 0:
        raise RuntimeError(
            f"`{command[0]}` failed for {command[-1] if stdin is None else 'the passwords'}: "
            f"{(result.stderr or result.stdout).strip()}"
        )


def run_as(
    name: str, command: list[str], env: dict[str, str] | None = None, cwd: Path | None = None
) -> subprocess.CompletedProcess:
    """Run a command as ``name`` (in their home unless ``cwd``), with a clean environment (not root's)."""
    user = pwd.getpwnam(name)
    groups = [g.gr_gid for g in grp.getgrall() if name in g.gr_mem]
    base = {
        "HOME": user.pw_dir,
        "USER": name,
        "LOGNAME": name,
        "SHELL": user.pw_shell,
        "PATH": "/usr/local/bin:/usr/bin:/bin",
        "LANG": os.environ.get("LANG", "C.UTF-8"),
    }
    return subprocess.run(
        command,
        user=user.pw_uid,
        group=user.pw_gid,
        extra_groups=groups,
        cwd=cwd or user.pw_dir,
        env={**base, **(env or {})},
        text=True,
        capture_output=True,
    )
