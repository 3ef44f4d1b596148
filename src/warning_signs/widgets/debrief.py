"""The scenario player's words: feedback on a submitted stage, and the debrief of the whole path.

Built from the stage data and the rules in :mod:`warning_signs.knowledge.progress`
(lead time, risk feedback); HTML for the player to show.
"""

from __future__ import annotations

from html import escape

import pandas as pd

from ..charts import figure_html
from ..charts.debriefchart import debrief_chart
from ..knowledge.progress import LeadTime, lead_time, risk_feedback
from ..knowledge.responses import response_options
from ..knowledge.scenarios import LEVEL_LABELS, LEVELS, Stage, compare, month_name
from .assessment import comparison_html

# --- feedback -------------------------------------------------------------------


def response_feedback(chosen, stage: Stage) -> tuple[str, list[str]]:
    """A verdict ('Correct.', 'Partly.' or 'Not quite.') and one line per response, with why."""
    options = response_options()
    chosen, recommended = set(chosen), list(stage.responses)
    hits = [r for r in recommended if r in chosen]
    verdict = "Correct." if set(recommended) == chosen else ("Partly." if hits else "Not quite.")
    lines = [f"<strong>Chosen and recommended:</strong> {_option(r, options)}" for r in hits]
    lines += [f"<strong>Missed:</strong> {_option(r, options)}" for r in recommended if r not in chosen]
    lines += [
        f"<strong>Also chosen:</strong> {_option(r, options, risks=True)}" for r in sorted(chosen - set(recommended))
    ]
    return verdict, lines


def _option(option_id: str, options: pd.DataFrame, risks: bool = False) -> str:
    row = options.loc[option_id]
    text = f"{escape(row['name'])} (takes {escape(row['time_to_effect'])}). {escape(row['description'])}"
    return text + (f" Risks: {escape(row['risks'])}" if risks else "")


def stage_feedback(answer: dict, stage: Stage) -> str:
    verdict, lines = response_feedback(answer["responses"], stage)
    chosen = len(answer["responses"])
    comparison = compare(answer["marked"], stage)
    return "".join(
        [
            f"<h4>Feedback on stage {stage.number}</h4>",
            f"<p role='status'><strong>Risk level.</strong> {escape(risk_feedback(answer['risk'], stage))}</p>",
            f"<p><strong>Responses.</strong> {verdict} You chose {chosen}; the expert recommends "
            f"{len(stage.responses)}.</p><ul>{''.join(f'<li>{line}</li>' for line in lines)}</ul>",
            "<p><strong>Warning signs.</strong></p>",
            comparison_html(comparison, stage),
            f"<p><strong>What happened next:</strong> {escape(stage.outcome)}</p>",
        ]
    )


# --- the debrief ------------------------------------------------------------------


def lead_time_text(lead: LeadTime, country_name: str) -> list[str]:
    at = lambda s: f"stage {s.number}, {s.when}"  # noqa: E731
    m = lead.months
    if lead.learner and lead.expert and m is not None:
        if m > 0:
            lines = [
                f"Lead time won: you first rated the risk high or very high at {at(lead.learner)}, "
                f"{m} month{'s' if m != 1 else ''} before the expert did ({at(lead.expert)})."
            ]
        elif m < 0:
            lines = [
                f"Lead time lost: you first rated the risk high or very high at {at(lead.learner)}, "
                f"{-m} month{'s' if m != -1 else ''} after the expert did ({at(lead.expert)})."
            ]
        else:
            lines = [
                f"Same timing: you and the expert both first rated the risk high or very high at {at(lead.expert)}."
            ]
    elif lead.expert:
        lines = [f"Lead time lost: you never rated the risk high or very high; the expert did from {at(lead.expert)}."]
    elif lead.learner:
        lines = [
            f"You rated the risk high or very high at {at(lead.learner)}; the expert did not in the "
            "stages you played, so the expert would read this as an early alarm."
        ]
    else:
        lines = ["Neither you nor the expert rated the risk high or very high in the stages you played."]
    if lead.onset:
        lines.append(
            f"The monitoring panel records the onset of mass violence in {country_name} in "
            f"{month_name(lead.onset)}. {_onset_gap('Your', lead.before_onset(lead.learner))} "
            f"{_onset_gap('The expert’s', lead.before_onset(lead.expert))}"
        )
    else:
        lines.append(f"The monitoring panel records no onset of mass violence in {country_name}.")
    return lines


def _onset_gap(who: str, months: int | None) -> str:
    if months is None:
        return f"{who} first warning: none in the stages you played."
    if months >= 0:
        return f"{who} first warning came {months} month{'s' if months != 1 else ''} before it."
    return f"{who} first warning came {-months} month{'s' if months != -1 else ''} after it."


def debrief_html(progress: dict, stages: tuple[Stage, ...], onset: str | None, country_name: str) -> str:
    answers = {int(k): v for k, v in progress["stages"].items() if v.get("submitted")}
    if not answers:
        return "<p><strong>Not yet:</strong> submit at least one stage to see the debrief.</p>"
    ratings = {n: a["risk"] for n, a in answers.items()}
    played = [s for s in stages if s.number in answers]
    same = sum(1 for s in played if ratings[s.number] == s.risk_level)
    higher = sum(1 for s in played if LEVELS.index(ratings[s.number]) > LEVELS.index(s.risk_level))
    hits = sum(len(set(answers[s.number]["responses"]) & set(s.responses)) for s in played)
    recommended = sum(len(s.responses) for s in played)
    rows = "".join(
        f"<tr><td>{s.number}</td><td>{escape(s.when)}</td><td>{LEVEL_LABELS[ratings[s.number]]}</td>"
        f"<td>{LEVEL_LABELS[s.risk_level]}</td><td>{'same' if ratings[s.number] == s.risk_level else 'different'}</td>"
        f"<td>{len(set(answers[s.number]['responses']) & set(s.responses))} of {len(s.responses)}</td></tr>"
        for s in played
    )
    table = (
        "<table><thead><tr><th>Stage</th><th>Month</th><th>You</th><th>Expert</th><th>Risk level</th>"
        f"<th>Recommended responses you chose</th></tr></thead><tbody>{rows}</tbody></table>"
    )
    png, summary = debrief_chart(ratings, stages, onset)
    lead = lead_time(ratings, stages, onset)
    covered = "all the stages" if len(played) == len(stages) else f"the {len(played)} stages you submitted"
    return "".join(
        [
            f"<h3>Debrief: your path and the expert's</h3><p>This covers {covered}.</p>",
            "".join(
                f"<p role='status'><strong>{escape(line)}</strong></p>" if i == 0 else f"<p>{escape(line)}</p>"
                for i, line in enumerate(lead_time_text(lead, country_name))
            ),
            f"<p>You matched the expert's risk level at {same} of {len(played)} stages; you rated it higher at "
            f"{higher} and lower at {len(played) - same - higher}. You chose {hits} of the {recommended} "
            "responses the expert recommended.</p>",
            figure_html(png, summary),
            table,
        ]
    )
