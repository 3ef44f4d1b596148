"""Atrocity processes: Stanton's ten stages of genocide, read as one debated model among others.

Read from ``datasets/frameworks/stanton_stages.csv``; each row carries its source.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..data import cached, load, split_items
from ..paths import datasets_dir


@dataclass(frozen=True)
class ModelStage:
    number: int
    name: str
    description: str
    signs: tuple[str, ...]
    source_id: str


def stanton_stages() -> tuple[ModelStage, ...]:
    """The ten stages, in the model's order (which the model itself says is not a fixed sequence)."""
    return _stages(str(datasets_dir()))


@cached
def _stages(_root: str) -> tuple[ModelStage, ...]:
    rows = load("stanton_stages").sort_values("number")
    return tuple(
        ModelStage(int(r.number), r.name, r.description, tuple(split_items(r.observable_signs)), r.source_id)
        for r in rows.itertuples(index=False)
    )
