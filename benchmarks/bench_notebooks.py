"""How long the course's notebooks take to run, against the floor of this machine.

The floor, as the design guide defines it: a notebook that imports pandas,
matplotlib and ipywidgets and draws one plot. Each lesson and exercise is reported
in seconds and as a ratio to that floor, whose runs alternate with the notebook's
own, best of ``--repeat`` runs each (target: 1.5x). The ratio to a notebook that
only imports (no plot) is shown beside it, for information. Also: autograde
seconds per submission for exercise 01 (nbgrader's start-up measured apart).

    python benchmarks/bench_notebooks.py [--repeat 5]
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
TARGET_RATIO = 1.5


def run_seconds(nb: nbformat.NotebookNode, folder: Path) -> float:
    start = time.perf_counter()
    NotebookClient(nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(folder)}}).execute()
    return time.perf_counter() - start


def best_seconds(make_nb, repeat: int) -> float:
    """The best of ``repeat`` runs (see course_notebooks)."""
    with tempfile.TemporaryDirectory() as tmp:
        return min(run_seconds(make_nb(), Path(tmp)) for _ in range(repeat))


def empty_notebook() -> nbformat.NotebookNode:
    return new_notebook(cells=[new_code_cell("")])


def imports_notebook() -> nbformat.NotebookNode:
    return new_notebook(cells=[new_code_cell("import pandas, matplotlib.pyplot, ipywidgets")])


def floor_notebook() -> nbformat.NotebookNode:
    """The import floor as the design guide defines it: the three imports and one plot drawn."""
    source = "import pandas, ipywidgets\nimport matplotlib.pyplot as plt\nplt.plot([0, 1], [0, 1])\nplt.show()"
    return new_notebook(cells=[new_code_cell(source)])


def course_notebooks(repeat: int) -> tuple[dict, dict]:
    """Seconds per course notebook, and the import floor measured right beside each one.

    The machine's speed drifts over a run of minutes (other load, CPU frequency), so each
    notebook's runs alternate with runs of the floor notebook: the ratio compares like with like.
    The best of the runs counts, as ``timeit`` advises: noise only ever adds time (on this
    shared machine a kernel's start or stop now and then takes 2-3 s longer).
    """
    paths = sorted((ROOT / "lessons").glob("*.ipynb")) + sorted((ROOT / "exercises").glob("*/*.ipynb"))
    seconds, floor_beside = {}, {}
    with tempfile.TemporaryDirectory() as tmp:
        for path in paths:
            own, floor = [], []
            for _ in range(repeat):
                floor.append(run_seconds(floor_notebook(), Path(tmp)))
                own.append(run_seconds(nbformat.read(path, as_version=4), Path(tmp)))
            name = path.relative_to(ROOT).as_posix()
            seconds[name], floor_beside[name] = min(own), min(floor)
    return seconds, floor_beside


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
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--submissions", type=int, default=5)
    args = parser.parse_args()
    floor = {"empty notebook": best_seconds(empty_notebook, args.repeat),
             "imports only": best_seconds(imports_notebook, args.repeat),
             "imports and one plot (the floor)": best_seconds(floor_notebook, args.repeat)}
    notebooks, beside = course_notebooks(args.repeat)
    grading = autograde_seconds(args.submissions)
    ratios = {name: seconds / beside[name] for name, seconds in notebooks.items()}
    bare = floor["imports only"]
    print(f"{'notebook':55} {'seconds':>8} {'floor':>6} {'x floor':>8} {'x imports only':>15}")
    for name, seconds in floor.items():
        print(f"{name:55} {seconds:8.2f}")
    for name, seconds in notebooks.items():
        flag = "" if ratios[name] <= TARGET_RATIO else "  over target"
        print(f"{name:55} {seconds:8.2f} {beside[name]:6.2f} {ratios[name]:8.2f} {seconds / bare:15.2f}{flag}")
    over = [name for name, ratio in ratios.items() if ratio > TARGET_RATIO]
    print(f"Target: within {TARGET_RATIO}x the import floor measured beside each notebook: "
          + (f"missed by {len(over)}." if over else "met by every notebook."))
    print(f"autograde: {grading['median seconds per submission']:.2f} s per submission "
          f"(median of {grading['submissions']}; generate_assignment {grading['generate seconds']:.2f} s)")
    RESULTS.mkdir(parents=True, exist_ok=True)
    report = {"floor_seconds": floor, "notebook_seconds": notebooks, "floor_beside_seconds": beside,
              "ratio_to_import_floor": ratios, "target_ratio": TARGET_RATIO, "autograde": grading}
    (RESULTS / "notebooks.json").write_text(json.dumps(report, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
