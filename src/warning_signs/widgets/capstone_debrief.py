"""The capstone debrief as HTML: the graph of the paths, lead time, warnings, roles, turning points."""

from __future__ import annotations

import os
from html import escape
from pathlib import Path

from ..charts import figure_html
from ..charts.capstone_graph import scenario_graph
from ..knowledge.capstone import OUTCOME_LABELS, Scenario
from ..knowledge.capstone_debrief import Debrief

VERDICTS = {
    "acted on": "acted on",
    "missed": "missed",
    "checked": "checked and answered (the right call)",
    "over-read": "over-read: answered with coercion",
    "ignored": "ignored",
}


def lesson_link(lesson: str | None, folder: Path | None = None) -> str:
    """A link to a lesson, relative to the notebook's folder (as JupyterLab resolves links in outputs).

    Found by looking up from the folder for ``lessons/<lesson>.ipynb`` (a lesson in the
    workspace, or an exercise two levels down); else the lesson's name in words.
    """
    if not lesson:
        return ""
    here = Path(folder or Path.cwd()).resolve()
    for base in (here, *list(here.parents)[:3]):
        target = base / "lessons" / f"{lesson}.ipynb"
        if base.name == "lessons" and (base / f"{lesson}.ipynb").is_file():
            target = base / f"{lesson}.ipynb"
        if target.is_file():
            href = os.path.relpath(target, here)
            return f' See <a href="{escape(href)}" target="_blank">lesson {escape(lesson)}</a>.'
    return f" See lesson {escape(lesson)} (in lessons/)."


def weeks(n: int) -> str:
    return f"{n} week{'s' if abs(n) != 1 else ''}"


def lead_lines(d: Debrief) -> list[str]:
    lead = d.lead_weeks
    if d.first_action is None or lead is None:
        return [
            f"Lead time lost: the team never acted on a warning; the expert policy acted from week "
            f"{d.expert_first_action}."
        ]
    lines = [
        f"You first acted on a warning in week {d.first_action}, {weeks(lead)} before week "
        f"{d.onset_week}, when mass violence begins if nothing is done."
        if lead >= 0
        else f"You first acted on a warning in week {d.first_action}, {weeks(-lead)} after violence began "
        f"(week {d.onset_week})."
    ]
    if d.gained is not None:
        lines.append(
            "Lead time: the same as the expert's."
            if d.gained == 0
            else f"Lead time won: {weeks(d.gained)} earlier than the expert."
            if d.gained > 0
            else f"Lead time lost: {weeks(-d.gained)} later than the expert (week {d.expert_first_action})."
        )
    return lines


def debrief_html(s: Scenario, d: Debrief) -> str:
    png, summary = scenario_graph(s.id).draw(d.nodes, d.expert_nodes)
    ending = s.endings.get(d.ending) if d.ending else None
    head = (
        f"<h3>Ending: {escape(ending.name)} ({escape(OUTCOME_LABELS[ending.outcome].lower())})</h3>"
        f"<p>{escape(ending.narrative)}</p>"
        if ending
        else "<h3>Debrief so far</h3><p>The scenario has not ended yet; this is the path up to now.</p>"
    )
    expert_end = s.endings[d.expert_nodes[-1]].name if d.expert_nodes else "none"
    parts = [
        head,
        "<h4>Your path and the expert's</h4>",
        figure_html(png, summary),
        f"<p>The expert policy ends in <strong>{escape(expert_end)}</strong>. Endings not reached: "
        f"{escape('; '.join(s.endings[e].name for e in d.unreached))}.</p>",
        "<h4>Lead time</h4>",
        "".join(f"<p role='status'>{escape(x)}</p>" for x in lead_lines(d)),
        "<h4>Warnings and false alarms</h4>",
        _signals(s, d),
        "<h4>What each role did</h4>",
        _roles(s, d),
        "<h4>Turning points</h4>",
        _turns(s, d),
    ]
    return "".join(parts)


def _signals(s: Scenario, d: Debrief) -> str:
    if not d.signals:
        return "<p>No warning has come up yet.</p>"
    rows = "".join(
        f"<tr><td>{escape(r.stage_id)}: {escape(s.stages[r.stage_id].title)}</td><td>week {r.week}</td>"
        f"<td>{'false alarm' if r.kind == 'false_alarm' else 'warning'}</td><td>{escape(VERDICTS[r.verdict])}</td>"
        f"<td>{escape(r.note)}</td></tr>"
        for r in d.signals
    )
    acted = sum(r.verdict in ("acted on", "checked") for r in d.signals)
    return (
        f"<p>Acted on {acted} of {len(d.signals)}.</p><table><thead><tr><th>Stage</th><th>When</th><th>Signal</th>"
        f"<th>What the team did</th><th>The expert's note</th></tr></thead><tbody>{rows}</tbody></table>"
    )


def _roles(s: Scenario, d: Debrief) -> str:
    rows = []
    for r in d.roles:
        chosen = "; ".join(f"{sid}: {s.options[o].name}" for sid, o in r.choices) or "nothing yet"
        rows.append(
            f"<tr><td>{escape(s.roles[r.role_id].name)}</td><td>{escape(chosen)}</td>"
            f"<td>{r.acted} of {len(r.choices)}</td><td>{r.as_expert} of {len(r.choices)}</td>"
            f"<td>{r.spent} of {s.roles[r.role_id].capital}</td></tr>"
        )
    return (
        "<table><thead><tr><th>Role</th><th>Choices</th><th>Acted on the stage's signal</th>"
        "<th>Same as the expert</th><th>Political capital spent</th></tr></thead><tbody>"
        f"{''.join(rows)}</tbody></table>"
    )


def _turns(s: Scenario, d: Debrief) -> str:
    if not d.turning_points:
        return "<p>At every stage your decision led where the expert's would have.</p>"
    items = "".join(
        f"<li><strong>{escape(t.stage_id)} ({escape(s.stages[t.stage_id].title)})</strong>: you went to "
        f"{escape(_name(s, t.taken))}; the expert's decision would have led to {escape(_name(s, t.expert))}. "
        f"{escape(t.consequence)}{lesson_link(t.lesson)}</li>"
        for t in d.turning_points
    )
    return f"<ul>{items}</ul>"


def _name(s: Scenario, node: str) -> str:
    return f"the ending '{s.endings[node].name}'" if node in s.endings else f"{node} ({s.stages[node].title})"
