"""The instructor's course root: where things are, and nbgrader's API for it.

Default root: ``grading/`` of the checkout; sources: ``exercises/``. Everything
this pipeline writes besides nbgrader's own folders (outcomes, CSV exports,
plots) goes to ``<root>/exports/``, which carries its own ``.gitignore``:
learners' grades must never be committed.
"""

from __future__ import annotations

import json
import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from ..data import cached
from ..paths import course_root, exercises_dir
from . import config
from .calls import NOT_LITERAL, ex_calls
from .results import label_for

IGNORED_NAMES = {".ipynb_checkpoints", "__MACOSX", "__pycache__"}


@dataclass(frozen=True)
class QuestionInfo:
    """One graded cell of an assignment, as the source notebook defines it."""

    grade_id: str
    label: str
    points: float
    manual: bool  # written answer, marked by the instructor
    key: object = None  # the expected answer, read from the hidden test (instructor's eyes only)
    why: str = ""  # the explanation for a wrong answer, from the same hidden test
    notebook: str = ""  # the notebook's name without .ipynb (the exercise id)
    question: str = ""  # the question id the hidden test checks (``ex.check("q1", ...)``)

    @property
    def trusted(self) -> bool:
        """The grader can score it itself: an autograded test with a literal key."""
        return not self.manual and bool(self.question) and self.key is not NOT_LITERAL


@dataclass(frozen=True)
class Course:
    root: Path
    source: Path
    exchange: Path | None = None  # nbgrader's exchange; None: a private one in <root>/exchange

    @classmethod
    def at(
        cls, root: str | Path | None = None, source: str | Path | None = None, exchange: str | Path | None = None
    ) -> Course:
        """The course in ``root`` (default ``grading/``); exchange: the argument, else
        ``WARNING_SIGNS_EXCHANGE`` (JupyterHub's shared folder), else a private one."""
        root = Path(root) if root else course_root() / "grading"
        exchange = exchange or os.environ.get("WARNING_SIGNS_EXCHANGE")
        return cls(
            root.resolve(),
            Path(source).resolve() if source else exercises_dir().resolve(),
            Path(exchange).resolve() if exchange else None,
        )

    # --- nbgrader ---------------------------------------------------------

    @property
    def db_path(self) -> Path:
        return self.root / "gradebook.db"

    @property
    def db_url(self) -> str:
        # Workers write to one SQLite file: wait for a lock rather than fail.
        return f"sqlite:///{self.db_path}?timeout=120"

    def api(self, **settings):
        if self.exchange is not None:
            settings.setdefault("Exchange__root", str(self.exchange))
        return config.api(self.root, self.source, CourseDirectory__db_url=self.db_url, **settings)

    def gradebook(self):
        """nbgrader's Gradebook on this course (its first opening runs ``alembic`` by name)."""
        from nbgrader.api import Gradebook

        config._put_environment_on_path()
        return Gradebook(self.db_url)

    def use_wal(self) -> None:
        """Write-ahead logging: readers never block the worker that writes."""
        if self.db_path.exists():
            with sqlite3.connect(self.db_path, timeout=120) as db:
                db.execute("PRAGMA journal_mode=WAL")

    # --- folders ----------------------------------------------------------

    def folder(self, step: str, assignment: str, student: str | None = None) -> Path:
        """``release/<a>``, ``submitted/<s>/<a>``, ``autograded/<s>/<a>``, ``feedback/<s>/<a>``."""
        return self.root / step / assignment if student is None else self.root / step / student / assignment

    def students_with(self, step: str, assignment: str) -> list[str]:
        base = self.root / step
        if not base.is_dir():
            return []
        return sorted(p.name for p in base.iterdir() if (p / assignment).is_dir() and not p.name.startswith("."))

    @property
    def exports_dir(self) -> Path:
        """Where exports are (not created: for reading)."""
        return self.root / "exports"

    @property
    def exports(self) -> Path:
        """Where exports go, created with a ``.gitignore`` that ignores everything in it."""
        path = self.exports_dir
        path.mkdir(parents=True, exist_ok=True)
        ignore = path / ".gitignore"
        if not ignore.exists():
            ignore.write_text("# Grades and reports about learners: never commit them.\n*\n")
        return path

    def assignments(self) -> list[str]:
        if not self.source.is_dir():
            return []
        return sorted(p.name for p in self.source.iterdir() if p.is_dir() and list(p.glob("*.ipynb")))

    # --- what an assignment asks ------------------------------------------

    def notebook_names(self, assignment: str) -> list[str]:
        return sorted(p.name for p in (self.source / assignment).glob("*.ipynb"))

    def questions(self, assignment: str) -> tuple[QuestionInfo, ...]:
        """The graded cells of ``assignment``, with keys, as its SOURCE notebooks define them."""
        return _questions(self.source / assignment)


def notebook_cells(path: Path) -> list[dict]:
    """A notebook's cells as plain dicts, each ``source`` as one string.

    Plain JSON, not nbformat: importing nbformat costs about a second (its schema
    validator), and the learner's self-check must answer in well under three."""
    with open(path, encoding="utf-8") as handle:
        cells = json.load(handle).get("cells", [])
    for cell in cells:
        source = cell.get("source", "")
        cell["source"] = "".join(source) if isinstance(source, list) else str(source)
        cell.setdefault("metadata", {})
    return cells


@cached
def _questions(folder: Path) -> tuple[QuestionInfo, ...]:
    found = []
    for name in sorted(p.name for p in folder.glob("*.ipynb")):
        for cell in notebook_cells(folder / name):
            meta = cell["metadata"].get("nbgrader", {})
            if meta.get("grade"):
                checks = ex_calls(cell["source"], "check") if cell.get("cell_type") == "code" else []
                check = checks[0] if checks else None
                why = check.keywords.get("why", "") if check else ""
                found.append(
                    QuestionInfo(
                        meta["grade_id"],
                        label_for(meta["grade_id"]),
                        float(meta.get("points", 0)),
                        bool(meta.get("solution")),
                        check.arg(1) if check else None,
                        why if isinstance(why, str) else "",
                        name.removesuffix(".ipynb"),
                        (check.question or "") if check else "",
                    )
                )
    return tuple(found)
