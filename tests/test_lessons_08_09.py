"""Lessons 8 and 9, headless: the audit's gap model and the actor-and-tool map, their widgets
(set values, read state, feedback words and chart data), and the lessons' questions and tables."""

from __future__ import annotations

import re

import nbformat
import pytest

from warning_signs.data import load
from warning_signs.knowledge import actors as actors_model
from warning_signs.knowledge import architecture as model
from warning_signs.knowledge.scenario_calendar import month_name
from warning_signs.paths import course_root
from warning_signs.questions import lesson_questions
from warning_signs.widgets import actor_table, actor_tool_map, architecture_audit, architecture_table


def text(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).replace("&#x27;", "'").replace("&quot;", '"').split())


# --- the gap model, worked by hand ------------------------------------------------


def test_months_arithmetic_crosses_years():
    assert model.add_months("2021-10", 8) == "2022-06"
    assert model.add_months("2022-11", 2) == "2023-01"
    assert model.months_between("2021-10", "2022-11") == 13
    assert model.months_between("2022-12", "2022-11") == -1


def test_brenvalds_expert_audit_costs_eight_months_in_norvane():
    # Partial strategy, focal point and training (1 each), missing early-warning cell (3) and
    # inter-agency body (2), the rest in place or costing nothing: 1+1+1+3+2 = 8 months.
    report = model.gap_report(model.ministry("brenvald").expert_ratings, "norvane")
    assert report.delay == 8 and report.complete
    assert [g.element.id for g in report.gaps][:2] == ["early_warning_cell", "interagency_body"]  # costliest first
    assert report.warning.number == 2 and report.warning.month == "2021-10"  # the expert's first 'high'
    assert report.response_month == "2022-06" and report.stage_reached.number == 5
    assert report.lead_expert == 10 and report.lead_ministry == 2  # onset 2022-08 in the panel
    assert [s.number for s in report.passed] == [2, 3, 4]
    lines = model.report_lines(report)
    assert f"8 months later, in {month_name('2022-06')}: by then the crisis is at stage 5" in lines[1]
    assert lines[-1].endswith("the ministry acts 2 months before it, instead of 10.")


def test_a_ministry_missing_everything_acts_after_the_onset():
    report = model.gap_report({e.id: "missing" for e in model.elements()}, "norvane")
    assert report.delay == sum(e.months_missing for e in model.elements()) == 14
    assert report.lead_ministry == -4
    assert "4 months after it began" in model.report_lines(report)[-1]


def test_no_gaps_keep_the_lead_time_and_unrated_elements_count_as_not_rated():
    report = model.gap_report({}, "norvane")
    assert report.delay == 0 and report.rated == 0 and not report.complete
    assert "as early as the expert's warning" in model.report_lines(report)[-1]


def test_a_scenario_without_onset_says_so():
    report = model.gap_report(model.ministry("ilmora").expert_ratings, "sarimba")
    assert report.lead_expert is None
    assert "Sarimba has no onset of mass violence in the panel" in model.report_lines(report)[-1]


def test_a_bad_rating_is_one_clear_sentence():
    with pytest.raises(ValueError, match="A rating must be one of in_place, partial, missing"):
        model.gap_report({"strategy": "absent"})
    with pytest.raises(KeyError, match="There is no ministry 'nowhere'"):
        model.ministry("nowhere")


def test_every_ministry_has_one_audit_row_per_element_with_evidence_and_reason():
    elements = {e.id for e in model.elements()}
    for ministry in model.ministries().values():
        assert {i.element_id for i in ministry.items} == elements
        assert all(i.evidence and i.reason for i in ministry.items)
        assert "invented" in ministry.fiction_note


# --- the audit widget -----------------------------------------------------------------


@pytest.fixture
def audit():
    return architecture_audit("brenvald", scenario="norvane")


def test_every_control_of_the_audit_is_labelled_and_starts_unrated(audit):
    assert set(audit.toggles) == {e.id for e in model.elements()}
    for element in model.elements():
        toggle = audit.toggles[element.id]
        assert element.name in toggle.description and toggle.value is None
        assert [label for label, _value in toggle.options] == ["In place", "Partial", "Missing"]
    assert audit.scenario_picker.description and audit.compare_button.description
    assert "You have rated 0 of 8" in text(audit.report_box.value)


def test_rating_updates_the_report_the_words_and_the_chart(audit):
    audit.toggles["early_warning_cell"].value = "missing"  # as a click does
    audit.rate("strategy", "partial")
    assert audit.ratings["early_warning_cell"] == "missing" and audit.report.delay == 4
    shown = text(audit.report_box.value)
    assert "You have rated 2 of 8 elements; the gaps you found cost 4 months" in shown
    assert model.ministry("brenvald").item("early_warning_cell").evidence not in shown  # report, not the file
    cost = next(e for e in model.elements() if e.id == "early_warning_cell").gap_cost
    assert cost in shown
    assert f"in {month_name('2022-02')}: by then the crisis is at stage 3" in shown
    row = next(r for r in audit.chart.data if r["element"] == "early_warning_cell")
    assert row == {"element": "early_warning_cell", "status": "missing", "months": 3, "expert_months": None}
    assert audit.summary == "Months of lead time lost: 4 in all; strategy 1, early warning cell 3."
    assert "Summary: Months of lead time lost: 4" in audit.caption.value
    assert 'alt="Months of lead time lost: 4' in audit.chart.widget.value


def test_changing_the_scenario_ties_the_same_gaps_to_another_story(audit):
    audit.rate("interagency_body", "missing")
    audit.scenario_picker.value = "sarimba"
    assert audit.report.scenario.id == "sarimba"
    assert "In Sarimba (Lesson 3):" in text(audit.report_box.value)
    assert f"The expert first rated Sarimba's risk high at stage 2, {month_name('2023-04')}." in text(audit.report_box.value)


def test_compare_shows_each_difference_with_the_experts_reason_and_marks_the_chart(audit):
    expert = model.ministry("brenvald").expert_ratings
    for element_id, status in expert.items():
        audit.rate(element_id, status)
    audit.rate("budget_line", "missing")  # one disagreement
    audit.compare()
    shown = text(audit.feedback.value)
    assert "You agree on 7 of 8 elements. The expert's gaps cost 8 months." in shown
    assert "you rated it missing; the expert rates it in place" in shown
    assert model.ministry("brenvald").item("budget_line").reason in shown
    assert [r["expert_months"] for r in audit.chart.data] == [e.months(expert[e.id]) for e in model.elements()]
    assert audit.summary.endswith("The expert's audit: 8 months.")
    audit.rate("budget_line", "in_place")
    assert "You agree on 8 of 8" in text(audit.feedback.value)  # the comparison follows the ratings


def test_a_blitted_chart_matches_one_drawn_afresh():
    import numpy as np

    ratings = {"strategy": "partial", "training": "missing", "security_link": "missing"}
    moved = architecture_audit("ilmora")
    moved.rate("focal_point", "missing")  # draws once, then blits on each change
    for element_id, status in {"focal_point": None, **ratings}.items():
        moved.rate(element_id, status)
    fresh = architecture_audit("ilmora")
    fresh.chart.plot._background = None
    fresh_ratings = {**{e.id: None for e in model.elements()}, **ratings}
    with fresh.quietly():
        for element_id, status in fresh_ratings.items():
            fresh.toggles[element_id].value = status
    fresh.chart.plot._background = None  # force a full drawing
    fresh.refresh()
    a = np.asarray(moved.chart.plot.canvas.buffer_rgba())
    b = np.asarray(fresh.chart.plot.canvas.buffer_rgba())
    assert moved.chart.data == fresh.chart.data
    assert (a != b).any(axis=-1).mean() < 0.001


def test_the_architecture_table_lists_every_element_with_its_example():
    shown = text(architecture_table().value)
    for element in model.elements():
        assert element.name in shown and (not element.example or element.example in shown)


# --- the actor-and-tool map -------------------------------------------------------------


def test_every_expert_action_is_one_the_actor_can_take_and_every_moment_has_some():
    box = actors_model.actor_map()
    for moment in box.moments:
        expert = box.expert[moment.key]
        assert len(expert) >= 3
        assert all((e.actor_id, e.tool_id) in box.capabilities and e.reason for e in expert)


def test_an_actor_that_lacks_the_tool_is_told_who_has_it():
    check = actors_model.check_action("security_council", "community_ew")
    assert not check.ok
    assert "is not a tool of this actor (UN Security Council)" in check.message
    assert "Actors that use it: Local civil society" in check.message


def test_warnings_follow_consent_and_the_council_at_each_moment():
    actions = [(8, "security_council", "arms_embargo"), (8, "peace_operation", "protection"),
               (2, "embassies", "good_offices")]
    reading = actors_model.read_map(actions)
    assert reading.by_need == {"host_consent": 1, "council_decision": 2, "members_decision": 0, "local_partners": 0}
    assert reading.by_speed[8]["months"] == 2 and reading.by_speed[2]["days"] == 1
    joined = " ".join(reading.warnings)
    assert "At stage 8 (after mass violence), 2 of your 2 actions need a Security Council decision" in joined
    assert "1 of your 2 actions needs the consent of the State" in joined
    assert "At stage 8 (after mass violence), nothing you chose acts within days or weeks." in joined
    assert "stage 2" not in joined  # a demarche needs nothing and acts in days


@pytest.fixture
def amap():
    return actor_tool_map()


def test_the_map_controls_are_labelled_and_start_empty(amap):
    for control in (amap.moment_picker, amap.actor_picker, amap.tool_picker, amap.remove_picker):
        assert control.description
    for button in (amap.add_button, amap.remove_button, amap.compare_button):
        assert button.description
    assert amap.actions == [] and "Your map is empty." in text(amap.map_box.value)
    assert "Consent of Norvane's government: uncertain" in text(amap.moment_box.value)


def test_adding_by_clicks_updates_map_words_and_chart(amap):
    amap.actor_picker.value, amap.tool_picker.value = "special_adviser", "alert"
    amap.add_button.click()
    amap.actor_picker.value, amap.tool_picker.value = "embassies", "speech_reading"
    amap.add_button.click()
    assert amap.actions == [(2, "special_adviser", "alert"), (2, "embassies", "speech_reading")]
    assert "Added at stage 2: Funds and works with local monitors" in text(amap.status.value)
    shown = text(amap.map_box.value)
    assert "Your map: 2 actions; 1 need nothing beyond the actor's own decision; 0 need the consent" in shown
    assert "1 need local partners" in shown
    assert amap.chart.data[0] == {"stage": 2, "days": 1, "weeks": 1, "months": 0, "years": 0}
    assert amap.summary == ("Actions by how fast they act: stage 2: 1 in days, 1 in weeks; stage 4: none; "
                            "stage 6: none; stage 8: none.")
    assert 'alt="Actions by how fast they act' in amap.chart.widget.value


def test_a_wrong_pair_is_not_added_and_a_duplicate_is_refused(amap):
    amap.add("icc", "statement")
    assert amap.actions == [] and "Not added." in text(amap.status.value)
    amap.add("local_cso", "documentation")
    amap.add("local_cso", "documentation")
    assert len(amap.actions) == 1 and "already on the map" in text(amap.status.value)


def test_compare_explains_shared_missing_and_extra_actions(amap):
    amap.moment_picker.value = 6
    amap.add("hrc", "inquiry")
    amap.add("peace_operation", "protection")
    comparison = amap.compare()
    assert [(e.actor_id, e.tool_id) for e in comparison.shared] == [("hrc", "inquiry")]
    assert comparison.extra == (("peace_operation", "protection"),)
    shown = text(amap.feedback.value)
    assert "You share 1 of the expert's 4 first actions." in shown
    assert "does not need Norvane's consent or a Security Council decision" in shown
    assert "You chose, the expert did not: A UN peace operation" in shown
    assert "1 of your 2 actions needs the consent of the State" in text(amap.map_box.value)
    amap.remove(1)  # the peace operation
    assert amap.actions == [(6, "hrc", "inquiry")] and "Removed from stage 6" in text(amap.status.value)
    assert "You chose, the expert did not" not in text(amap.feedback.value)
    amap.moment_picker.value = 2
    assert amap.feedback.value == ""  # not compared at this moment yet


def test_a_new_scale_redraws_and_the_counts_stay_right(amap):
    for actor_id, tool_id in [("embassies", t) for t in ("good_offices", "statement", "alert", "speech_reading",
                                                        "targeted_sanctions", "arms_embargo")]:
        amap.add(actor_id, tool_id)
    assert sum(amap.chart.data[0][s] for s in ("days", "weeks", "months", "years")) == 6
    assert amap.chart.top == 7


def test_the_actor_table_lists_every_capability():
    shown = text(actor_table().value)
    box = actors_model.actor_map()
    assert all(actor.name in shown for actor in box.actors.values())
    assert shown.count("(needs ") == len(box.capabilities)


# --- the lessons' questions and tables --------------------------------------------------


@pytest.mark.parametrize("lesson", ["08-r2p-in-practice", "09-actors-and-tools"])
def test_each_lessons_keys_are_not_habitually_the_longest_nor_explained_with_a_verdict(lesson):
    questions = lesson_questions(lesson)  # that every question is asked: test_lesson_widgets.py
    singles = [q for q in questions.values() if q.kind == "single"]
    longest_right = sum(max(q.options, key=lambda o: len(o.text)).correct for q in singles)
    assert longest_right <= len(singles) / 3
    for q in questions.values():
        assert not any(o.explanation.split()[0].strip(".,") in {"Correct", "Yes", "No", "Wrong", "Right"}
                       for o in q.options), q.id


def test_lesson_links_run_seven_to_eight_to_nine_to_ten():
    lessons = course_root() / "lessons"
    last = lambda name: nbformat.read(lessons / name, as_version=4).cells[-1].source  # noqa: E731
    assert "(08-r2p-in-practice.ipynb)" in last("07-response-planning.ipynb")
    assert "(09-actors-and-tools.ipynb)" in last("08-r2p-in-practice.ipynb")
    assert "(10-digital-toolbox.ipynb)" in last("09-actors-and-tools.ipynb")
    assert "exercises/06-r2p-and-actors/06-r2p-and-actors.ipynb" in last("09-actors-and-tools.ipynb")


def test_new_tables_cite_only_known_sources():
    known = set(load("sources")["id"])
    for table in ("architecture_elements", "actors", "actor_tools"):
        rows = load(table)
        cited = set(rows["source_id"].dropna())
        assert cited <= known, table
