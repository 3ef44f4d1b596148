"""Speech assessment: rate a speech sample with the Rabat test and the Dangerous Speech framework.

The learner picks a fictional sample, reads it and its setting, rates each of the
Rabat Plan's six parts and the five Dangerous Speech elements low, moderate or
high (guiding questions beside each), and ticks the hallmarks they see. "Show the
expert reading" then puts the expert's ratings beside theirs, names every
difference in words with the expert's reason, and gives the overall reading.

Everything shown comes from ``datasets/``: rabat_test, dangerous_speech,
speech_samples, speech_ratings, speech_readings and response_options.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from html import escape
from typing import Callable

import ipywidgets as widgets

from ..data import load, resource, split_items
from ..exercise import grading
from ..paths import datasets_dir

LEVELS = ("low", "moderate", "high")
FRAMEWORKS = ("rabat_test", "dangerous_speech")  # table names, as in speech_ratings.framework
WIDE = widgets.Layout(width="100%")
SETTING = (("speaker", "Speaker"), ("audience", "Audience"), ("medium", "Medium"), ("reach", "Reach"),
           ("context", "Context"))


# --- the frameworks, the samples and the expert's reading, from datasets/ -------


@dataclass(frozen=True)
class Part:
    framework: str
    id: str
    number: int
    name: str
    description: str
    questions: tuple[str, ...]

    @property
    def key(self) -> str:
        return f"{self.framework}.{self.id}"

    @property
    def label(self) -> str:
        """'Speaker (Rabat Plan of Action)': two frameworks share part names."""
        return f"{self.name} ({framework_name(self.framework)})"


@dataclass(frozen=True)
class Sample:
    id: str
    number: int
    title: str
    speaker: str
    audience: str
    medium: str
    reach: str
    context: str
    text: str
    content_note: str


@dataclass(frozen=True)
class Reading:
    """The expert's reading of one sample."""

    sample_id: str
    reading: str
    name: str
    explanation: str
    ratings: dict  # part key -> (level, reason)
    hallmarks: tuple[str, ...]
    responses: tuple[tuple[str, str], ...]  # (option id, option name)


def framework_name(framework: str) -> str:
    """The short name of a framework, from its table title: 'Rabat Plan of Action'."""
    return resource(framework)["title"].split(":")[0]


def parts() -> tuple[Part, ...]:
    """The six Rabat parts, then the five Dangerous Speech elements."""
    return _parts(str(datasets_dir()))


@functools.lru_cache(maxsize=4)
def _parts(_root: str) -> tuple[Part, ...]:
    rabat = load("rabat_test").sort_values("number")
    out = [Part("rabat_test", r.id, int(r.number), r.name, r.description, tuple(split_items(r.guiding_questions)))
           for r in rabat.itertuples(index=False)]
    elements = load("dangerous_speech")
    elements = elements[elements["kind"] == "element"]
    out += [Part("dangerous_speech", r.id, n, r.name, r.description, (r.guiding_question,))
            for n, r in enumerate(elements.itertuples(index=False), start=1)]
    return tuple(out)


def hallmarks() -> tuple[tuple[str, str, str], ...]:
    """The hallmarks of dangerous speech as (id, name, guiding question)."""
    return _hallmarks(str(datasets_dir()))


@functools.lru_cache(maxsize=4)
def _hallmarks(_root: str) -> tuple[tuple[str, str, str], ...]:
    rows = load("dangerous_speech")
    rows = rows[rows["kind"] == "hallmark"]
    return tuple((r.id, r.name, r.guiding_question) for r in rows.itertuples(index=False))


def samples() -> dict[str, Sample]:
    return _samples(str(datasets_dir()))


@functools.lru_cache(maxsize=4)
def _samples(_root: str) -> dict[str, Sample]:
    rows = load("speech_samples").sort_values("number")
    return {r.id: Sample(r.id, int(r.number), r.title, r.speaker, r.audience, r.medium, r.reach, r.context,
                         r.text, r.content_note) for r in rows.itertuples(index=False)}


def sample(sample_id: str) -> Sample:
    known = samples()
    if sample_id not in known:
        raise ValueError(f"There is no speech sample '{sample_id}'; the samples are: {', '.join(known)}.")
    return known[sample_id]


def expert_reading(sample_id: str) -> Reading:
    sample(sample_id)  # a one-sentence error for an unknown id
    return _reading(str(datasets_dir()), sample_id)


@functools.lru_cache(maxsize=32)
def _reading(_root: str, sample_id: str) -> Reading:
    ratings = load("speech_ratings")
    mine = ratings[ratings["sample_id"] == sample_id]
    by_part = {f"{r.framework}.{r.part_id}": (r.rating, r.reason) for r in mine.itertuples(index=False)}
    row = load("speech_readings").set_index("sample_id").loc[sample_id]
    names = load("response_options").set_index("id")["name"]
    responses = tuple((i, names[i]) for i in split_items(row.responses))
    return Reading(sample_id, row.reading, row.reading_name, row.explanation, by_part,
                   tuple(split_items(row.hallmarks)), responses)


# --- comparing the learner's ratings with the expert's -------------------------


@dataclass(frozen=True)
class Difference:
    part: Part
    yours: str | None  # None: not rated
    expert: str
    reason: str

    @property
    def steps(self) -> int | None:
        return None if self.yours is None else abs(LEVELS.index(self.yours) - LEVELS.index(self.expert))

    def sentence(self) -> str:
        """'You rated Speaker (…) low; the expert rated it high: <reason>'."""
        mine = f"You rated {self.part.label} {self.yours}" if self.yours else f"You did not rate {self.part.label}"
        return f"{mine}; the expert rated it {self.expert}: {self.reason}"


def differences(ratings: dict, reading: Reading, all_parts=None) -> list[Difference]:
    """Every part where the learner's rating (or its absence) differs from the expert's."""
    out = []
    for part in all_parts or parts():
        level, reason = reading.ratings[part.key]
        if ratings.get(part.key) != level:
            out.append(Difference(part, ratings.get(part.key), level, reason))
    return out


def verdict(diffs: list[Difference], rated: int) -> str:
    """A word first, judged on the parts the learner rated: Unrated, Agreed, Close (one step off) or Different."""
    off = [d for d in diffs if d.yours]
    if not rated:
        return "Unrated."
    if not off:
        return "Agreed."
    return "Close." if all(d.steps == 1 for d in off) else "Different."


def comparison_html(ratings: dict, marked: set, reading: Reading) -> str:
    """The expert's reading beside the learner's: verdict, differences in words, table, overall reading."""
    all_parts = parts()
    diffs = differences(ratings, reading, all_parts)
    unrated = sum(1 for p in all_parts if not ratings.get(p.key))
    head = (f"<p role='status'><strong>{verdict(diffs, len(all_parts) - unrated)}</strong> You and the expert agree on "
            f"{len(all_parts) - len(diffs)} of the {len(all_parts)} parts")
    head += f"; you left {unrated} unrated.</p>" if unrated else ".</p>"
    # Unrated parts share one line, so the sentences name real disagreements.
    listed = "".join(f"<li>{escape(d.sentence())}</li>" for d in diffs if d.yours)
    skipped = [d.part.label for d in diffs if not d.yours]
    if skipped:
        listed += f"<li>You did not rate {escape(', '.join(skipped))}: the table shows the expert's view.</li>"
    return "".join([
        head,
        f"<p><strong>Where you differ:</strong></p><ul>{listed}</ul>" if diffs else "",
        _table(ratings, reading, all_parts),
        _hallmark_html(marked, reading),
        f"<p><strong>The expert's overall reading: {escape(reading.name)}.</strong> {escape(reading.explanation)}</p>",
        _responses_html(reading),
    ])


def _table(ratings: dict, reading: Reading, all_parts) -> str:
    rows = []
    for part in all_parts:
        level, reason = reading.ratings[part.key]
        yours = ratings.get(part.key) or "not rated"
        same = "same" if yours == level else "differs"
        rows.append(f"<tr><td>{escape(part.label)}</td><td>{escape(yours)}</td><td>{escape(level)}</td>"
                    f"<td>{same}</td><td>{escape(reason)}</td></tr>")
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
    setting = "".join(f"<tr><th style='text-align:left'>{label}</th><td>{escape(getattr(s, field))}</td></tr>"
                      for field, label in SETTING)
    return (f"<h4>{s.number}. {escape(s.title)}</h4>"
            f"<p><em>Content note: {escape(s.content_note)} Fictional: invented people, groups and places.</em></p>"
            f"<blockquote style='border-left:4px solid #0072B2;padding-left:1em'>{escape(s.text)}</blockquote>"
            f"<table>{setting}</table>")


def part_html(part: Part) -> str:
    questions = "".join(f"<li>{escape(q)}</li>" for q in part.questions)
    return (f"<p><strong>{part.number}. {escape(part.name)}.</strong> {escape(part.description)}</p>"
            f"<ul>{questions}</ul>")


# --- the widget -------------------------------------------------------------


class SpeechAssessment:
    """Pick a sample, rate the 11 parts, tick hallmarks, then reveal the expert's reading.

    State is in plain attributes: ``sample`` (the Sample shown), ``ratings``
    (part key -> 'low'/'moderate'/'high' or None), ``marked`` (hallmark ids) and
    ``revealed``. ``on_change(state)`` is called after each change.
    """

    def __init__(self, sample_id: str | None = None, on_change: Callable[[dict], None] | None = None):
        self.parts = parts()
        self.on_change = on_change
        self._quiet = False
        first = sample(sample_id) if sample_id else next(iter(samples().values()))
        self.sample = first
        self.ratings: dict[str, str | None] = {p.key: None for p in self.parts}
        self.marked: set[str] = set()
        self.revealed = False
        self.picker = widgets.Dropdown(options=[(f"{s.number}. {s.title}", s.id) for s in samples().values()],
                                       value=first.id, description="Speech sample:",
                                       style={"description_width": "initial"}, layout=widgets.Layout(width="auto"))
        self.picker.observe(lambda change: self.set_sample(change["new"]), names="value")
        self.text = widgets.HTML(layout=WIDE)
        self.toggles = {p.key: self._toggle(p) for p in self.parts}
        self.hallmark_boxes = {h: self._hallmark_box(h, name, question) for h, name, question in hallmarks()}
        self.progress = widgets.HTML()
        self.reveal_button = widgets.Button(description="Show the expert reading", icon="eye",
                                            tooltip="Show the expert's ratings beside yours, with reasons",
                                            layout=widgets.Layout(width="auto"))
        self.reveal_button.on_click(lambda _button: self.reveal())
        self.feedback = widgets.HTML(layout=WIDE)
        self.box = widgets.VBox([self.picker, self.text, *self._sections(), self.progress, self.reveal_button,
                                 self.feedback], layout=WIDE)
        self.set_sample(first.id)

    def _toggle(self, part: Part) -> widgets.ToggleButtons:
        toggle = widgets.ToggleButtons(options=[(level.capitalize(), level) for level in LEVELS], value=None,
                                       description=f"{part.name}:", style={"description_width": "initial"},
                                       tooltips=[f"{part.name}: {level}" for level in LEVELS])
        toggle.observe(lambda change, key=part.key: self._rated(key, change["new"]), names="value")
        return toggle

    def _hallmark_box(self, hallmark_id: str, name: str, question: str) -> widgets.Checkbox:
        box = widgets.Checkbox(value=False, description=name, tooltip=question, indent=False,
                               layout=widgets.Layout(width="auto"))
        box.observe(lambda change, h=hallmark_id: self._ticked(h, change["new"]), names="value")
        return box

    def _sections(self) -> list:
        out = []
        for framework in FRAMEWORKS:
            res = resource(framework)
            out.append(widgets.HTML(f"<h4>{escape(res['title'])}</h4><p>{escape(res['description'])} Rate how "
                                    "strongly each part points to danger: low, moderate or high. Use <strong>Tab"
                                    "</strong> to reach a button and <strong>Space</strong> to press it.</p>"))
            for part in (p for p in self.parts if p.framework == framework):
                out += [widgets.HTML(part_html(part)), self.toggles[part.key]]
        out.append(widgets.HTML("<p><strong>Hallmarks.</strong> Tick each hallmark of dangerous speech you see "
                                "in the message (hover for its guiding question).</p>"))
        out += list(self.hallmark_boxes.values())
        return out

    # --- state ------------------------------------------------------------

    def state(self) -> dict:
        return {"sample": self.sample.id, "ratings": dict(self.ratings), "hallmarks": sorted(self.marked),
                "revealed": self.revealed}

    def set_sample(self, sample_id: str) -> None:
        """Show another sample; the ratings, ticks and expert reading are cleared."""
        self.sample = sample(sample_id)
        self.revealed = False
        self._quiet = True
        try:
            if self.picker.value != sample_id:
                self.picker.value = sample_id
            for toggle in self.toggles.values():
                toggle.value = None
            for box in self.hallmark_boxes.values():
                box.value = False
        finally:
            self._quiet = False
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
        self.feedback.value = (comparison_html(self.ratings, self.marked, expert_reading(self.sample.id))
                               if self.revealed else "")

    # --- callbacks ----------------------------------------------------------

    def _rated(self, key: str, level: str | None) -> None:
        self.ratings[key] = level
        self._changed()

    def _ticked(self, hallmark_id: str, ticked: bool) -> None:
        (self.marked.add if ticked else self.marked.discard)(hallmark_id)
        self._changed()

    def _changed(self) -> None:
        if self._quiet:
            return
        self.refresh()
        if self.on_change is not None:
            self.on_change(self.state())

    def _ipython_display_(self) -> None:
        if grading():
            print(f"Speech assessment: sample {self.sample.id}, {self.sample.title}.")
            return
        from IPython.display import display

        display(self.box)


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
