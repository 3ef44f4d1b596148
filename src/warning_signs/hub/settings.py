"""Where a workshop hub puts things, and who its accounts are.

Every path is a setting so a test can run a whole hub beside a real one (its own
state folder, exchange, account prefix) and remove it afterwards. The settings of
the last ``warning-signs hub`` are kept in ``<state>/settings.json``, so
``hub stop`` and a re-run find the same hub.
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

from ..grading.roster import read_students

DEFAULT_STATE = Path("/srv/warning-signs")
# A Unix account name (useradd's default rule on Debian), at most 32 characters.
UNIX_NAME = re.compile(r"^[a-z_][a-z0-9_-]{0,31}$")
START_PAGE = "lessons/00-start-here.ipynb"


@dataclass(frozen=True)
class HubSettings:
    roster: Path
    instructor: str = "instructor"
    prefix: str = ""  # put before every account and group name (tests use a unique one)
    host: str = "127.0.0.1"
    port: int = 8000
    state: Path = DEFAULT_STATE  # hub database, config, logs, logins, shared progress
    env: Path = Path("/opt/warning-signs/env")  # the dedicated Python environment
    exchange: Path = Path("/srv/nbgrader/exchange")  # nbgrader's documented location
    home_base: Path = Path("/home")
    profile: Path = Path("/etc/profile.d/warning-signs.sh")  # login shells' PATH
    cull_kernels: int = 1800  # seconds a kernel may sit idle (even with its tab open)
    cull_servers: int = 3600  # seconds a learner's server may sit idle
    source: Path | None = None  # the course to install (default: this checkout, or PyPI)
    extra: dict = field(default_factory=dict)  # free-form, e.g. ports chosen by a test

    # --- names --------------------------------------------------------------

    @property
    def instructor_account(self) -> str:
        return self.prefix + self.instructor

    @property
    def learner_group(self) -> str:
        return self.prefix + "ws-learners"

    @property
    def instructor_group(self) -> str:
        return self.prefix + "ws-instructors"

    def home(self, account: str) -> Path:
        return self.home_base / account

    # --- folders ------------------------------------------------------------

    @property
    def hub_dir(self) -> Path:
        return self.state / "hub"

    @property
    def config_dir(self) -> Path:
        return self.state / "config"

    @property
    def progress_dir(self) -> Path:
        """One folder per learner, readable by the instructors' group: the class views read it."""
        return self.state / "progress"

    @property
    def course_root(self) -> Path:
        """The instructor's nbgrader course root: in their home, so they can write to it."""
        return self.home(self.instructor_account) / "warning-signs-course"

    @property
    def logins_file(self) -> Path:
        return self.home(self.instructor_account) / "warning-signs-logins.txt"

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}/"

    # --- persistence --------------------------------------------------------------

    def save(self) -> None:
        self.state.mkdir(parents=True, exist_ok=True)
        payload = {k: (str(v) if isinstance(v, Path) else v) for k, v in asdict(self).items()}
        (self.state / "settings.json").write_text(json.dumps(payload, indent=1))

    @classmethod
    def load(cls, state: Path = DEFAULT_STATE) -> HubSettings | None:
        try:
            payload = json.loads((Path(state) / "settings.json").read_text())
        except (OSError, ValueError):
            return None
        paths = {f.name for f in fields(cls) if "Path" in str(f.type)}
        known = {f.name for f in fields(cls)}
        values: dict[str, Any] = {
            k: (Path(v) if k in paths and v is not None else v) for k, v in payload.items() if k in known
        }
        return cls(**values)


@dataclass(frozen=True)
class Account:
    name: str  # the Unix account, the JupyterHub user and the nbgrader student id
    first_name: str = ""
    last_name: str = ""
    email: str = ""


def read_roster(settings: HubSettings) -> tuple[list[Account], list[str]]:
    """The learners' accounts from the roster CSV, and one sentence per problem."""
    if not Path(settings.roster).is_file():
        return [], [
            f"The roster {settings.roster} does not exist: give a CSV with the columns "
            "id, first_name, last_name, email (one learner a line)."
        ]
    learners, problems = read_students(Path(settings.roster))
    messages = [f"{settings.roster} {where}: {what}." for where, what in problems]
    accounts = []
    for learner in learners:
        name = settings.prefix + learner.id
        if not UNIX_NAME.match(name):
            messages.append(
                f"{settings.roster}: the id {learner.id!r} cannot be a login name; use lower-case "
                "letters, digits, '-' and '_' (starting with a letter), at most 32 characters, "
                f"e.g. {_suggest(learner.id)!r}."
            )
        elif name == settings.instructor_account:
            messages.append(f"{settings.roster}: the id {learner.id!r} is the instructor's; give the learner another.")
        else:
            accounts.append(Account(name, learner.first_name, learner.last_name, learner.email))
    if not UNIX_NAME.match(settings.instructor_account):
        messages.append(
            f"The instructor's name {settings.instructor!r} cannot be a login name: "
            f"try {_suggest(settings.instructor)!r}."
        )
    return accounts, messages


def _suggest(text: str) -> str:
    name = re.sub(r"[^a-z0-9_-]+", "-", text.lower().split("@")[0]).strip("-") or "learner"
    return (name if name[0].isalpha() else "u" + name)[:32]
