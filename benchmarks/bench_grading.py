"""Parallel, sandboxed autograde against nbgrader's own sequential autograde.

60 real submissions of exercise 01 (clicked and typed; right, wrong, partial and
blank), made once and copied into two identical course roots. One is graded by
``warning-signs grade autograde`` (worker processes, jailed kernels), the other
by ``nbgrader autograde`` (one process, hidden tests in the kernel). Both times
include start-up. Prints the ratio and whether every score is identical (the trusted
scorer, outside the kernel, against nbgrader's in-kernel tests) and that no honest
submission was flagged; writes benchmarks/results/grading.json.

    python benchmarks/bench_grading.py [--submissions 60] [--jobs N]
"""

from __future__ import annotations

import argparse
import io
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from submissions import EXERCISE, mixed_class, scores, sequential_autograde  # noqa: E402
from warning_signs.grading import sandbox  # noqa: E402
from warning_signs.grading.autograde import autograde, default_jobs  # noqa: E402
from warning_signs.grading.course import Course  # noqa: E402
from warning_signs.paths import course_root  # noqa: E402

RESULTS = course_root() / "benchmarks" / "results"


def prepare(tmp: Path, count: int) -> tuple[Course, Course]:
    parallel = Course.at(tmp / "parallel")
    assert parallel.api().generate_assignment(EXERCISE)["success"]
    mixed_class(parallel.folder("release", EXERCISE), parallel.root / "submitted", count, tmp / "scratch")
    shutil.copytree(parallel.root, tmp / "sequential")
    return parallel, Course.at(tmp / "sequential")


def main() -> int:
    args = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    args.add_argument("--submissions", type=int, default=60)
    args.add_argument("--jobs", type=int, default=default_jobs())
    options = args.parse_args()
    load_before = os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="ws-bench-grading-") as tmp:
        parallel, sequential = prepare(Path(tmp), options.submissions)
        start = time.perf_counter()
        sequential_autograde(sequential.root, sequential.source)
        sequential_seconds = time.perf_counter() - start
        start = time.perf_counter()
        log = io.StringIO()
        outcomes = autograde(parallel, EXERCISE, jobs=options.jobs, out=log)
        parallel_seconds = time.perf_counter() - start
        same = scores(parallel.root) == scores(sequential.root)
    result = {
        "submissions": options.submissions, "jobs": options.jobs, "cores": os.cpu_count(),
        "sandboxed": sandbox.unavailable_reason() is None,
        "sequential_nbgrader_seconds": round(sequential_seconds, 2),
        "parallel_seconds": round(parallel_seconds, 2),
        "speed_up": round(sequential_seconds / parallel_seconds, 2),
        "identical_scores": same,
        "failed": sum(o.failed for o in outcomes.values()),
        "flagged": sum(o.flagged for o in outcomes.values()),  # honest submissions: must be 0
        "summary_line": log.getvalue().strip().splitlines()[-1],
        # Other work on the machine slows both runs, the parallel one more: keep the load with the figures.
        "load_average_before_after": [round(load_before, 2), round(os.getloadavg()[0], 2)],
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "grading.json").write_text(json.dumps(result, indent=1) + "\n")
    print(f"{options.submissions} submissions: nbgrader autograde (sequential) {sequential_seconds:.1f} s, "
          f"warning-signs grade autograde --jobs {options.jobs} {parallel_seconds:.1f} s "
          f"({'sandboxed' if result['sandboxed'] else 'UNSANDBOXED'}): {result['speed_up']:.2f}x; "
          f"scores identical: {'yes' if same else 'NO'} (load average {result['load_average_before_after']})")
    return 0 if same and not result["flagged"] else 1


if __name__ == "__main__":
    raise SystemExit(main())
