"""Capstone pages besides the simulation: the roles' table, and one stage's report for the exercise."""

from __future__ import annotations

from html import escape

import ipywidgets as widgets

from ..knowledge.capstone import load_scenario
from .base import CourseWidget
from .checklist import WIDE


def capstone_roles(scenario: str = "kestria") -> widgets.HTML:
    """The five roles: brief, constraints, political capital and their options (toolbox or role-specific)."""
    s = load_scenario(scenario)
    rows = []
    for rid in s.role_ids():
        r = s.roles[rid]
        own = [o for o in s.options.values() if o.role_id == rid and not o.holds]
        listed = "; ".join(f"{o.name}{'' if o.response_option else ' (role-specific)'}" for o in own)
        rows.append(
            f"<tr><td><strong>{escape(r.name)}</strong></td><td>{escape(r.brief)}</td>"
            f"<td>{escape(r.constraints)}</td><td>{r.capital}</td><td>{escape(listed)}</td></tr>"
        )
    return widgets.HTML(
        "<table><thead><tr><th>Role</th><th>Brief</th><th>Constraints</th><th>Political capital"
        "</th><th>Options</th></tr></thead><tbody>" + "".join(rows) + "</tbody></table>",
        layout=WIDE,
    )


class StageReport(CourseWidget):
    """One capstone stage's situation report and injects, to read before answering questions about it."""

    def __init__(self, scenario: str, stage: str):
        s = load_scenario(scenario)
        st = s.stages[stage]
        injects = "".join(f"<li>{escape(i)}</li>" for i in st.injects)
        super().__init__(
            [
                widgets.HTML(
                    f"<h4>{escape(s.country)}, week {st.week} (stage {escape(st.id)}): {escape(st.title)}</h4>"
                    f"<p>{escape(st.sitrep)}</p><p><strong>New this stage:</strong></p><ul>{injects}</ul>",
                    layout=WIDE,
                )
            ],
            layout=WIDE,
        )


def capstone_stage_report(scenario: str, stage: str) -> StageReport:
    """Show a stage's report (nothing while nbgrader grades)."""
    return StageReport(scenario, stage)
