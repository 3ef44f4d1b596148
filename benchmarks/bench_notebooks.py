"""How long the course's notebooks take to run, against the floor of this machine.

Floor: an empty notebook, and one that only imports pandas, matplotlib and
ipywidgets, measured in the same run. Each lesson and exercise is reported in
seconds and as a ratio to the import floor. Also: autograde seconds per
submission for exercise 01 (nbgrader's start-up measured apart).

    python benchmarks/bench_notebooks.py [--repeat 3]
Writes benchmarks/results/notebooks.json.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbformat.v4 import new_code_cell, new_notebook

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from submissions import KEY, click  # noqa: E402  (real learner submissions)
from warning_signs.grading import config  # noqa: E402
from warning_signs.paths import course_root  # noqa: E402

ROOT = course_root()
RESULTS = ROOT / "benchmarks" / "results"
EXERCISE = "01-atrocity-crimes"


def run_seconds(nb: nbformat.NotebookNode, folder: Path) -> float:
    start = time.perf_counter()
    NotebookClient(nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(folder)}}).execute()
    return time.perf_counter() - start


def median_seconds(make_nb, repeat: int) -> float:
    with tempfile.TemporaryDirectory() as tmp:
        return statistics.median(run_seconds(make_nb(), Path(tmp)) for _ in range(repeat))


def floors(repeat: int) -> dict:
    empty = lambda: new_notebook(cells=[new_code_cell("")])  # noqa: E731
    imports = lambda: new_notebook(cells=[new_code_cell("import pandas, matplotlib.pyplot, ipywidgets")])  # noqa: E731
    return {"empty notebook": median_seconds(empty, repeat), "imports only": median_seconds(imports, repeat)}


def course_notebooks(repeat: int) -> dict:
    paths = sorted((ROOT / "lessons").glob("*.ipynb")) + sorted((ROOT / "exercises").glob("*/*.ipynb"))
    return {p.relative_to(ROOT).as_posix(): median_seconds(lambda p=p: nbformat.read(p, as_version=4), repeat)
            for p in paths}


def autograde_seconds(submissions: int) -> dict:
    """Sequential autograde of real clicked submissions through nbgrader's API."""
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        start = time.perf_counter()
        api = config.api(root, ROOT / "exercises")
        assert api.generate_assignment(EXERCISE)["success"]
        setup = time.perf_counter() - start
        release = root / "release" / EXERCISE
        for n in range(submissions):
            folder = root / "submitted" / f"learner{n:02d}" / EXERCISE
            shutil.copytree(release, folder)
            click(folder, KEY)
        times = []
        for n in range(submissions):
            start = time.perf_counter()
            assert api.autograde(EXERCISE, f"learner{n:02d}")["success"]
            times.append(time.perf_counter() - start)
    return {"submissions": submissions, "generate seconds": setup,
            "median seconds per submission": statistics.median(times), "max seconds": max(times)}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--submissions", type=int, default=5)
    args = parser.parse_args()
    floor = floors(args.repeat)
    notebooks = course_notebooks(args.repeat)
    grading = autograde_seconds(args.submissions)
    base = floor["imports only"]
    print(f"{'notebook':55} {'seconds':>8} {'x floor':>8}")
    for name, seconds in {**floor, **notebooks}.items():
        print(f"{name:55} {seconds:8.2f} {seconds / base:8.2f}")
    print(f"autograde: {grading['median seconds per submission']:.2f} s per submission "
          f"(median of {grading['submissions']}; generate_assignment {grading['generate seconds']:.2f} s)")
    RESULTS.mkdir(parents=True, exist_ok=True)
    report = {"floor_seconds": floor, "notebook_seconds": notebooks,
              "ratio_to_import_floor": {k: v / base for k, v in notebooks.items()}, "autograde": grading}
    (RESULTS / "notebooks.json").write_text(json.dumps(report, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
