"""Collect submissions: from the nbgrader exchange, or from a folder or zip a learning platform gave you.

A download is mapped to learners by the names in it, whatever the platform:

* ``<student>/<assignment>/…`` or ``<student>/…`` folders (nbgrader, a shared drive);
* Moodle's "download all" (``Full Name_12345_assignsubmission_file_/…``);
* Canvas's flat files (``smithalice_12345_678_01-atrocity-crimes.ipynb``, ``…_LATE_…``);
* ``<student>_<anything>.ipynb`` and one zip per learner (unpacked first).

A name matches a learner from the class list by id, e-mail (or its first part),
"first last" or "last first", ignoring case, accents, spaces and punctuation. Without a
class list, a safe top folder name or ``<id>_`` prefix is taken as the id.

Collect is per upload and per learner (safecopy.py does every copy):

* an *upload* is one top-level entry of the download: a folder (nbgrader's, Moodle's,
  an unpacked per-learner zip) or a platform's flat files sharing a prefix; ONLY its
  own top-level name says whose it is, never a folder inside it, so a stranger's
  upload holding a folder named ``alice`` cannot reach Alice's work;
* links are never followed (dropped with a note), only regular files are copied;
  a file over 32 MiB is refused alone, and the download as a whole stops at
  1 GiB and 20,000 files (each refusal one note; the rest is still collected);
* two uploads from one learner are never merged: the latest (its nbgrader
  ``timestamp.txt``, else its newest file) is kept, and the instructor is told;
* a learner's ``submitted/`` folder is replaced in one step (built aside, then
  renamed), so a failure never leaves half of one upload and half of another.

From the exchange, each learner's latest inbound submission is copied the same
way; nbgrader's ownership check ("cheating attempt?") becomes a note, and an
upload owned by another account is not collected. The notebook and the answer
store land in ``submitted/<student>/<assignment>/`` under their released names.
"""

from __future__ import annotations

import os
import pwd
import re
import shutil
import tempfile
import unicodedata
from collections import defaultdict
from datetime import datetime, timezone
from pathlib import Path

from . import outcomes
from .course import IGNORED_NAMES, Course
from .gradebook import Learner, learners, needing_manual
from .outcomes import plain_line, shown_name
from .policy import ATTEMPTS_FILE
from .roster import SAFE_ID
from .safecopy import Budget, copy_file, copy_tree, missing_answers, unzip

SUFFIXES = (".answers.json.bak", ".answers.json", ".ipynb")
EXTRAS = ("timestamp.txt", "submission_secret.txt", ATTEMPTS_FILE, ATTEMPTS_FILE + ".bak")  # copied as they are
KEPT = SUFFIXES + EXTRAS


def collect(course: Course, assignment: str, source: Path | None = None, out=None) -> int:
    if source is None:
        return collect_exchange(course, assignment, out)
    with tempfile.TemporaryDirectory(prefix="ws-collect-") as tmp:
        staging = Path(tmp) / "in"
        budget = Budget()
        problems = unpack(Path(source), staging, budget)
        matcher = Matcher(learners(course), assignment)
        found, unknown = assign_uploads(staging, matcher, assignment)
        progress = outcomes.Progress(len(found), "collecting", out)
        for student, uploads in sorted(found.items()):
            chosen, notes = latest(uploads)
            kept, more = place(course, assignment, student, chosen.files)
            progress.step(student, ", ".join(kept) or "nothing usable", budget.notes_under(chosen.key) + notes + more)
    tops = [u.key for u in _all(found)]
    general = [s for where, s in budget.refused if not any(where.parts[: len(t.parts)] == t.parts for t in tops)]
    failures = problems + [(str(u.shown), "unknown layout: no student id in its folder or file name") for u in unknown]
    failures += [(Path(source).name, sentence) for sentence in general]
    outcomes.summary_line("collected", len(found), failures, needing_manual(course, assignment), out)
    return 1 if failures else 0


def collect_exchange(course: Course, assignment: str, out=None) -> int:
    """Each learner's latest inbound submission, copied without following links; owners checked."""
    from .config import COURSE_ID

    exchange = course.exchange or course.root / "exchange"
    inbound = exchange / COURSE_ID / "inbound"
    uploads: dict[str, list[tuple[datetime, Path]]] = defaultdict(list)
    failures: list[tuple[str, str]] = []
    for entry in sorted(inbound.glob(f"*+{assignment}+*")) if inbound.is_dir() else []:
        parts = entry.name.rsplit("+", 3)
        student = parts[0] if len(parts) >= 3 else ""
        if not SAFE_ID.match(student) or entry.is_symlink() or not entry.is_dir():
            failures.append((shown_name(entry.name), "not a submission folder nbgrader made: skipped"))
            continue
        try:
            from nbgrader.utils import parse_utc

            uploads[student].append((parse_utc(parts[2]), entry))
        except (ValueError, TypeError, IndexError, OverflowError):
            failures.append((shown_name(entry.name), "its name carries no readable time: skipped"))
    progress = outcomes.Progress(len(uploads), "collecting", out)
    collected = 0
    for student, found in sorted(uploads.items()):
        notes: list[str] = []
        usable = [(when, path) for when, path in sorted(found) if _owned_by(path, student, notes)]
        if not usable:
            progress.step(student, "NOT collected", notes)
            failures.append((student, "every upload in the exchange is owned by another account"))
            continue
        when, path = usable[-1]
        if len(found) > 1:
            notes.append(
                f"{len(found)} submissions in the exchange: the latest ({when:%Y-%m-%d %H:%M} UTC) "
                "was collected, never merged with another"
            )
        files, budget = _exchange_files(path)
        kept, more = place(course, assignment, student, files[0])
        files[1].cleanup()
        collected += 1
        missing = missing_answers(course, assignment, course.folder("submitted", assignment, student))
        progress.step(student, "from the exchange", notes + budget.notes + more + missing)
    outcomes.summary_line("collected", collected, failures, needing_manual(course, assignment), out)
    return 1 if failures else 0


def _exchange_files(path: Path):
    """A staging copy of one inbound submission (no link followed): ((files, tempdir), budget)."""
    tmp = tempfile.TemporaryDirectory(prefix="ws-inbound-")
    budget = copy_tree(path, Path(tmp.name) / "in")
    files = [p for p in sorted((Path(tmp.name) / "in").rglob("*")) if p.is_file() and p.name.endswith(KEPT)]
    return (files, tmp), budget


def _owned_by(path: Path, student: str, notes: list[str]) -> bool:
    """nbgrader's ownership check, as a note; an upload another existing account owns is refused."""
    try:
        owner = pwd.getpwuid(path.lstat().st_uid).pw_name
    except KeyError:
        owner = f"user id {path.lstat().st_uid}"
    if owner == student:
        return True
    try:
        pwd.getpwnam(student)
    except KeyError:  # the learner has no account here (a copied exchange): say so, and collect
        notes.append(
            f"the exchange folder is owned by {shown_name(owner, 32)}, not by {student} "
            "(nbgrader's ownership check: a cheating attempt?)"
        )
        return True
    notes.append(
        f"an upload in {student}'s name is owned by {shown_name(owner, 32)} (nbgrader's ownership "
        "check: a cheating attempt?): not collected"
    )
    return False


# --- unpacking ------------------------------------------------------------------


def unpack(source: Path, staging: Path, budget: Budget) -> list[tuple[str, str]]:
    """Copy or unzip ``source`` into ``staging`` (no link followed), then the zips inside (one per learner)."""
    problems = []
    if source.is_symlink():
        return [(str(source), "is a link: give the folder or zip itself")]
    if source.is_dir():
        copy_tree(source, staging, budget)
    elif source.is_file() and unzip(source, staging, budget):
        pass
    elif source.is_file():
        return [(source.name, "a damaged zip, or not a zip at all")]
    else:
        return [(str(source), "neither a folder nor a zip file")]
    for _ in range(2):  # a zip per learner, perhaps inside a zip of the class
        for inner in sorted(p for p in staging.rglob("*.zip") if p.is_file() and not p.is_symlink()):
            if not unzip(inner, inner.with_suffix(""), budget, inner.with_suffix("").relative_to(staging)):
                problems.append((str(inner.relative_to(staging)), "a damaged zip: not unpacked"))
            inner.unlink()
    return problems


# --- who sent what ----------------------------------------------------------------


def _norm(text: str) -> str:
    """Lower case, accents dropped (platforms often drop them), letters, digits and @ only."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9@]", "", plain.lower())


class Matcher:
    """Finds the learner a file belongs to from the names along its path."""

    def __init__(self, roster: list[Learner], assignment: str):
        self.assignment = _norm(assignment)
        self.keys: dict[str, str | None] = {}
        for learner in roster:
            email_user = learner.email.split("@")[0]
            for key in {
                learner.id,
                learner.email,
                email_user,
                f"{learner.first_name} {learner.last_name}",
                f"{learner.last_name} {learner.first_name}",
            }:
                key = _norm(key)
                if key:  # a key two learners share identifies neither
                    self.keys[key] = learner.id if self.keys.get(key, learner.id) == learner.id else None
        self.roster = bool(roster)

    def student_for(self, relative: Path) -> str | None:
        """The learner an upload belongs to, from its TOP name only (a folder, else the file name)."""
        parts = list(relative.parts)
        while len(parts) > 1 and _norm(parts[0]) == self.assignment:
            parts = parts[1:]  # a folder named after the assignment wraps the uploads
        name = parts[0] if len(parts) > 1 else _stem(parts[0])
        for token in [name, *name.split("_")]:
            student = self.keys.get(_norm(token))
            if student:
                return student
        return None if self.roster else self._guess(name, folder=len(parts) > 1)

    def _guess(self, name: str, folder: bool) -> str | None:
        """No class list: a top folder that looks like an id, else an ``<id>_`` prefix of a file."""
        if folder:
            return name if SAFE_ID.match(name) and _norm(name) != self.assignment else None
        prefix = name.split("_")[0]
        if "_" in name and SAFE_ID.match(prefix) and _norm(prefix) != self.assignment:
            return prefix
        return None


def _stem(name: str) -> str:
    for suffix in SUFFIXES:
        if name.endswith(suffix):
            return name[: -len(suffix)]
    return name


class Upload:
    """One top-level entry of a download: its key (folder name or file prefix), files and time."""

    def __init__(self, key: Path, files: list[Path], folder: bool):
        self.key, self.files, self.folder = key, files, folder

    @property
    def shown(self) -> str:
        """How the instructor sees it: the folder's name, or the (first) file's name."""
        name = self.key if self.folder else self.key.parent / self.files[0].name
        return plain_line(str(name), 80)

    def match_path(self, staging: Path) -> Path:
        """The path the matcher reads: the folder's top name, or a flat file's own name."""
        return self.key / "x" if self.folder else self.files[0].relative_to(staging)

    @property
    def when(self) -> datetime:
        stamp = next((f for f in self.files if f.name == "timestamp.txt"), None)
        if stamp is not None:
            try:
                from nbgrader.utils import parse_utc

                return parse_utc(stamp.read_text(errors="replace")[:64].strip())
            except (ValueError, TypeError, OverflowError):
                pass
        newest = max((f.stat().st_mtime for f in self.files), default=0.0)
        return datetime.fromtimestamp(newest, timezone.utc)


def assign_uploads(staging: Path, matcher: Matcher, assignment: str) -> tuple[dict[str, list[Upload]], list[Upload]]:
    """({student: their uploads}, uploads nobody claims) for what is in ``staging``."""
    groups: dict[tuple[Path, bool], list[Path]] = defaultdict(list)
    for path in sorted(staging.rglob("*")):
        relative = path.relative_to(staging)
        if path.is_symlink() or not path.is_file() or not path.name.endswith(KEPT):
            continue
        if any(part in IGNORED_NAMES or part.startswith(".") for part in relative.parts):
            continue
        groups[_upload_key(relative, matcher)].append(path)
    found: dict[str, list[Upload]] = defaultdict(list)
    unknown = []
    for (key, folder), files in sorted(groups.items()):
        if not any(f.name.endswith(SUFFIXES) for f in files):
            continue
        upload = Upload(key, files, folder)
        student = matcher.student_for(upload.match_path(staging))
        (found[student].append(upload) if student else unknown.append(upload))
    return dict(found), unknown


def _upload_key(relative: Path, matcher: Matcher) -> tuple[Path, bool]:
    """(the top-level entry a file belongs to, is it a folder): wrapping assignment folders skipped;
    a flat file's entry is its name up to the assignment (Canvas: ``jonesbob_555_666``)."""
    parts = list(relative.parts)
    lead = []
    while len(parts) > 1 and _norm(parts[0]) == matcher.assignment:
        lead.append(parts.pop(0))
    if len(parts) > 1:
        return Path(*lead, parts[0]), True
    stem = _stem(parts[0])
    pieces = stem.split("_")
    for index, piece in enumerate(pieces):
        if index and _norm(piece) == matcher.assignment:
            return Path(*lead, "_".join(pieces[:index])), False
    return Path(*lead, stem), False


def latest(uploads: list[Upload]) -> tuple[Upload, list[str]]:
    """The upload that counts (the latest), and a note when there were others (never merged)."""
    ordered = sorted(uploads, key=lambda u: (u.when, str(u.key)))
    chosen = ordered[-1]
    if len(ordered) == 1:
        return chosen, []
    others = ", ".join(shown_name(u.key, 40) for u in ordered[:-1])
    return chosen, [
        f"{len(ordered)} uploads from this learner: kept the latest, {shown_name(chosen.key, 40)} "
        f"({chosen.when:%Y-%m-%d %H:%M} UTC); not used: {others}"
    ]


def _all(found: dict[str, list[Upload]]) -> list[Upload]:
    return [u for uploads in found.values() for u in uploads]


# --- into submitted/ ----------------------------------------------------------------


def place(course: Course, assignment: str, student: str, files: list[Path]) -> tuple[list[str], list[str]]:
    """Put one upload's notebook and answer store in ``submitted/<student>/<assignment>/``, in one step."""
    folder = course.folder("submitted", assignment, student)
    folder.parent.mkdir(parents=True, exist_ok=True)
    notes = ["replaced the copy collected before"] if folder.exists() else []
    building = Path(tempfile.mkdtemp(prefix=f".{student}-", dir=folder.parent))
    budget = Budget()
    kept = []
    for expected in course.notebook_names(assignment):
        stem = expected.removesuffix(".ipynb")
        for suffix, target in (
            (".ipynb", expected),
            (".answers.json", f"{stem}.answers.json"),
            (".answers.json.bak", f"{stem}.answers.json.bak"),
        ):
            chosen = _choose([f for f in files if _kind(f) == suffix], stem)
            if chosen is None or not copy_file(chosen, building / target, budget, Path(chosen.name)):
                continue
            kept.append(target)
            if suffix == ".ipynb" and chosen.name != expected:
                notes.append(f"the notebook came as {shown_name(chosen.name)}: saved as {expected}")
        if f"{stem}.answers.json" not in kept:
            notes.append(
                f"no {stem}.answers.json among the files: clicked answers are missing (ask for the whole folder)"
            )
    for name in EXTRAS:  # nbgrader's (the due date, feedback release) and the self-checks used
        extra = next((f for f in files if f.name == name), None)
        if extra is not None:
            copy_file(extra, building / name, budget, Path(name))
    _swap(building, folder)
    _readable(folder)
    return kept, notes + budget.notes


def _swap(building: Path, folder: Path) -> None:
    """Replace ``folder`` by ``building`` with renames: never half of one upload and half of another."""
    old = None
    if folder.exists() or folder.is_symlink():
        old = folder.with_name(f".{folder.name}-old-{os.getpid()}")
        os.replace(folder, old)
    os.replace(building, folder)
    if old is not None:
        if old.is_symlink() or not old.is_dir():
            old.unlink()
        else:
            shutil.rmtree(old, ignore_errors=True)


def _kind(path: Path) -> str:
    return next((s for s in SUFFIXES if path.name.endswith(s)), "")


def _choose(candidates: list[Path], stem: str) -> Path | None:
    """The file with the released name if there is one, else the last by name (a later upload)."""
    if not candidates:
        return None
    exact = [p for p in candidates if _stem(p.name) == stem]
    return sorted(exact or candidates, key=lambda p: (p.name, str(p)))[-1]


def _readable(folder: Path) -> None:
    """Zip tools may keep 0600 modes: the grader (and the jailed kernel) must read the files."""
    if folder.is_dir():
        for path in [folder, *folder.rglob("*")]:
            if not path.is_symlink():
                path.chmod(0o755 if path.is_dir() else 0o644)
