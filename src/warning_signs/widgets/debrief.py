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
from ..knowledge.scenario_calendar import month_name
from ..knowledge.scenarios import LEVEL_LABELS, LEVELS, Stage, compare
from ..knowledge.scoring import BUDGET_LABELS, BUDGETS, CONFIDENCE_LABELS, PathScore, score_path, score_stage
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
            f"<p><strong>Confidence.</strong> {escape(confidence_feedback(answer, stage))}</p>",
            f"<p><strong>Responses.</strong> {verdict} You chose {chosen}; the expert recommends "
            f"{len(stage.responses)}.</p><ul>{''.join(f'<li>{line}</li>' for line in lines)}</ul>",
            "<p><strong>Warning signs.</strong></p>",
            comparison_html(comparison, stage),
            f"<p><strong>What happened next:</strong> {escape(stage.outcome)}</p>",
        ]
    )


def confidence_feedback(answer: dict, stage: Stage) -> str:
    """Calibration at one stage, and the learner's own 'what would change my mind' note echoed."""
    score = score_stage(answer["risk"], stage, answer.get("confidence"))
    note = answer.get("change_mind") or ""
    if score.confidence is None:
        text = "You did not say how confident you were; saying so lets you check your calibration later."
    elif score.overconfident:
        text = (
            "You were highly confident in a reading outside the expert's range: an alarm (or a reassurance) "
            "given with high confidence is the one colleagues act on, so check what you might have missed."
        )
    elif score.underconfident:
        text = "You were unsure, yet your reading is within the expert's range: trust the evidence you saw."
    else:
        text = f"You said you were {CONFIDENCE_LABELS[score.confidence].lower()} of this reading."
    if note:
        text += f" What you said would change your mind: “{note}”. Watch for it at the next stage."
    else:
        text += " You did not say what would change your mind; naming it tells you what to watch for next."
    return text


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
            f"The monitoring panel records the onset of atrocity crimes in {country_name} in "
            f"{month_name(lead.onset)}. {_onset_gap('Your', lead.before_onset(lead.learner))} "
            f"{_onset_gap('The expert’s', lead.before_onset(lead.expert))}"
        )
    else:
        lines.append(f"The monitoring panel records no onset of atrocity crimes in {country_name}.")
    return lines


def _onset_gap(who: str, months: int | None) -> str:
    if months is None:
        return f"{who} first warning: none in the stages you played."
    if months >= 0:
        return f"{who} first warning came {months} month{'s' if months != 1 else ''} before it."
    return f"{who} first warning came {-months} month{'s' if months != -1 else ''} after it."


def _verdict(level: str, stage: Stage) -> str:
    if level == stage.risk_level:
        return "same as the expert"
    if stage.in_range(level):
        return "within the defensible range"
    return "above the range" if LEVELS.index(level) > LEVELS.index(stage.risk_range[1]) else "below the range"


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
        f"<td>{LEVEL_LABELS[s.risk_level]}</td><td>{_verdict(ratings[s.number], s)}</td>"
        f"<td>{len(set(answers[s.number]['responses']) & set(s.responses))} of {len(s.responses)}</td></tr>"
        for s in played
    )
    table = (
        "<table><thead><tr><th>Stage</th><th>Month</th><th>You</th><th>Expert</th><th>Your reading</th>"
        f"<th>Recommended responses you chose</th></tr></thead><tbody>{rows}</tbody></table>"
    )
    png, summary = debrief_chart(ratings, stages, onset)
    lead = lead_time(ratings, stages, onset)
    score = score_path(answers, stages)
    covered = "all the stages" if len(played) == len(stages) else f"the {len(played)} stages you submitted"
    lead_lines = lead_time_text(lead, country_name)
    return "".join(
        [
            f"<h3>Debrief: your path and the expert's</h3><p>This covers {covered}.</p>",
            f"<p role='status'><strong>{escape(lead_lines[0])}</strong><br>"
            f"<strong>{escape(false_alarm_text(score))}</strong></p>",
            f"<p>{escape(overall_text(score))}</p>",
            "".join(f"<p>{escape(line)}</p>" for line in lead_lines[1:]),
            f"<p>You matched the expert's risk level at {same} of {len(played)} stages; you rated it higher at "
            f"{higher} and lower at {len(played) - same - higher}. You chose {hits} of the {recommended} "
            "responses the expert recommended.</p>",
            f"<p>{escape(calibration_text(score))}</p>",
            figure_html(png, summary),
            table,
            notes_html(answers, played),
        ]
    )


def false_alarm_text(score: PathScore) -> str:
    """What over-alarming spent, beside the lead time: stages above the range and points per budget."""
    if not score.false_alarms:
        return "False alarms: none; you never rated the risk above the expert's defensible range."
    where = ", ".join(str(s.stage.number) for s in score.false_alarms)
    spent = ", ".join(f"{score.spent(b)} of {BUDGET_LABELS[b]}" for b in BUDGETS)
    n = len(score.false_alarms)
    return (
        f"Cost of false alarms: {score.false_alarm_cost} points ({spent}), spent at {n} "
        f"stage{'s' if n != 1 else ''} rated above the expert's defensible range (stage{'s' if n != 1 else ''} "
        f"{where}). Each alarm that does not bear out makes the next one easier to ignore."
    )


def overall_text(score: PathScore) -> str:
    missed = f", minus {score.missed_cost} for warnings not given" if score.missed_cost else ""
    return (
        f"Overall reading: {score.overall} of a possible {score.possible} points ({score.in_range} of "
        f"{len(score.stages)} stages within the expert's defensible range at 10 points each, minus "
        f"{score.false_alarm_cost} for false alarms{missed})."
    )


def calibration_text(score: PathScore) -> str:
    rated = [s for s in score.stages if s.confidence]
    if not rated:
        return "Calibration: you did not give a confidence level at any stage."
    over = score.overconfident
    text = f"Calibration: you gave a confidence level at {len(rated)} of {len(score.stages)} stages."
    if over:
        where = ", ".join(str(s.stage.number) for s in over)
        return text + f" You were highly confident in a reading outside the expert's range at stage(s) {where}."
    return text + " You were never highly confident in a reading outside the expert's range."


def notes_html(answers: dict[int, dict], played: list[Stage]) -> str:
    """The learner's 'what would change my mind' notes, echoed stage by stage."""
    items = [
        f"<li>Stage {s.number}: “{escape(answers[s.number]['change_mind'])}”</li>"
        for s in played
        if answers[s.number].get("change_mind")
    ]
    if not items:
        return "<p>You wrote no note on what would change your mind.</p>"
    return f"<p><strong>What you said would change your mind:</strong></p><ul>{''.join(items)}</ul>"
