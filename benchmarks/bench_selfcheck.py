"""How long "Check my answers" takes, as the learner waits for it (target: under 3 s).

The exercise is released by nbgrader (exercise 2, into a temporary course), answered
through the exercise API, then checked the way a learner checks it: the button's click
(the kernel gathers the answers, the checking process scores them and writes the page,
the table appears), in a practice and in an assessed exercise, and the terminal command
``warning-signs check``. Each figure is the median of several runs (max beside it).
Before this design the self-check ran nbgrader's generate, autograde and feedback: 10-44 s.

    python benchmarks/bench_selfcheck.py [--runs 7]
Writes benchmarks/results/selfcheck.json.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from warning_signs.exercise import Exercise
from warning_signs.grading import config, policy
from warning_signs.paths import course_root, exercises_dir

RESULTS = course_root() / "benchmarks" / "results"
EXERCISE = "02-reading-warning-signs"
TARGET_S = 3.0


def timed(action, runs: int) -> dict:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return {
        "runs": runs,
        "median_s": round(statistics.median(times), 3),
        "max_s": round(max(times), 3),
        "meets_target": statistics.median(times) < TARGET_S,
    }


def released(tmp: Path, name: str) -> Path:
    """A learner's copy of the exercise nbgrader released, with some answers given."""
    folder = tmp / name / EXERCISE
    shutil.copytree(tmp / "course" / "release" / EXERCISE, folder)
    ex = Exercise(EXERCISE, folder)
    for qid, value in {"q1": "a", "q2": ["a", "c"], "q4": "b", "q5": "c"}.items():
        ex.store.save(qid, value, "click")
    return folder


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    runs = min(parser.parse_args().runs, policy.MAX_ATTEMPTS)
    results: dict = {"machine": platform.platform(), "python": platform.python_version(), "target_s": TARGET_S}
    with tempfile.TemporaryDirectory(prefix="ws-bench-selfcheck-") as name:
        tmp = Path(name)
        made = config.api(tmp / "course", exercises_dir()).generate_assignment(EXERCISE)
        if not made.get("success"):
            print("nbgrader could not release the exercise:", made.get("error") or made.get("log"))
            return 1
        practice = Exercise(EXERCISE, released(tmp, "practice")).self_check()
        results["button click, practice"] = timed(practice.button.click, runs)
        folder = released(tmp, "assessed")
        policy.write_policy_file(folder, EXERCISE, policy.Policy(policy.ASSESSED, policy.MAX_ATTEMPTS))
        assessed = Exercise(EXERCISE, folder).self_check()
        results["button click, assessed"] = timed(assessed.button.click, runs)
        command = [sys.executable, "-m", "warning_signs", "check", str(released(tmp, "terminal"))]
        results["terminal command"] = timed(lambda: subprocess.run(command, capture_output=True, check=True), runs)
        assert practice.last is not None and practice.last.score == 2, practice.last
    results["load_average_1min"] = round(os.getloadavg()[0], 2)  # other work on the machine slows every figure
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "selfcheck.json").write_text(json.dumps(results, indent=1))
    for case in ("button click, practice", "button click, assessed", "terminal command"):
        r = results[case]
        print(f"{case}: median {r['median_s']} s, max {r['max_s']} s over {r['runs']} runs (target < {TARGET_S} s)")
    print(f"load average {results['load_average_1min']}; written to {RESULTS / 'selfcheck.json'}")
    met = all(results[c]["meets_target"] for c in ("button click, practice", "button click, assessed"))
    return 0 if met else 1


if __name__ == "__main__":
    raise SystemExit(main())
