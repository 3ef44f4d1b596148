"""Lesson 10's sorting activity as data: fictional platform interventions and the two strategies.

The USHMM digital toolbox report sorts platform tools under two prevention
strategies: protecting vulnerable civilians and degrading perpetrators'
capacity. Each intervention in datasets/digital/interventions.csv becomes a
single-choice question whose two options carry their own explanation.
"""

from __future__ import annotations

from dataclasses import dataclass

from warning_signs import data
from warning_signs.questions import SINGLE, Option, Question

STRATEGIES = ("protect", "degrade")  # ids in prevention_strategies


@dataclass(frozen=True)
class Intervention:
    id: str
    number: int
    title: str
    text: str
    strategy: str
    tool: str
    why: dict  # strategy id -> explanation
    risk: str
    source_id: str


@data.cached
def interventions() -> tuple[Intervention, ...]:
    rows = data.load("digital_interventions").sort_values("number")
    return tuple(
        Intervention(
            r.id,
            int(r.number),
            r.title,
            r.text,
            r.strategy,
            r.tool,
            {"protect": r.why_protect, "degrade": r.why_degrade},
            r.risk,
            r.source_id,
        )
        for r in rows.itertuples(index=False)
    )


@data.cached
def strategy_names() -> dict[str, str]:
    table = data.load("prevention_strategies").set_index("id")
    return {s: str(table.loc[s, "name"]) for s in STRATEGIES}


def sorting_questions() -> list[Question]:
    """One question per intervention; its options are the two strategies, each explained.

    The right option's explanation ends with what could go wrong, so the
    feedback teaches the unintended harm too.
    """
    names = strategy_names()
    questions = []
    for item in interventions():
        options = tuple(
            Option(
                s,
                names[s],
                correct=(s == item.strategy),
                explanation=item.why[s] + (f" What could go wrong: {item.risk}" if s == item.strategy else ""),
            )
            for s in STRATEGIES
        )
        prompt = f"{item.title}. {item.text} Which strategy does this mainly serve?"
        questions.append(Question(item.id, item.number, SINGLE, prompt, options))
    return questions
