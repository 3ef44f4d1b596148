"""The case timeline explorer, driven headless: filters, plot data, the gap read-out and sources."""

from datetime import date

import matplotlib.dates as mdates
import pytest

from warning_signs.data import load
from warning_signs.knowledge.cases import (
    Event,
    Gap,
    case_events,
    case_gaps,
    duration_words,
    event_types,
    gap_words,
    warning_gap,
)
from warning_signs.widgets import case_timeline


def event(number, day, kind, precision="day", rfs=()):
    return Event(number, day, precision, kind, f"Event {number}", "What happened.", tuple(rfs), "un-framework-2014")


# --- the gap, on hand-made events -------------------------------------------------------


def test_gap_runs_from_the_first_warning_to_the_first_response_on_or_after_it():
    events = [event(1, date(2000, 1, 1), "response"), event(2, date(2000, 2, 1), "warning"),
              event(3, date(2000, 2, 10), "violence"), event(4, date(2000, 3, 2), "response")]
    gap = warning_gap(events)
    assert (gap.warning.number, gap.response.number, gap.violence.number) == (2, 4, 3)
    assert (gap.days, gap.months, gap.approximate) == (30, 1, False)


def test_gap_with_a_same_day_response_and_with_none_at_all():
    same = warning_gap([event(1, date(2000, 1, 1), "warning"), event(2, date(2000, 1, 1), "response")])
    assert same.days == 0 and duration_words(same.days, same.approximate) == "the same day"
    none = warning_gap([event(1, date(2000, 1, 1), "warning")])
    assert none.response is None and none.days is None
    assert "No response is recorded after it." in gap_words(none)
    assert gap_words(Gap(None, None, None)) == "No warning is recorded in this case's timeline."


@pytest.mark.parametrize("days, approximate, words", [
    (3, False, "3 days"), (1, False, "1 day"), (156, True, "about 156 days (about 5 months)"),
    (1432, False, "1,432 days (about 3.9 years)"), (44, False, "44 days"), (0, True, "about 0 days"),
])
def test_duration_words(days, approximate, words):
    assert duration_words(days, approximate) == words


# --- the gap, on the historical cases ------------------------------------------------------


def test_rwanda_first_warning_to_first_response_is_about_five_months():
    gap = warning_gap(case_events("rwanda-1994"))
    assert gap.warning.date == date(1993, 3, 1) and gap.warning.precision == "month"
    assert gap.response.title == "Arusha Peace Agreement signed" and gap.days == 156 and gap.approximate
    text = gap_words(gap)
    assert text.startswith("First warning on record: March 1993, NGO commission reports state-linked massacres.")
    assert "First response after it: 4 August 1993, Arusha Peace Agreement signed." in text
    assert "about 156 days (about 5 months)" in text
    assert "(7 April 1994) came about 402 days (about 13 months) after the first warning." in text


def test_kyrgyzstan_warning_came_after_the_violence_had_begun():
    text = gap_words(warning_gap(case_events("kyrgyzstan-2010")))
    assert "Time between them: 3 days." in text and "came 2 days before the first warning." in text


def test_case_gaps_has_one_row_per_case_and_marks_the_averted_one():
    table = case_gaps()
    cases = load("cases")
    assert list(table["case"]) == list(cases["name"])
    kenya = table.set_index("case").loc["Kenya 2007-2008"]
    assert kenya["escalation averted"] == "yes" and kenya["days between"] == 60
    assert (table["escalation averted"] == "yes").sum() == int(cases["escalation_averted"].sum())


# --- the explorer ------------------------------------------------------------------------


def test_starts_with_the_content_note_from_the_data():
    explorer = case_timeline("rwanda-1994")
    note = load("cases").set_index("id").loc["rwanda-1994", "content_note"]
    first = explorer.children[0].value
    assert first.startswith('<p role="note"><strong>Content note:</strong>') and note in first


def test_markers_are_the_events_of_each_type_one_row_and_shape_per_type():
    explorer = case_timeline("rwanda-1994", whole_record=True)
    events = case_events("rwanda-1994")
    shapes = {line.get_marker() for line in explorer.markers.values()}
    assert len(shapes) == len(explorer.markers) == len(event_types())
    for kind, line in explorer.markers.items():
        expected = [mdates.date2num(e.date) for e in events if e.type == kind]
        assert list(line.get_xdata()) == expected  # matplotlib's day numbers
        assert set(line.get_ydata()) <= {explorer.rows[kind]}
    assert [t.get_text() for t in explorer.plot.ax.get_yticklabels()] == [
        "Warnings", "Triggers", "Responses", "Failures to respond", "Violence"]


def test_untick_a_type_and_its_markers_numbers_and_rows_go():
    explorer = case_timeline("rwanda-1994", whole_record=True)
    explorer.type_boxes["response"].value = False
    assert len(explorer.markers["response"].get_xdata()) == 0
    assert all(e.type != "response" for e in explorer.shown)
    hidden = [e.number for e in explorer.events if e.type == "response"]
    assert not any(explorer.labels[n].get_visible() for n in hidden)
    assert "Arusha" not in explorer.table.value
    assert explorer.shown_text.value.startswith("<p>Showing 9 of 17 events (warnings, triggers, failures")


def test_risk_factor_filter_keeps_tagged_events_and_explains_hidden_responses():
    explorer = case_timeline("rwanda-1994", whole_record=True)
    explorer.risk_factor.value = "RF9"
    assert [e.number for e in explorer.shown] == [1, 2, 4]
    assert "linked to RF9 (Intergroup tensions or discrimination against protected groups)" in explorer.shown_text.value
    assert "Responses are not tagged with risk factors" in explorer.shown_text.value
    options = [value for _, value in explorer.risk_factor.options]
    assert options[0] == "" and "RF9" in options and "RF1" not in options  # only factors present in the case


def test_period_until_the_end_of_the_case_still_reaches_the_first_response():
    explorer = case_timeline("kyrgyzstan-2010")
    assert explorer.period.value == "case"
    assert date(2010, 6, 15) in [e.date for e in explorer.shown]  # the response, a day after the case ends
    assert max(e.date for e in explorer.shown) == date(2010, 6, 15)
    explorer.period.value = "all"
    assert len(explorer.shown) == len(explorer.events)
    assert mdates.num2date(explorer.plot.ax.get_xlim()[1]).date() > date(2016, 4, 21)


def test_gap_read_out_is_in_words_with_sources_and_does_not_change_with_filters():
    explorer = case_timeline("srebrenica-1995")
    before = explorer.gap_text.value
    assert before.startswith('<p role="status">First warning on record: 2 April 1993')
    assert "Time between them: 14 days." in before and "[" in before
    explorer.type_boxes["warning"].value = False
    assert explorer.gap_text.value == before


def test_the_event_table_cites_each_source_and_lists_it():
    explorer = case_timeline("kenya-2008")
    sources = load("sources").set_index("id")
    for e in explorer.shown:
        number = explorer.source_numbers[e.source_id]
        assert f"{e.title}.</strong> {e.description} [{number}]" in explorer.table.value
        assert sources.loc[e.source_id, "title"] in explorer.table.value


def test_summary_is_one_line_and_the_plot_alt_text():
    explorer = case_timeline("myanmar-2017")
    assert explorer.summary.value.startswith("<p>Summary: Timeline of Myanmar 2017:")
    assert "\n" not in explorer.summary.value and explorer.plot.alt in explorer.summary.value
    assert explorer.plot.widget.value.startswith('<img src="data:image/png;base64,')


def test_every_control_has_a_visible_label():
    explorer = case_timeline("darfur-2003")
    assert all(box.description for box in explorer.type_boxes.values())
    assert explorer.risk_factor.description and explorer.period.description
    assert explorer.type_boxes["warning"].description.startswith("Warnings (")


def test_nothing_ticked_says_so():
    explorer = case_timeline("kenya-2008", types=[])
    assert explorer.shown == [] and "no event type is ticked" in explorer.shown_text.value
    assert explorer.table.value == "<p>No event matches these filters.</p>"


def test_unknown_case_is_explained():
    with pytest.raises(KeyError, match="the cases are"):
        case_timeline("atlantis-1900")


def test_while_grading_the_explorer_prints_text(monkeypatch, capsys):
    monkeypatch.setenv("NBGRADER_EXECUTION", "validate")
    case_timeline("kenya-2008")._ipython_display_()
    assert capsys.readouterr().out.startswith("Summary: Timeline of Kenya 2007-2008")


def test_each_event_type_keeps_its_marker_across_cases():
    shapes = [{t: line.get_marker() for t, line in case_timeline(c).markers.items()}
              for c in ("rwanda-1994", "kenya-2008", "myanmar-2017")]
    for kind in event_types():
        assert len({s[kind] for s in shapes if kind in s}) == 1, kind


def test_the_quick_redraw_after_a_filter_matches_a_full_drawing():
    import io

    import numpy as np
    from PIL import Image

    def pixels(explorer):
        return np.asarray(Image.open(io.BytesIO(explorer.plot.png())))

    filtered = case_timeline("srebrenica-1995")
    filtered.type_boxes["response"].value = False
    filtered.risk_factor.value = "RF13"
    fresh = case_timeline("srebrenica-1995", types=["warning", "trigger", "failure", "violence"], risk_factor="RF13")
    np.testing.assert_array_equal(pixels(filtered), pixels(fresh))
