"""Fair scenario scoring, headless: defensible ranges, the cost of false alarms, confidence and notes."""

import json
from html import escape

from warning_signs.data import load
from warning_signs.knowledge.progress import progress_id
from warning_signs.knowledge.scenarios import LEVELS, scenario_ids, scenario_stages
from warning_signs.knowledge.scoring import asks, score_path, score_stage
from warning_signs.widgets import ScenarioPlayer, scenario_player


def play_all(player, choose, confidence=None, note=""):
    """Rate every stage with ``choose(stage)``, then open the debrief."""
    for stage in player.stages:
        player.risk.value = choose(stage)
        if confidence:
            player.confidence.value = confidence(stage)
        player.change_mind.value = note
        assert player.submit()
        if not player.next_button.disabled:
            player.next_button.click()
    return player.show_debrief()


def test_every_stage_has_a_range_around_the_experts_level():
    stages = load("stages")
    for row in stages.itertuples(index=False):
        low, level, high = (LEVELS.index(v) for v in (row.risk_low, row.risk_level, row.risk_high))
        assert low <= level <= high, (row.scenario_id, row.stage)
    sarimba = {s.number: s.risk_range for s in scenario_stages("sarimba")}
    assert all(sarimba[n] == ("moderate", "high") for n in (5, 6, 7))  # the expert's own words


def test_a_reading_within_the_range_is_accepted_as_defensible(tmp_path):
    player = scenario_player("sarimba", tmp_path)
    for stage in player.stages[:4]:
        player.risk.value = stage.risk_level
        player.submit()
        player.next_button.click()
    assert player.current == 5 and player.stage.risk_level == "moderate"
    player.risk.value = "high"
    player.submit()
    text = player.feedback.value
    assert "Defensible. You rated the risk high; the expert rated it moderate, 1 level lower." in text
    assert "The expert accepts moderate or high as a defensible reading of this stage." in text
    score = score_stage("high", player.stage)
    assert score.in_range and score.false_alarm_cost == 0 and score.missed_cost == 0


def test_the_cost_of_a_false_alarm_follows_the_costs_table():
    stage = scenario_stages("veldora")[0]  # range: moderate only
    table = asks()
    score = score_stage("very_high", stage)
    expected = {
        b: table["very_high"][b] - table["moderate"][b] for b in ("credibility", "political_capital", "attention")
    }
    assert score.false_alarm == expected and score.false_alarm_cost == sum(expected.values()) > 0
    assert score_stage("low", stage).missed_cost > 0 and score_stage("low", stage).false_alarm_cost == 0


def test_an_always_very_high_learner_no_longer_looks_best(tmp_path):
    for sid in scenario_ids():
        alarmist = scenario_player(sid, tmp_path / sid / "a")
        text = play_all(alarmist, lambda s: "very_high", confidence=lambda s: "high")
        calibrated = scenario_player(sid, tmp_path / sid / "c")
        play_all(calibrated, lambda s: s.risk_level, confidence=lambda s: "medium")
        answers = lambda p: {int(k): v for k, v in p.progress["stages"].items()}  # noqa: E731
        loud, fair = score_path(answers(alarmist), alarmist.stages), score_path(answers(calibrated), calibrated.stages)
        above = [s for s in alarmist.stages if LEVELS.index("very_high") > LEVELS.index(s.risk_range[1])]
        if not above:  # norvane: the expert reads every stage very high, so no alarm was false
            assert "False alarms: none" in text
            continue
        assert loud.overall < fair.overall == fair.possible
        assert f"Cost of false alarms: {loud.false_alarm_cost} points" in text
        assert f"stages {', '.join(str(s.number) for s in above)})" in text or len(above) == 1
        assert "Lead time won" in text  # the lead time is still shown, beside the cost
        assert escape("highly confident in a reading outside the expert's range") in text
        assert f"Overall reading: {loud.overall} of a possible {loud.possible} points" in text


def test_confidence_and_the_note_are_saved_restored_and_used_in_feedback(tmp_path):
    player = scenario_player("veldora", tmp_path)
    player.risk.value = "very_high"
    player.confidence.value = "high"
    player.change_mind.value = "  An independent monitor reports calm in the highlands.  "
    path = tmp_path / f"{progress_id('veldora')}.answers.json"
    saved = json.loads(path.read_text())["answers"]["progress"]["value"]["stages"]["1"]
    assert (
        saved["confidence"] == "high"
        and saved["change_mind"] == "An independent monitor reports calm in the highlands."
    )
    again = ScenarioPlayer("veldora", tmp_path)
    assert again.confidence.value == "high"
    assert again.change_mind.value == "An independent monitor reports calm in the highlands."
    assert again.submit()
    assert again.confidence.disabled and again.change_mind.disabled
    feedback = again.feedback.value
    assert "highly confident in a reading outside the expert" in feedback
    assert "Defensible." not in feedback and "Not quite. You rated the risk very high" in feedback
    assert "An independent monitor reports calm in the highlands." in feedback
    again.next_button.click()
    assert again.confidence.value is None and again.change_mind.value == ""  # a fresh stage
    debrief = again.show_debrief()
    assert "Stage 1: “An independent monitor reports calm in the highlands.”" in debrief


def test_a_last_stage_with_no_outcome_note_gives_feedback(tmp_path):
    player = scenario_player("sarimba", tmp_path)
    play_all(player, lambda s: s.risk_level)
    assert player.current == len(player.stages) and "Feedback on stage 7" in player.feedback.value


def test_the_confidence_controls_have_visible_labels(tmp_path):
    player = scenario_player("norvane", tmp_path)
    assert player.confidence.description and player.change_mind.description
    assert [value for _label, value in player.confidence.options] == ["low", "medium", "high"]
    risk_labels = {label for label, _value in player.risk.options}
    assert not risk_labels & {label for label, _value in player.confidence.options}  # no two radios share a name
