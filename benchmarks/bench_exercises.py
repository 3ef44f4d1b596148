"""Autograde seconds per submission for every exercise: nbgrader's own autograde, one by one.

For each exercise in ``exercises/`` with a key in its hidden tests, one submission is
clicked through the widgets in a real kernel (all answers right), copied ``--copies``
times, and graded by nbgrader sequentially; the time per submission (nbgrader's start-up
included, as an instructor sees it) goes to benchmarks/results/exercises.json.

    python benchmarks/bench_exercises.py [--copies 3]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from submissions import click  # noqa: E402
from warning_signs.grading.course import Course  # noqa: E402
from warning_signs.paths import course_root  # noqa: E402

RESULTS = course_root() / "benchmarks" / "results"


def bench(course: Course, exercise: str, copies: int) -> dict:
    api = course.api()
    assert api.generate_assignment(exercise)["success"]
    key = {q.grade_id: q.key for q in course.questions(exercise) if not q.manual}
    first = course.folder("submitted", exercise, "learner1")
    shutil.copytree(course.folder("release", exercise), first)
    click(first, key, f"{exercise}.ipynb")
    students = [f"learner{i + 1}" for i in range(copies)]
    for student in students[1:]:
        shutil.copytree(first, course.folder("submitted", exercise, student))
    times = []
    for student in students:
        start = time.perf_counter()
        assert api.autograde(exercise, student)["success"]
        times.append(time.perf_counter() - start)
    points = sum(q.points for q in course.questions(exercise) if not q.manual)
    with course.gradebook() as gb:
        got = [gb.find_submission(exercise, s).score for s in students]
    assert got == [points] * copies, f"{exercise}: a right submission scored {got}, not {points}"
    return {"questions": len(key), "autograded_points": points, "copies": copies,
            "seconds_per_submission": round(sum(times) / len(times), 2), "seconds_min": round(min(times), 2)}


def main() -> int:
    args = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    args.add_argument("--copies", type=int, default=3)
    options = args.parse_args()
    results = {}
    with tempfile.TemporaryDirectory(prefix="ws-bench-exercises-") as tmp:
        course = Course.at(Path(tmp) / "course")
        for exercise in course.assignments():
            if not any(q.key is not None for q in course.questions(exercise)):
                continue
            results[exercise] = bench(course, exercise, options.copies)
            print(f"{exercise}: {results[exercise]['seconds_per_submission']} s per submission "
                  f"({results[exercise]['questions']} questions)")
    results["load_average_1min"] = round(os.getloadavg()[0], 2)  # other work on the machine slows nbgrader
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "exercises.json").write_text(json.dumps(results, indent=1))
    print(f"load average {results['load_average_1min']}; written to {RESULTS / 'exercises.json'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
