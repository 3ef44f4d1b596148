"""A capstone scenario's graph: stages by week, endings on the right, paths drawn over it.

The stages and transitions (grey) are the same for every team, so they are drawn
once per scenario as a background; a debrief draws only the team's path and the
expert's path over it (blitting, see ``PlotImage``). Each path has its own colour,
line style and marker, so colour never carries meaning alone; endings are squares,
stages circles, and the one-line summary says it all in words.
"""

from __future__ import annotations

from ..data import cached
from ..knowledge.capstone import Scenario, load_scenario
from ..palette import OKABE_ITO, style
from .plotimage import PlotImage

MARGINS = dict(left=0.03, right=0.74, top=0.9, bottom=0.1)
FONT = 11  # points at 72 dpi: 11 px


def layout(s: Scenario) -> dict[str, tuple[float, float]]:
    """Node -> (x, y): a column per week (endings last), stages spread down their column."""
    weeks = sorted({st.week for st in s.stages.values()})
    columns: dict[int, list[str]] = {}
    for sid, st in s.stages.items():
        columns.setdefault(weeks.index(st.week), []).append(sid)
    columns[len(weeks)] = list(s.endings)
    tallest = max(len(c) for c in columns.values())
    places = {}
    for x, ids in columns.items():
        for i, node in enumerate(ids):
            places[node] = (
                float(x),
                (tallest - 1) / 2 - i * (tallest - 1) / max(len(ids) - 1, 1) if len(ids) > 1 else 0.0,
            )
    return places


class ScenarioGraph:
    """The scenario's graph as a PlotImage; :meth:`draw` adds the team's and the expert's paths."""

    def __init__(self, s: Scenario, width: float = 10.5, height: float = 4.6, dpi: int = 72):
        self.scenario = s
        self.places = layout(s)
        self.plot = PlotImage(width=width, height=height, dpi=dpi, margins=MARGINS)
        ax = self.plot.ax
        for source, transitions in s.transitions.items():
            for t in transitions:
                if source in self.places and t.target in self.places:
                    (x0, y0), (x1, y1) = self.places[source], self.places[t.target]
                    ax.plot([x0, x1], [y0, y1], color="#BBBBBB", linewidth=1, zorder=1)
        stages = [self.places[n] for n in s.stages]
        ends = [self.places[n] for n in s.endings]
        ax.scatter(
            [p[0] for p in stages],
            [p[1] for p in stages],
            s=160,
            color="white",
            edgecolors="black",
            marker="o",
            zorder=2,
        )
        ax.scatter(
            [p[0] for p in ends], [p[1] for p in ends], s=170, color="white", edgecolors="black", marker="s", zorder=2
        )
        for node, (x, y) in self.places.items():
            if node in s.stages:
                ax.annotate(node, (x, y), xytext=(0, 10), textcoords="offset points", ha="center", fontsize=FONT)
            else:
                e = s.endings[node]
                ax.annotate(e.name, (x, y), xytext=(10, -4), textcoords="offset points", fontsize=FONT)
        weeks = sorted({st.week for st in s.stages.values()})
        ax.set_xticks(range(len(weeks) + 1), [f"week {w}" for w in weeks] + ["ending"], fontsize=FONT)
        ax.set_yticks([])
        ys = [p[1] for p in self.places.values()]
        ax.set_ylim(min(ys) - 0.6, max(ys) + 0.7)
        ax.set_xlim(-0.4, len(weeks) + 0.2)
        for side in ("top", "right", "left"):
            ax.spines[side].set_visible(False)
        (self.expert,) = ax.plot([], [], linewidth=3, markersize=9, zorder=3, label="Expert path", **style(0))
        (self.team,) = ax.plot(
            [], [], linewidth=2.2, markersize=7, zorder=4, label="Your path", **{**style(1), "linestyle": "-"}
        )
        self.reached = ax.scatter(
            [], [], s=320, facecolors="none", edgecolors=OKABE_ITO["vermillion"], linewidths=2.5, marker="s", zorder=5
        )
        ax.legend(
            handles=[self.team, self.expert],
            loc="upper left",
            fontsize=FONT,
            frameon=False,
            bbox_to_anchor=(0.0, 1.08),
            ncol=2,
        )
        self.plot.set_dynamic([self.expert, self.team, self.reached])

    def draw(self, nodes: tuple[str, ...], expert_nodes: tuple[str, ...], publish: bool = False) -> tuple[bytes, str]:
        """PNG and its one-line summary (the alt text) for the team's path and the expert's."""
        # The expert's path sits a little higher, so where both go the same way both stay visible.
        self.expert.set_data(
            [self.places[n][0] for n in expert_nodes], [self.places[n][1] + 0.08 for n in expert_nodes]
        )
        self.team.set_data([self.places[n][0] for n in nodes], [self.places[n][1] for n in nodes])
        end = nodes[-1] if nodes and nodes[-1] in self.scenario.endings else None
        self.reached.set_offsets([self.places[end]] if end else [[float("nan"), float("nan")]])
        summary = path_summary(self.scenario, nodes, expert_nodes)
        self.plot.refresh(summary, publish=publish)
        return self.plot.png(), summary


def path_summary(s: Scenario, nodes: tuple[str, ...], expert_nodes: tuple[str, ...]) -> str:
    def name(n: str) -> str:
        return f"ending '{s.endings[n].name}'" if n in s.endings else n

    end = nodes[-1] if nodes and nodes[-1] in s.endings else None
    others = [s.endings[e].name for e in s.endings if e != end]
    mine = " to ".join(name(n) for n in nodes) or "not started"
    return (
        f"Graph of {s.country}'s {len(s.stages)} stages and {len(s.endings)} endings. Your path: {mine}. "
        f"Expert path: {' to '.join(name(n) for n in expert_nodes)}. "
        f"Endings not reached: {'; '.join(others)}."
    )


@cached
def scenario_graph(scenario_id: str) -> ScenarioGraph:
    """One graph per scenario, kept: its background is drawn once."""
    return ScenarioGraph(load_scenario(scenario_id))


def draw_for_authors(scenario_id: str, path: str) -> str:
    """Write the whole graph (every transition, no path) as a PNG for authors; returns its summary."""
    s = load_scenario(scenario_id)
    graph = ScenarioGraph(s, width=13, height=6.5, dpi=100)
    ax = graph.plot.ax
    labels: dict[tuple[str, str], list[str]] = {}
    for source, transitions in s.transitions.items():
        for t in transitions:
            labels.setdefault((source, t.target), []).append(f"{t.rank}: {t.when or 'otherwise'}")
    for (source, target), lines in labels.items():
        (x0, y0), (x1, y1) = graph.places[source], graph.places[target]
        ax.annotate(
            "\n".join(lines),
            ((x0 * 0.55 + x1 * 0.45), (y0 * 0.55 + y1 * 0.45)),
            fontsize=8,
            color="#333333",
            ha="center",
            va="center",
            backgroundcolor="white",
            zorder=1.5,
        )
    legend = ax.get_legend()
    if legend is not None:
        legend.remove()
    graph.plot.set_dynamic([])
    graph.plot.redraw("", publish=False)
    with open(path, "wb") as handle:
        handle.write(graph.plot.png())
    return (
        f"{s.country}: {len(s.stages)} stages, {len(s.endings)} endings, "
        f"{sum(len(t) for t in s.transitions.values())} transitions, written to {path}."
    )
