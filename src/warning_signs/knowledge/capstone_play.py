"""One play of a capstone scenario, solo or as a team, and how it is saved.

A :class:`Play` holds who plays which roles, the history so far and the log of
what happened; :meth:`Play.decide` takes one combined decision. Progress is a
plain dict written with :func:`warning_signs.jsonfile.write_json` after every
decision, to ``capstone-<scenario>-<player>.json``.

**Whose file?** (:func:`player_key`, in this order) a team name typed in the
widget; ``?team=NAME`` (or ``?player=``) in the page address, which Voila passes
to the kernel as ``QUERY_STRING``; ``JUPYTERHUB_USER`` on a hub (each user has a
server of their own); under Voila without either, the page view's
``VOILA_KERNEL_ID``, so two visitors of one Voila server never share a save (the
widget shows the key and the address that resumes it); else ``local``.
"""

from __future__ import annotations

import os
import re
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import parse_qs

from ..jsonfile import read_json, write_json
from .capstone import Scenario, load_scenario
from .capstone_rules import History, combine, step

FORMAT = 1
SAFE = re.compile(r"[^A-Za-z0-9_-]+")


def clean_key(text: str) -> str:
    return SAFE.sub("-", text.strip())[:40].strip("-")


def player_key(team: str | None = None, environ: dict | None = None) -> str:
    """Whose save this is (see the module docstring): a short, file-safe name."""
    env = os.environ if environ is None else environ
    query = parse_qs(env.get("QUERY_STRING", ""))
    for candidate in (team, *query.get("team", []), *query.get("player", []), env.get("JUPYTERHUB_USER")):
        if candidate and clean_key(candidate):
            return clean_key(candidate)
    if env.get("VOILA_KERNEL_ID"):
        return "visitor-" + clean_key(env["VOILA_KERNEL_ID"])[:8]
    return "local"


def save_path(folder: Path, scenario_id: str, key: str) -> Path:
    return Path(folder) / f"capstone-{scenario_id}-{key}.json"


@dataclass
class Play:
    scenario: Scenario
    players: list[str]  # the roles people play; solo: one
    history: History = field(default_factory=History)
    node: str = ""
    log: list[dict] = field(default_factory=list)  # one entry per decision: stage, decision, to, consequence

    def __post_init__(self):
        self.node = self.node or self.scenario.start

    @property
    def mode(self) -> str:
        return "solo" if len(self.players) == 1 else "team"

    @property
    def finished(self) -> bool:
        return self.scenario.is_ending(self.node)

    @property
    def stage(self):
        return None if self.finished else self.scenario.stages[self.node]

    def decide(self, chosen: dict[str, str | None]) -> list[str]:
        """Take the players' choices (the expert policy plays the other roles); problems, one sentence each."""
        if self.finished:
            return ["The scenario has ended: see the debrief, or start again."]
        decision, problems = combine(self.scenario, self.stage, self.history, chosen, set(self.players))
        if problems:
            return problems
        self.history, transition = step(self.scenario, self.node, decision, self.history)
        self.log.append(
            {
                "stage": self.node,
                "decision": decision,
                "to": transition.target,
                "consequence": transition.consequence,
                "lesson": transition.lesson,
            }
        )
        self.node = transition.target
        return []

    def replay(self, decision: dict) -> list[str]:
        """Take a saved combined decision: every role's choice as saved (none from the policy)."""
        players, self.players = self.players, self.scenario.role_ids()
        try:
            return self.decide({str(k): str(v) for k, v in decision.items()})
        finally:
            self.players = players

    def to_dict(self, key: str) -> dict:
        return {
            "format": FORMAT,
            "scenario": self.scenario.id,
            "player": key,
            "mode": self.mode,
            "roles": list(self.players),
            "node": self.node,
            "log": [dict(e) for e in self.log],  # a copy: the background save must not see later decisions
            "saved_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        }


def new_play(scenario_id: str, players: list[str]) -> Play:
    scenario = load_scenario(scenario_id)
    unknown = [p for p in players if p not in scenario.roles]
    if unknown or not players:
        raise ValueError(
            f"Choose one to five of the roles {', '.join(scenario.role_ids())}; not {', '.join(unknown) or 'none'}."
        )
    return Play(scenario, [r for r in scenario.role_ids() if r in players])


def from_dict(payload: object, scenario_id: str) -> tuple[Play | None, str | None]:
    """Replay saved progress through the rules (so a hand-edited file cannot skip the story).

    Returns the play, or None and one sentence on why the file cannot be used.
    """
    if (
        not isinstance(payload, dict)
        or payload.get("scenario") != scenario_id
        or not isinstance(payload.get("log"), list)
    ):
        return None, "it is not this scenario's progress in the form this course writes"
    try:
        play = new_play(scenario_id, [str(r) for r in payload.get("roles", [])])
    except ValueError:
        return None, "its roles are not the course's roles"
    for entry in payload["log"]:
        decision = entry.get("decision") if isinstance(entry, dict) else None
        if not isinstance(decision, dict) or entry.get("stage") != play.node:
            return None, "its decisions do not follow the scenario's stages"
        problems = play.replay(decision)
        if problems:
            return None, f"a saved decision is not allowed ({problems[0]})"
    return play, None


def save(play: Play, path: Path, key: str) -> None:
    write_json(path, play.to_dict(key))


class Saver:
    """Saves in the order asked, on one background thread, so a click does not wait for the disk.

    The payload is taken at once (what is saved is the state at the decision); the
    write itself (temp file, fsync, .bak, atomic rename) runs after the callback has
    shown the next stage. :meth:`flush` waits for every write asked so far; loading
    and starting again flush first. A failed write is kept in ``problem``.
    """

    def __init__(self):
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="capstone-save")
        self._pending: list[Future] = []
        self.problem: str | None = None

    def save(self, play: Play, path: Path, key: str) -> None:
        payload = play.to_dict(key)
        self._pending = [f for f in self._pending if not f.done()]
        self._pending.append(self._pool.submit(self._write, path, payload))

    def _write(self, path: Path, payload: dict) -> None:
        try:
            write_json(path, payload)
        except OSError as exc:
            self.problem = f"Your progress could not be saved to {path.name} ({exc.strerror or exc})."

    def flush(self) -> None:
        for future in self._pending:
            future.result()
        self._pending = []


def load(path: Path, scenario_id: str) -> tuple[Play | None, str | None]:
    """The saved play at ``path`` (None if there is none) and, if something was wrong, one sentence."""
    loaded = read_json(path)
    if loaded.payload is None:
        return None, loaded.problem
    play, why = from_dict(loaded.payload, scenario_id)
    if play is None:
        return None, f"{path.name} could not be used: {why}; the scenario starts again."
    return play, loaded.problem
