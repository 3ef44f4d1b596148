"""Lesson 12 (gender and atrocity prevention): its tables, its scoring, and its read-twice widget, headless."""

from __future__ import annotations

import csv
import shutil

import pytest

from warning_signs import data, validate
from warning_signs.knowledge import gender
from warning_signs.paths import course_root
from warning_signs.questions import lesson_questions
from warning_signs.widgets import GenderLensReading, gender_lens, resolution_table

LESSON = "12-gender-and-atrocity-prevention"
VERDICT_WORDS = ("Correct", "Right", "Yes", "No", "Wrong", "Not quite", "Exactly", "Incorrect")


# --- the tables ------------------------------------------------------------------


def test_every_reference_in_the_gender_tables_resolves():
    data.clear_cache()
    sources = set(data.load("sources")["id"])
    indicators = set(data.load("indicators")["id"])
    reports = set(data.load("gender_sitreps")["id"])
    for row in data.load("gender_details").itertuples(index=False):
        assert row.sitrep_id in reports, row.id
        assert set(data.split_items(row.source_ids)) <= sources, row.id
        ids = data.split_items("" if str(row.indicator_ids) == "<NA>" else row.indicator_ids)
        assert set(ids) <= indicators, row.id
    for table in ("gender_lens",):
        for row in data.load(table).itertuples(index=False):
            assert set(data.split_items(row.source_ids)) <= sources, row.id
    assert set(data.load("gender_resolutions")["source_id"]) <= sources


def test_the_validator_catches_a_broken_reference_in_the_new_tables(tmp_path, monkeypatch):
    shutil.copytree(course_root() / "datasets", tmp_path / "datasets")
    (tmp_path / "exercises").mkdir()
    path = tmp_path / "datasets" / "gender" / "details.csv"
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    rows[0]["indicator_ids"] = "RF7.99"
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    monkeypatch.setenv("WARNING_SIGNS_ROOT", str(tmp_path))
    data.clear_cache()
    try:
        problems = validate.validate_all()
    finally:
        monkeypatch.delenv("WARNING_SIGNS_ROOT")
        data.clear_cache()
    assert len(problems) == 1 and "gender_details" in problems[0] and "RF7.99" in problems[0], problems


def test_every_report_is_fiction_and_has_each_kind_of_detail():
    for report in gender.sitreps().values():
        assert "invented" in report.setting
        readings = {d.reading for d in report.details}
        assert readings == {gender.GENDERED, gender.SIGN, gender.NOISE}, report.id
        assert all(d.explanation and d.source_ids for d in report.details)


def test_lesson_questions_explain_every_option_without_a_verdict_word_and_keys_are_not_the_longest():
    questions = lesson_questions(LESSON)
    assert len(questions) == 4
    longest_keys = 0
    singles = [q for q in questions.values() if q.kind == "single"]
    for question in questions.values():
        for option in question.options:
            assert option.explanation and not option.explanation.startswith(VERDICT_WORDS), option
    for question in singles:
        key = next(o for o in question.options if o.correct)
        longest_keys += len(key.text) >= max(len(o.text) for o in question.options)
    assert longest_keys <= len(singles) / 3
    keys = [next(o.id for o in q.options if o.correct) for q in singles]
    assert len(set(keys)) == len(keys)


# --- the scoring, on a hand-worked case --------------------------------------------


def test_compare_counts_a_hand_worked_case():
    report = gender.sitreps()["gs1"]  # d1 sign; d2, d3, d4 gendered; d5 noise
    result = gender.compare(report, first={"gs1-d1", "gs1-d5"}, second={"gs1-d1", "gs1-d2", "gs1-d4"})
    assert result.first == gender.Reading(0, 3, 1, 1, 1)
    assert result.second == gender.Reading(2, 3, 1, 1, 0)
    assert result.found_by_the_lens == 2
    outcomes = {v.detail.id: v.outcome for v in result.verdicts}
    assert outcomes == {
        "gs1-d1": "found in both readings",
        "gs1-d2": "found with the gender lens",
        "gs1-d3": "missed in both readings",
        "gs1-d4": "found with the gender lens",
        "gs1-d5": "left out, as the expert did",
    }
    assert "The gender lens found 2 warning signs your first reading missed." in result.summary()
    assert "1 false alarm" in result.summary()


def test_an_unknown_detail_is_refused_with_a_sentence():
    with pytest.raises(KeyError, match="not details of report gs1"):
        gender.score_reading(gender.sitreps()["gs1"], {"gs2-d1"})


# --- the widget ------------------------------------------------------------------


def test_the_widget_walks_through_both_readings_and_shows_the_expert():
    widget = gender_lens("gs1")
    assert isinstance(widget, GenderLensReading)
    assert widget.step == "first" and not widget.to_second.disabled and widget.to_compare.disabled
    assert "Kessel Hills" in widget.report_html.value and widget.lens_html.layout.display == "none"
    widget.boxes["gs1-d1"].value = True
    widget.to_second.click()
    assert widget.step == "second" and widget.first == {"gs1-d1"}
    assert widget.lens_html.layout.display is None and "Who is missing" in widget.lens_html.value
    assert "you ticked 1 detail;" in widget.instructions.value
    assert widget.boxes["gs1-d1"].value  # the first ticks are kept for the second reading
    widget.boxes["gs1-d2"].value = True
    widget.boxes["gs1-d3"].value = True
    widget.to_compare.click()
    assert widget.step == "compared" and widget.second == {"gs1-d1", "gs1-d2", "gs1-d3"}
    assert widget.comparison.second.gendered_found == 2 and widget.comparison.found_by_the_lens == 2
    text = widget.feedback.value
    assert "First reading, as written: 0 of 3 gendered warning signs" in text
    assert "found with the gender lens" in text and "missed in both readings" in text
    assert "Framework indicator 7.9" in text
    assert gender.sitreps()["gs1"].detail("gs1-d2").explanation.replace("'", "&#x27;")[:60] in text
    assert all(box.disabled for box in widget.boxes.values()) and widget.to_compare.disabled


def test_comparing_before_the_first_reading_is_done_says_what_to_do():
    widget = gender_lens()
    assert widget.compare() is None
    assert "Finish the first reading first" in widget.feedback.value and widget.step == "first"


def test_the_menu_switches_report_and_restart_clears_the_readings():
    widget = gender_lens("gs1")
    widget.boxes["gs1-d2"].value = True
    widget.to_second.click()
    widget.picker.value = "gs3"
    assert widget.sitrep.id == "gs3" and widget.step == "first" and widget.flagged == set()
    assert set(widget.boxes) == {d.id for d in gender.sitreps()["gs3"].details}
    assert "Lower Kessel" in widget.report_html.value
    widget.boxes["gs3-d3"].value = True
    widget.restart.click()
    assert widget.flagged == set() and widget.feedback.value == "" and widget.picker.value == "gs3"


def test_every_control_has_a_visible_label():
    widget = gender_lens("gs2")
    assert widget.picker.description
    assert all(box.description for box in widget.boxes.values())
    assert all(b.description for b in (widget.to_second, widget.to_compare, widget.restart))


def test_an_unknown_report_is_refused_with_a_sentence():
    with pytest.raises(KeyError, match="choose one of"):
        gender_lens("gs9")


def test_the_resolution_table_lists_both_tracks_from_the_data():
    html = resolution_table().value
    for resolution in gender.resolutions():
        assert resolution.symbol in html
    assert "Women, peace and security" in html and "Sexual violence in conflict" in html
    assert "<caption>" in html and "scope='col'" in html


# --- the notebook's links -----------------------------------------------------------


def test_the_lesson_links_its_exercise_and_the_capstone_and_uses_only_known_questions():
    import re

    import nbformat

    root = course_root()
    cells = nbformat.read(root / "lessons" / f"{LESSON}.ipynb", as_version=4).cells
    text = "\n".join(c.source for c in cells)
    assert (root / "exercises" / "10-gender-and-prevention" / "10-gender-and-prevention.ipynb").exists()
    what_next = cells[-1].source
    assert "exercises/10-gender-and-prevention/10-gender-and-prevention.ipynb" in what_next
    assert "13-capstone-crisis-simulation.ipynb" in what_next
    asked = set(re.findall(rf'check_understanding\("{LESSON}", "(l12-q\d)"\)', text))
    assert asked == set(lesson_questions(LESSON))
    assert set(re.findall(r'gender_lens\("(gs\d)"\)', text)) == set(gender.sitreps())


def test_the_topic_module_needs_neither_ipywidgets_nor_matplotlib():
    import subprocess
    import sys

    code = (
        "import sys, warning_signs.knowledge.gender as g; g.sitreps(); "
        "print(sorted(m for m in ('ipywidgets', 'matplotlib') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
