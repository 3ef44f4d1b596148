"""The capstone simulation and the facilitator view, headless: set the controls, read state, files and text."""

from __future__ import annotations

import json

import pytest

from warning_signs.knowledge.capstone import load_scenario
from warning_signs.widgets import capstone_simulation, facilitator_view


@pytest.fixture(autouse=True)
def no_hub(monkeypatch):
    for name in ("JUPYTERHUB_USER", "VOILA_KERNEL_ID", "QUERY_STRING"):
        monkeypatch.delenv(name, raising=False)


def pick_expert(sim):
    s = sim.play.scenario
    for role, radio in sim.radios.items():
        radio.value = s.stages[sim.play.node].choices[role].expert


def test_a_team_of_five_plays_to_the_ending_saving_after_every_decision(tmp_path):
    sim = capstone_simulation("halvenor", mode="team", team="Blue team", folder=tmp_path)
    assert sim.mode_choice.value == "team" and len(sim.radios) == 5
    saved = tmp_path / "capstone-halvenor-Blue-team.json"
    assert "saved after every decision to capstone-halvenor-Blue-team.json" in sim.notice.value
    # A player who has not chosen: one sentence, nothing moves, nothing saved.
    sim.radios["ambassador"].value = "amb-demarche"
    assert sim.decide() and "has not chosen yet" in sim.feedback.value and not saved.exists()
    steps = 0
    while not sim.play.finished:
        pick_expert(sim)
        assert sim.decide() == []
        steps += 1
        sim.flush()  # saves run in the background; wait for this one
        payload = json.loads(saved.read_text())
        assert len(payload["log"]) == steps and payload["mode"] == "team"
    assert sim.play.node == "h-averted" and "Ending: A hard drought, no atrocity." in sim.report.value
    assert sim.decide_button.disabled
    html = sim.show_debrief()
    assert 'alt="Graph of Halvenor' in html and "Summary: Graph of Halvenor" in html
    assert "Lead time: the same as the expert" in html and "What each role did" in html


def test_solo_from_the_controls_then_resume_and_start_again(tmp_path):
    sim = capstone_simulation("kestria", folder=tmp_path)
    sim.scenario_choice.value = "kestria"
    sim.mode_choice.value = "solo"
    assert sim.team_box.layout.display == "none" and sim.role_choice.layout.display == "flex"
    sim.role_choice.value = "platform"
    sim.start_button.click()
    assert list(sim.radios) == ["platform"]
    labels = [label for label, _ in sim.radios["platform"].options]
    assert "Onboard local trusted flaggers (free, takes 4 weeks)" in labels
    sim.radios["platform"].value = "tns-hold"
    sim.decide_button.click()
    assert sim.play.node == "k2"
    assert (
        "The expert policy played the other roles: Ambassador of a donor State: Private demarche" in sim.feedback.value
    )

    sim.flush()
    again = capstone_simulation("kestria", mode="solo", role="envoy", folder=tmp_path)
    assert again.play.node == "k2" and again.play.players == ["platform"]
    assert "Welcome back: your play was restored from capstone-kestria-local.json" in again.notice.value
    again.restart_button.click()
    assert again.restart_confirm.layout.display == "flex" and again.play.node == "k2"
    again.restart_no.click()
    assert again.play.node == "k2"
    again.restart_button.click()
    again.restart_yes.click()
    assert again.play.node == "k1" and again.play.players == ["envoy"]
    again.flush()
    assert (tmp_path / "capstone-kestria-local.json.bak").exists()


def test_closed_options_are_shown_with_why(tmp_path):
    sim = capstone_simulation("kestria", mode="team", folder=tmp_path)
    sim.restart()
    pick_expert(sim)
    assert sim.decide() == []
    calm = {
        "ambassador": "amb-sanctions",
        "coordinator": "rc-calm",
        "envoy": "env-hold",
        "civil_society": "csn-verify",
        "platform": "tns-reach",
    }
    for role, option in calm.items():
        sim.radios[role].value = option
    assert sim.decide() == [] and sim.play.node == "k3c"
    box = sim.role_boxes["coordinator"][0]
    assert "Deploy human rights monitors: closed: it needs the host government&#x27;s consent" in box.children[2].value
    assert "rc-monitors" not in [v for _, v in sim.radios["coordinator"].options]
    assert "Political capital left: 2 of 4." in sim.role_boxes["ambassador"][0].children[0].value


def test_a_damaged_save_is_reported_and_the_backup_used(tmp_path):
    sim = capstone_simulation("kestria", mode="solo", role="envoy", folder=tmp_path)
    sim.radios["envoy"].value = "env-visit"
    sim.decide()
    sim.radios["envoy"].value = "env-hold"
    sim.decide()
    sim.flush()
    (tmp_path / "capstone-kestria-local.json").write_text("{not json")
    back = capstone_simulation("kestria", mode="solo", role="envoy", folder=tmp_path)
    assert "the previous saved version was used instead" in back.notice.value and back.play.node == "k2"


def test_the_facilitator_sees_endings_and_divergences(tmp_path):
    s = load_scenario("kestria")
    for team, hold_at in (("red", ()), ("blue", ("k2",)), ("green", tuple(s.stages))):
        sim = capstone_simulation("kestria", mode="team", team=team, folder=tmp_path / team)
        while not sim.play.finished:
            pick_expert(sim)
            if sim.play.node in hold_at:
                for role, radio in sim.radios.items():
                    radio.value = next(o for o in s.stages[sim.play.node].choices[role].options if s.options[o].holds)
            sim.decide()
        sim.flush()
    (tmp_path / "yellow").mkdir()
    (tmp_path / "yellow" / "capstone-kestria-yellow.json").write_text('{"scenario": "kestria", "log": "x"}')
    view = facilitator_view(tmp_path, "kestria")
    room = view.room
    assert len(room.plays) == 3 and room.endings() == {"k-averted": 2, "k-atrocity": 1}
    assert [sid for sid, _, _ in room.divergences()] == ["k2", "k3b"]
    where = dict((sid, (went, expert)) for sid, went, expert in room.divergences())
    assert where["k2"][0] == {"k3a": 1, "k3b": 2} and where["k2"][1] == "k3a"
    html = view.output.value
    assert "3 teams: 3 reached an ending, 0 still playing." in html
    assert "Where teams diverged" in html and "yellow (yellow)" in html


def test_turning_points_link_to_lessons_from_where_the_notebook_is(tmp_path):
    from warning_signs.widgets.capstone_debrief import lesson_link

    (tmp_path / "lessons").mkdir()
    (tmp_path / "lessons" / "07-response-planning.ipynb").write_text("{}")
    (tmp_path / "exercises" / "11-capstone").mkdir(parents=True)
    assert 'href="07-response-planning.ipynb"' in lesson_link("07-response-planning", tmp_path / "lessons")
    assert 'href="../../lessons/07-response-planning.ipynb"' in lesson_link(
        "07-response-planning", tmp_path / "exercises" / "11-capstone"
    )
    assert lesson_link("07-response-planning", tmp_path / "elsewhere" / "deep" / "down" / "x") == (
        " See lesson 07-response-planning (in lessons/)."
    )
