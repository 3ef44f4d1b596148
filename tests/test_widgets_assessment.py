"""The risk-factor assessment, driven headless: tick, note, compare; read state, text and plot data."""

import re
from html import escape

import pytest

from warning_signs.charts.heatstrip import HEAT
from warning_signs.data import load, split_items
from warning_signs.knowledge.framework import factor_of, framework
from warning_signs.knowledge.scenarios import compare, scenario_stages, stage_reading
from warning_signs.widgets import RiskAssessment, assess_scenario, risk_assessment, risk_factor_table


def test_the_checklist_is_built_from_the_framework_tables():
    fw = framework()
    factors = load("risk_factors")
    indicators = load("indicators")
    assert [f.id for f in fw.factors] == factors.sort_values("number")["id"].tolist()
    with_indicators = {f.id for f in fw.factors if f.has_indicators}
    assert with_indicators == set(indicators["factor_id"])
    widget = risk_assessment()
    assert set(widget.checklist.boxes) == set(indicators["id"]) | set(factors["id"]) - with_indicators
    assert widget.checklist.boxes["RF7.5"].description == indicators.set_index("id").loc["RF7.5", "text"]


def test_every_sign_an_expert_names_can_be_ticked_in_the_checklist():
    checkable = {item for f in framework().factors for item, _ in f.items}
    for row in load("stages").itertuples():
        assert set(split_items(row.indicators_present)) <= checkable, (row.scenario_id, row.stage)


def test_ticking_a_sign_updates_the_state_the_section_title_and_the_heat_strip():
    changes = []
    widget = RiskAssessment(on_change=changes.append)
    widget.checklist.boxes["RF7.5"].value = True
    widget.checklist.boxes["RF7.3"].value = True
    widget.checklist.boxes["RF1"].value = True
    assert widget.marked == ["RF1", "RF7.3", "RF7.5"]
    assert widget.engaged() == ["RF1", "RF7"]
    assert "2 of 11 marked" in widget.checklist.headers["RF7"].description
    assert len(changes) == 3 and changes[-1]["marked"] == ["RF1", "RF7.3", "RF7.5"]
    cells = {row["factor"]: row for row in widget.strip.data}
    assert cells["RF7"]["marked"] == 2 and cells["RF1"]["marked"] == 1 and cells["RF2"]["marked"] == 0
    assert all(row["expert"] is None for row in widget.strip.data)  # no expert row before comparing
    assert widget.summary.startswith("You marked 3 signs under 2 of 14 factors")
    assert "Summary: You marked 3 signs" in widget.chart.value and 'alt="You marked 3 signs' in widget.chart.value


def test_colour_never_carries_meaning_alone_in_the_heat_strip():
    hatches = [hatch for _colour, hatch, _legend in HEAT]
    assert len(set(hatches)) == len(hatches)  # each level has its own pattern
    widget = RiskAssessment()
    for item in ("RF7.1", "RF7.2", "RF7.3", "RF8.1"):
        widget.checklist.boxes[item].value = True
    labels = {factor: widget.strip.labels[1, factor].get_text() for factor in ("RF7", "RF8", "RF9")}
    assert labels == {"RF7": "3", "RF8": "1", "RF9": "–"}  # a number in every cell
    assert widget.strip.cells[1, "RF7"].get_hatch() == "xx" and widget.strip.cells[1, "RF8"].get_hatch() == ".."


def test_the_strip_picture_depends_only_on_what_is_marked_now():
    """Only filled cells are drawn over a kept background: a cell emptied again must look empty."""
    fresh = RiskAssessment("norvane", 3)
    fresh.checklist.boxes["RF8.1"].value = True
    reused = RiskAssessment("norvane", 3)
    for item in ("RF7.1", "RF7.2", "RF7.3", "RF8.1", "RF9.1"):
        reused.checklist.boxes[item].value = True
    for item in ("RF7.1", "RF7.2", "RF7.3", "RF9.1"):
        reused.checklist.boxes[item].value = False
    assert reused.strip.png() == fresh.strip.png()
    reused.compare(explain=False)
    assert reused.strip.png() != fresh.strip.png()  # the expert's row is drawn


def test_evidence_notes_are_kept_per_factor():
    changes = []
    widget = RiskAssessment(on_change=changes.append)
    widget.note_boxes["RF8"].value = "A deputy called marchers saboteurs on the radio."
    assert widget.notes == {"RF8": "A deputy called marchers saboteurs on the radio."}
    assert changes[-1]["notes"] == widget.notes


def test_restore_shows_a_saved_state_without_calling_back():
    changes = []
    widget = RiskAssessment(on_change=changes.append)
    widget.restore({"marked": ["RF8.7", "RF2"], "notes": {"RF2": "1995 war"}})
    assert widget.state() == {"marked": ["RF2", "RF8.7"], "notes": {"RF2": "1995 war"}}
    assert changes == []


def test_comparison_explains_each_missed_and_extra_factor_from_the_data():
    stage = stage_reading("veldora", 2)
    widget = RiskAssessment("veldora", 2)
    for item in ("RF7.2", "RF1", "RF10"):
        widget.checklist.boxes[item].value = True
    result = widget.compare()
    assert result.agreed == ("RF1", "RF7")
    assert result.extra == ("RF10",)
    assert set(result.missed) == set(stage.factors) - {"RF1", "RF7"}
    text = widget.feedback.value
    assert text.startswith("<p role='status'><strong>Not quite.</strong>")
    summaries = load("risk_factors").set_index("id")["summary"]
    for factor in result.missed:
        assert "<strong>Missed:</strong>" in text and summaries[factor].split(",")[0] in text.replace("&#x27;", "'")
    assert "<strong>Extra:</strong> 10. Signs of intent to destroy a protected group" in text
    assert "RF8.7 Incitement or hate propaganda" in text  # the indicator the expert saw under a missed factor
    assert stage.rationale.split(":")[0].replace("'", "&#x27;") in text
    for reading, _why in stage.wrong:
        assert reading.replace("'", "&#x27;")[:40] in text
    assert [row["factor"] for row in widget.strip.data if row["expert"]] == list(stage.factors)
    assert "The expert sees factors 1, 3, 4, 7, 8, 9." in widget.summary


def test_the_expert_reading_itself_is_correct_and_ticking_after_comparing_updates_the_feedback():
    stage = stage_reading("norvane", 4)
    widget = assess_scenario("norvane", 4)
    assert escape(stage.sitrep.split(".")[0]) in widget.report.value
    widget.compare()
    assert "Not quite." in widget.feedback.value
    fw = framework()
    for factor in stage.factors:  # one sign per expert factor, preferring the expert's own items
        mine = [i for i in stage.items if factor_of(i) == factor] or [fw.factor(factor).items[0][0]]
        widget.checklist.boxes[mine[0]].value = True
    assert widget.comparison.verdict == "Correct."
    assert "<strong>Correct.</strong>" in widget.feedback.value


def test_comparison_lists_expert_signs_left_unticked_in_an_agreed_factor():
    stage = stage_reading("veldora", 4)
    result = compare(["RF7.1"], stage)
    assert "RF7" in result.agreed
    assert set(result.unticked) == {i for i in stage.items if i.startswith("RF7.")} - {"RF7.1"}


def test_every_control_has_a_visible_label():
    widget = RiskAssessment("sarimba", 1)
    assert all(box.description for box in widget.checklist.boxes.values())
    assert all(h.description for h in widget.checklist.headers.values())
    assert all(note.description == "Evidence:" for note in widget.note_boxes.values())
    assert widget.compare_button.description == "Compare with the expert"


def test_sections_open_and_close_with_their_button():
    widget = RiskAssessment()
    header, body = widget.checklist.headers["RF9"], widget.checklist.bodies["RF9"]
    assert body.layout.display == "none" and header.description.startswith("▸")
    header.value = True
    assert body.layout.display == "flex" and header.description.startswith("▾")


def test_unknown_scenarios_and_stages_are_refused_in_one_sentence():
    with pytest.raises(ValueError, match=r"^There is no scenario 'atlantis'; the scenarios are: veldora"):
        RiskAssessment("atlantis", 1)
    with pytest.raises(ValueError, match="has stages 1 to 8; there is no stage 12"):
        stage_reading("veldora", 12)


def test_stages_come_in_order_with_wrong_readings_attached():
    stages = scenario_stages("sarimba")
    assert [s.number for s in stages] == list(range(1, len(stages) + 1))
    wrong = load("wrong_readings")
    assert len(stages[1].wrong) == len(wrong[(wrong.scenario_id == "sarimba") & (wrong.stage == 2)])


def test_the_risk_factor_table_lists_all_fourteen_factors():
    html = risk_factor_table().value
    assert len(re.findall("<tr><td>", html)) == 14 and "Specific" not in html and "genocide" in html
