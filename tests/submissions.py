"""Build learners' submissions the way learners make them.

Clicks go through the widgets in a real kernel (the same trait change a browser
sends); typed answers are edits to the answer cells; the memo is a markdown edit.
Shared by the round-trip tests, the grading tests and the benchmarks.
"""

from __future__ import annotations

from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbformat.v4 import new_code_cell

EXERCISE = "01-atrocity-crimes"

KEY = {"q1": "a", "q2": "b", "q3": ["a", "b", "c", "d"], "q4": "b", "q5": "b", "q6": "b", "q7": "b"}
POINTS = {"q1": 1, "q2": 1, "q3": 2, "q4": 1, "q5": 1, "q6": 1, "q7": 1}
NOTEBOOK = f"{EXERCISE}.ipynb"


def click(folder: Path, answers: dict) -> None:
    """Open the student notebook in a kernel, run it, and click the given options."""
    path = folder / NOTEBOOK
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, kernel_name="python3", allow_errors=True, resources={"metadata": {"path": str(folder)}})
    lines = []
    for qid, value in answers.items():
        if isinstance(value, list):
            lines += [f"for box, option in zip(ex._widgets[{qid!r}].checkboxes, ex._widgets[{qid!r}].question.options):",
                      f"    box.value = option.id in {value!r}"]
        else:
            lines.append(f"ex._widgets[{qid!r}].radio.value = {value!r}")
    nb.cells.append(new_code_cell("\n".join(lines)))
    with client.setup_kernel():
        for index, cell in enumerate(nb.cells):
            if cell.cell_type == "code":
                client.execute_cell(cell, index)
    nb.cells.pop()  # the clicks happen in the browser, not in a cell
    nbformat.write(nb, path)  # what JupyterLab saves: outputs and all


def type_answers(folder: Path, answers: dict) -> None:
    """Write answers into the 'Optional, for analysts' cells, as an analyst would."""
    path = folder / NOTEBOOK
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        grade_id = cell.metadata.get("nbgrader", {}).get("grade_id", "")
        qid = grade_id.removesuffix("-typed")
        if grade_id.endswith("-typed") and qid in answers:
            cell.source = f"ex.answer({qid!r}, {answers[qid]!r})"
    nbformat.write(nb, path)


def write_memo(folder: Path) -> None:
    path = folder / NOTEBOOK
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if cell.metadata.get("nbgrader", {}).get("grade_id") == "q8-memo":
            cell.source = "Atrocity violence targets civilians for who they are; we would report it and act earlier."
    nbformat.write(nb, path)
