"""Collect submissions: from the nbgrader exchange, or from a folder or zip a learning platform gave you.

A download is mapped to learners by the names in it, whatever the platform:

* ``<student>/<assignment>/…`` or ``<student>/…`` folders (nbgrader, a shared drive);
* Moodle's "download all" (``Full Name_12345_assignsubmission_file_/…``);
* Canvas's flat files (``smithalice_12345_678_01-atrocity-crimes.ipynb``, ``…_LATE_…``);
* ``<student>_<anything>.ipynb`` and one zip per learner (unpacked first).

A name matches a learner from the class list by id, e-mail (or its first part),
"first last" or "last first", ignoring case, accents, spaces and punctuation. Without a
class list, a safe top folder name or ``<id>_`` prefix is taken as the id. Each
file that fits no learner is reported in one line. The notebook and the answer
store (the clicks!) land in ``submitted/<student>/<assignment>/`` under their
released names.
"""

from __future__ import annotations

import re
import shutil
import tempfile
import unicodedata
import zipfile
from collections import defaultdict
from pathlib import Path

from . import outcomes
from .course import IGNORED_NAMES, Course
from .gradebook import Learner, learners, needing_manual
from .release import last_line
from .roster import SAFE_ID

MAX_UNPACKED = 1 << 30  # 1 GiB: a download bigger than that is not a class's notebooks
SUFFIXES = (".answers.json.bak", ".answers.json", ".ipynb")


def collect(course: Course, assignment: str, source: Path | None = None, out=None) -> int:
    if source is None:
        return collect_exchange(course, assignment, out)
    with tempfile.TemporaryDirectory(prefix="ws-collect-") as tmp:
        staging = Path(tmp) / "in"
        problems = unpack(Path(source), staging)
        found, unknown = assign_files(staging, Matcher(learners(course), assignment))
        progress = outcomes.Progress(len(found), "collecting", out)
        for student, files in sorted(found.items()):
            kept, notes = place(course, assignment, student, files)
            progress.step(student, ", ".join(kept), notes)
    failures = problems + [(str(path), "unknown layout: no student id in its folder or file name") for path in unknown]
    outcomes.summary_line("collected", len(found), failures, needing_manual(course, assignment), out)
    return 1 if failures else 0


def collect_exchange(course: Course, assignment: str, out=None) -> int:
    result = course.api().collect(assignment)
    students = re.findall(r"Collecting submission: (\S+) ", result.get("log", ""))
    progress = outcomes.Progress(len(students), "collecting", out)
    for student in students:
        folder = course.folder("submitted", assignment, student)
        _readable(folder)
        progress.step(student, "from the exchange", missing_answers(course, assignment, folder))
    failures = [] if result.get("success") else [("exchange", last_line(result))]
    outcomes.summary_line("collected", len(students), failures, needing_manual(course, assignment), out)
    return 1 if failures else 0


def missing_answers(course: Course, assignment: str, folder: Path) -> list[str]:
    """One note per notebook submitted without its answers file (its clicks would grade as 0)."""
    notes = []
    for name in course.notebook_names(assignment):
        stem = name.removesuffix(".ipynb")
        if (folder / name).exists() and not (folder / f"{stem}.answers.json").exists():
            notes.append(f"no {stem}.answers.json in this submission: its clicked answers are missing, so it "
                         "would grade as unanswered; ask the learner to submit again from the Assignments tab")
    return notes


# --- unpacking ------------------------------------------------------------------

def unpack(source: Path, staging: Path) -> list[tuple[str, str]]:
    """Copy or unzip ``source`` into ``staging``, then unzip the zips inside (one per learner)."""
    problems = []
    if source.is_dir():
        shutil.copytree(source, staging, ignore=shutil.ignore_patterns(*IGNORED_NAMES, ".*"))
    elif zipfile.is_zipfile(source):
        problem = _unzip(source, staging)
        if problem:
            return [(source.name, problem)]
    else:
        return [(str(source), "neither a folder nor a zip file")]
    for _ in range(2):  # a zip per learner, perhaps inside a zip of the class
        for inner in sorted(staging.rglob("*.zip")):
            problem = _unzip(inner, inner.with_suffix(""))
            if problem:
                problems.append((str(inner.relative_to(staging)), problem))
            inner.unlink()
    return problems


def _unzip(path: Path, into: Path) -> str | None:
    try:
        with zipfile.ZipFile(path) as archive:
            if sum(i.file_size for i in archive.infolist()) > MAX_UNPACKED:
                return "the zip unpacks to more than 1 GiB: not unpacked"
            into.mkdir(parents=True, exist_ok=True)
            archive.extractall(into)  # zipfile drops absolute paths and '..'
    except (zipfile.BadZipFile, OSError) as exc:
        return f"a damaged zip ({exc})"
    return None


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
            for key in {learner.id, learner.email, email_user, f"{learner.first_name} {learner.last_name}",
                        f"{learner.last_name} {learner.first_name}"}:
                key = _norm(key)
                if key:  # a key two learners share identifies neither
                    self.keys[key] = learner.id if self.keys.get(key, learner.id) == learner.id else None
        self.roster = bool(roster)

    def student_for(self, relative: Path) -> str | None:
        names = [*relative.parent.parts, _stem(relative.name)]
        for name in names:
            for token in [name, *name.split("_")]:
                student = self.keys.get(_norm(token))
                if student:
                    return student
        return None if self.roster else self._guess(relative)

    def _guess(self, relative: Path) -> str | None:
        """No class list: a top folder that looks like an id, else an ``<id>_`` prefix."""
        folders = [p for p in relative.parent.parts if _norm(p) != self.assignment]
        if folders and SAFE_ID.match(folders[0]):
            return folders[0]
        prefix = _stem(relative.name).split("_")[0]
        if "_" in relative.name and SAFE_ID.match(prefix) and _norm(prefix) != self.assignment:
            return prefix
        return None


def _stem(name: str) -> str:
    for suffix in SUFFIXES:
        if name.endswith(suffix):
            return name[: -len(suffix)]
    return name


def assign_files(staging: Path, matcher: Matcher) -> tuple[dict[str, list[Path]], list[Path]]:
    """({student: files}, files nobody claims) for the notebooks and answer stores in ``staging``."""
    found, unknown = defaultdict(list), []
    for path in sorted(staging.rglob("*")):
        if not path.is_file() or not path.name.endswith(SUFFIXES):
            continue
        relative = path.relative_to(staging)
        if any(part in IGNORED_NAMES or part.startswith(".") for part in relative.parts):
            continue
        student = matcher.student_for(relative)
        if student:
            found[student].append(path)
        else:
            unknown.append(relative)
    return dict(found), unknown


# --- into submitted/ ----------------------------------------------------------------

def place(course: Course, assignment: str, student: str, files: list[Path]) -> tuple[list[str], list[str]]:
    """Copy one learner's notebook and answer store under their released names."""
    folder = course.folder("submitted", assignment, student)
    notes = []
    if folder.exists():
        shutil.rmtree(folder)
        notes.append("replaced the copy collected before")
    folder.mkdir(parents=True)
    kept = []
    for expected in course.notebook_names(assignment):
        stem = expected.removesuffix(".ipynb")
        for suffix, target in ((".ipynb", expected), (".answers.json", f"{stem}.answers.json"),
                               (".answers.json.bak", f"{stem}.answers.json.bak")):
            chosen = _choose([f for f in files if _kind(f) == suffix], stem)
            if chosen is None:
                continue
            shutil.copyfile(chosen, folder / target)
            kept.append(target)
            if suffix == ".ipynb" and chosen.name != expected:
                notes.append(f"the notebook came as '{chosen.name}': saved as {expected}")
        if f"{stem}.answers.json" not in kept:
            notes.append(f"no {stem}.answers.json among the files: clicked answers are missing "
                         "(ask for the whole folder)")
    _readable(folder)
    return kept, notes


def _kind(path: Path) -> str:
    return next(s for s in SUFFIXES if path.name.endswith(s))


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
