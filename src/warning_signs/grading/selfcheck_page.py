"""The self-check's result as HTML: the table in the notebook and the full page beside it.

Plain strings, no widgets: the self-check's process writes the page, the button shows
the table. Both are built from a :class:`SelfCheckResult`, which holds only what the
policy allows (never the key). Every text is escaped; the verdict is a word, never only
a symbol or a colour; the table has a caption and header scopes; the summary line is a
``role="status"`` region the button moves focus to.
"""

from __future__ import annotations

from html import escape

from .selfcheck_result import BY_INSTRUCTOR, RIGHT, Row, SelfCheckResult

CELL = 'style="text-align:left;vertical-align:top;padding:0.3em 0.6em"'
SHORT = 'style="text-align:left;vertical-align:top;padding:0.3em 0.6em;white-space:nowrap"'  # "Question 1"
MARKS = {RIGHT: "✓", BY_INSTRUCTOR: "✎"}


def policy_line(result: SelfCheckResult) -> str:
    if result.allowed is None:
        return "Practice: check as often as you like; each explanation is the one your instructor's feedback gives."
    if result.released:
        return "Assessed exercise: your instructor has released feedback, so the full explanations are shown."
    return (
        "Assessed exercise: a hint for each answer that is not right; the full explanations come "
        "with your instructor's feedback."
    )


def _points(row: Row) -> str:
    if row.manual:
        return f"{row.max_score:g} (later)"
    return f"{row.score or 0:g} of {row.max_score:g}"


def _verdict(row: Row) -> str:
    return f'<span aria-hidden="true">{MARKS.get(row.verdict, "✗")} </span>{escape(row.verdict)}'


def table_html(result: SelfCheckResult) -> str:
    head = "".join(
        f'<th scope="col" {CELL}>{name}</th>' for name in ("Question", "Your answer", "Result", "Points", "Explanation")
    )
    body = "".join(
        f'<tr><th scope="row" {SHORT}>{escape(r.label)}</th><td {CELL}>{escape(r.answer_text)}</td>'
        f"<td {CELL}>{_verdict(r)}</td><td {SHORT}>{_points(r)}</td><td {CELL}>{escape(r.explanation)}</td></tr>"
        for r in result.rows
    )
    caption = f"Self-check of {escape(result.title or result.exercise)}, question by question"
    return (
        f'<table class="ws-selfcheck-table" style="border-collapse:collapse;max-width:60em">'
        f'<caption style="text-align:left;font-weight:bold;padding:0.3em 0">{caption}</caption>'
        f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
    )


def inline_html(result: SelfCheckResult, status_id: str, link: str | None = None) -> str:
    """What the button shows: the status line, the table, the policy, the link to the full page."""
    status = f'<p role="status" id="{escape(status_id)}" tabindex="-1"><strong>{escape(result.summary())}</strong></p>'
    if result.problem or result.refused:
        return f'<div class="ws-selfcheck">{status}</div>'
    parts = [status, table_html(result), f"<p>{escape(policy_line(result))}</p>"]
    parts += [f"<p>Note: {escape(n)}</p>" for n in result.notes]
    if link:
        parts.append(f'<p><a href="{escape(link)}">Open the full page of this self-check</a></p>')
    return f'<div class="ws-selfcheck">{"".join(parts)}</div>'


def page_html(result: SelfCheckResult) -> str:
    """The full page: the summary, the table, then each question with its situation."""
    title = escape(result.title or result.exercise)
    sections = "".join(
        f"<section><h2>{escape(r.label)}: {escape(r.verdict)} ({_points(r)})</h2>"
        + (f"<p>{escape(r.prompt)}</p>" if r.prompt else "")
        + f"<p><strong>Your answer:</strong> {escape(r.answer_text)}</p>"
        + (f"<p><strong>Explanation:</strong> {escape(r.explanation)}</p>" if r.explanation else "")
        + "</section>"
        for r in result.rows
    )
    notes = "".join(f"<p>Note: {escape(n)}</p>" for n in result.notes)
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>Self-check: {title}</title>"
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        "<style>body{font-family:system-ui,sans-serif;font-size:16px;line-height:1.5;max-width:60em;"
        "margin:1.5em auto;padding:0 1em;color:#1a1a1a}table{border-collapse:collapse}"
        "th,td{border:1px solid #999}section{margin-top:1.5em}</style></head><body>"
        f"<main><h1>Self-check: {title}</h1>"
        f'<p role="status"><strong>{escape(result.summary())}</strong></p>'
        f"{table_html(result)}<p>{escape(policy_line(result))}</p>{notes}{sections}"
        "<p>This page was written by <em>Check my answers</em>; it changes each time you check.</p>"
        "</main></body></html>\n"
    )
