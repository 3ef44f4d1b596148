"""Lesson 10's activities: sort platform interventions, and the moderation trade-off simulator.

The simulator lets the learner set the classifier threshold, the languages the
reviewers read and whether removed posts are preserved, on the seeded stream
of datasets/digital/posts.csv; the counting rules are in
:mod:`warning_signs.knowledge.moderation`. The chart shows, per language, the
share of dangerous posts left up, of legitimate posts removed and of evidence
lost; every bar is named on its axis, so colour never carries meaning alone.
"""

from __future__ import annotations

from html import escape

import ipywidgets as widgets

from ..charts import PlotImage
from ..knowledge import moderation
from ..knowledge.digital import sorting_questions
from ..palette import OKABE_ITO, summarize
from .base import CourseWidget
from .matching_activity import MatchingActivity

WIDE = widgets.Layout(width="100%")
# (outcome attribute, bar label, colour): each bar is named on the axis, so colour only helps the eye
MEASURES = (
    ("dangerous_left_up", "dangerous left up", OKABE_ITO["vermillion"]),
    ("legitimate_removed", "legitimate removed", OKABE_ITO["blue"]),
    ("evidence_lost", "evidence lost", OKABE_ITO["orange"]),
)
TOTALS = {"dangerous_left_up": "dangerous", "legitimate_removed": "legitimate", "evidence_lost": "evidence"}
HISTORY = 5


def digital_sorting() -> MatchingActivity:
    """Activity (a): sort Murmur's interventions into the two strategies, with feedback."""
    return MatchingActivity(sorting_questions(), item_word="Intervention", score_label="Your sorting so far")


class ModerationSimulator(CourseWidget):
    """Activity (b): the moderation trade-off on the seeded stream of posts."""

    def __init__(
        self,
        threshold: int = 60,
        reviewed: tuple[str, ...] = ("dorran",),
        preserve: bool = False,
        posts: tuple[moderation.Post, ...] | None = None,
    ):
        super().__init__(layout=WIDE)
        self.posts = posts if posts is not None else moderation.stream()
        self.languages = [lang for lang in moderation.LANGUAGE_NAMES if any(p.language == lang for p in self.posts)]
        self.threshold = widgets.IntSlider(
            value=threshold,
            min=0,
            max=100,
            step=5,
            continuous_update=False,
            description="Classifier threshold",
            style={"description_width": "initial"},
            layout=widgets.Layout(width="60%"),
        )
        self.language_boxes = {
            lang: widgets.Checkbox(
                value=lang in reviewed,
                indent=False,
                description=f"Reviewers read {moderation.LANGUAGE_NAMES[lang]}",
                layout=widgets.Layout(width="auto"),
            )
            for lang in self.languages
        }
        self.preserve = widgets.Checkbox(
            value=preserve,
            indent=False,
            layout=widgets.Layout(width="auto"),
            description="Preserve removed posts for investigators",
        )
        self.status = widgets.HTML(layout=WIDE)
        self.examples = widgets.HTML(layout=WIDE)
        self.history_box = widgets.HTML(layout=WIDE)
        self.table = widgets.HTML(layout=WIDE)
        self.history: list[str] = []
        self.plot = PlotImage(width=9.5, height=4.4, margins=dict(left=0.3, right=0.97, top=0.9, bottom=0.13))
        self._build_chart()
        for control in (self.threshold, self.preserve, *self.language_boxes.values()):
            control.observe(self._changed, names="value")
        intro = widgets.HTML(
            f"<p>One day on <strong>Murmur</strong> in Belmarra: {len(self.posts)} posts. Every post scoring at or "
            "above the threshold is flagged. Flagged posts in a language your reviewers read are checked by a person, "
            f"in the order they came, up to {moderation.REVIEW_CAPACITY} reviews a day; every other "
            "flagged post is removed automatically. Use <strong>Tab</strong> to move between controls, the "
            "<strong>arrow keys</strong> on the slider and <strong>Space</strong> on a checkbox.</p>"
        )
        boxes = widgets.HBox(list(self.language_boxes.values()), layout=widgets.Layout(flex_flow="row wrap"))
        self.children = [
            intro,
            self.threshold,
            boxes,
            self.preserve,
            self.status,
            self.plot.widget,
            self.table,
            self.examples,
            self.history_box,
        ]
        self.outcome = self.update()

    # --- state ----------------------------------------------------------------

    @property
    def settings(self) -> moderation.Settings:
        reviewed = frozenset(lang for lang, box in self.language_boxes.items() if box.value)
        return moderation.Settings(int(self.threshold.value), reviewed, bool(self.preserve.value))

    def set(
        self, threshold: int | None = None, reviewed: tuple[str, ...] | None = None, preserve: bool | None = None
    ) -> moderation.Outcome:
        """Set several controls at once (one update), as a script or a test would."""
        with self.quietly():
            if threshold is not None:
                self.threshold.value = threshold
            if reviewed is not None:
                for lang, box in self.language_boxes.items():
                    box.value = lang in reviewed
            if preserve is not None:
                self.preserve.value = preserve
        return self.update()

    def _changed(self, _change) -> None:
        if not self.is_quiet:
            self.update()

    def update(self) -> moderation.Outcome:
        """Count the outcome of the current settings and show it."""
        previous = getattr(self, "outcome", None)
        self.outcome = moderation.simulate(self.posts, self.settings)
        self.status.value = self._status_html(self.outcome)
        self.examples.value = self._examples_html(self.outcome)
        self._draw(self.outcome)
        if previous is not None and previous.settings != self.outcome.settings:
            self.history = [_history_line(previous), *self.history][:HISTORY]
            items = "".join(f"<li>{escape(line)}</li>" for line in self.history)
            self.history_box.value = f"<p><strong>Your earlier settings</strong> (latest first):</p><ul>{items}</ul>"
        return self.outcome

    # --- text -----------------------------------------------------------------

    def _status_html(self, o: moderation.Outcome) -> str:
        full = " The reviewers' day was full: later flags were removed unread." if o.capacity_used_up else ""
        lines = [
            f"<strong>{o.dangerous_left_up} of {o.dangerous}</strong> dangerous posts left up",
            f"<strong>{o.legitimate_removed}</strong> legitimate posts removed, <strong>"
            f"{o.documentation_removed}</strong> of them victims' or witnesses' documentation",
            f"<strong>{o.evidence_kept} of {o.evidence}</strong> pieces of evidence kept ({o.evidence_lost} lost)",
            f"{o.flagged} posts flagged; {o.reviewed} of {o.settings.capacity} reviews used; "
            f"{o.auto_removed} removed automatically.{full}",
        ]
        items = "".join(f"<li>{line}</li>" for line in lines)
        return f'<div role="status"><p>At threshold {o.settings.threshold}:</p><ul>{items}</ul></div>'

    def _examples_html(self, o: moderation.Outcome) -> str:
        parts = []
        for key, heading in (
            ("removed", "Legitimate posts removed (first three)"),
            ("left_up", "Dangerous posts left up (first three)"),
        ):
            posts = o.examples.get(key, [])
            if posts:
                items = "".join(f"<li>{escape(_gloss(p))}</li>" for p in posts)
                parts.append(f"<p><strong>{heading}</strong>:</p><ul>{items}</ul>")
        return "".join(parts)

    # --- chart ----------------------------------------------------------------

    def _build_chart(self) -> None:
        ax = self.plot.ax
        labels, self.bars = [], {}
        y = 0.0
        for lang in self.languages:
            for attr, label, colour in MEASURES:
                bar = ax.barh([y], [0], color=colour, edgecolor="black", linewidth=0.6, height=0.8)[0]
                self.bars[(lang, attr)] = bar
                labels.append(f"{moderation.LANGUAGE_NAMES[lang]}: {label}")
                y += 1
            y += 0.6  # a gap between languages
        ticks = [bar.get_y() + bar.get_height() / 2 for bar in self.bars.values()]
        ax.set_yticks(ticks, labels, fontsize=10)
        ax.invert_yaxis()
        ax.set_xlim(0, 100)
        ax.set_xticks(range(0, 101, 20))
        ax.tick_params(axis="x", labelsize=10)
        ax.set_xlabel("% of that language's dangerous posts, legitimate posts, or evidence", fontsize=10)
        ax.set_title("What the settings do, language by language", fontsize=11)
        for side in ("top", "right"):
            ax.spines[side].set_visible(False)
        # Only the bars change; their counts are in the table under the chart (text is what costs to draw).
        self.plot.set_dynamic(list(self.bars.values()))

    def _draw(self, o: moderation.Outcome) -> None:
        widths = {}
        for lang, attr in self.bars:
            counts = o.by_language[lang]
            widths[(lang, attr)] = moderation.share(getattr(counts, attr), getattr(counts, TOTALS[attr]))
        self.table.value = self._table_html(o)
        alt = summarize(self.chart_summary(o))
        if widths == getattr(self, "_widths", None) and alt == self.plot.alt:
            return  # the same picture: nothing to draw
        for key, bar in self.bars.items():
            bar.set_width(widths[key])
        self._widths = widths
        self.plot.refresh(alt)

    def _table_html(self, o: moderation.Outcome) -> str:
        head = "".join(f"<th scope='col'>{escape(label.capitalize())}</th>" for _a, label, _c in MEASURES)
        rows = []
        for lang in self.languages:
            c = o.by_language[lang]
            cells = "".join(f"<td>{getattr(c, attr)} of {getattr(c, TOTALS[attr])}</td>" for attr, *_ in MEASURES)
            rows.append(f"<tr><th scope='row'>{moderation.LANGUAGE_NAMES[lang]}</th>{cells}</tr>")
        return (
            f"<table><caption>Counts behind the chart, by language</caption><tr><th scope='col'>Language</th>"
            f"{head}</tr>{''.join(rows)}</table>"
        )

    def chart_summary(self, o: moderation.Outcome) -> str:
        per = []
        for lang in self.languages:
            c = o.by_language[lang]
            per.append(
                f"{moderation.LANGUAGE_NAMES[lang]}: {c.dangerous_left_up} of {c.dangerous} dangerous left up, "
                f"{c.legitimate_removed} of {c.legitimate} legitimate removed, "
                f"{c.evidence_lost} of {c.evidence} evidence lost"
            )
        return f"At threshold {o.settings.threshold}; " + "; ".join(per) + "."


def moderation_simulator(
    threshold: int = 60, reviewed: tuple[str, ...] = ("dorran",), preserve: bool = False
) -> ModerationSimulator:
    """The simulator on the course's seeded stream, ready to display."""
    return ModerationSimulator(threshold=threshold, reviewed=reviewed, preserve=preserve)


def _gloss(post: moderation.Post) -> str:
    kind = {"documentation": "documentation", "ordinary": "ordinary post", "dangerous": "dangerous"}[post.kind]
    return f"[{moderation.LANGUAGE_NAMES[post.language]}, {kind}, score {post.score}] {post.gloss}"


def _history_line(o: moderation.Outcome) -> str:
    return (
        f"{o.settings.describe()}: {o.dangerous_left_up} dangerous left up, {o.legitimate_removed} legitimate "
        f"removed ({o.documentation_removed} documentation), {o.evidence_lost} evidence lost"
    )
