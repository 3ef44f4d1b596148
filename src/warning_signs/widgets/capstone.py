"""The capstone crisis simulation: a branching scenario, played solo or as a team.

Choose a scenario, solo or team, and the roles people play, from the controls.
At each stage every played role picks one option (radio buttons, labelled with the
role's name); "Take the decision" combines them (the expert policy plays the other
roles), moves the story and saves the progress at once. At an ending, the debrief
shows the path beside the expert's, lead time, warnings, roles and turning points.

Saves go to ``capstone-<scenario>-<player>.json`` beside the notebook (or in
``folder``); see :mod:`warning_signs.knowledge.capstone_play` for whose file it is
in JupyterLab, on a hub and in Voila.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

import ipywidgets as widgets

from ..charts.capstone_graph import scenario_graph
from ..knowledge.capstone import load_scenario, scenario_ids
from ..knowledge.capstone_debrief import debrief
from ..knowledge.capstone_play import Play, Saver, load, new_play, player_key, save_path
from ..knowledge.capstone_rules import closed_reason, open_options, remaining
from ..mode import being_graded
from .base import CourseWidget
from .capstone_debrief import debrief_html
from .checklist import WIDE

LABEL = {"description_width": "initial"}


def auto() -> widgets.Layout:
    return widgets.Layout(width="auto", align_self="flex-start")


class CapstoneSimulation(CourseWidget):
    """State: ``self.play`` (a :class:`Play`), saved after every decision to ``self.path``."""

    play: Play

    def __init__(
        self,
        scenario: str = "kestria",
        mode: str = "solo",
        role: str = "civil_society",
        team: str | None = None,
        folder: str | Path | None = None,
    ):
        super().__init__(layout=WIDE)
        self.folder = Path(folder) if folder else Path.cwd()
        self.radios: dict[str, widgets.RadioButtons] = {}
        self.role_boxes: dict[str, tuple[widgets.VBox, widgets.RadioButtons]] = {}
        self.saver = Saver()
        first = load_scenario(scenario if scenario in scenario_ids() else scenario_ids()[0])
        self._build_setup(first, mode, role, team)
        self._build_stage()
        self.children = [self.setup, self.notice, self.stage_box, self.debrief]
        self.start()

    # --- building -------------------------------------------------------------------

    def _build_setup(self, s, mode: str, role: str, team: str | None) -> None:
        roles = [(s.roles[r].name, r) for r in s.role_ids()]
        self.scenario_choice = widgets.Dropdown(
            options=[(load_scenario(i).title, i) for i in scenario_ids()],
            value=s.id,
            description="Scenario:",
            style=LABEL,
        )
        self.mode_choice = widgets.RadioButtons(
            options=[("Solo: I play one role", "solo"), ("Team: up to five players at this screen", "team")],
            value=mode if mode in ("solo", "team") else "solo",
            description="Mode:",
            style=LABEL,
        )
        self.role_choice = widgets.Dropdown(
            options=roles, value=role if role in s.roles else roles[0][1], description="Your role (solo):", style=LABEL
        )
        self.team_roles = [
            widgets.Checkbox(value=True, description=f"{name} is played by a person", indent=False, layout=WIDE)
            for name, _ in roles
        ]
        self.team_box = widgets.VBox(
            [widgets.HTML("<p>Team: untick a role to let the expert policy play it.</p>"), *self.team_roles]
        )
        self.team_name = widgets.Text(
            value=team or "",
            description="Team or player name (names the save file):",
            style=LABEL,
            layout=widgets.Layout(width="32em"),
        )
        self.start_button = widgets.Button(
            description="Start or resume",
            icon="play",
            button_style="primary",
            layout=auto(),
            tooltip="Resume your saved play of this scenario, or start",
        )
        self.start_button.on_click(lambda _b: self.start())
        self.mode_choice.observe(lambda _c: self._show_mode(), names="value")
        self.setup = widgets.VBox(
            [
                widgets.HTML("<h3>Set up the simulation</h3>"),
                self.scenario_choice,
                self.mode_choice,
                self.role_choice,
                self.team_box,
                self.team_name,
                self.start_button,
            ],
            layout=WIDE,
        )
        self._show_mode()

    def _build_stage(self) -> None:
        self.notice = widgets.HTML(layout=WIDE)
        self.heading = widgets.HTML(layout=WIDE)
        self.report = widgets.HTML(layout=WIDE)
        self.choices_box = widgets.VBox(layout=WIDE)
        self.decide_button = widgets.Button(
            description="Take the decision",
            icon="check",
            button_style="primary",
            layout=auto(),
            tooltip="Combine the roles' choices and see what happens",
        )
        self.decide_button.on_click(lambda _b: self.decide())
        self.feedback = widgets.HTML(layout=WIDE)
        self.debrief_button = widgets.Button(description="See the debrief", icon="flag-checkered", layout=auto())
        self.debrief_button.on_click(lambda _b: self.show_debrief())
        self.restart_button = widgets.Button(description="Start this scenario again", icon="undo", layout=auto())
        yes = widgets.Button(description="Yes, clear this play", icon="check", button_style="warning", layout=auto())
        no = widgets.Button(description="No, keep it", icon="times", layout=auto())
        self.restart_yes, self.restart_no = yes, no
        self.restart_confirm = widgets.VBox(
            [
                widgets.HTML(
                    "<p role='alert'><strong>Start again?</strong> This clears every decision of this play; "
                    "the previous save is kept as a .bak file beside it.</p>"
                ),
                widgets.HBox([yes, no]),
            ],
            layout=widgets.Layout(display="none"),
        )
        self.restart_button.on_click(lambda _b: self._ask_restart(True))
        yes.on_click(self._confirmed_restart)
        no.on_click(lambda _b: self._ask_restart(False))
        self.stage_box = widgets.VBox(
            [
                self.heading,
                self.report,
                self.choices_box,
                self.decide_button,
                self.feedback,
                widgets.HBox([self.debrief_button, self.restart_button]),
                self.restart_confirm,
            ],
            layout=WIDE,
        )
        self.debrief = widgets.HTML(layout=WIDE)

    def _show_mode(self) -> None:
        solo = self.mode_choice.value == "solo"
        self.role_choice.layout.display = "flex" if solo else "none"
        self.team_box.layout.display = "none" if solo else "flex"

    def _confirmed_restart(self, _button=None) -> None:
        self._ask_restart(False)
        self.restart()

    def _ask_restart(self, asking: bool) -> None:
        self.restart_confirm.layout.display = "flex" if asking else "none"
        self.restart_button.disabled = asking

    # --- state ------------------------------------------------------------------------

    @property
    def players(self) -> list[str]:
        s = load_scenario(self.scenario_choice.value)
        if self.mode_choice.value == "solo":
            return [self.role_choice.value]
        return [r for r, box in zip(s.role_ids(), self.team_roles, strict=True) if box.value]

    @property
    def key(self) -> str:
        return player_key(self.team_name.value or None)

    @property
    def path(self) -> Path:
        return save_path(self.folder, self.scenario_choice.value, self.key)

    def start(self) -> None:
        """Resume the saved play of this scenario and player, or start one with the chosen roles."""
        scenario_id, players = self.scenario_choice.value, self.players
        if not players:
            self.notice.value = (
                "<p role='status'><strong>Not yet:</strong> tick at least one role played by a person.</p>"
            )
            return
        self.saver.flush()  # a save still on its way is part of what to resume
        play, problem = load(self.path, scenario_id)
        where = escape(self.path.name)
        if play is not None and play.log:
            self.play = play
            who = ", ".join(play.scenario.roles[r].name for r in play.players)
            text = (
                f"Welcome back: your play was restored from {where} ({play.mode}: {escape(who)}), at "
                f"{'its ending' if play.finished else 'stage ' + escape(play.node)}. To play other roles, "
                "start this scenario again."
            )
        else:
            self.play = new_play(scenario_id, players)
            text = f"A new play of {escape(self.play.scenario.title)}; it is saved after every decision to {where}."
        if problem:
            text = f"{escape(problem)} {text}"
        if self.key.startswith("visitor-"):
            text += (
                f" To come back to it later, open this page with <code>?team={escape(self.key)}</code> at the "
                "end of its address."
            )
        self.notice.value = f"<p role='status'>{text}</p>"
        self.debrief.value = ""
        self.feedback.value = ""
        if not being_graded():
            scenario_graph(scenario_id)  # draw the graph's background now, so the debrief is quick
        self.show_stage()

    def restart(self) -> None:
        if not self.players:
            self.notice.value = (
                "<p role='status'><strong>Not yet:</strong> tick at least one role played by a person.</p>"
            )
            return
        self.play = new_play(self.scenario_choice.value, self.players)
        self.saver.save(self.play, self.path, self.key)
        self.debrief.value = ""
        self.feedback.value = ""
        self.notice.value = "<p role='status'>You started the scenario again at its first stage.</p>"
        self.show_stage()

    # --- the stage ------------------------------------------------------------------------

    def show_stage(self) -> None:
        play = self.play
        s = play.scenario
        if play.finished:
            ending = s.endings[play.node]
            self.heading.value = f"<h3>{escape(s.country)}: the scenario has ended</h3>"
            self.report.value = (
                f"<p role='status'><strong>Ending: {escape(ending.name)}.</strong> "
                f"{escape(ending.narrative)}</p><p>Press <em>See the debrief</em> to see your path "
                "beside the expert's, the lead time, and what each role did.</p>"
            )
            self.choices_box.children = []
            self.radios = {}
            self.decide_button.disabled = True
            return
        stage = play.stage
        self.heading.value = (
            f"<h3>{escape(s.country)}, week {stage.week}: {escape(stage.title)}</h3>"
            f"<p><em>{escape(s.fiction_note)}</em></p>"
        )
        injects = "".join(f"<li>{escape(i)}</li>" for i in stage.injects)
        self.report.value = (
            f"<p>{escape(stage.sitrep)}</p><p><strong>New this stage:</strong></p><ul>{injects}</ul>"
            + (
                ""
                if stage.consent
                else "<p><strong>The host government refuses consent to new "
                "outside presence at this stage.</strong></p>"
            )
        )
        self.radios = {}
        boxes = []
        for role in play.players:
            boxes.append(self._role_box(role))
        self.choices_box.children = boxes
        self.decide_button.disabled = False

    def _role_box(self, role: str) -> widgets.VBox:
        """The role's brief, its open options and the closed ones with why (widgets kept, contents updated)."""
        play, s = self.play, self.play.scenario
        stage = play.stage
        if role not in self.role_boxes:  # made once per role: new widgets at every stage would cost time
            radio = widgets.RadioButtons(options=[], value=None, style=LABEL, layout=WIDE)
            self.role_boxes[role] = (widgets.VBox([widgets.HTML(), radio, widgets.HTML()], layout=WIDE), radio)
        box, radio = self.role_boxes[role]
        r = s.roles[role]
        opened = open_options(s, stage, role, play.history)
        with self.quietly():
            radio.description = f"{r.name}:"
            radio.options = [(f"{s.options[o].name} ({self._costs(o)})", o) for o in opened]
            radio.value = None
        self.radios[role] = radio
        closed = [
            f"<li>{escape(s.options[o].name)}: {escape(closed_reason(s, stage, o, play.history) or '')}</li>"
            for o in stage.choices[role].options
            if o not in opened
        ]
        box.children[0].value = (
            f"<h4>{escape(r.name)}</h4><p>{escape(r.brief)} <em>{escape(r.constraints)}</em></p>"
            f"<p>Political capital left: {remaining(s, role, play.history)} of {r.capital}.</p>"
        )
        box.children[2].value = f"<p>Closed now:</p><ul>{''.join(closed)}</ul>" if closed else ""
        return box

    def _costs(self, option_id: str) -> str:
        o = self.play.scenario.options[option_id]
        bits = [f"costs {o.cost}" if o.cost else "free", f"takes {o.weeks} weeks" if o.weeks else "at once"]
        if o.needs_consent:
            bits.append("needs consent")
        return ", ".join(bits)

    def choose(self, role: str, option: str | None) -> None:
        """Set a role's choice (as a click on its radio button would)."""
        self.radios[role].value = option

    def decide(self) -> list[str]:
        """Combine the players' choices and move the story; problems (one sentence each) stop it."""
        if self.play.finished:
            return []
        stage = self.play.node
        problems = self.play.decide({r: radio.value for r, radio in self.radios.items()})
        if problems:
            self.feedback.value = (
                "<div role='status'><strong>Not yet:</strong><ul>"
                + "".join(f"<li>{escape(p)}</li>" for p in problems)
                + "</ul></div>"
            )
            return problems
        self.saver.save(self.play, self.path, self.key)
        if self.saver.problem:  # an earlier save failed: say so, once, in one sentence
            self.notice.value = f"<p role='status'><strong>Note:</strong> {escape(self.saver.problem)}</p>"
            self.saver.problem = None
        entry = self.play.log[-1]
        s = self.play.scenario
        others = [
            f"{s.roles[r].name}: {s.options[o].name}"
            for r, o in entry["decision"].items()
            if r not in self.play.players
        ]
        policy = f"<p>The expert policy played the other roles: {escape('; '.join(others))}.</p>" if others else ""
        self.feedback.value = (
            f"<div role='status'><h4>What happened after {escape(stage)}</h4>"
            f"<p>{escape(entry['consequence'])}</p>{policy}</div>"
        )
        self.show_stage()
        return []

    def flush(self) -> None:
        """Wait until every decision so far is on disk (saves run in the background)."""
        self.saver.flush()
        if self.saver.problem:
            self.notice.value = f"<p role='status'><strong>Note:</strong> {escape(self.saver.problem)}</p>"

    def show_debrief(self) -> str:
        play = self.play
        d = debrief(play.scenario, play.history, play.node if play.finished else None)
        self.debrief.value = debrief_html(play.scenario, d)
        return self.debrief.value


def capstone_simulation(
    scenario: str = "kestria",
    mode: str = "solo",
    role: str = "civil_society",
    team: str | None = None,
    folder: str | Path | None = None,
) -> CapstoneSimulation:
    """The capstone simulation; scenario, mode and roles can be changed from its controls."""
    return CapstoneSimulation(scenario, mode, role, team, folder)
