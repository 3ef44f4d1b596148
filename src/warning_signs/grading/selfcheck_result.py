"""What a self-check returns: per question, only what the exercise's policy allows.

Plain data, no key: the checking process builds it (selfcheck.py), sends it as JSON,
and the learner's kernel reads it back (the button). The kernel imports this module
and the page renderer only, never the modules that read the source notebook.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from . import policy as policies

RIGHT, NOT_RIGHT, NOT_ANSWERED, BY_INSTRUCTOR = "Right", "Not right", "Not answered", "Marked by your instructor"


@dataclass
class Row:
    """One question as the learner sees it: never the key, and the explanation the policy allows."""

    label: str
    verdict: str  # RIGHT, NOT_RIGHT, NOT_ANSWERED or BY_INSTRUCTOR
    max_score: float
    score: float | None = None  # None: marked by the instructor
    answer_text: str = ""
    explanation: str = ""
    prompt: str = ""
    grade_id: str = ""

    @property
    def manual(self) -> bool:
        return self.verdict == BY_INSTRUCTOR


@dataclass
class SelfCheckResult:
    exercise: str
    rows: list[Row] = field(default_factory=list)
    title: str = ""  # e.g. "Exercise 2: Reading the warning signs"
    mode: str = policies.PRACTICE
    allowed: int | None = None  # assessed: self-checks allowed
    used: int = 0  # self-checks used, this one included
    released: bool = False  # the instructor's feedback reached the learner
    problem: str = ""  # could not run: one sentence
    refused: str = ""  # no self-check left: one sentence
    page: str = ""  # the full page's path, beside the notebook ("" when none was written)
    notes: list[str] = field(default_factory=list)

    @property
    def score(self) -> float:
        return sum(r.score or 0 for r in self.rows if not r.manual)

    @property
    def max_autograded(self) -> float:
        return sum(r.max_score for r in self.rows if not r.manual)

    @property
    def left(self) -> int | None:
        return None if self.allowed is None else max(self.allowed - self.used, 0)

    def summary(self) -> str:
        """The one line the status region reads out."""
        if self.problem:
            return f"The self-check could not run: {self.problem}"
        if self.refused:
            return self.refused
        manual = [r.label for r in self.rows if r.manual]
        line = f"You scored {self.score:g} of {self.max_autograded:g} autograded points."
        if manual:
            line += f" {' and '.join(manual)} {'is' if len(manual) == 1 else 'are'} marked by your instructor."
        return line + (" " + self.attempts_line() if self.allowed is not None else "")

    def attempts_line(self) -> str:
        if self.allowed is None:
            return ""
        left = self.left or 0
        return f"Self-checks used: {self.used} of {self.allowed} ({left} left)."

    def text(self) -> str:
        """For a terminal: readable lines, the verdict in words."""
        if self.problem or self.refused:
            return f"Self-check of {self.exercise}: {self.summary()}"
        lines = [f"Self-check of {self.exercise}: {self.score:g} of {self.max_autograded:g} autograded points."]
        for r in self.rows:
            if r.manual:
                lines.append(f"  {r.label}: marked by your instructor ({r.max_score:g} points; {r.answer_text}).")
                continue
            mark = "✓" if r.verdict == RIGHT else "✗"
            tail = f" {r.explanation}" if r.explanation else ""
            lines.append(f"  {mark} {r.label}: {r.verdict.lower()} ({r.score or 0:g}/{r.max_score:g}).{tail}")
            if r.verdict != NOT_ANSWERED:
                lines.append(f"      Your answer: {r.answer_text}")
        if self.allowed is not None:
            lines.append(self.attempts_line())
        lines += [f"Note: {n}" for n in self.notes]
        if self.page:
            lines.append(f"Full page: {self.page}")
        return "\n".join(lines)

    def to_json(self) -> dict:
        return asdict(self)

    @classmethod
    def from_json(cls, payload: dict) -> SelfCheckResult:
        rows = [Row(**r) for r in payload.get("rows", [])]
        return cls(**{**payload, "rows": rows})
