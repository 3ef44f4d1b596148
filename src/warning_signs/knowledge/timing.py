"""How long a lesson takes, by one stated rule (so stated times never drift).

minutes = markdown words / READING_WPM + the minutes of each activity the lesson
calls (``datasets/lessons/activity_minutes.csv``), rounded up to a multiple of 5.
Reading runs at 130 words a minute: careful reading of policy text, often in a
second language. An activity's minutes include the reading it shows (a scenario's
reports, a timeline's events).
"""

from __future__ import annotations

import ast
import json
import math
import re
from dataclasses import dataclass
from pathlib import Path

from warning_signs import data

READING_WPM = 130
ROUND_TO = 5
TIME_LINE = re.compile(r"\*\*Time:\*\* about (\d+) minutes")


@dataclass(frozen=True)
class Estimate:
    words: int
    activities: tuple[tuple[str, int], ...]
    unknown: tuple[str, ...]  # calls with no row in activity_minutes.csv

    @property
    def minutes(self) -> int:
        raw = self.words / READING_WPM + sum(m for _, m in self.activities)
        return ROUND_TO * math.ceil(raw / ROUND_TO)


@data.cached
def activity_minutes() -> dict[str, int]:
    table = data.load("activity_minutes")
    return {str(r.activity): int(r.minutes) for r in table.itertuples(index=False)}


def estimate(notebook: Path) -> Estimate:
    cells = json.loads(Path(notebook).read_text(encoding="utf-8"))["cells"]
    words = sum(len(re.findall(r"\w+", _text(c))) for c in cells if c["cell_type"] == "markdown")
    table = activity_minutes()
    calls = [name for c in cells if c["cell_type"] == "code" for name in _calls(_text(c))]
    return Estimate(words, tuple((n, table[n]) for n in calls if n in table), tuple(n for n in calls if n not in table))


def stated_minutes(notebook: Path) -> int | None:
    """The minutes in the lesson's '**Time:** about N minutes' line."""
    cells = json.loads(Path(notebook).read_text(encoding="utf-8"))["cells"]
    found = TIME_LINE.search(_text(cells[0])) if cells else None
    return int(found.group(1)) if found else None


def _text(cell: dict) -> str:
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else source


def _calls(source: str) -> list[str]:
    """Names of the functions a code cell calls as statements (the activities it shows)."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return []
    return [
        node.value.func.id
        for node in tree.body
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Call) and isinstance(node.value.func, ast.Name)
    ]
