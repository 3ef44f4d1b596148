"""The self-check policy an instructor sets per exercise, and the self-checks a learner used.

Two policies:

* **practice** (the default, e.g. for a self-paced learner): unlimited self-checks, and for
  a wrong answer the full explanation the instructor's feedback gives;
* **assessed**: a set number of self-checks; a score per question; for a wrong answer a hint
  that teaches without naming the answer; full explanations only once the instructor has
  released feedback.

Where each piece lives (every file written by :mod:`warning_signs.jsonfile`):

* the instructor's choice: ``<course root>/selfcheck-policy.json``, set by
  ``warning-signs grade policy ASSIGNMENT assessed --attempts 2``;
* what the learner's side reads: ``.selfcheck-policy.json`` in the released exercise folder.
  ``grade release`` writes it into ``release/<assignment>/``, so it travels with the exercise
  (nbgrader's exchange and the Assignments tab on a hub, the student zip elsewhere);
  ``grade policy`` after a release also updates the release folder and the exchange's copy,
  for learners who fetch later;
* "feedback released", as the learner's side sees it: nbgrader's *Fetch Feedback* has put
  ``feedback/<time>/<exercise>.html`` into the learner's exercise folder;
* the count: ``.selfcheck-attempts.json`` in the learner's exercise folder, submitted with the
  exercise; ``grade export`` shows the count each learner submitted. A learner who edits
  their own files can reset it: the count is a fair-play aid, not a lock.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from ..jsonfile import read_json, write_json

PRACTICE, ASSESSED = "practice", "assessed"
MODES = (PRACTICE, ASSESSED)
COURSE_FILE = "selfcheck-policy.json"  # in the instructor's course root
POLICY_FILE = ".selfcheck-policy.json"  # in a released exercise folder
ATTEMPTS_FILE = ".selfcheck-attempts.json"  # in the learner's exercise folder, submitted with it
MAX_ATTEMPTS = 20
DEFAULT_ATTEMPTS = 2
KEPT_CHECKS = 50  # the last self-checks kept in the attempts file
MAX_COUNT = 100_000  # a count above this is a damaged (or edited) file


@dataclass(frozen=True)
class Policy:
    mode: str = PRACTICE
    attempts: int | None = None  # assessed: how many self-checks; practice: None (unlimited)

    @property
    def assessed(self) -> bool:
        return self.mode == ASSESSED

    def describe(self) -> str:
        if self.assessed:
            return f"assessed: {checks(self.attempts)}, hints until feedback is released"
        return "practice: unlimited self-checks with full explanations"

    def to_json(self) -> dict:
        return {"mode": self.mode, "attempts": self.attempts}

    @classmethod
    def from_json(cls, payload: object) -> Policy | None:
        """A policy from plain data, or None when it is not one."""
        if not isinstance(payload, dict) or payload.get("mode") not in MODES:
            return None
        if payload["mode"] == PRACTICE:
            return cls()
        attempts = payload.get("attempts")
        if isinstance(attempts, bool) or not isinstance(attempts, int) or not 1 <= attempts <= MAX_ATTEMPTS:
            return None
        return cls(ASSESSED, attempts)


def policy_problem(mode: str, attempts: int | None) -> str | None:
    """Why an instructor's choice is not a policy, in one sentence (None when it is)."""
    if mode not in MODES:
        return f"the policy is 'practice' or 'assessed', not {mode!r}"
    if mode == PRACTICE and attempts is not None:
        return "practice means unlimited self-checks: leave out --attempts, or choose 'assessed'"
    if mode == ASSESSED and (attempts is None or not 1 <= attempts <= MAX_ATTEMPTS):
        return f"an assessed exercise needs --attempts between 1 and {MAX_ATTEMPTS}"
    return None


def checks(n: int | None) -> str:
    """ "1 self-check", "2 self-checks"."""
    return f"{n} self-check" + ("" if n == 1 else "s")


def used_up(allowed: int | None) -> str:
    """The one sentence a learner reads when no self-check is left."""
    which = "your one self-check" if allowed == 1 else f"all {checks(allowed)}"
    return f"You have used {which} of this exercise: submit it when you are ready"


# --- the instructor's side -------------------------------------------------------------


def course_policies(root: Path) -> dict[str, Policy]:
    """Every policy set in the course root, by assignment (an exercise not listed: practice)."""
    payload = read_json(Path(root) / COURSE_FILE).payload
    found = payload.get("assignments", {}) if isinstance(payload, dict) else {}
    policies = {}
    for name, raw in found.items() if isinstance(found, dict) else []:
        policy = Policy.from_json(raw)
        if policy is not None:
            policies[str(name)] = policy
    return policies


def save_course_policy(root: Path, assignment: str, policy: Policy) -> Path:
    policies = course_policies(root)
    policies[assignment] = policy
    path = Path(root) / COURSE_FILE
    write_json(path, {"format": 1, "assignments": {a: p.to_json() for a, p in sorted(policies.items())}})
    return path


def write_policy_file(folder: Path, assignment: str, policy: Policy) -> Path:
    """The learner's copy, in a released exercise folder."""
    path = Path(folder) / POLICY_FILE
    write_json(path, {"format": 1, "exercise": assignment, **policy.to_json()})
    return path


# --- the learner's side ----------------------------------------------------------------


def learner_policy(folder: Path) -> tuple[Policy, str]:
    """The policy that came with the exercise (practice without one), and one sentence if its file
    could not be read."""
    path = Path(folder) / POLICY_FILE
    if not path.exists() and not path.with_name(path.name + ".bak").exists():
        return Policy(), ""
    loaded = read_json(path)
    policy = Policy.from_json(loaded.payload)
    if policy is None:
        return Policy(), (
            f"The self-check settings file {POLICY_FILE} of this exercise is unreadable, so the self-check "
            "runs as practice; ask your instructor for a fresh copy of the exercise."
        )
    return policy, ""


def feedback_released(folder: Path, exercise: str) -> bool:
    """True once the instructor's feedback reached the learner: nbgrader's Fetch Feedback puts
    ``feedback/<time>/<exercise>.html`` into the exercise folder."""
    feedback = Path(folder) / "feedback"
    return feedback.is_dir() and any(p.is_file() for p in feedback.glob(f"*/{exercise}.html"))


@dataclass(frozen=True)
class Attempts:
    used: int
    checks: tuple[dict, ...] = ()


def attempts(folder: Path) -> Attempts:
    """The self-checks counted in ``folder`` (0 when none; a damaged file falls back to its backup)."""
    payload = read_json(Path(folder) / ATTEMPTS_FILE).payload
    if not isinstance(payload, dict):
        return Attempts(0)
    used = payload.get("used")
    checks = payload.get("checks")
    return Attempts(
        used if isinstance(used, int) and not isinstance(used, bool) and 0 <= used <= MAX_COUNT else 0,
        tuple(c for c in checks if isinstance(c, dict)) if isinstance(checks, list) else (),
    )


def record_attempt(folder: Path, exercise: str, policy: Policy, score: float, max_score: float) -> int:
    """Count one self-check; returns how many are used now."""
    before = attempts(folder)
    check = {
        "at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "score": score,
        "max_score": max_score,
        "mode": policy.mode,
    }
    payload = {
        "format": 1,
        "exercise": exercise,
        "mode": policy.mode,
        "allowed": policy.attempts,
        "used": before.used + 1,
        "checks": [*before.checks, check][-KEPT_CHECKS:],
    }
    write_json(Path(folder) / ATTEMPTS_FILE, payload)
    return before.used + 1


def attempts_left(policy: Policy, used: int) -> int | None:
    """How many self-checks are left (None: unlimited)."""
    return None if policy.attempts is None else max(policy.attempts - used, 0)


def submitted_count(folder: Path) -> str:
    """For the instructor: the self-checks a submission's file records, e.g. "2 of 2", "5" or ""."""
    path = Path(folder) / ATTEMPTS_FILE
    if not path.exists() and not path.with_name(path.name + ".bak").exists():
        return ""
    payload = read_json(path).payload
    used = attempts(folder).used
    allowed = payload.get("allowed") if isinstance(payload, dict) else None
    fair = isinstance(allowed, int) and not isinstance(allowed, bool) and 1 <= allowed <= MAX_ATTEMPTS
    return f"{used} of {allowed}" if fair else str(used)


# --- the instructor's command ------------------------------------------------------------


def released_copies(course, assignment: str) -> list[Path]:
    """The released folders a policy file goes into: ``release/<assignment>/`` and the exchange's
    outbound copy (what learners fetch), where they exist."""
    from .config import COURSE_ID

    exchange = course.exchange or course.root / "exchange"
    folders = [course.folder("release", assignment), exchange / COURSE_ID / "outbound" / assignment]
    return [f for f in folders if f.is_dir() and not f.is_symlink()]


def set_policy(course, assignment: str, mode: str | None, attempts: int | None, out=None) -> int:
    """``warning-signs grade policy ASSIGNMENT [practice|assessed --attempts N]``: store it in the
    course root and in the released copies; without a mode, say which policy is set."""
    if assignment not in course.assignments():
        known = ", ".join(course.assignments()) or "none"
        print(f"Not set: there is no assignment {assignment!r} in {course.source} (known: {known}).", file=out)
        return 1
    if mode is None:
        current = course_policies(course.root).get(assignment, Policy())
        print(f"Self-check policy of {assignment}: {current.describe()}.", file=out)
        return 0
    if mode == ASSESSED and attempts is None:
        attempts = DEFAULT_ATTEMPTS
    problem = policy_problem(mode, attempts)
    if problem:
        print(f"Not set: {problem}.", file=out)
        return 1
    chosen = Policy(mode, attempts if mode == ASSESSED else None)
    save_course_policy(course.root, assignment, chosen)
    copies = released_copies(course, assignment)
    for folder in copies:
        write_policy_file(folder, assignment, chosen)
    print(f"Self-check policy of {assignment}: {chosen.describe()}.", file=out)
    if copies:
        print(
            f"Also written into {', '.join(str(c) for c in copies)}. Learners who already fetched or unzipped "
            "the exercise keep the policy they received: set it before `grade release`.",
            file=out,
        )
    else:
        print(f"`warning-signs grade release {assignment}` will send it with the exercise.", file=out)
    return 0


def release_step(course, assignment: str) -> dict:
    """For ``grade release``: the policy file in ``release/<assignment>/`` (practice unless one is set)."""
    chosen = course_policies(course.root).get(assignment, Policy())
    folder = course.folder("release", assignment)
    for old in (folder / POLICY_FILE, folder / (POLICY_FILE + ".bak")):
        old.unlink(missing_ok=True)  # a fresh release carries one file, no backup of an older policy
    path = write_policy_file(folder, assignment, chosen)
    return {"success": True, "path": f"{chosen.mode} ({path.name})"}


def self_checks_line(course, assignment: str) -> str:
    """For the instructor's report: the self-checks each submission recorded (empty: none did)."""
    counts = [
        (s, submitted_count(course.folder("submitted", assignment, s)))
        for s in course.students_with("submitted", assignment)
    ]
    shown = [f"{student} {count}" for student, count in counts if count]
    return f"Self-checks used, as submitted: {', '.join(shown)}." if shown else ""
