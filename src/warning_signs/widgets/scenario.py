"""Scenario player: a fictional country's crisis, stage by stage.

At each stage the learner reads a situation report and the monitoring data up
to that month, marks the warning signs (the risk-factor assessment), rates the
risk and chooses responses, then submits and gets feedback against the expert's
reading. A submitted stage is locked, so the debrief shows what the learner
judged at the time. With the risk level the learner says how confident they
are and what would change their mind. The debrief compares the two paths: the
lead time won or lost beside the cost of false alarms (readings above the
expert's defensible range), calibration, the learner's notes and, where the
panel has one, the months before the onset.

Progress is saved after every change to ``scenario-<id>.answers.json`` beside
the notebook (atomically, with a ``.bak``: the answer store of the exercises),
so a learner can stop and resume. A damaged file is reported in one sentence.
The rules (progress, lead time) are in :mod:`warning_signs.knowledge.progress`,
the words of the feedback and the debrief in :mod:`.debrief`.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

import ipywidgets as widgets

from ..answers import CLICK, AnswerStore
from ..charts import figure_html
from ..charts.panelcharts import panel_charts
from ..hub import progress_folder as hub_progress_folder
from ..knowledge.panel import country_panel, onset_month
from ..knowledge.progress import (
    PROGRESS_KEY,
    blank_answer,
    clean_progress,
    new_progress,
    progress_id,
    reachable,
)
from ..knowledge.responses import category_label, response_options
from ..knowledge.scenarios import LEVEL_LABELS, LEVELS, Stage, country, scenario_stages
from ..knowledge.scoring import CONFIDENCE, CONFIDENCE_LABELS, clean_note
from ..visitors import progress_folder
from .a11y import DISCLOSURE
from .assessment import RiskAssessment, report_html
from .base import CourseWidget
from .checklist import WIDE, Checklist, Group
from .debrief import debrief_html, stage_feedback


def auto() -> widgets.Layout:
    """A layout of its own for each button, as wide as its label, so it is never cut off."""
    return widgets.Layout(width="auto", align_self="flex-start")


# --- the widget -------------------------------------------------------------------


class ScenarioPlayer(CourseWidget):
    """Step through a scenario; state is ``progress`` (a plain dict, saved after every change)."""

    def __init__(self, scenario_id: str, folder: str | Path | None = None):
        super().__init__(layout=WIDE)
        self.scenario_id = scenario_id
        self.stages = scenario_stages(scenario_id)
        self.country = country(scenario_id)
        self.onset = onset_month(country_panel(scenario_id))
        # Beside the notebook in JupyterLab; the learner's shared folder on a workshop hub (the
        # instructor's class view reads it); the visitor's own folder under Voila.
        self.store = AnswerStore(
            progress_id(scenario_id), Path(folder) if folder else hub_progress_folder() or progress_folder()
        )
        self.notice_text = ""
        self.progress = self._load()
        self._build()
        self.show(self.progress["current"], save=False)

    # --- widgets ----------------------------------------------------------

    def _build(self) -> None:
        self._build_stage()
        self._build_answers()
        self._build_navigation()
        step = lambda text: widgets.HTML(f"<h4>{text}</h4>")  # noqa: E731
        self.children = [
            self.heading,
            self.notice,
            self.book_button,
            self.book,
            self.stage_heading,
            self.report,
            self.chart,
            step("Step 1. Mark the warning signs you see"),
            self.assessment,
            step("Step 2. Rate the risk of atrocity crimes"),
            self.risk,
            self.confidence,
            self.change_mind,
            step("Step 3. Choose the responses you would press for first (three to five)"),
            self.responses,
            self.submit_button,
            self.feedback,
            widgets.HBox([self.previous_button, self.next_button, self.debrief_button]),
            self.debrief,
            self.restart_button,
            self.restart_confirm,
        ]

    def _build_stage(self) -> None:
        """What the learner reads: the country, the stage's report and charts."""
        name, note = escape(self.country["name"]), escape(self.country["fiction_note"])
        self.heading = widgets.HTML(f"<h3>Scenario: {name}</h3><p><em>{note}</em></p>")
        self.notice = widgets.HTML(self.notice_text)
        self.book_button = widgets.ToggleButton(
            description="Show the country book",
            icon="book",
            layout=auto(),
            tooltip="Background on the country: history, groups, institutions",
        )
        self.book_button.add_class(DISCLOSURE)  # announced as open or closed (see a11y.py)
        self.book = widgets.HTML(self._book_html(), layout=widgets.Layout(display="none", width="100%"))
        self.book_button.observe(self._toggle_book, names="value")
        self.stage_heading = widgets.HTML()
        self.report = widgets.HTML(layout=WIDE)
        self.chart = widgets.HTML(layout=WIDE)

    def _build_answers(self) -> None:
        """What the learner does: mark signs, rate the risk, choose responses, submit."""
        self.assessment = RiskAssessment(
            self.scenario_id, self.stages[0].number, on_change=self._assessed, show_compare=False
        )
        self.risk = widgets.RadioButtons(
            options=[(LEVEL_LABELS[lv], lv) for lv in LEVELS],
            value=None,
            description="Risk level:",
            style={"description_width": "initial"},
        )
        self.risk.observe(lambda _change: self._answered(), names="value")
        self._build_confidence()
        self.responses = Checklist(self._response_groups(), on_change=lambda _ids: self._answered(), noun="chosen")
        self.submit_button = widgets.Button(
            description="Submit this stage",
            icon="check",
            button_style="primary",
            tooltip="Lock your answers for this stage and see the feedback",
            layout=auto(),
        )
        self.submit_button.on_click(lambda _b: self._submit_clicked())
        self.feedback = widgets.HTML(layout=WIDE)

    def _build_confidence(self) -> None:
        """How sure the learner is, and what would change their mind: saved, used in the feedback."""
        self.confidence = widgets.RadioButtons(
            options=[(CONFIDENCE_LABELS[c], c) for c in CONFIDENCE],
            value=None,
            description="How confident are you in this risk level?",
            style={"description_width": "initial"},
        )
        self.change_mind = widgets.Textarea(
            placeholder="For example: a credible ceasefire, or reports of lists being drawn up",
            description="What would change my mind:",
            style={"description_width": "initial"},
            layout=widgets.Layout(width="95%"),
        )
        self.confidence.observe(lambda _change: self._answered(), names="value")
        self.change_mind.observe(lambda _change: self._answered(), names="value")

    def _build_navigation(self) -> None:
        self.previous_button = widgets.Button(description="Previous stage", icon="arrow-left", layout=auto())
        self.next_button = widgets.Button(description="Next stage", icon="arrow-right", layout=auto())
        self.debrief_button = widgets.Button(description="See the debrief", icon="flag-checkered", layout=auto())
        self.previous_button.on_click(lambda _b: self._go(self.current - 1))
        self.next_button.on_click(lambda _b: self._go(self.current + 1))
        self.debrief_button.on_click(lambda _b: self.show_debrief())
        self.debrief = widgets.HTML(layout=WIDE)
        self._build_restart()

    def _build_restart(self) -> None:
        """'Start again' asks first: it clears every answer, and a slip must not lose work."""
        self.restart_button = widgets.Button(
            description="Start the scenario again",
            icon="undo",
            layout=auto(),
            tooltip="Clear all your answers and go back to stage 1",
        )
        question = widgets.HTML(
            "<p role='alert'><strong>Start again?</strong> This clears all your answers "
            "in this scenario; the previous save is kept as a .bak file beside it.</p>"
        )
        yes = widgets.Button(description="Yes, clear my answers", icon="check", button_style="warning", layout=auto())
        no = widgets.Button(description="No, keep my answers", icon="times", layout=auto())
        self.restart_confirm = widgets.VBox([question, widgets.HBox([yes, no])], layout=widgets.Layout(display="none"))
        self.restart_button.on_click(lambda _b: self._ask_restart(True))
        yes.on_click(lambda _b: self._confirm_restart())
        no.on_click(lambda _b: self._ask_restart(False))
        self.restart_yes, self.restart_no = yes, no

    def _confirm_restart(self) -> None:
        self._ask_restart(False, refocus=False)
        self.restart()
        self.first_control().focus()  # stage 1's first control, not the top of the page

    def _ask_restart(self, asking: bool, refocus: bool = True) -> None:
        self.restart_confirm.layout.display = "flex" if asking else "none"
        self.restart_button.disabled = asking
        if refocus:  # the clicked button is now hidden or disabled: focus must not fall to the page top
            (self.restart_no if asking else self.restart_button).focus()

    def first_control(self) -> widgets.DOMWidget:
        """The first thing to do at a stage: open the first group of warning signs."""
        return next(iter(self.assessment.checklist.headers.values()))

    def _go(self, number: int) -> None:
        self.show(number)
        self.first_control().focus()

    def _submit_clicked(self) -> None:
        if self.submit():  # the submit button is now locked: go on to the next step
            target = self.next_button if not self.next_button.disabled else self.debrief_button
            target.focus()
        else:
            self.risk.focus()  # "choose a risk level first": take the learner there

    def _book_html(self) -> str:
        fields = ["history", "groups", "institutions", "economy", "media", "international_presence"]
        return "".join(
            f"<p><strong>{f.replace('_', ' ').capitalize()}.</strong> {escape(str(self.country[f]))}</p>"
            for f in fields
        )

    def _response_groups(self) -> list[Group]:
        options = response_options()
        return [
            Group(
                str(cat),
                category_label(str(cat)),
                tuple((str(oid), f"{row['name']} (takes {row['time_to_effect']})") for oid, row in rows.iterrows()),
            )
            for cat, rows in options.groupby("category", sort=False)
        ]

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
            self.notice_text = (
                f"<p role='status'>Note: your progress file {escape(name)} was damaged, so your "
                "previous save was used; check the last stage you played.</p>"
            )
        elif self.store.problem:
            self.notice_text = (
                f"<p role='status'>Note: your progress file {escape(name)} is damaged, so the "
                "scenario starts again at stage 1; your new answers will be saved.</p>"
            )
        entry = entries.get(PROGRESS_KEY)
        if entry is None:
            return fresh
        progress = clean_progress(entry.value, self.scenario_id, self.stages)
        if progress is None:
            self.notice_text = (
                f"<p role='status'>Note: your progress file {escape(name)} is not in the form "
                "this course writes, so the scenario starts again at stage 1.</p>"
            )
            return fresh
        if not self.notice_text and progress["stages"]:
            self.notice_text = (
                f"<p role='status'>Welcome back: your answers were restored from {escape(name)}; "
                f"you are at stage {progress['current']}.</p>"
            )
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
        self.stage_heading.value = (
            f"<h3>Stage {stage.number} of {len(self.stages)}: {escape(stage.title)} ({escape(stage.when)})</h3>"
        )
        self.report.value = report_html(stage, heading=False)
        png, summary, self.chart_data = panel_charts(self.scenario_id).stage(stage.month)
        self.chart_summary = summary
        self.chart.value = figure_html(png, summary)
        with self.quietly():
            self.assessment.load_stage(self.scenario_id, stage.number, answer, compared=answer["submitted"])
            self.risk.value = answer["risk"]
            self.confidence.value = answer.get("confidence")
            self.change_mind.value = answer.get("change_mind") or ""
            self.responses.set_value(answer["responses"])
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
        if not self.is_quiet:
            self.answer().update(marked=state["marked"], notes=state["notes"])
            self.save()

    def _answered(self) -> None:
        if not self.is_quiet:
            self.answer().update(
                risk=self.risk.value,
                confidence=self.confidence.value,
                change_mind=clean_note(self.change_mind.value),
                responses=self.responses.value,
            )
            if self.risk.value is not None and self.feedback.value.startswith("<p role='status'><strong>Not yet"):
                self.feedback.value = ""
            self.save()

    def _lock(self, locked: bool) -> None:
        self.assessment.set_disabled(locked)
        self.responses.set_disabled(locked)
        self.risk.disabled = locked
        self.confidence.disabled = locked
        self.change_mind.disabled = locked
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

    def graded_text(self) -> str:
        return f"Scenario {self.country['name']}: stage {self.current} of {len(self.stages)}."


def scenario_player(scenario_id: str = "veldora", folder: str | Path | None = None) -> ScenarioPlayer:
    """Play a scenario; progress is saved beside the notebook (or in ``folder``)."""
    return ScenarioPlayer(scenario_id, folder)
