"""Put a submission's grading cells back the way they were released, before nbgrader grades it.

nbgrader restores the *source* of locked cells from the gradebook, but not their
grading metadata, and never a deleted cell: a deleted test cell silently turns
its question into "needs manual grading", a test cell whose ``grade`` flag or
``grade_id`` was edited stops being graded, and an unknown ``grade_id`` makes
the whole notebook fail validation. This preprocessor runs first in autograde's
sanitize step and, using the released notebook as the reference:

* resets each known cell's nbgrader metadata (points, flags) to the released one;
* strips nbgrader metadata that names no released cell, and duplicates;
* puts back deleted locked cells (the setup, the questions, the test cells) in
  their released place; nbgrader then restores their hidden tests as usual;
* notes any answer cell that runs more than ``ex.answer(...)`` (possible tampering).

Each repair is noted in one sentence (see incidents.py).
"""

from __future__ import annotations

import copy
from pathlib import Path

import nbformat
from nbgrader.preprocessors import NbGraderPreprocessor
from traitlets import Unicode

from . import incidents
from .calls import only_calls
from .results import label_for

KEYS = ("grade", "solution", "locked", "points", "task")


class RestoreCells(NbGraderPreprocessor):
    release_root = Unicode("", help="the course's release folder (holds <assignment>/<notebook>.ipynb)").tag(
        config=True
    )

    def preprocess(self, nb, resources):
        info = resources["nbgrader"]
        released = Path(self.release_root) / info["assignment"] / f"{info['notebook']}.ipynb"
        if not released.exists():
            incidents.note(f"could not check the grading cells: {released} is missing (run release again)")
            return nb, resources
        reference = [c for c in nbformat.read(released, as_version=4).cells if _grade_id(c)]
        known = {_grade_id(c): c for c in reference}
        _reset_metadata(nb, known)
        _put_back_deleted(nb, reference)
        _note_unusual_answers(nb)
        return nb, resources


def _grade_id(cell) -> str | None:
    return cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")


def _what(grade_id: str | None, cell) -> str:
    grade_id = grade_id or ""
    label = label_for(grade_id)
    if cell.metadata["nbgrader"].get("grade") and not cell.metadata["nbgrader"].get("solution"):
        return f"the test cell of {label}" if label != grade_id else f"the test cell '{grade_id}'"
    return f"the cell '{grade_id}'"


def _reset_metadata(nb, known: dict) -> None:
    seen = set()
    for cell in nb.cells:
        grade_id = _grade_id(cell)
        if grade_id is None:
            continue
        if grade_id not in known or grade_id in seen:
            why = "a copy of" if grade_id in seen else "an unknown grading id"
            incidents.note(f"a cell carried {why} '{grade_id}': graded as an ordinary cell")
            del cell.metadata["nbgrader"]
            continue
        seen.add(grade_id)
        wanted = known[grade_id].metadata["nbgrader"]
        if any(cell.metadata["nbgrader"].get(k) != wanted.get(k) for k in KEYS):
            incidents.note(f"{_what(grade_id, known[grade_id])} had its grading settings changed: put back")
        cell.metadata["nbgrader"] = copy.deepcopy(wanted)


def _put_back_deleted(nb, reference: list) -> None:
    present = {_grade_id(c) for c in nb.cells}
    for index, cell in enumerate(reference):
        grade_id = _grade_id(cell)
        if grade_id in present or not _must_stay(cell):
            continue
        earlier = [_grade_id(c) for c in reference[:index]]
        position = max((i + 1 for i, c in enumerate(nb.cells) if _grade_id(c) in earlier), default=0)
        nb.cells.insert(position, _fresh_copy(cell))
        present.add(grade_id)
        incidents.note(f"{_what(grade_id, cell)} had been deleted: put back and graded")


def _must_stay(cell) -> bool:
    """Locked cells (setup, questions, tests) and every graded cell."""
    meta = cell.metadata["nbgrader"]
    return bool(meta.get("locked") or meta.get("grade"))


def _fresh_copy(cell):
    cell = copy.deepcopy(cell)
    if cell.cell_type == "code":
        cell.outputs, cell.execution_count = [], None
    return cell


def _note_unusual_answers(nb) -> None:
    for cell in nb.cells:
        meta = cell.metadata.get("nbgrader", {})
        if (
            cell.cell_type == "code"
            and meta.get("solution")
            and not meta.get("grade")
            and not _only_answers(cell.source)
        ):
            label = label_for(meta["grade_id"].removesuffix("-typed"))
            incidents.note(f"the answer cell of {label} runs other code than ex.answer(...): worth a look")


def _only_answers(source: str) -> bool:
    """True when a cell only gives answers: ``ex.answer(<literal>, <literal>)`` calls and comments."""
    return only_calls(source, "answer")
