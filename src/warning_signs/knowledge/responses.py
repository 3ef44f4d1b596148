"""Response options and prevention strategies: the toolbox, and what a mix of options covers.

Read from ``datasets/frameworks/``: response_options and prevention_strategies.
The schema's enums give the categories, actors and time bands in their
natural order (fastest band first).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import pandas as pd

from ..data import cached, enum, load, split_items
from ..paths import datasets_dir
from .scenarios import Stage

FAST_BANDS = 2  # the first two time bands (days, weeks) count as acting soon


# --- the toolbox, from datasets/ ------------------------------------------------


@dataclass(frozen=True)
class Option:
    id: str
    name: str
    category: str
    strategies: tuple[str, ...]
    actors: tuple[str, ...]
    time: str  # a time band: days, weeks, months or years
    description: str
    risks: str

    @property
    def label(self) -> str:
        return f"{self.id} {self.name} · {self.time} · {', '.join(self.strategies)}"


@dataclass(frozen=True)
class Strategy:
    id: str
    name: str
    description: str


@dataclass(frozen=True)
class Toolbox:
    options: dict  # id -> Option, in id order
    strategies: tuple[Strategy, ...]
    categories: tuple[str, ...]  # in the order of the schema's enum
    actors: tuple[str, ...]
    bands: tuple[str, ...]  # fastest first

    def strategy(self, strategy_id: str) -> Strategy:
        return next(s for s in self.strategies if s.id == strategy_id)


def words(identifier: str) -> str:
    """'multilateral_body' -> 'multilateral body'."""
    return identifier.replace("_", " ")


def toolbox() -> Toolbox:
    return _toolbox(str(datasets_dir()))


@cached
def _toolbox(_root: str) -> Toolbox:
    rows = load("response_options").sort_values("id")
    options = {
        r.id: Option(
            r.id,
            r.name,
            r.category,
            tuple(split_items(r.strategies)),
            tuple(split_items(r.actors)),
            r.time_to_effect,
            r.description,
            r.risks,
        )
        for r in rows.itertuples(index=False)
    }
    listed = load("prevention_strategies").itertuples(index=False)
    strategies = tuple(Strategy(str(r.id), str(r.name), str(r.description)) for r in listed)
    # The schema's enums give the categories, actors and time bands in their natural order.
    bands = ("category", "actors", "time_to_effect")
    return Toolbox(options, strategies, *(tuple(enum("response_options", name)) for name in bands))


# --- reading a mix ------------------------------------------------------------------


@dataclass(frozen=True)
class Mix:
    chosen: tuple[str, ...]
    covered: tuple[str, ...]  # strategy ids, in framework order
    uncovered: tuple[str, ...]
    actors: dict  # actor -> option ids, in schema order, only actors used
    bands: dict  # band -> option ids, every band
    fastest: str | None
    slowest: str | None
    warnings: tuple[str, ...]


def read_mix(chosen, box: Toolbox | None = None) -> Mix:
    """What a mix of option ids covers, who carries it, how soon it acts, and warnings about it."""
    box = box or toolbox()
    chosen = tuple(i for i in box.options if i in set(chosen))
    options = [box.options[i] for i in chosen]
    served = {s for o in options for s in o.strategies}
    covered = tuple(s.id for s in box.strategies if s.id in served)
    uncovered = tuple(s.id for s in box.strategies if s.id not in served)
    actors = {a: [o.id for o in options if a in o.actors] for a in box.actors}
    bands = {b: [o.id for o in options if o.time == b] for b in box.bands}
    used = [b for b in box.bands if bands[b]]
    mix = Mix(
        chosen,
        covered,
        uncovered,
        {a: ids for a, ids in actors.items() if ids},
        bands,
        used[0] if used else None,
        used[-1] if used else None,
        (),
    )
    return replace(mix, warnings=tuple(mix_warnings(mix, box)))


def mix_warnings(mix: Mix, box: Toolbox) -> list[str]:
    """Warnings about the mix as a whole, in words built from the data's own names."""
    if not mix.chosen:
        return []
    fast, slow = box.bands[:FAST_BANDS], box.bands[FAST_BANDS:]
    out = []
    if mix.fastest in slow:
        out.append(f"Every option you chose takes {' or '.join(slow)}: nothing acts in the next {' or '.join(fast)}.")
    elif mix.slowest in fast:
        out.append(
            f"Every option you chose acts within {' or '.join(fast)}: nothing works on the deeper "
            f"causes, which take {' or '.join(slow)}."
        )
    for sid in mix.uncovered:
        strategy = box.strategy(sid)
        aim = strategy.description[:1].lower() + strategy.description[1:]
        out.append(f"No option in your mix serves “{strategy.name}”, which aims to {aim}")
    if len(mix.chosen) > 1 and len(mix.actors) == 1:
        actor = words(next(iter(mix.actors)))
        out.append(
            f"Only one kind of actor, {actor}, carries the whole mix: if it loses access or will, nothing else moves."
        )
    return out


@dataclass(frozen=True)
class StageComparison:
    shared: tuple[str, ...]
    missing: tuple[str, ...]  # recommended by the expert, not chosen
    extra: tuple[str, ...]  # chosen, not recommended
    expert_covered: tuple[str, ...]  # strategies the expert's mix serves

    @property
    def verdict(self) -> str:
        if not self.missing and not self.extra:
            return "Matched."
        return "Overlap." if self.shared else "Different."


def compare_with_stage(chosen, stage: Stage, box: Toolbox | None = None) -> StageComparison:
    box = box or toolbox()
    mine, expert = set(chosen), set(stage.responses)
    order = list(box.options)
    ordered = lambda ids: tuple(i for i in order if i in ids)  # noqa: E731
    return StageComparison(
        ordered(mine & expert), ordered(expert - mine), ordered(mine - expert), read_mix(expert, box).covered
    )


def response_options() -> pd.DataFrame:
    """The response options table, indexed by id."""
    return _options(str(datasets_dir()))


@cached
def _options(_root: str) -> pd.DataFrame:
    return load("response_options").set_index("id")


def category_label(category: str) -> str:
    return category.replace("_", " and ").capitalize()
