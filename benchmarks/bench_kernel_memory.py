"""Kernel memory after running the whole course: each lesson and exercise in its own kernel.

A learner who works through the course in JupyterLab keeps one kernel per open notebook
(those of closed tabs are culled after 20 idle minutes). This runs every notebook top to
bottom in a real kernel, then reads that kernel's resident memory, and writes
benchmarks/results/kernel_memory.json: per notebook and the total if all stayed open.
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

import nbformat
import psutil
from jupyter_client.manager import start_new_kernel
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))


def run_and_measure(path: Path, cwd: Path) -> float:
    km, kc = start_new_kernel(kernel_name="python3", cwd=str(cwd))
    try:
        nb = nbformat.read(path, as_version=4)
        client = NotebookClient(nb, km=km, kc=kc, timeout=300)
        client.reset_execution_trackers()
        with client.setup_kernel(cleanup_kc=False):
            for index, cell in enumerate(nb.cells):
                client.execute_cell(cell, index)
        pid = km.provisioner.pid if km.provisioner else None
        return psutil.Process(pid).memory_info().rss / 2**20
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)


def main() -> None:
    notebooks = sorted((ROOT / "lessons").glob("*.ipynb")) + sorted((ROOT / "exercises").glob("*/*.ipynb"))
    figures = {}
    with tempfile.TemporaryDirectory() as tmp:
        for path in notebooks:
            figures[path.relative_to(ROOT).as_posix()] = round(run_and_measure(path, Path(tmp)), 1)
            print(f"{path.name}: {figures[path.relative_to(ROOT).as_posix()]} MiB", flush=True)
    total = round(sum(figures.values()), 1)
    print(f"All {len(figures)} kernels at once: {total} MiB (mean {total / len(figures):.0f} MiB)")
    out = ROOT / "benchmarks" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / "kernel_memory.json").write_text(json.dumps({"per_notebook_mib": figures, "total_mib": total}, indent=1))


if __name__ == "__main__":
    main()
