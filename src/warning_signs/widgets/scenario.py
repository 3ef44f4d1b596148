"""Scenario player: a fictional country's crisis, stage by stage.

At each stage the learner reads a situation report and the monitoring data up
to that month, marks the warning signs (the risk-factor assessment), rates the
risk and chooses responses, then submits and gets feedback against the expert's
reading. A submitted stage is locked, so the debrief shows what the learner
judged at the time. The debrief compares the two paths, including the lead
time won or lost and, where the panel has one, the months before the onset.

Progress is saved after every change to ``scenario-<id>.answers.json`` beside
the notebook (atomically, with a ``.bak``: the answer store of the exercises),
so a learner can stop and resume. A damaged file is reported in one sentence.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from html import escape
from pathlib import Path

import ipywidgets as widgets
import pandas as pd

from ..answers import CLICK, AnswerStore
from ..data import load
from ..exercise import grading
from ..hub import progress_folder
from ..paths import datasets_dir
from .assessment import (LEVEL_LABELS, LEVELS, RiskAssessment, Stage, comparison_html, compare, figure_html,
                         framework, month_name, months_between, report_html, scenario_stages)
from .checklist import WIDE, Checklist, Group
from .debriefchart import debrief_chart
from .panelcharts import country_panel, panel_charts

WARNING = {"high", "very_high"}  # a rating at these levels counts as a warning
PROGRESS_KEY = "progress"


def auto() -> widgets.Layout:
    """A layout of its own for each button, as wide as its label, so it is never cut off."""
    return widgets.Layout(width="auto", align_self="flex-start")


def progress_id(scenario_id: str) -> str:
    """The answer-store id of a scenario; its file is ``scenario-<id>.answers.json``."""
    return f"scenario-{scenario_id}"


# --- data: country book, response options, monitoring panel -------------------


def country(scenario_id: str) -> dict:
    rows = load("scenarios")
    return rows[rows["id"] == scenario_id].iloc[0].to_dict()


@functools.lru_cache(maxsize=4)
def _options(_root: str) -> pd.DataFrame:
    return load("response_options").set_index("id")


def response_options() -> pd.DataFrame:
    return _options(str(datasets_dir()))


def category_label(category: str) -> str:
    return category.replace("_", " and ").capitalize()


def onset_month(panel: pd.DataFrame) -> str | None:
    onsets = panel.loc[panel["onset"].fillna(False).astype(bool), "month"]
    return str(onsets.iloc[0]) if len(onsets) else None


# --- saved progress -------------------------------------------------------------


def new_progress(scenario_id: str) -> dict:
    return {"scenario": scenario_id, "current": 1, "stages": {}}


def blank_answer() -> dict:
    return {"marked": [], "notes": {}, "risk": None, "responses": [], "submitted": False}


def clean_progress(value, scenario_id: str, stages: tuple[Stage, ...]) -> dict | None:
    """Saved progress with anything unknown dropped; None if it is not progress at all."""
    if not isinstance(value, dict) or not isinstance(value.get("stages", {}), dict):
        return None
    items = {item for f in framework().factors for item, _ in f.items}
    options = set(response_options().index)
    progress = new_progress(scenario_id)
    for stage in stages:
        raw = value["stages"].get(str(stage.number))
        if not isinstance(raw, dict):
            continue
        notes = raw.get("notes") if isinstance(raw.get("notes"), dict) else {}
        progress["stages"][str(stage.number)] = {
            "marked": sorted(i for i in _strings(raw.get("marked")) if i in items),
            "notes": {str(k): str(v) for k, v in notes.items() if str(v).strip()},
            "risk": raw.get("risk") if raw.get("risk") in LEVELS else None,
            "responses": sorted(r for r in _strings(raw.get("responses")) if r in options),
            "submitted": raw.get("submitted") is True and raw.get("risk") in LEVELS,
        }
    current = value.get("current")
    progress["current"] = min(current if isinstance(current, int) and current >= 1 else 1,
                              reachable(progress, stages))
    return progress


def _strings(value) -> list[str]:
    return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []


def reachable(progress: dict, stages: tuple[Stage, ...]) -> int:
    """The furthest stage open to the learner: the first not yet submitted."""
    for stage in stages:
        if not progress["stages"].get(str(stage.number), {}).get("submitted"):
            return stage.number
    return stages[-1].number


# --- feedback -------------------------------------------------------------------


def risk_feedback(chosen: str, stage: Stage) -> str:
    gap = LEVELS.index(chosen) - LEVELS.index(stage.risk_level)
    expert = LEVEL_LABELS[stage.risk_level].lower()
    if gap == 0:
        return f"Correct. You rated the risk {expert}, as the expert did."
    steps = f"{abs(gap)} level{'s' if abs(gap) > 1 else ''} {'lower' if gap > 0 else 'higher'}"
    return f"Not quite. You rated the risk {LEVEL_LABELS[chosen].lower()}; the expert rated it {expert}, {steps}."


def response_feedback(chosen, stage: Stage) -> tuple[str, list[str]]:
    """A verdict ('Correct.', 'Partly.' or 'Not quite.') and one line per response, with why."""
    options = response_options()
    chosen, recommended = set(chosen), list(stage.responses)
    hits = [r for r in recommended if r in chosen]
    verdict = "Correct." if set(recommended) == chosen else ("Partly." if hits else "Not quite.")
    lines = [f"<strong>Chosen and recommended:</strong> {_option(r, options)}" for r in hits]
    lines += [f"<strong>Missed:</strong> {_option(r, options)}" for r in recommended if r not in chosen]
    lines += [f"<strong>Also chosen:</strong> {_option(r, options, risks=True)}"
              for r in sorted(chosen - set(recommended))]
    return verdict, lines


def _option(option_id: str, options: pd.DataFrame, risks: bool = False) -> str:
    row = options.loc[option_id]
    text = f"{escape(row['name'])} (takes {escape(row['time_to_effect'])}). {escape(row['description'])}"
    return text + (f" Risks: {escape(row['risks'])}" if risks else "")


def stage_feedback(answer: dict, stage: Stage) -> str:
    verdict, lines = response_feedback(answer["responses"], stage)
    chosen = len(answer["responses"])
    comparison = compare(answer["marked"], stage)
    return "".join([
        f"<h4>Feedback on stage {stage.number}</h4>",
        f"<p role='status'><strong>Risk level.</strong> {escape(risk_feedback(answer['risk'], stage))}</p>",
        f"<p><strong>Responses.</strong> {verdict} You chose {chosen}; the expert recommends "
        f"{len(stage.responses)}.</p><ul>{''.join(f'<li>{line}</li>' for line in lines)}</ul>",
        "<p><strong>Warning signs.</strong></p>", comparison_html(comparison, stage),
        f"<p><strong>What happened next:</strong> {escape(stage.outcome)}</p>",
    ])


# --- the debrief ------------------------------------------------------------------


@dataclass(frozen=True)
class LeadTime:
    learner: Stage | None  # the first stage the learner rated high or very high
    expert: Stage | None
    onset: str | None  # the panel's onset month, if any

    @property
    def months(self) -> int | None:
        """Months the learner's warning came before the expert's (negative: after)."""
        if self.learner is None or self.expert is None:
            return None
        return months_between(self.learner.month, self.expert.month)

    def before_onset(self, who: Stage | None) -> int | None:
        return months_between(who.month, self.onset) if (who and self.onset) else None


def lead_time(ratings: dict[int, str], stages: tuple[Stage, ...], onset: str | None) -> LeadTime:
    """First warnings of the learner and the expert among the stages the learner rated."""
    played = [s for s in stages if s.number in ratings]
    learner = next((s for s in played if ratings[s.number] in WARNING), None)
    expert = next((s for s in played if s.risk_level in WARNING), None)
    return LeadTime(learner, expert, onset)


def lead_time_text(lead: LeadTime, country_name: str) -> list[str]:
    at = lambda s: f"stage {s.number}, {s.when}"  # noqa: E731
    if lead.learner and lead.expert:
        m = lead.months
        if m > 0:
            lines = [f"Lead time won: you first rated the risk high or very high at {at(lead.learner)}, "
                     f"{m} month{'s' if m != 1 else ''} before the expert did ({at(lead.expert)})."]
        elif m < 0:
            lines = [f"Lead time lost: you first rated the risk high or very high at {at(lead.learner)}, "
                     f"{-m} month{'s' if m != -1 else ''} after the expert did ({at(lead.expert)})."]
        else:
            lines = [f"Same timing: you and the expert both first rated the risk high or very high at "
                     f"{at(lead.expert)}."]
    elif lead.expert:
        lines = [f"Lead time lost: you never rated the risk high or very high; the expert did from {at(lead.expert)}."]
    elif lead.learner:
        lines = [f"You rated the risk high or very high at {at(lead.learner)}; the expert did not in the "
                 "stages you played, so the expert would read this as an early alarm."]
    else:
        lines = ["Neither you nor the expert rated the risk high or very high in the stages you played."]
    if lead.onset:
        lines.append(f"The monitoring panel records the onset of mass violence in {country_name} in "
                     f"{month_name(lead.onset)}. {_onset_gap('Your', lead.before_onset(lead.learner))} "
                     f"{_onset_gap('The expert’s', lead.before_onset(lead.expert))}")
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
        for s in played)
    table = ("<table><thead><tr><th>Stage</th><th>Month</th><th>You</th><th>Expert</th><th>Risk level</th>"
             f"<th>Recommended responses you chose</th></tr></thead><tbody>{rows}</tbody></table>")
    png, summary = debrief_chart(ratings, stages, onset)
    lead = lead_time(ratings, stages, onset)
    covered = "all the stages" if len(played) == len(stages) else f"the {len(played)} stages you submitted"
    return "".join([
        f"<h3>Debrief: your path and the expert's</h3><p>This covers {covered}.</p>",
        "".join(f"<p role='status'><strong>{escape(line)}</strong></p>" if i == 0 else f"<p>{escape(line)}</p>"
                for i, line in enumerate(lead_time_text(lead, country_name))),
        f"<p>You matched the expert's risk level at {same} of {len(played)} stages; you rated it higher at "
        f"{higher} and lower at {len(played) - same - higher}. You chose {hits} of the {recommended} "
        "responses the expert recommended.</p>",
        figure_html(png, summary), table,
    ])


# --- the widget -------------------------------------------------------------------


class ScenarioPlayer:
    """Step through a scenario; state is ``progress`` (a plain dict, saved after every change)."""

    def __init__(self, scenario_id: str, folder: str | Path | None = None):
        self.scenario_id = scenario_id
        self.stages = scenario_stages(scenario_id)
        self.country = country(scenario_id)
        self.onset = onset_month(country_panel(scenario_id))
        # On a workshop hub, progress goes to the learner's shared folder, which the instructor's class view reads.
        self.store = AnswerStore(progress_id(scenario_id), Path(folder) if folder else progress_folder() or Path.cwd())
        self.notice_text = ""
        self.progress = self._load()
        self._quiet = False
        self._build()
        self.show(self.progress["current"], save=False)

    # --- widgets ----------------------------------------------------------

    def _build(self) -> None:
        self._build_stage()
        self._build_answers()
        self._build_navigation()
        step = lambda text: widgets.HTML(f"<h4>{text}</h4>")  # noqa: E731
        self.box = widgets.VBox([
            self.heading, self.notice, self.book_button, self.book, self.stage_heading, self.report, self.chart,
            step("Step 1. Mark the warning signs you see"), self.assessment.box,
            step("Step 2. Rate the risk of atrocity crimes"), self.risk,
            step("Step 3. Choose the responses you would press for first (three to five)"), self.responses.box,
            self.submit_button, self.feedback,
            widgets.HBox([self.previous_button, self.next_button, self.debrief_button]), self.debrief,
            self.restart_button, self.restart_confirm,
        ], layout=WIDE)

    def _build_stage(self) -> None:
        """What the learner reads: the country, the stage's report and charts."""
        name, note = escape(self.country["name"]), escape(self.country["fiction_note"])
        self.heading = widgets.HTML(f"<h3>Scenario: {name}</h3><p><em>{note}</em></p>")
        self.notice = widgets.HTML(self.notice_text)
        self.book_button = widgets.ToggleButton(description="Show the country book", icon="book", layout=auto(),
                                                tooltip="Background on the country: history, groups, institutions")
        self.book = widgets.HTML(self._book_html(), layout=widgets.Layout(display="none", width="100%"))
        self.book_button.observe(self._toggle_book, names="value")
        self.stage_heading = widgets.HTML()
        self.report = widgets.HTML(layout=WIDE)
        self.chart = widgets.HTML(layout=WIDE)

    def _build_answers(self) -> None:
        """What the learner does: mark signs, rate the risk, choose responses, submit."""
        self.assessment = RiskAssessment(self.scenario_id, self.stages[0].number, on_change=self._assessed,
                                         show_compare=False)
        self.risk = widgets.RadioButtons(options=[(LEVEL_LABELS[lv], lv) for lv in LEVELS], value=None,
                                         description="Risk level:", style={"description_width": "initial"})
        self.risk.observe(lambda _change: self._answered(), names="value")
        self.responses = Checklist(self._response_groups(), on_change=lambda _ids: self._answered(),
                                   noun="chosen")
        self.submit_button = widgets.Button(description="Submit this stage", icon="check", button_style="primary",
                                            tooltip="Lock your answers for this stage and see the feedback",
                                            layout=auto())
        self.submit_button.on_click(lambda _b: self.submit())
        self.feedback = widgets.HTML(layout=WIDE)

    def _build_navigation(self) -> None:
        self.previous_button = widgets.Button(description="Previous stage", icon="arrow-left", layout=auto())
        self.next_button = widgets.Button(description="Next stage", icon="arrow-right", layout=auto())
        self.debrief_button = widgets.Button(description="See the debrief", icon="flag-checkered", layout=auto())
        self.previous_button.on_click(lambda _b: self.show(self.current - 1))
        self.next_button.on_click(lambda _b: self.show(self.current + 1))
        self.debrief_button.on_click(lambda _b: self.show_debrief())
        self.debrief = widgets.HTML(layout=WIDE)
        self._build_restart()

    def _build_restart(self) -> None:
        """'Start again' asks first: it clears every answer, and a slip must not lose work."""
        self.restart_button = widgets.Button(description="Start the scenario again", icon="undo", layout=auto(),
                                             tooltip="Clear all your answers and go back to stage 1")
        question = widgets.HTML("<p role='alert'><strong>Start again?</strong> This clears all your answers "
                                "in this scenario; the previous save is kept as a .bak file beside it.</p>")
        yes = widgets.Button(description="Yes, clear my answers", icon="check", button_style="warning",
                             layout=auto())
        no = widgets.Button(description="No, keep my answers", icon="times", layout=auto())
        self.restart_confirm = widgets.VBox([question, widgets.HBox([yes, no])],
                                            layout=widgets.Layout(display="none"))
        self.restart_button.on_click(lambda _b: self._ask_restart(True))
        yes.on_click(lambda _b: (self._ask_restart(False), self.restart()))
        no.on_click(lambda _b: self._ask_restart(False))
        self.restart_yes, self.restart_no = yes, no

    def _ask_restart(self, asking: bool) -> None:
        self.restart_confirm.layout.display = "flex" if asking else "none"
        self.restart_button.disabled = asking

    def _book_html(self) -> str:
        fields = ["history", "groups", "institutions", "economy", "media", "international_presence"]
        return "".join(f"<p><strong>{f.replace('_', ' ').capitalize()}.</strong> "
                       f"{escape(str(self.country[f]))}</p>" for f in fields)

    def _response_groups(self) -> list[Group]:
        options = response_options()
        return [Group(cat, category_label(cat), tuple(
                    (oid, f"{row['name']} (takes {row['time_to_effect']})") for oid, row in rows.iterrows()))
                for cat, rows in options.groupby("category", sort=False)]

    # --- state ------------------------------------------------------------

    @property
    def current(self) -> int:
        return self.progress["current"]

    @property
    def stage(self) -> Stage:
        return next(s for s in self.stages if s.number == self.current)

    def answer(self, number: int | None = None) -> dict:
        key = str(number or self.current)
        return self.progress["stages"].setdefault(key, blank_answer())

    def _load(self) -> dict:
        entries = self.store.load()
        name = self.store.path.name
        fresh = new_progress(self.scenario_id)
        if self.store.problem and entries:
            self.notice_text = (f"<p role='status'>Note: your progress file {escape(name)} was damaged, so your "
                                "previous save was used; check the last stage you played.</p>")
        elif self.store.problem:
            self.notice_text = (f"<p role='status'>Note: your progress file {escape(name)} is damaged, so the "
                                "scenario starts again at stage 1; your new answers will be saved.</p>")
        entry = entries.get(PROGRESS_KEY)
        if entry is None:
            return fresh
        progress = clean_progress(entry.value, self.scenario_id, self.stages)
        if progress is None:
            self.notice_text = (f"<p role='status'>Note: your progress file {escape(name)} is not in the form "
                                "this course writes, so the scenario starts again at stage 1.</p>")
            return fresh
        if not self.notice_text and progress["stages"]:
            self.notice_text = (f"<p role='status'>Welcome back: your answers were restored from {escape(name)}; "
                                f"you are at stage {progress['current']}.</p>")
        return progress

    def save(self) -> None:
        self.store.save(PROGRESS_KEY, self.progress, CLICK)

    def restart(self) -> None:
        """Start the scenario again from stage 1 (the old progress file is kept as .bak)."""
        self.progress = new_progress(self.scenario_id)
        self.debrief.value = ""
        self.notice.value = "<p role='status'>You started the scenario again at stage 1.</p>"
        self.show(1)

    # --- actions ----------------------------------------------------------

    def show(self, number: int, save: bool = True) -> None:
        """Go to a stage the learner has reached, with its report, charts and saved answers."""
        number = max(1, min(int(number), reachable(self.progress, self.stages)))
        self.progress["current"] = number
        stage, answer = self.stage, self.answer()
        self.stage_heading.value = (f"<h3>Stage {stage.number} of {len(self.stages)}: {escape(stage.title)} "
                                    f"({escape(stage.when)})</h3>")
        self.report.value = report_html(stage, heading=False)
        png, summary, self.chart_data = panel_charts(self.scenario_id).stage(stage.month)
        self.chart_summary = summary
        self.chart.value = figure_html(png, summary)
        self._quiet = True
        try:
            self.assessment.load_stage(self.scenario_id, stage.number, answer, compared=answer["submitted"])
            self.risk.value = answer["risk"]
            self.responses.set_value(answer["responses"])
        finally:
            self._quiet = False
        self._lock(answer["submitted"])
        self.feedback.value = stage_feedback(answer, stage) if answer["submitted"] else ""
        self._update_nav()
        if save:
            self.save()

    def submit(self) -> bool:
        """Lock the current stage and show the feedback; False (with a note) if no risk level is chosen."""
        answer = self.answer()
        if answer["submitted"]:
            return True
        if answer["risk"] is None:
            self.feedback.value = "<p role='status'><strong>Not yet:</strong> choose a risk level (step 2) first.</p>"
            return False
        answer["submitted"] = True
        self._lock(True)
        self.assessment.compare(explain=False)
        self.feedback.value = stage_feedback(answer, self.stage)
        self._update_nav()
        self.save()
        return True

    def show_debrief(self) -> str:
        self.debrief.value = debrief_html(self.progress, self.stages, self.onset, self.country["name"])
        return self.debrief.value

    # --- callbacks ----------------------------------------------------------

    def _assessed(self, state: dict) -> None:
        if not self._quiet:
            self.answer().update(marked=state["marked"], notes=state["notes"])
            self.save()

    def _answered(self) -> None:
        if not self._quiet:
            self.answer().update(risk=self.risk.value, responses=self.responses.value)
            if self.risk.value is not None and self.feedback.value.startswith("<p role='status'><strong>Not yet"):
                self.feedback.value = ""
            self.save()

    def _lock(self, locked: bool) -> None:
        self.assessment.set_disabled(locked)
        self.responses.set_disabled(locked)
        self.risk.disabled = locked
        self.submit_button.disabled = locked
        self.submit_button.description = f"Submitted stage {self.current}" if locked else f"Submit stage {self.current}"

    def _update_nav(self) -> None:
        last = self.stages[-1].number
        submitted = self.answer()["submitted"]
        self.previous_button.disabled = self.current <= 1
        self.next_button.disabled = not submitted or self.current >= last
        self.debrief_button.disabled = not any(a.get("submitted") for a in self.progress["stages"].values())

    def _toggle_book(self, change) -> None:
        self.book.layout.display = "block" if change["new"] else "none"
        self.book_button.description = "Hide the country book" if change["new"] else "Show the country book"

    def _ipython_display_(self) -> None:
        if grading():
            print(f"Scenario {self.country['name']}: stage {self.current} of {len(self.stages)}.")
            return
        from IPython.display import display

        display(self.box)


def scenario_player(scenario_id: str = "veldora", folder: str | Path | None = None) -> ScenarioPlayer:
    """Play a scenario; progress is saved beside the notebook (or in ``folder``)."""
    return ScenarioPlayer(scenario_id, folder)
