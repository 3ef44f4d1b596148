"""Lesson 11's triage widget driven headless: rate, route, compare, move between reports."""

import re

import pytest

from warning_signs.knowledge import field_triage as triage
from warning_signs.widgets import FieldTriage, field_triage


def text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).replace("&#x27;", "'").strip()


@pytest.fixture
def widget() -> FieldTriage:
    return field_triage()


def as_expert(report_id):
    reading = triage.expert_reading(report_id)
    return {d: level for d, (level, _why) in reading.ratings.items()}, reading.route


def test_it_shows_the_first_report_with_four_labelled_marks_and_three_routes(widget):
    first = triage.report("r1")
    assert first.title in text(widget.text.value) and "fictional country of Dunmara" in text(widget.text.value)
    assert [t.description for t in widget.toggles.values()] == ["Targeting:", "Scale:", "System:", "Intent:"]
    assert all(t.value is None and [v for _l, v in t.options] == list(triage.LEVELS) for t in widget.toggles.values())
    assert [v for _l, v in widget.route.options] == ["programme_review", "human_rights_reporting", "early_warning"]
    assert widget.picker.description == "Field report" and widget.compare_button.description


def test_rating_updates_state_and_progress_and_hides_the_expert(widget):
    widget.toggles["targeting"].value = "none"
    assert widget.ratings["r1"] == {"targeting": "none"}
    assert "Rated 1 of 4 marks; not routed yet." in text(widget.feedback.value)
    assert "expert sees" not in widget.feedback.value


def test_a_triage_like_the_experts_is_agreed(widget):
    ratings, route = as_expert("r1")
    widget.rate(ratings, route)
    assert widget.compare().verdict == "Agreed."
    shown = text(widget.feedback.value)
    assert shown.startswith("Agreed.") and "You agree on 4 of the 4 marks." in shown
    assert "Route: Programme review, as the expert." in shown
    assert "1 of 6 reports compared" in text(widget.board.value)


def test_each_difference_is_named_with_the_experts_reason(widget):
    widget.show("r5")
    ratings, _route = as_expert("r5")
    widget.rate({**ratings, "scale": "strong"}, "human_rights_reporting")
    widget.compare()
    shown = text(widget.feedback.value)
    reason = triage.expert_reading("r5").ratings["scale"][1]
    assert shown.startswith("Different.")
    assert f"Scale: you saw strong signs; the expert sees some signs. {reason}" in shown
    assert "You chose Human-rights reporting; the expert chooses Early-warning escalation." in shown


def test_one_mark_one_step_off_with_the_right_route_is_close(widget):
    widget.show("r6")
    ratings, route = as_expert("r6")
    widget.rate({**ratings, "intent": "strong"}, route)  # the expert sees some
    assert widget.compare().verdict == "Close."


def test_after_comparing_a_change_updates_the_comparison(widget):
    ratings, route = as_expert("r2")
    widget.show("r2")
    widget.rate(ratings)
    widget.compare()
    assert "You chose no route" in text(widget.feedback.value)
    widget.route.value = route
    assert text(widget.feedback.value).startswith("Agreed.")
    assert widget.compared["r2"] == "Agreed."


def test_ratings_are_kept_per_report_when_moving_between_reports(widget):
    widget.rate({"targeting": "strong"}, "early_warning")
    widget.picker.value = "r3"
    assert all(t.value is None for t in widget.toggles.values()) and widget.route.value is None
    assert widget.ratings["r3"] == {}  # showing a report does not rate it
    widget.picker.value = "r1"
    assert widget.toggles["targeting"].value == "strong" and widget.route.value == "early_warning"


def test_an_unknown_report_gets_one_sentence():
    with pytest.raises(ValueError, match="There is no field report 'r99'; the reports are: r1, r2"):
        field_triage("r99")


def test_nothing_is_displayed_while_graded(monkeypatch, capsys, widget):
    monkeypatch.setenv("NBGRADER_EXECUTION", "validate")
    widget._ipython_display_()
    assert capsys.readouterr().out == ""
