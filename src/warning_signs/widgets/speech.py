"""Speech assessment: rate a speech sample with the Rabat test and the Dangerous Speech framework.

The learner picks a fictional sample, reads it and its setting, rates each of the
Rabat Plan's six parts and the five Dangerous Speech elements low, moderate or
high (guiding questions beside each), and ticks the hallmarks they see. "Show the
expert reading" then puts the expert's ratings beside theirs, names every
difference in words with the expert's reason, and gives the overall reading.

Everything shown comes from ``datasets/``: rabat_test, dangerous_speech,
speech_samples, speech_ratings, speech_readings and response_options, through
:mod:`warning_signs.knowledge.speech`.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape

import ipywidgets as widgets

from ..data import load, resource
from ..knowledge.speech import (
    FRAMEWORKS,
    LEVELS,
    Part,
    Reading,
    Sample,
    differences,
    expert_reading,
    hallmarks,
    parts,
    sample,
    samples,
    verdict,
)
from .base import CourseWidget

WIDE = widgets.Layout(width="100%")
SETTING = (
    ("speaker", "Speaker"),
    ("audience", "Audience"),
    ("medium", "Medium"),
    ("reach", "Reach"),
    ("context", "Context"),
)


def comparison_html(ratings: dict, marked: set, reading: Reading) -> str:
    """The expert's reading beside the learner's: verdict, differences in words, table, overall reading."""
    all_parts = parts()
    diffs = differences(ratings, reading, all_parts)
    unrated = sum(1 for p in all_parts if not ratings.get(p.key))
    head = (
        f"<p role='status'><strong>{verdict(diffs, len(all_parts) - unrated)}</strong> You and the expert agree on "
        f"{len(all_parts) - len(diffs)} of the {len(all_parts)} parts"
    )
    head += f"; you left {unrated} unrated.</p>" if unrated else ".</p>"
    # Unrated parts share one line, so the sentences name real disagreements.
    listed = "".join(f"<li>{escape(d.sentence())}</li>" for d in diffs if d.yours)
    skipped = [d.part.label for d in diffs if not d.yours]
    if skipped:
        listed += f"<li>You did not rate {escape(', '.join(skipped))}: the table shows the expert's view.</li>"
    return "".join(
        [
            head,
            f"<p><strong>Where you differ:</strong></p><ul>{listed}</ul>" if diffs else "",
            _table(ratings, reading, all_parts),
            _hallmark_html(marked, reading),
            f"<p><strong>The expert's overall reading: {escape(reading.name)}.</strong> {escape(reading.explanation)}</p>",
            _responses_html(reading),
        ]
    )


def _table(ratings: dict, reading: Reading, all_parts) -> str:
    rows = []
    for part in all_parts:
        level, reason = reading.ratings[part.key]
        yours = ratings.get(part.key) or "not rated"
        same = "same" if yours == level else "differs"
        rows.append(
            f"<tr><td>{escape(part.label)}</td><td>{escape(yours)}</td><td>{escape(level)}</td>"
            f"<td>{same}</td><td>{escape(reason)}</td></tr>"
        )
    titles = ("Part", "You", "Expert", "Match", "The expert's reason")
    head = "".join(f"<th style='text-align:left'>{h}</th>" for h in titles)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"


def _hallmark_html(marked: set, reading: Reading) -> str:
    names = {h: n for h, n, _ in hallmarks()}
    expert = set(reading.hallmarks)
    seen = ", ".join(names[h] for h in reading.hallmarks) or "none"
    lines = [f"The expert sees these hallmarks: {seen}."]
    if marked & expert:
        lines.append("You saw too: " + ", ".join(names[h] for h in reading.hallmarks if h in marked) + ".")
    if expert - marked:
        lines.append("You did not tick: " + ", ".join(names[h] for h in reading.hallmarks if h not in marked) + ".")
    if marked - expert:
        extra = ", ".join(names[h] for h in names if h in marked - expert)
        lines.append(f"You ticked, the expert does not see: {extra}.")
    return f"<p><strong>Hallmarks.</strong> {escape(' '.join(lines))}</p>"


def _responses_html(reading: Reading) -> str:
    if not reading.responses:  # the explanation says why none is needed
        return ""
    items = "".join(f"<li>{escape(i)} {escape(name)}</li>" for i, name in reading.responses)
    return f"<p><strong>Responses that fit</strong> (see the response planner):</p><ul>{items}</ul>"


def sample_html(s: Sample) -> str:
    """A sample's content note, text and setting."""
    setting = "".join(
        f"<tr><th style='text-align:left'>{label}</th><td>{escape(getattr(s, field))}</td></tr>"
        for field, label in SETTING
    )
    return (
        f"<h4>{s.number}. {escape(s.title)}</h4>"
        f"<p><em>Content note: {escape(s.content_note)} Fictional: invented people, groups and places.</em></p>"
        f"<blockquote style='border-left:4px solid #0072B2;padding-left:1em'>{escape(s.text)}</blockquote>"
        f"<table>{setting}</table>"
    )


def part_html(part: Part) -> str:
    questions = "".join(f"<li>{escape(q)}</li>" for q in part.questions)
    return f"<p><strong>{part.number}. {escape(part.name)}.</strong> {escape(part.description)}</p><ul>{questions}</ul>"


# --- the widget -------------------------------------------------------------


class SpeechAssessment(CourseWidget):
    """Pick a sample, rate the 11 parts, tick hallmarks, then reveal the expert's reading.

    State is in plain attributes: ``sample`` (the Sample shown), ``ratings``
    (part key -> 'low'/'moderate'/'high' or None), ``marked`` (hallmark ids) and
    ``revealed``. ``on_change(state)`` is called after each change.
    """

    def __init__(self, sample_id: str | None = None, on_change: Callable[[dict], None] | None = None):
        super().__init__(layout=WIDE)
        self.parts = parts()
        self.on_change = on_change
        first = sample(sample_id) if sample_id else next(iter(samples().values()))
        self.sample = first
        self.ratings: dict[str, str | None] = {p.key: None for p in self.parts}
        self.marked: set[str] = set()
        self.revealed = False
        self.picker = widgets.Dropdown(
            options=[(f"{s.number}. {s.title}", s.id) for s in samples().values()],
            value=first.id,
            description="Speech sample:",
            style={"description_width": "initial"},
            layout=widgets.Layout(width="auto"),
        )
        self.picker.observe(lambda change: self.set_sample(change["new"]), names="value")
        self.text = widgets.HTML(layout=WIDE)
        self.toggles = {p.key: self._toggle(p) for p in self.parts}
        self.hallmark_boxes = {h: self._hallmark_box(h, name, question) for h, name, question in hallmarks()}
        self.progress = widgets.HTML()
        self.reveal_button = widgets.Button(
            description="Show the expert reading",
            icon="eye",
            tooltip="Show the expert's ratings beside yours, with reasons",
            layout=widgets.Layout(width="auto"),
        )
        self.reveal_button.on_click(lambda _button: self.reveal())
        self.feedback = widgets.HTML(layout=WIDE)
        self.children = [self.picker, self.text, *self._sections(), self.progress, self.reveal_button, self.feedback]
        self.set_sample(first.id)

    def _toggle(self, part: Part) -> widgets.ToggleButtons:
        toggle = widgets.ToggleButtons(
            options=[(level.capitalize(), level) for level in LEVELS],
            value=None,
            description=f"{part.name}:",
            style={"description_width": "initial"},
            tooltips=[f"{part.name}: {level}" for level in LEVELS],
        )
        toggle.observe(lambda change, key=part.key: self._rated(key, change["new"]), names="value")
        return toggle

    def _hallmark_box(self, hallmark_id: str, name: str, question: str) -> widgets.Checkbox:
        box = widgets.Checkbox(
            value=False, description=name, tooltip=question, indent=False, layout=widgets.Layout(width="auto")
        )
        box.observe(lambda change, h=hallmark_id: self._ticked(h, change["new"]), names="value")
        return box

    def _sections(self) -> list:
        out = []
        for framework in FRAMEWORKS:
            res = resource(framework)
            out.append(
                widgets.HTML(
                    f"<h4>{escape(res['title'])}</h4><p>{escape(res['description'])} Rate how "
                    "strongly each part points to danger: low, moderate or high. Use <strong>Tab"
                    "</strong> to reach a button and <strong>Space</strong> to press it.</p>"
                )
            )
            for part in (p for p in self.parts if p.framework == framework):
                out += [widgets.HTML(part_html(part)), self.toggles[part.key]]
        out.append(
            widgets.HTML(
                "<p><strong>Hallmarks.</strong> Tick each hallmark of dangerous speech you see "
                "in the message (hover for its guiding question).</p>"
            )
        )
        out += list(self.hallmark_boxes.values())
        return out

    # --- state ------------------------------------------------------------

    def state(self) -> dict:
        return {
            "sample": self.sample.id,
            "ratings": dict(self.ratings),
            "hallmarks": sorted(self.marked),
            "revealed": self.revealed,
        }

    def set_sample(self, sample_id: str) -> None:
        """Show another sample; the ratings, ticks and expert reading are cleared."""
        self.sample = sample(sample_id)
        self.revealed = False
        with self.quietly():
            if self.picker.value != sample_id:
                self.picker.value = sample_id
            for toggle in self.toggles.values():
                toggle.value = None
            for box in self.hallmark_boxes.values():
                box.value = False
        self.text.value = sample_html(self.sample)
        self.refresh()

    def rate(self, ratings: dict) -> None:
        """Set several ratings at once, e.g. ``rate({"rabat_test.speaker": "high"})``."""
        for key, level in ratings.items():
            self.toggles[key].value = level

    def reveal(self) -> Reading:
        self.revealed = True
        self.refresh()
        return expert_reading(self.sample.id)

    def refresh(self) -> None:
        rated = sum(1 for v in self.ratings.values() if v)
        self.progress.value = f"<p role='status'>Rated {rated} of {len(self.parts)} parts.</p>"
        self.feedback.value = (
            comparison_html(self.ratings, self.marked, expert_reading(self.sample.id)) if self.revealed else ""
        )

    # --- callbacks ----------------------------------------------------------

    def _rated(self, key: str, level: str | None) -> None:
        self.ratings[key] = level
        self._changed()

    def _ticked(self, hallmark_id: str, ticked: bool) -> None:
        (self.marked.add if ticked else self.marked.discard)(hallmark_id)
        self._changed()

    def _changed(self) -> None:
        if self.is_quiet:
            return
        self.refresh()
        if self.on_change is not None:
            self.on_change(self.state())

    def graded_text(self) -> str:
        return f"Speech assessment: sample {self.sample.id}, {self.sample.title}."


def speech_assessment(sample_id: str | None = None) -> SpeechAssessment:
    """The speech assessment, opened on ``sample_id`` (e.g. "s1"); another can be picked from the list."""
    return SpeechAssessment(sample_id)


def framework_table(framework: str) -> widgets.HTML:
    """The parts of the Rabat test or the Dangerous Speech elements and hallmarks, as a table."""
    if framework not in FRAMEWORKS:
        raise ValueError(f"Choose one of: {', '.join(FRAMEWORKS)}.")
    rows = [(p.name, p.description, "; ".join(p.questions)) for p in parts() if p.framework == framework]
    if framework == "dangerous_speech":
        table = load("dangerous_speech").set_index("id")
        rows += [(f"Hallmark: {name}", table.loc[h, "description"], question) for h, name, question in hallmarks()]
    body = "".join(f"<tr><td>{escape(a)}</td><td>{escape(b)}</td><td>{escape(c)}</td></tr>" for a, b, c in rows)
    head = "<tr><th>Part</th><th>What it looks at</th><th>Questions to ask</th></tr>"
    return widgets.HTML(f"<table><thead>{head}</thead><tbody>{body}</tbody></table>")
