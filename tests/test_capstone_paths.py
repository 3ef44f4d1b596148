"""Every path of every capstone scenario, played through the rules, ends in an ending with a debrief that renders."""

from __future__ import annotations

import re

import pytest

from warning_signs.knowledge.capstone import load_scenario, scenario_ids
from warning_signs.knowledge.capstone_check import enumerate_paths
from warning_signs.knowledge.capstone_debrief import debrief
from warning_signs.knowledge.capstone_play import new_play
from warning_signs.widgets.capstone_debrief import debrief_html


@pytest.mark.parametrize("scenario_id", scenario_ids())
def test_every_path_ends_in_an_ending_with_a_debrief(scenario_id):
    s = load_scenario(scenario_id)
    paths = enumerate_paths(scenario_id)
    assert len(paths) >= 20
    assert len({p.nodes for p in paths}) == len(paths)  # distinct
    for path in paths:
        play = new_play(scenario_id, s.role_ids())  # a team of five plays the path's decisions
        for decision in path.decision_dicts():
            assert play.decide(decision) == []
        assert play.finished and play.node == path.ending
        assert (*play.history.visited, play.node) == path.nodes
        d = debrief(s, play.history, play.node)
        html = debrief_html(s, d)
        ending = s.endings[path.ending]
        assert f"Ending: {ending.name}" in html.replace("&#x27;", "'")
        alt = re.search(r'<img [^>]*alt="([^"]+)"', html).group(1)
        assert "Your path: " + " to ".join(path.nodes[:-1]) in alt
        assert len(d.unreached) == len(s.endings) - 1
        assert {r.role_id for r in d.roles} == set(s.role_ids())
        # A turning point is named wherever the path leaves the expert's road.
        if path.nodes != d.expert_nodes:
            assert d.turning_points and all(t.lesson for t in d.turning_points)


@pytest.mark.parametrize("scenario_id", scenario_ids())
def test_paths_reach_every_ending_and_the_expert_path_averts(scenario_id):
    s = load_scenario(scenario_id)
    paths = enumerate_paths(scenario_id)
    assert {p.ending for p in paths} == set(s.endings)
    outcomes = {s.endings[p.ending].outcome for p in paths}
    assert {"averted", "contained", "late_response", "mass_atrocity"} <= outcomes
