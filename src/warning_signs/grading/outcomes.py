"""What happened to each submission, how it is printed, and where it is kept.

Every command prints a counter per item (``[12/60] grading alice …``), the
failures each with a one-line reason, and then ONE summary line. Outcomes of
autograde are kept in ``exports/<assignment>.outcomes.json`` so that the export
can tell a failed submission from a genuine zero (nbgrader writes 0.0 for both).
"""

from __future__ import annotations

import json
import sys
from dataclasses import asdict, dataclass, field
from pathlib import Path

GRADED = "graded"
FAILED = "failed"


@dataclass
class Outcome:
    student: str
    status: str                      # GRADED or FAILED
    reason: str = ""                 # one line, for a failure
    notes: list[str] = field(default_factory=list)  # repairs and oddities worth a look
    score: float | None = None       # autograded points (None when failed)
    max_score: float | None = None
    manual: bool = False             # waits for the instructor (a written answer)

    @property
    def failed(self) -> bool:
        return self.status == FAILED


class Progress:
    """Prints ``[i/n] <verb> <item> … <result>`` lines to stdout as items finish."""

    def __init__(self, total: int, verb: str, out=None):
        self.total, self.verb, self.done = total, verb, 0
        self.out = out or sys.stdout

    def step(self, item: str, result: str = "", notes: list[str] = ()) -> None:
        self.done += 1
        width = len(str(self.total))
        tail = f" {result}" if result else ""
        label = f"{self.verb} {item}".strip()
        print(f"[{self.done:>{width}}/{self.total}] {label} …{tail}", file=self.out, flush=True)
        for sentence in notes:
            print(f"      note: {sentence}", file=self.out, flush=True)


def summary_line(done_verb: str, done: int, failures: list[tuple[str, str]], manual: int, out=None) -> str:
    """Print each failure on its own line, then the one summary line; return that line."""
    out = out or sys.stdout
    for item, reason in failures:
        print(f"FAILED {item}: {reason}", file=out)
    line = f"{done_verb} {done}, failed {len(failures)}, needing manual grading {manual}"
    print(line, file=out, flush=True)
    return line


def outcomes_path(exports: Path, assignment: str) -> Path:
    return exports / f"{assignment}.outcomes.json"


def load(exports: Path, assignment: str) -> dict[str, Outcome]:
    path = outcomes_path(exports, assignment)
    if not path.exists():
        return {}
    return {k: Outcome(**v) for k, v in json.loads(path.read_text()).items()}


def save(exports: Path, assignment: str, outcomes: dict[str, Outcome]) -> Path:
    """Merge ``outcomes`` into the file (other students' entries are kept)."""
    merged = {**load(exports, assignment), **outcomes}
    path = outcomes_path(exports, assignment)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps({k: asdict(v) for k, v in sorted(merged.items())}, indent=1))
    tmp.replace(path)
    return path
