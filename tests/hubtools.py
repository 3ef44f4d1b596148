"""A throw-away workshop hub for the tests and the benchmark: made with `warning-signs hub`'s
own code, with a unique account prefix, its own state folder, exchange and profile script,
and removed afterwards (accounts, homes, groups, folders). The hub's Python environment
is kept between runs (building it takes a minute or two): ``WARNING_SIGNS_HUB_TEST_ENV``,
default ``/opt/warning-signs-test/env``.
"""

from __future__ import annotations

import os
import secrets
import shutil
import socket
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TEST_ENV = Path(os.environ.get("WARNING_SIGNS_HUB_TEST_ENV", "/opt/warning-signs-test/env"))


def why_not() -> str | None:
    """Why a real hub cannot be made here (None when it can)."""
    if not sys.platform.startswith("linux") or not shutil.which("useradd"):
        return "a workshop hub needs Debian/Ubuntu's useradd"
    if os.geteuid() != 0:
        return "a workshop hub creates Unix accounts: run the tests as root (as `make test` does on CI)"
    return None


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def roster(folder: Path, count: int) -> Path:
    names = ["amara", "bilal", "chen", "dara", "elif", "farid", "gita", "hana", "ivo", "jun", "kofi", "lina"]
    path = folder / "students.csv"
    rows = ["id,first_name,last_name,email"]
    rows += [f"{names[i % len(names)]}{i // len(names) or ''},{names[i % len(names)].title()},Tester,"
             f"{names[i % len(names)]}{i}@example.org" for i in range(count)]
    path.write_text("\n".join(rows) + "\n")
    return path


@contextmanager
def workshop_hub(learners: int = 3, extra: dict | None = None, **overrides):
    """Yield (settings, learner accounts, passwords) of a running hub; remove everything after."""
    from warning_signs.hub import accounts, commands, process
    from warning_signs.hub.settings import HubSettings, read_roster

    prefix = f"wst{secrets.token_hex(2)}-"
    state = Path(tempfile.mkdtemp(prefix=f"{prefix}state-", dir="/tmp"))
    port = free_port()
    settings = HubSettings(
        roster=roster(state, learners), prefix=prefix, port=port, state=state, env=TEST_ENV,
        exchange=state / "exchange", profile=Path(f"/etc/profile.d/{prefix}warning-signs.sh"), source=ROOT,
        extra={"hub_port": free_port(), "proxy_api_port": free_port(), **(extra or {})}, **overrides)
    people, problems = read_roster(settings)
    assert not problems, problems
    try:
        assert commands.up(settings, say=lambda *_: None) == 0
        logins = accounts.passwords(settings, [settings.instructor_account, *(a.name for a in people)])
        yield settings, people, logins
    finally:
        process.stop(settings)
        for name in [settings.instructor_account, *(a.name for a in people)]:
            accounts.remove(name)
        for group in (settings.learner_group, settings.instructor_group):
            accounts.remove_group(group)
        settings.profile.unlink(missing_ok=True)
        shutil.rmtree(state, ignore_errors=True)


def as_instructor(settings, *args: str):
    """Run `warning-signs …` as the hub's instructor, with the environment their server has."""
    from warning_signs.hub import accounts, config

    return accounts.run_as(settings.instructor_account, [str(settings.env / "bin" / "warning-signs"), *args],
                           config.environment(settings, settings.instructor_account))


def run_python_as(settings, user: str, code: str):
    from warning_signs.hub import accounts, config

    return accounts.run_as(user, [str(settings.env / "bin" / "python"), "-c", code],
                           config.environment(settings, user))
