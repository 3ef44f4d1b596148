"""Who can do what, with what, and how fast: the actor-and-tool map of Lesson 9.

An *action* is an actor using a tool at a moment of a crisis. The tables say
which actor can use which tool (``actor_tools``), what the action needs (the
consent of the State where it happens, a Security Council decision, a decision
of the organisation's members, local partners) and how soon it can act. A
moment of the crisis (``moments``) says whether consent and a Council decision
are in reach then; the expert's map (``expert_map``) gives the actions the
expert would put first, with reasons.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from warning_signs.data import cached, load, resource, split_items

NEEDS = {
    "host_consent": "the consent of the State where it happens",
    "council_decision": "a Security Council decision",
    "members_decision": "a decision of the organisation's members",
    "local_partners": "local partners",
}
NEEDS_SHORT = {
    "host_consent": "consent",
    "council_decision": "Council",
    "members_decision": "members' vote",
    "local_partners": "local partners",
}


@dataclass(frozen=True)
class Actor:
    id: str
    name: str
    kind: str
    description: str


@dataclass(frozen=True)
class Tool:
    id: str
    name: str
    family: str
    description: str


@dataclass(frozen=True)
class Capability:
    actor_id: str
    tool_id: str
    needs: tuple[str, ...]
    speed: str
    how: str


@dataclass(frozen=True)
class Moment:
    scenario_id: str
    stage: int
    label: str
    brief: str
    consent: str  # likely, uncertain, refused
    council: str  # likely, uncertain, blocked
    context: str
    month: str
    title: str

    @property
    def key(self) -> str:
        return f"{self.scenario_id}:{self.stage}"


@dataclass(frozen=True)
class ExpertAction:
    actor_id: str
    tool_id: str
    reason: str


@dataclass(frozen=True)
class Map:
    actors: dict  # id -> Actor, in table order
    tools: dict  # id -> Tool
    capabilities: dict  # (actor_id, tool_id) -> Capability
    moments: tuple[Moment, ...]
    expert: dict  # moment key -> tuple[ExpertAction, ...]
    speeds: tuple[str, ...]  # fastest first

    def moment(self, stage: int, scenario_id: str = "norvane") -> Moment:
        found = [m for m in self.moments if m.stage == stage and m.scenario_id == scenario_id]
        if not found:
            stages = ", ".join(str(m.stage) for m in self.moments if m.scenario_id == scenario_id)
            raise KeyError(f"The map has no moment at stage {stage}; choose one of the stages {stages}.")
        return found[0]

    def tools_of(self, actor_id: str) -> list[str]:
        return [t for (a, t) in self.capabilities if a == actor_id]

    def actors_for(self, tool_id: str) -> list[str]:
        return [a for (a, t) in self.capabilities if t == tool_id]


def rows_of(table) -> list[Any]:
    """A table's rows as named tuples (typed Any: pandas cannot say a column's type)."""
    return list(table.itertuples(index=False))


@cached
def actor_map() -> Map:
    actors = {r.id: Actor(r.id, r.name, r.kind, r.description) for r in rows_of(load("actors"))}
    tools = {r.id: Tool(r.id, r.name, r.family, r.description) for r in rows_of(load("tools"))}
    caps = {
        (r.actor_id, r.tool_id): Capability(r.actor_id, r.tool_id, tuple(split_items(r.needs)), r.speed, r.how)
        for r in rows_of(load("actor_tools"))
    }
    stages = load("stages").set_index(["scenario_id", "stage"])
    moments = tuple(
        Moment(
            r.scenario_id,
            int(r.stage),
            r.label,
            r.brief,
            r.consent,
            r.council,
            r.context,
            str(stages.loc[(r.scenario_id, r.stage), "month"]),
            str(stages.loc[(r.scenario_id, r.stage), "title"]),
        )
        for r in rows_of(load("moments").sort_values(["scenario_id", "stage"]))
    )
    expert: dict[str, list[ExpertAction]] = {m.key: [] for m in moments}
    for r in rows_of(load("expert_map")):
        expert[f"{r.scenario_id}:{int(r.stage)}"].append(ExpertAction(r.actor_id, r.tool_id, r.reason))
    speeds = tuple(
        next(f for f in resource("actor_tools")["schema"]["fields"] if f["name"] == "speed")["constraints"]["enum"]
    )
    return Map(actors, tools, caps, moments, {k: tuple(v) for k, v in expert.items()}, speeds)


# --- checking one action -------------------------------------------------------


@dataclass(frozen=True)
class Check:
    ok: bool
    message: str
    capability: Capability | None


def check_action(actor_id: str, tool_id: str, box: Map | None = None) -> Check:
    """Whether ``actor_id`` can use ``tool_id``; if not, who can and what the actor can do instead."""
    box = box or actor_map()
    if actor_id not in box.actors or tool_id not in box.tools:
        return Check(False, "Choose an actor and a tool from the lists.", None)
    capability = box.capabilities.get((actor_id, tool_id))
    if capability:
        return Check(True, "", capability)
    actor, tool = box.actors[actor_id], box.tools[tool_id]
    who = "; ".join(box.actors[a].name for a in box.actors_for(tool_id)) or "no actor in the course's table"
    own = "; ".join(box.tools[t].name for t in box.tools_of(actor_id))
    return Check(
        False,
        f"“{tool.name}” is not a tool of this actor ({actor.name}). Actors that use it: {who}. "
        f"Tools this actor has: {own}.",
        None,
    )


# --- reading a map -------------------------------------------------------------------


@dataclass(frozen=True)
class MapReading:
    actions: tuple[tuple[int, str, str], ...]  # (stage, actor, tool), in the order given
    by_need: dict  # need -> count of actions
    by_speed: dict  # stage -> {speed: count}
    warnings: tuple[str, ...]


def read_map(actions, box: Map | None = None, scenario_id: str = "norvane") -> MapReading:
    """Counts by need and by speed, and warnings about consent and the Council at each moment."""
    box = box or actor_map()
    actions = tuple((int(s), a, t) for s, a, t in actions if (a, t) in box.capabilities)
    by_need = {need: 0 for need in NEEDS}
    stages = [m.stage for m in box.moments if m.scenario_id == scenario_id]
    by_speed = {s: {speed: 0 for speed in box.speeds} for s in stages}
    for stage, actor_id, tool_id in actions:
        capability = box.capabilities[(actor_id, tool_id)]
        for need in capability.needs:
            by_need[need] += 1
        by_speed[stage][capability.speed] += 1
    return MapReading(actions, by_need, by_speed, tuple(map_warnings(actions, box, scenario_id)))


def map_warnings(actions, box: Map, scenario_id: str = "norvane") -> list[str]:
    out = []
    for moment in (m for m in box.moments if m.scenario_id == scenario_id):
        here = [box.capabilities[(a, t)] for s, a, t in actions if s == moment.stage]
        if not here:
            continue
        consent = [c for c in here if "host_consent" in c.needs]
        council = [c for c in here if "council_decision" in c.needs]
        when = f"At stage {moment.stage} ({moment.label.lower()})"
        if consent and moment.consent == "refused":
            out.append(
                f"{when}, {_of(consent, here)} the consent of the State where "
                "they happen, which the government refuses: they work only outside its borders or if it "
                "relents."
            )
        if council and moment.council == "blocked":
            out.append(
                f"{when}, {_of(council, here)} a Security Council decision, "
                "which is blocked: plan what others can do without it."
            )
        waiting = [c for c in here if {"host_consent", "council_decision"} & set(c.needs)]
        if len(waiting) == len(here) and moment.consent != "likely" and moment.council != "likely":
            out.append(
                f"{when}, every action you chose waits on consent or on the Council; add one that an actor "
                "can take on its own."
            )
        fast = [c for c in here if c.speed in box.speeds[:2]]
        if not fast:
            out.append(f"{when}, nothing you chose acts within days or weeks.")
    return out


def _of(some: list, here: list) -> str:
    return f"{len(some)} of your {len(here)} action{'s' if len(here) != 1 else ''} need{'s' if len(some) == 1 else ''}"


@dataclass(frozen=True)
class MomentComparison:
    shared: tuple[ExpertAction, ...]
    missing: tuple[ExpertAction, ...]  # the expert's, not chosen
    extra: tuple[tuple[str, str], ...]  # chosen, not the expert's


def compare_moment(actions, stage: int, box: Map | None = None, scenario_id: str = "norvane") -> MomentComparison:
    box = box or actor_map()
    mine = [(a, t) for s, a, t in actions if int(s) == stage]
    expert = box.expert[box.moment(stage, scenario_id).key]
    pairs = {(e.actor_id, e.tool_id) for e in expert}
    return MomentComparison(
        tuple(e for e in expert if (e.actor_id, e.tool_id) in mine),
        tuple(e for e in expert if (e.actor_id, e.tool_id) not in mine),
        tuple(p for p in dict.fromkeys(mine) if p not in pairs),
    )


def needs_text(capability: Capability) -> str:
    if not capability.needs:
        return "nothing beyond the actor's own decision"
    return "; ".join(NEEDS[n] for n in capability.needs)
