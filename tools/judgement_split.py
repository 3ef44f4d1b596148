"""The recall/judgement split of graded points and lesson checks (issue 16, for the closing note).

Run: ``.venv/bin/python tools/judgement_split.py``. The classification is by hand (below), with
one rule, read from the item's stem and options:

* **judgement**: the item puts a new, specific situation in front of the learner (a situation
  report, a speech, a chart or table, a field report, an audit file, concrete observations from
  an invented country, a simulator's counts) and asks what it shows or what to do;
* **recall**: the item asks for a definition, a fact or example taught in the lesson or its
  sources (Lesson 4's real cases included), a generic principle behind a placeholder ("a
  country", "an analyst"), or a matching of responses or tools to a taught category whose
  answer does not depend on the situation.

Points come from the exercises' nbgrader metadata (autograded test cells; memos are manual).
Lesson checks exclude Lesson 0's two navigation checks. An item added to the data without a
classification here is reported, not guessed.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from warning_signs.data import load

ROOT = Path(__file__).resolve().parent.parent

# Recall items; every other content item is judgement (the rule above).
LESSON_RECALL = {
    "l01-q4", "l01-q6",
    "l02-q1", "l02-q3", "l02-q4",
    "l04-q1", "l04-q2", "l04-q3",
    "l05-q1",
    "l06-q2", "l06-q3",
    "l07-q1", "l07-q5",
    "l08-q3", "l08-q5",
    "l09-q3",
}  # fmt: skip
NAVIGATION = {"l00-q1", "l00-q2"}
EXERCISE_RECALL = (
    {
        ("02-reading-warning-signs", q)
        for q in ("q4", "q5", "q6", "q7")  # response -> strategy
    }
    | {
        ("03-historical-cases", q)
        for q in ("q1", "q4", "q5", "q6", "q7")  # Kenya's record; echo of a taught case
    }
    | {
        ("06-r2p-and-actors", q)
        for q in ("q4", "q5", "q6", "q7")  # what a tool needs, as the table says
    }
    | {
        ("12-final-assessment", q)
        for q in ("q5", "q8", "q10", "q11", "q12", "q13")  # Srebrenica; table; actor for a task
    }
)


def points() -> dict[tuple[str, str], float]:
    """(exercise, question or memo id) -> points, from the source notebooks."""
    found: dict[tuple[str, str], float] = {}
    for path in sorted(ROOT.glob("exercises/*/*.ipynb")):
        for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
            meta = cell.get("metadata", {}).get("nbgrader", {})
            if not meta.get("grade"):
                continue
            asked = re.search(r"check(?:_answered)?\(['\"](q\d+)['\"]", "".join(cell["source"]))
            key = (path.parent.name, asked.group(1) if asked else "memo:" + meta["grade_id"])
            found[key] = found.get(key, 0) + meta.get("points", 0)
    return found


def share(part: float, whole: float) -> str:
    return f"{part:g} of {whole:g} ({100 * part / whole:.0f}%)"


def main() -> None:
    lessons = [q for q in load("lesson_questions")["question_id"] if q not in NAVIGATION]
    judged = [q for q in lessons if q not in LESSON_RECALL]
    print(f"Lesson checks: judgement {share(len(judged), len(lessons))}, recall {len(lessons) - len(judged)}")

    pts = points()
    items = [
        (e, q) for e, q in zip(load("exercise_questions")["exercise_id"], load("exercise_questions")["question_id"])
    ]
    missing = [k for k in items if k not in pts]
    auto = {k: pts[k] for k in items if k in pts}
    judged_pts = sum(p for k, p in auto.items() if k not in EXERCISE_RECALL)
    judged_items = sum(1 for k in auto if k not in EXERCISE_RECALL)
    print(f"Autograded items: {len(auto)}, {sum(auto.values()):g} points")
    print(f"  judgement: {share(judged_items, len(auto))} items, {share(judged_pts, sum(auto.values()))} points")
    memos = {k: p for k, p in pts.items() if k[1].startswith("memo:")}
    total = sum(auto.values()) + sum(memos.values())
    print(f"With the {len(memos)} manually graded memos ({sum(memos.values()):g} points, each a response to a")
    print(f"  fictional situation): judgement {share(judged_pts + sum(memos.values()), total)} points")
    for exercise in sorted({e for e, _ in auto}):
        mine = {k: p for k, p in auto.items() if k[0] == exercise}
        j = sum(p for k, p in mine.items() if k not in EXERCISE_RECALL)
        print(f"  {exercise}: judgement {share(j, sum(mine.values()))} autograded points")
    if missing:
        print("No points found for:", ", ".join(f"{e} {q}" for e, q in missing))


if __name__ == "__main__":
    main()
