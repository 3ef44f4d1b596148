"""Roles, constraints, the solo expert policy, team decisions, and the lessons the paths teach."""

from __future__ import annotations

import pytest

from warning_signs.data import load
from warning_signs.knowledge.capstone import load_scenario
from warning_signs.knowledge.capstone_debrief import debrief
from warning_signs.knowledge.capstone_play import new_play, player_key
from warning_signs.knowledge.capstone_rules import (
    History,
    closed_reason,
    combine,
    expert_choice,
    expert_path,
    parse_condition,
    step,
)

ROLES = ["ambassador", "coordinator", "envoy", "civil_society", "platform"]
HOLD = {
    "ambassador": "amb-hold",
    "coordinator": "rc-hold",
    "envoy": "env-hold",
    "civil_society": "csn-hold",
    "platform": "tns-hold",
}


def play_through(scenario_id, choose, players=ROLES):
    """Play to an ending: ``choose(stage_id, role)`` gives each played role's option."""
    play = new_play(scenario_id, players)
    while not play.finished:
        assert play.decide({r: choose(play.node, r) for r in play.players}) == []
    return play


def expert(scenario_id):
    s = load_scenario(scenario_id)
    return lambda sid, role: s.stages[sid].choices[role].expert


def test_five_roles_with_briefs_constraints_and_their_own_options():
    s = load_scenario("kestria")
    assert s.role_ids() == ROLES
    toolbox = set(load("response_options")["id"])
    for role in s.roles.values():
        assert role.brief and role.constraints and role.capital > 0
        own = [o for o in s.options.values() if o.role_id == role.id]
        assert any(o.response_option in toolbox for o in own)  # from the course's response toolbox
        assert any(o.response_option is None and not o.holds for o in own)  # and role-specific ones
    assert any(o.needs_consent for o in s.options.values())
    assert any(o.weeks >= 4 for o in s.options.values())
    assert any(o.cost >= 2 for o in s.options.values())


def test_consent_closes_options_and_capital_runs_out():
    s = load_scenario("kestria")
    k3c = s.stages["k3c"]
    assert not k3c.consent
    assert closed_reason(s, k3c, "rc-monitors", History()) == (
        "closed: it needs the host government's consent, which is refused at this stage"
    )
    spent = History(spent={"envoy": 2})
    assert closed_reason(s, s.stages["k5c"], "env-suspend", spent) == (
        "closed: it costs 2 political capital and 1 is left"
    )
    # The expert policy then falls back to the first open option (holding is always open).
    assert expert_choice(s, s.stages["k5c"], "envoy", spent) == "env-hold"
    decision, problems = combine(s, k3c, History(), {"coordinator": "rc-monitors"}, players={"coordinator"})
    assert problems == [
        "The UN Resident Coordinator's choice 'Deploy human rights monitors' is closed: it needs the "
        "host government's consent, which is refused at this stage; pick another."
    ]


def test_a_slow_option_counts_only_once_it_has_taken_effect():
    s = load_scenario("kestria")
    (term,) = parse_condition("ready:monitor")
    from warning_signs.knowledge.capstone_rules import holds

    started = History(visited=["k1"], decisions=[{"civil_society": "csn-monitor"}])  # week 0, takes 6 weeks
    assert holds(term, s, s.stages["k3a"], {}, started)  # week 6
    late = History(visited=["k1", "k2"], decisions=[{}, {"civil_society": "csn-monitor"}])  # week 3
    assert not holds(term, s, s.stages["k3a"], {}, late)


def test_solo_the_other_roles_follow_the_documented_expert_policy():
    s = load_scenario("halvenor")
    play = new_play("halvenor", ["platform"])
    assert play.mode == "solo"
    assert play.decide({"platform": "tns-hold"}) == []
    taken = play.log[0]["decision"]
    for role in ROLES[:-1]:
        assert taken[role] == s.stages["h1"].choices[role].expert
        assert s.stages["h1"].choices[role].why
    assert taken["platform"] == "tns-hold"


def test_team_every_player_must_choose_and_the_combined_decision_moves_the_story():
    play = new_play("kestria", ROLES)
    assert play.mode == "team"
    problems = play.decide({"ambassador": "amb-demarche"})
    assert "The UN Resident Coordinator has not chosen yet: pick one of the role's options." in problems
    assert len(problems) == 4 and play.node == "k1"  # nothing moved
    assert (
        play.decide(
            {
                "ambassador": "amb-hold",
                "coordinator": "rc-hold",
                "envoy": "env-hold",
                "civil_society": "csn-hold",
                "platform": "tns-hold",
            }
        )
        == []
    )
    assert play.node == "k2"
    # At the false alarm, one coercive step by one player changes the story for all.
    assert (
        play.decide(
            {
                "ambassador": "amb-sanctions",
                "coordinator": "rc-calm",
                "envoy": "env-hold",
                "civil_society": "csn-verify",
                "platform": "tns-reach",
            }
        )
        == []
    )
    assert play.node == "k3c"


@pytest.mark.parametrize("scenario_id", ["kestria", "halvenor"])
def test_the_paths_teach(scenario_id):
    s = load_scenario(scenario_id)
    # Early, cheap, well-aimed action: the expert policy averts.
    history, taken = expert_path(s)
    assert s.endings[taken[-1].target].outcome == "averted"
    # Doing nothing ends in mass atrocity.
    idle = play_through(scenario_id, lambda sid, role: HOLD[role])
    assert s.endings[idle.node].outcome == "mass_atrocity"
    # Local partners matter: with every other role playing the expert, a silent civil-society network loses it.
    solo = play_through(scenario_id, lambda sid, role: "csn-hold", players=["civil_society"])
    assert s.endings[solo.node].outcome != "averted"
    # Digital measures matter: a platform that never acts keeps the team from averting.
    quiet = play_through(scenario_id, lambda sid, role: "tns-hold", players=["platform"])
    assert s.endings[quiet.node].outcome != "averted"


def test_a_false_alarm_costs_when_ignored_and_when_over_read():
    s = load_scenario("kestria")
    e = expert("kestria")
    base = {r: e("k1", r) for r in ROLES}
    history, _ = step(s, "k1", base, History())
    calm = {r: e("k2", r) for r in ROLES}
    assert step(s, "k2", calm, history)[1].target == "k3a"  # checked and answered
    ignored = dict(HOLD)
    assert step(s, "k2", ignored, history)[1].target == "k3b"  # ignored: roadblocks
    over = dict(calm, ambassador="amb-sanctions")
    assert step(s, "k2", over, history)[1].target == "k3c"  # over-read: consent lost


def test_the_same_response_helps_or_hurts_by_timing():
    s = load_scenario("kestria")
    # Mediation at the vote opens the dialogue table ...
    assert step(s, "k4a", {"envoy": "env-mediate"}, History())[1].target == "k5a"
    # ... but offered alone while attacks spread, it buys the killers time.
    assert (
        step(s, "k5c", {"envoy": "env-mediate", "coordinator": "rc-sites", "civil_society": "csn-shelter"}, History())[
            1
        ].target
        == "k-atrocity"
    )
    # A public statement is the right call after the vote, and hardens a government crying interference.
    quiet = {"ambassador": "amb-demarche", "envoy": "env-visit"}
    assert step(s, "k3c", quiet, History())[1].target == "k4b"
    assert step(s, "k3c", dict(quiet, ambassador="amb-statement"), History())[1].target == "k4c"


def test_the_debrief_counts_lead_time_and_reads_every_signal():
    s = load_scenario("kestria")
    e = expert("kestria")
    late = play_through("kestria", lambda sid, role: HOLD[role] if sid in ("k1", "k2") else e(sid, role))
    d = debrief(s, late.history, late.node)
    verdicts = {r.stage_id: r.verdict for r in d.signals}
    assert verdicts["k1"] == "missed" and verdicts["k2"] == "ignored" and verdicts["k3b"] == "acted on"
    assert (d.first_action, d.expert_first_action, d.onset_week) == (6, 0, 10)
    assert d.lead_weeks == 4 and d.gained == -6  # six weeks of lead time lost against the expert
    assert d.turning_points[0].stage_id == "k2" and d.turning_points[0].expert == "k3a"


def test_whose_save_it_is_in_lab_on_a_hub_and_in_voila():
    assert player_key(environ={}) == "local"
    assert player_key(environ={"JUPYTERHUB_USER": "amina"}) == "amina"
    assert player_key(environ={"VOILA_KERNEL_ID": "3f2a9c1e-77aa", "QUERY_STRING": ""}) == "visitor-3f2a9c1e"
    assert player_key(environ={"VOILA_KERNEL_ID": "3f2a9c1e", "QUERY_STRING": "team=Blue%20Team"}) == "Blue-Team"
    assert player_key("../../etc", environ={}) == "etc"
    assert player_key("Team Red", environ={"JUPYTERHUB_USER": "amina"}) == "Team-Red"
