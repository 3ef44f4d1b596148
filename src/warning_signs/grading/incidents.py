"""Notes about one submission, gathered while nbgrader grades it in this process.

nbgrader reports success or a traceback; the preprocessors and the jailed kernel
manager note here, in one sentence each, what they saw or repaired (a restored
test cell, output cut short, a kernel that died and why). The grader takes the
notes after each submission.
"""

from __future__ import annotations

_NOTES: list[str] = []


def note(sentence: str) -> None:
    if sentence not in _NOTES:
        _NOTES.append(sentence)


def take() -> list[str]:
    """The notes since the last call, oldest first."""
    notes = _NOTES[:]
    _NOTES.clear()
    return notes
