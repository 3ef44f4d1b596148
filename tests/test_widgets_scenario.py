"""The scenario player, driven headless: advance, assess, respond, debrief, save and resume."""

import json
from html import escape

import pytest

from warning_signs.charts.debriefchart import DebriefChart
from warning_signs.charts.panelcharts import PanelCharts
from warning_signs.data import load
from warning_signs.knowledge.panel import signals
from warning_signs.knowledge.progress import lead_time, progress_id
from warning_signs.knowledge.scenario_calendar import month_name
from warning_signs.knowledge.scenarios import LEVELS, months_between, scenario_stages
from warning_signs.widgets import ScenarioPlayer, scenario_player
from warning_signs.widgets.debrief import lead_time_text


def play(player, risk, marked=(), responses=(), advance=True):
    """What a learner does at one stage: tick, rate, choose, submit, go on."""
    for item in marked:
        player.assessment.checklist.boxes[item].value = True
    player.risk.value = risk
    for option in responses:
        player.responses.boxes[option].value = True
    assert player.submit()
    if advance and not player.next_button.disabled:
        player.next_button.click()


def saved(folder, scenario="veldora"):
    return json.loads((folder / f"{progress_id(scenario)}.answers.json").read_text())["answers"]["progress"]["value"]


def test_the_first_stage_shows_its_report_injects_and_charts_up_to_its_month(tmp_path):
    player = scenario_player("veldora", tmp_path)
    stage = scenario_stages("veldora")[0]
    assert player.current == 1 and "Stage 1 of 8" in player.stage_heading.value
    assert escape(stage.sitrep[:60]) in player.report.value
    assert all(escape(inject) in player.report.value for inject in stage.injects)
    assert player.chart_data["month"].max() == stage.month == "2022-01"
    assert player.chart_data["month"].min() == "2021-01" and len(player.chart_data) == 13
    assert set(column for column, _t, _u in signals()) <= set(player.chart_data.columns)
    assert player.chart_data["country_id"].eq("veldora").all()
    assert "Summary: Republic of Veldora" not in player.chart.value  # the panel's own country name is used
    assert f"Summary: Veldora monitoring data, {month_name('2021-01')} to {month_name('2022-01')}" in player.chart.value
    assert player.next_button.disabled and player.previous_button.disabled and player.debrief_button.disabled
    assert "fictional" in player.heading.value.lower() or "invented" in player.heading.value.lower()


def test_submitting_needs_a_risk_level(tmp_path):
    player = scenario_player("veldora", tmp_path)
    assert player.submit() is False
    assert "<strong>Not yet:</strong> choose a risk level" in player.feedback.value
    player.risk.value = "moderate"
    assert player.feedback.value == ""


def test_feedback_compares_risk_responses_and_signs_with_the_expert(tmp_path):
    player = scenario_player("veldora", tmp_path)
    stage = player.stage
    play(player, "high", marked=["RF8.10", "RF1"], responses=["RO01", "RO45"], advance=False)
    text = player.feedback.value
    assert "Not quite. You rated the risk high; the expert rated it moderate, 1 level lower." in text
    assert "<strong>Responses.</strong> Partly." in text
    names = load("response_options").set_index("id")["name"]
    assert f"<strong>Chosen and recommended:</strong> {names['RO01']}" in text
    for missed in set(stage.responses) - {"RO01"}:
        assert f"<strong>Missed:</strong> {escape(names[missed])}" in text
    assert f"<strong>Also chosen:</strong> {names['RO45']}" in text and "Risks:" in text
    assert "<strong>Missed:</strong> 2. Record of serious violations" in text  # a factor the expert saw
    assert escape(stage.outcome) in text
    # locked once submitted, so the debrief shows the judgement of the time
    assert player.risk.disabled and player.assessment.checklist.boxes["RF1"].disabled
    assert player.responses.boxes["RO02"].disabled and player.submit_button.disabled
    assert not player.next_button.disabled and not player.debrief_button.disabled
    assert any(row["expert"] for row in player.assessment.strip.data)  # the strip gained the expert's row


def test_the_right_risk_level_is_called_correct(tmp_path):
    player = scenario_player("norvane", tmp_path)
    stage = player.stage
    play(player, stage.risk_level, responses=stage.responses, advance=False)
    assert f"Correct. You rated the risk {stage.risk_level}" in player.feedback.value
    assert "<strong>Responses.</strong> Correct." in player.feedback.value


def test_advancing_extends_the_charts_and_a_learner_cannot_skip_ahead(tmp_path):
    player = scenario_player("veldora", tmp_path)
    player.show(5)
    assert player.current == 1  # stage 1 is not submitted yet
    play(player, "moderate")
    assert player.current == 2 and player.chart_data["month"].max() == "2022-03"
    assert not player.risk.disabled and player.risk.value is None  # a fresh stage
    player.previous_button.click()
    assert player.current == 1 and player.risk.value == "moderate" and player.risk.disabled
    assert "Feedback on stage 1" in player.feedback.value


def test_progress_is_saved_on_each_step_and_a_new_player_resumes(tmp_path):
    player = scenario_player("veldora", tmp_path)
    play(player, "moderate", marked=["RF9.4"], responses=["RO33"])
    player.assessment.checklist.boxes["RF7.2"].value = True
    assert saved(tmp_path)["stages"]["2"]["marked"] == ["RF7.2"]  # saved at once, before submitting
    player.assessment.note_boxes["RF7"].value = "The amendment ends the rotating vice-presidency."
    player.risk.value = "high"
    assert saved(tmp_path)["current"] == 2 and saved(tmp_path)["stages"]["2"]["risk"] == "high"

    again = ScenarioPlayer("veldora", tmp_path)  # the learner comes back another day
    assert again.current == 2 and "Welcome back" in again.notice.value
    assert again.assessment.marked == ["RF7.2"] and again.risk.value == "high"
    assert again.assessment.notes == {"RF7": "The amendment ends the rotating vice-presidency."}
    assert not again.risk.disabled
    again.previous_button.click()
    assert again.assessment.marked == ["RF9.4"] and again.responses.value == ["RO33"] and again.risk.disabled
    assert (tmp_path / f"{progress_id('veldora')}.answers.json.bak").exists()


def test_a_damaged_progress_file_is_reported_in_one_sentence_and_play_starts_again(tmp_path):
    path = tmp_path / f"{progress_id('veldora')}.answers.json"
    path.write_text('{"format": 1, "answers": {"progress": ')
    player = ScenarioPlayer("veldora", tmp_path)
    note = player.notice.value
    assert "Note: your progress file scenario-veldora.answers.json is damaged" in note
    assert note.count(". ") == 0 and "Traceback" not in note  # one sentence
    assert player.current == 1
    play(player, "low")
    assert saved(tmp_path)["stages"]["1"]["risk"] == "low"
    assert path.with_name(path.name + ".damaged").exists()  # set aside for inspection, not lost


def test_a_damaged_file_with_a_good_backup_resumes_from_the_backup(tmp_path):
    player = scenario_player("veldora", tmp_path)
    play(player, "moderate")
    player.risk.value = "high"  # another save, so the backup holds stage 2 reached
    path = tmp_path / f"{progress_id('veldora')}.answers.json"
    path.write_bytes(b"\x00\x01 not json")
    again = ScenarioPlayer("veldora", tmp_path)
    assert "was damaged, so your previous save was used" in again.notice.value
    assert again.current == 2 and again.progress["stages"]["1"]["submitted"]


def test_a_file_in_another_shape_is_reported_and_unknown_ids_are_dropped(tmp_path):
    path = tmp_path / f"{progress_id('sarimba')}.answers.json"
    path.write_text(json.dumps({"format": 1, "answers": {"progress": {"value": ["not", "progress"]}}}))
    assert "is not in the form this course writes" in ScenarioPlayer("sarimba", tmp_path).notice.value
    odd = {"marked": ["RF1", "RF99.9", 3], "risk": "extreme", "responses": ["RO01", "RO999"], "submitted": True}
    value = {"current": 7, "stages": {"1": odd}}
    path.write_text(json.dumps({"format": 1, "answers": {"progress": {"value": value}}}))
    player = ScenarioPlayer("sarimba", tmp_path)
    assert player.current == 1  # an unknown risk level cannot count as submitted
    assert player.assessment.marked == ["RF1"] and player.responses.value == ["RO01"] and player.risk.value is None


def test_the_debrief_reports_lead_time_won_against_the_expert(tmp_path):
    player = scenario_player("veldora", tmp_path)
    stages = scenario_stages("veldora")
    for stage in stages:  # rate every stage one level above the expert (capped)
        play(player, LEVELS[min(LEVELS.index(stage.risk_level) + 1, 3)], responses=stage.responses[:1])
    assert player.current == 8 and player.next_button.disabled and not player.debrief_button.disabled
    player.debrief_button.click()
    text = player.debrief.value
    assert "This covers all the stages." in text
    assert f"Lead time won: you first rated the risk high or very high at stage 1, {month_name('2022-01')}, 4 months " \
           f"before the expert did (stage 3, {month_name('2022-05')})." in text
    assert f"The monitoring panel records the onset of atrocity crimes in Republic of Veldora in {month_name('2022-09')}." in text
    recommended = sum(len(stage.responses) for stage in stages)
    assert f"You chose 8 of the {recommended} responses the expert recommended." in text
    assert "<table>" in text and "Summary: Risk level by stage: stage 1 you high, expert moderate" in text


def test_the_norvane_debrief_counts_months_before_the_panel_onset(tmp_path):
    player = scenario_player("norvane", tmp_path)
    for stage in scenario_stages("norvane")[:4]:  # one level below the expert: late warnings
        play(player, LEVELS[max(LEVELS.index(stage.risk_level) - 1, 0)])
    text = player.show_debrief()
    assert "This covers the 4 stages you submitted." in text
    assert f"Lead time lost: you first rated the risk high or very high at stage 4, {month_name('2022-03')}, 5 months after " \
           f"the expert did (stage 2, {month_name('2021-10')})." in text
    assert f"records the onset of atrocity crimes in Norvane in {month_name('2022-08')}" in text
    assert "Your first warning came 5 months before it. The expert’s first warning came 10 months before it." in text


def test_lead_time_in_every_case():
    stages = scenario_stages("norvane")
    assert months_between("2021-10", "2022-11") == 13 and months_between("2022-03", "2021-10") == -5
    never = lead_time({1: "low", 2: "moderate"}, stages, "2022-08")
    assert never.learner is None and never.expert.number == 2
    lines = lead_time_text(never, "Norvane")
    assert lines[0].startswith("Lead time lost: you never rated the risk high or very high")
    assert "Your first warning: none in the stages you played." in lines[1]
    same = lead_time({1: "moderate", 2: "very_high"}, stages, None)
    assert same.months == 0 and lead_time_text(same, "X")[0].startswith("Same timing")
    quiet = lead_time({1: "moderate"}, stages, None)
    assert lead_time_text(quiet, "X")[0].startswith("Neither you nor the expert")
    alarm = lead_time({1: "high"}, stages, None)
    assert "early alarm" in lead_time_text(alarm, "X")[0]


def test_every_control_of_the_player_has_a_visible_label(tmp_path):
    player = scenario_player("sarimba", tmp_path)
    assert player.risk.description == "Risk level:"
    assert all(box.description for box in player.responses.boxes.values())
    buttons = [player.submit_button, player.previous_button, player.next_button, player.debrief_button,
               player.book_button]
    assert all(button.description for button in buttons)
    player.book_button.value = True
    assert player.book.layout.display == "block" and player.book_button.description == "Hide the country book"
    assert len(player.responses.boxes) == len(load("response_options"))


def test_nothing_is_drawn_while_nbgrader_grades(tmp_path, monkeypatch, capsys):
    player = scenario_player("veldora", tmp_path)
    monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")
    player._ipython_display_()
    assert capsys.readouterr().out.startswith("Scenario Republic of Veldora: stage 1 of 8.")


def test_an_unknown_scenario_is_refused_in_one_sentence(tmp_path):
    with pytest.raises(ValueError, match="^There is no scenario 'carana'"):
        scenario_player("carana", tmp_path)


def test_stage_charts_are_the_same_picture_whatever_was_drawn_before():
    """The charts redraw only lines and y axes over a kept background: no stale pixels may remain."""
    stages = scenario_stages("norvane")
    fresh = PanelCharts("norvane").stage(stages[2].month)[0]
    reused = PanelCharts("norvane")
    reused.stage(stages[-1].month)  # the tallest lines and widest axes first
    assert reused.stage(stages[2].month)[0] == fresh
    assert reused.stage(stages[3].month)[0] != fresh  # a later stage does change the picture


def test_the_y_scale_follows_the_data_shown_and_the_months_to_come_stay_blank():
    charts = PanelCharts("norvane")
    first = scenario_stages("norvane")[0]
    _png, _summary, shown = charts.stage(first.month)
    for ax, line, (column, _title, _unit) in zip(charts.plot.axes, charts.lines, signals()):
        top = shown[column].max()
        assert ax.get_ylim()[1] == pytest.approx(top * 1.08 if top > 0 else 1.0)  # nothing about what is coming
        assert list(line.get_ydata()) == list(shown[column].astype(float))
        assert ax.get_xlim()[1] > len(shown)  # the x axis spans the whole scenario
    assert len(charts.data) > len(shown)


def test_the_debrief_chart_shows_only_the_stages_played_and_no_stale_lines():
    stages = scenario_stages("norvane")
    two = {1: "low", 2: "high"}
    fresh = DebriefChart(stages, "2023-10")
    fresh_png, summary = fresh.draw(two)
    assert summary == ("Risk level by stage: stage 1 you low, expert "
                       f"{stages[0].risk_level.replace('_', ' ')}; stage 2 you high, expert "
                       f"{stages[1].risk_level.replace('_', ' ')}.")
    assert list(fresh.learner.get_ydata()) == [LEVELS.index("low"), LEVELS.index("high")]
    reused = DebriefChart(stages, "2023-10")
    reused.draw({s.number: "very_high" for s in stages})
    assert reused.draw(two)[0] == fresh_png


def test_starting_again_asks_first_then_clears_the_answers_and_keeps_a_backup(tmp_path):
    player = scenario_player("veldora", tmp_path)
    play(player, "moderate", responses=["RO01"])
    play(player, "high")
    assert player.current == 3
    player.restart_button.click()
    assert player.restart_confirm.layout.display == "flex" and player.restart_button.disabled
    player.restart_no.click()  # a slip: nothing is lost
    assert player.restart_confirm.layout.display == "none" and player.current == 3
    assert saved(tmp_path)["stages"]["2"]["submitted"] is True
    player.restart_button.click()
    player.restart_yes.click()
    assert player.current == 1 and not player.risk.disabled and player.risk.value is None
    fresh = saved(tmp_path)
    assert fresh["current"] == 1 and set(fresh["stages"]) <= {"1"}
    assert fresh["stages"].get("1", {}).get("risk") is None and not fresh["stages"].get("1", {}).get("submitted")
    backup = json.loads((tmp_path / f"{progress_id('veldora')}.answers.json.bak").read_text())
    assert backup["answers"]["progress"]["value"]["stages"]["1"]["responses"] == ["RO01"]
    assert "started the scenario again" in player.notice.value and not player.restart_button.disabled
