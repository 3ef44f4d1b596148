"""The UN Framework of Analysis for Atrocity Crimes: 14 risk factors and their indicators.

Read from ``datasets/``: risk_factors and indicators. Only factors 7, 8, 9 and
13 have indicators in the course data (the others could not yet be checked
against the UN document), so each other factor stands as one item of its own.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..data import cached, load
from ..paths import datasets_dir

CRIME_NAMES = {
    "all": "all atrocity crimes",
    "genocide": "genocide",
    "crimes_against_humanity": "crimes against humanity",
    "war_crimes": "war crimes",
}


@dataclass(frozen=True)
class Factor:
    id: str
    number: int
    name: str
    kind: str  # common or specific
    crime: str
    summary: str
    items: tuple[tuple[str, str], ...]  # (indicator id or the factor's own id, text)

    @property
    def has_indicators(self) -> bool:
        return self.items[0][0] != self.id

    @property
    def label(self) -> str:
        return f"{self.number}. {self.name}"


@dataclass(frozen=True)
class Framework:
    factors: tuple[Factor, ...]

    def factor(self, factor_id: str) -> Factor:
        return next(f for f in self.factors if f.id == factor_id)

    def item_text(self, item_id: str) -> str:
        factor = self.factor(factor_of(item_id))
        return dict(factor.items).get(item_id, factor.name)

    def ordered(self, factor_ids) -> list[str]:
        """Factor ids in the Framework's order (1 to 14)."""
        wanted = set(factor_ids)
        return [f.id for f in self.factors if f.id in wanted]

    @property
    def item_ids(self) -> set[str]:
        return {item for f in self.factors for item, _ in f.items}


def factor_of(item_id: str) -> str:
    """The risk factor an item belongs to: 'RF7.3' -> 'RF7'; a factor id is its own."""
    return str(item_id).split(".")[0]


def framework() -> Framework:
    return _framework(str(datasets_dir()))


@cached
def _framework(_root: str) -> Framework:
    indicators = load("indicators").sort_values(["factor_id", "number"])
    factors = []
    for row in load("risk_factors").sort_values("number").itertuples(index=False):
        mine = indicators[indicators["factor_id"] == row.id]
        items = tuple((i.id, i.text) for i in mine.itertuples(index=False))
        items = items or ((row.id, f"{row.name} (the factor as a whole)"),)
        factors.append(Factor(row.id, int(row.number), row.name, row.kind, row.crime, row.summary, items))
    return Framework(tuple(factors))


def engaged(marked, fw: Framework | None = None) -> list[str]:
    """The factors engaged by the marked items, in Framework order."""
    return (fw or framework()).ordered({factor_of(i) for i in marked})
