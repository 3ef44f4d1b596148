"""Notes about one submission, gathered while nbgrader grades it in this process.

nbgrader reports success or a traceback; the preprocessors and the jailed kernel
manager note here, in one sentence each, what they saw or repaired (a restored
test cell, output cut short, a kernel that died and why). The grader takes the
notes after each submission.

A kernel that the notebook's own code stopped (it exited, crashed, was killed at
a limit) is also recorded apart, per notebook, with the cell it stopped in: the
grader then scores the saved answers instead of failing the submission.
"""

from __future__ import annotations

_NOTES: list[str] = []
_STOPS: dict[str, tuple[int, str]] = {}


def note(sentence: str) -> None:
    if sentence not in _NOTES:
        _NOTES.append(sentence)


def take() -> list[str]:
    """The notes since the last call, oldest first."""
    notes = _NOTES[:]
    _NOTES.clear()
    return notes


def stopped(notebook: str, cell: int, why: str) -> None:
    """The kernel grading ``notebook`` stopped in ``cell`` (1-based) after the notebook's code ran."""
    _STOPS.setdefault(notebook, (cell, why))


def take_stops() -> dict[str, tuple[int, str]]:
    """{notebook: (cell, why)} since the last call."""
    stops = dict(_STOPS)
    _STOPS.clear()
    return stops
