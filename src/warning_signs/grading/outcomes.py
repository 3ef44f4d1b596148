"""What happened to each submission, how it is printed, and where it is kept.

Every command prints a counter per item (``[12/60] grading alice …``), the
failures each with a one-line reason, and then ONE summary line. Outcomes of
autograde are kept in ``exports/<assignment>.outcomes.json`` so that the export
can tell a failed submission from a genuine zero (nbgrader writes 0.0 for both).
"""

from __future__ import annotations

import re
import sys
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path

from ..jsonfile import read_json, write_json

GRADED = "graded"
FAILED = "failed"


@dataclass
class Outcome:
    student: str
    status: str  # GRADED or FAILED
    reason: str = ""  # one line, for a failure
    notes: list[str] = field(default_factory=list)  # repairs and oddities worth a look
    score: float | None = None  # autograded points (None when failed)
    max_score: float | None = None
    manual: bool = False  # waits for the instructor (a written answer)
    flagged: bool = False  # the notebook's code interfered with grading or stopped the kernel (trusted score stands)

    @property
    def failed(self) -> bool:
        return self.status == FAILED


class Progress:
    """Prints ``[i/n] <verb> <item> … <result>`` lines to stdout as items finish."""

    def __init__(self, total: int, verb: str, out=None):
        self.total, self.verb, self.done = total, verb, 0
        self.out = out or sys.stdout

    def step(self, item: str, result: str = "", notes: list[str] | tuple[str, ...] = ()) -> None:
        self.done += 1
        width = len(str(self.total))
        tail = f" {plain_line(result, 400)}" if result else ""
        label = f"{self.verb} {plain_line(item, 80)}".strip()
        print(f"[{self.done:>{width}}/{self.total}] {label} …{tail}", file=self.out, flush=True)
        for sentence in notes:
            print(f"      note: {plain_line(sentence)}", file=self.out, flush=True)


ESCAPES = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b.")
CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2066-\u2069]+")
MAX_LINE = 240


def plain_line(text: object, limit: int = MAX_LINE) -> str:
    """One printable line: terminal escapes and control characters removed, spaces collapsed, capped."""
    line = CONTROL.sub(" ", ESCAPES.sub("", str(text)))
    line = " ".join(line.split())
    return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"


def shown_name(name: object, limit: int = 80) -> str:
    """A file or folder name a learner chose, safe to print inside quotes (a long path keeps its end)."""
    text = plain_line(name, 10_000).replace("'", "’")
    return "'" + (text if len(text) <= limit else "…" + text[-(limit - 1) :]) + "'"


def summary_line(
    done_verb: str, done: int, failures: list[tuple[str, str]], manual: int, out=None, flagged: int = 0
) -> str:
    """Print each failure on its own line, then the one summary line; return that line.

    ``flagged``: how many of the ``done`` carry a flag (graded, with a line worth reading)."""
    out = out or sys.stdout
    for item, reason in failures:
        print(f"FAILED {plain_line(item, 80)}: {plain_line(reason)}", file=out)
    flags = f" ({flagged} flagged)" if flagged else ""
    line = f"{done_verb} {done}{flags}, failed {len(failures)}, needing manual grading {manual}"
    print(line, file=out, flush=True)
    return line


def outcomes_path(exports: Path, assignment: str) -> Path:
    return exports / f"{assignment}.outcomes.json"


def load(exports: Path, assignment: str) -> dict[str, Outcome]:
    payload = read_json(outcomes_path(exports, assignment)).payload
    if not isinstance(payload, dict):
        return {}
    names = {f.name for f in fields(Outcome)}
    return {k: Outcome(**{n: x for n, x in v.items() if n in names}) for k, v in payload.items() if isinstance(v, dict)}


def save(exports: Path, assignment: str, outcomes: dict[str, Outcome]) -> Path:
    """Merge ``outcomes`` into the file (other students' entries are kept)."""
    merged = {**load(exports, assignment), **outcomes}
    path = outcomes_path(exports, assignment)
    write_json(path, {k: asdict(v) for k, v in sorted(merged.items())})
    return path
