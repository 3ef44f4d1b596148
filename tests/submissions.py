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

KEY = {"q1": "c", "q2": "a", "q3": ["a", "c", "e"], "q4": "d", "q5": "c", "q6": "b", "q7": "a"}
POINTS = {"q1": 1, "q2": 1, "q3": 2, "q4": 1, "q5": 1, "q6": 1, "q7": 1}
NOTEBOOK = f"{EXERCISE}.ipynb"


# Run in the learner's kernel: an ordering is made with the Move up buttons, as a learner would.
PRESS_MOVES = """
def press_moves(widget, target):
    for position, option_id in enumerate(target):
        while widget.order.index(option_id) > position:
            widget.rows.children[widget.order.index(option_id)].children[0].click()  # Move up
    if not widget.answered:
        widget.confirm.click()  # Save this order
"""


def click(folder: Path, answers: dict, notebook: str = NOTEBOOK) -> None:
    """Open the student notebook in a kernel, run it, and click the given options."""
    path = folder / notebook
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, kernel_name="python3", allow_errors=True, resources={"metadata": {"path": str(folder)}})
    lines = [PRESS_MOVES]
    for qid, value in answers.items():
        lines.append(f"widget = ex._widgets[{qid!r}]")
        if isinstance(value, list):
            lines += ["if hasattr(widget, 'checkboxes'):",
                      "    for box, option in zip(widget.checkboxes, widget.question.options):",
                      f"        box.value = option.id in {value!r}",
                      "else:",
                      f"    press_moves(widget, {value!r})"]
        else:
            lines.append(f"widget.radio.value = {value!r}")
    nb.cells.append(new_code_cell("\n".join(lines)))
    with client.setup_kernel():
        for index, cell in enumerate(nb.cells):
            if cell.cell_type == "code":
                client.execute_cell(cell, index)
    nb.cells.pop()  # the clicks happen in the browser, not in a cell
    nbformat.write(nb, path)  # what JupyterLab saves: outputs and all


def type_answers(folder: Path, answers: dict, notebook: str = NOTEBOOK) -> None:
    """Write answers into the 'Optional, for analysts' cells, as an analyst would."""
    path = folder / notebook
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


# --- building submissions from a released exercise ----------------------------

def released_copy(release: Path, folder: Path, like: Path | None = None) -> Path:
    """``folder`` holding a learner's copy: the released files, or a copy of another submission."""
    import shutil

    shutil.copytree(like or release, folder)
    return folder


def edit(folder: Path, change) -> None:
    """Apply ``change(nb)`` to the submission's notebook, as an editor would save it."""
    path = folder / NOTEBOOK
    nb = nbformat.read(path, as_version=4)
    change(nb)
    nbformat.write(nb, path)


def type_code(folder: Path, question: str, code: str) -> None:
    """Put ``code`` in the "Optional, for analysts" cell of ``question`` (what an analyst may run)."""
    def change(nb):
        for cell in nb.cells:
            if cell.metadata.get("nbgrader", {}).get("grade_id") == f"{question}-typed":
                cell.source = code
    edit(folder, change)


def delete_cells(folder: Path, *grade_ids: str) -> None:
    edit(folder, lambda nb: nb.__setitem__("cells", [
        c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") not in grade_ids]))


def set_metadata(folder: Path, cell_id: str, **changes) -> None:
    """Change the nbgrader metadata of the cell ``cell_id`` (points, flags, even its grade_id)."""
    def change(nb):
        for cell in nb.cells:
            if cell.metadata.get("nbgrader", {}).get("grade_id") == cell_id:
                cell.metadata["nbgrader"].update(changes)
    edit(folder, change)


# --- a class of mixed submissions, and nbgrader's own sequential autograde ---------

WRONG = {**KEY, "q2": "c", "q3": ["a", "b", "e"]}
TYPED_WRONG = {**KEY, "q1": "d", "q5": "a"}
PARTIAL = {"q1": "c", "q4": "c"}


def submit_kinds(course, kinds: dict, scratch: Path) -> dict[str, Path]:
    """Each of ``kinds`` ({student: (base, change)}) submitted to the released exercise of
    ``course`` (a grading Course): a copy of the release, or of it clicked right or wrong
    (``base`` "right" or "wrong", clicked once each in ``scratch``), then ``change(folder)``
    if given. Returns the two clicked bases."""
    release = course.folder("release", EXERCISE)
    bases = {"right": released_copy(release, scratch / "right"), "wrong": released_copy(release, scratch / "wrong")}
    click(bases["right"], KEY)
    click(bases["wrong"], WRONG)
    for student, (base, change) in kinds.items():
        folder = released_copy(release, course.folder("submitted", EXERCISE, student), like=bases.get(base))
        if change:
            change(folder)
    return bases


def mixed_class(release: Path, submitted: Path, count: int, scratch: Path) -> dict[str, str]:
    """``count`` submissions in ``submitted/<student>/<assignment>``, clicked and typed, right,
    wrong, partial and blank, in turn. Clicked ones are made once each in a kernel and copied.
    Returns {student: kind}."""
    clicked = {}
    for kind, answers in (("clicked-right", KEY), ("clicked-wrong", WRONG), ("clicked-partial", PARTIAL)):
        clicked[kind] = released_copy(release, scratch / kind)
        click(clicked[kind], answers)
    write_memo(clicked["clicked-partial"])
    kinds = ["clicked-right", "clicked-wrong", "typed-right", "typed-wrong", "blank", "clicked-partial"]
    made = {}
    for i in range(count):
        kind = kinds[i % len(kinds)]
        student = f"learner{i + 1:03d}"
        folder = released_copy(release, submitted / student / EXERCISE, like=clicked.get(kind))
        if kind.startswith("typed"):
            type_answers(folder, KEY if kind == "typed-right" else TYPED_WRONG)
        made[student] = kind
    return made


def nbgrader_config_for(root: Path, source: Path) -> None:
    """The course's settings in ``root/nbgrader_config.py``, for the plain ``nbgrader`` command."""
    (root / "nbgrader_config.py").write_text(
        "from warning_signs.grading.config import apply\n"
        f"apply(get_config(), root={str(root)!r}, source={str(source)!r})  # noqa: F821\n")


def sequential_autograde(root: Path, source: Path) -> None:
    """``nbgrader autograde`` as an instructor runs it: one process, one submission after another."""
    import os
    import subprocess
    import sys

    nbgrader_config_for(root, source)
    env = {**os.environ, "PATH": str(Path(sys.executable).parent) + os.pathsep + os.environ.get("PATH", "")}
    subprocess.run([str(Path(sys.executable).parent / "nbgrader"), "autograde", EXERCISE],
                   cwd=root, env=env, check=True, capture_output=True)


def scores(root: Path) -> dict[str, dict[str, float | None]]:
    """{student: {grade id: score}} from the gradebook in ``root``."""
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{root / 'gradebook.db'}") as gb:
        return {s.student.id: {g.name: g.score for nb in s.notebooks for g in nb.grades}
                for s in gb.assignment_submissions(EXERCISE)}
