"""The one walker over the ``ex.*`` calls in a notebook cell, read as text (never run).

The grader reads the answer key from the source notebook's hidden tests
(``ex.check("q1", "a", why=...)``), literal typed answers from answer cells
(``ex.answer("q1", "b")``) and notices answer cells that run anything else.
All of it parses the cell with :mod:`ast`; nothing here executes learner code.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, field

NOT_LITERAL = object()  # an argument that is computed, not written out


@dataclass(frozen=True)
class ExCall:
    """One ``ex.<method>(...)`` call: its literal arguments (or NOT_LITERAL) and keywords."""

    method: str
    args: tuple[object, ...]
    keywords: dict[str, object] = field(default_factory=dict)
    top_level: bool = True  # a statement of its own, not inside a loop, function or expression

    @property
    def question(self) -> str | None:
        first = self.args[0] if self.args else None
        return first if isinstance(first, str) else None

    def arg(self, index: int) -> object:
        return self.args[index] if len(self.args) > index else NOT_LITERAL


def parse(source: str) -> ast.Module | None:
    try:
        return ast.parse(source)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None


def ex_calls(source: str, method: str | None = None, name: str = "ex") -> list[ExCall]:
    """Every ``ex.<method>(...)`` call in ``source`` in reading order (all methods if None)."""
    tree = parse(source)
    if tree is None:
        return []
    statements = {id(node.value) for node in tree.body if isinstance(node, ast.Expr)}
    found: list[tuple[tuple[int, int], ExCall]] = []
    for node in ast.walk(tree):
        if not (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and isinstance(node.func.value, ast.Name)
            and node.func.value.id == name
        ):
            continue
        if method is not None and node.func.attr != method:
            continue
        call = ExCall(
            node.func.attr,
            tuple(_literal(a) for a in node.args),
            {k.arg: _literal(k.value) for k in node.keywords if k.arg},
            id(node) in statements,
        )
        found.append(((node.lineno, node.col_offset), call))
    return [call for _, call in sorted(found, key=lambda pair: pair[0])]


def only_calls(source: str, method: str, name: str = "ex") -> bool:
    """True when ``source`` holds nothing but comments and ``ex.<method>(<literals>)`` statements."""
    tree = parse(source)
    if tree is None:
        return False
    calls = ex_calls(source, method, name)
    plain = [c for c in calls if c.top_level and not c.keywords and NOT_LITERAL not in c.args]
    return len(plain) == len(tree.body) == len(calls)


def _literal(node: ast.AST) -> object:
    try:
        return ast.literal_eval(node)
    except (ValueError, TypeError, SyntaxError, RecursionError, MemoryError):
        return NOT_LITERAL


def typed_answers(source: str) -> dict[str, object]:
    """The answers an answer cell types out, ``ex.answer("q1", "b")`` statements with literal
    values, by question (the last one wins): what the grader and the self-check read as typed."""
    typed: dict[str, object] = {}
    for call in ex_calls(source, "answer"):
        if call.top_level and call.question and call.arg(1) is not NOT_LITERAL:
            typed[call.question] = call.arg(1)
    return typed
