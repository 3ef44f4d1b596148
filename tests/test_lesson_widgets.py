"""Lesson widgets, driven headless: set values, read state and feedback text."""

import re

import nbformat
import pytest

from warning_signs.data import load
from warning_signs.lesson import sources, try_a_widget
from warning_signs.paths import course_root
from warning_signs.questions import lesson_questions
from warning_signs.widgets import ChoiceWidget, check_understanding, crime_sorting
from warning_signs.widgets.quiz import feedback
from warning_signs.widgets.sorting import CATEGORIES, vignette_questions

LESSONS = sorted(load("lesson_questions")["lesson_id"].unique())
MIN_QUESTIONS = {"02-risk-factors": 3, "03-scenario-practice": 3, "04-historical-cases": 2, "06-monitoring-data": 2}
ONE_KEY_EACH = {"04-historical-cases", "06-monitoring-data"}  # every question there has one right answer


@pytest.mark.parametrize("lesson", LESSONS)
def test_every_lesson_question_has_exactly_the_right_keys_and_explanations(lesson):
    questions = lesson_questions(lesson)
    assert len(questions) >= MIN_QUESTIONS.get(lesson, 1)
    for question in questions.values():
        assert any(o.correct for o in question.options), question.id
        assert all(o.explanation for o in question.options), question.id
        if question.kind == "single" or lesson in ONE_KEY_EACH:
            assert sum(o.correct for o in question.options) == 1, question.id


@pytest.mark.parametrize("lesson", LESSONS)
def test_every_lesson_asks_each_of_its_questions_once(lesson):
    nb = nbformat.read(course_root() / "lessons" / f"{lesson}.ipynb", as_version=4)
    source = "\n".join(c.source for c in nb.cells)
    asked = re.findall(rf'check_understanding\("{lesson}", "([^"]+)"\)', source)
    assert sorted(asked) == sorted(lesson_questions(lesson))


def test_choice_feedback_starts_with_a_word_not_a_colour():
    widget = check_understanding("01-what-are-atrocity-crimes", "l01-q1")
    right = next(o.id for o in widget.question.options if o.correct)
    widget.radio.value = next(o.id for o in widget.question.options if "scale" in o.text)
    assert "Not quite." in widget.status.value and "intent" in widget.status.value
    widget.radio.value = right
    assert "Correct." in widget.status.value


def test_multiple_choice_feedback_names_the_options_to_look_at_again():
    widget = check_understanding("01-what-are-atrocity-crimes", "l01-q5")
    for box, ticked in zip(widget.checkboxes, (True, True, False, True, False)):
        box.value = ticked
    assert widget.value == ["a", "b", "d"]
    assert "Not quite." in widget.status.value
    assert "c)" in widget.status.value and "d)" in widget.status.value and "a)" not in widget.status.value


def test_every_control_has_a_visible_label():
    single = check_understanding("00-start-here", "l00-q1")
    multiple = check_understanding("01-what-are-atrocity-crimes", "l01-q5")
    assert single.radio.description
    assert all(box.description for box in multiple.checkboxes)


def test_set_value_without_notify_does_not_call_back():
    calls = []
    question = lesson_questions("00-start-here")["l00-q1"]
    widget = ChoiceWidget(question, on_change=calls.append)
    widget.set_value("b", notify=False)
    assert widget.value == "b" and calls == []
    widget.radio.value = "a"
    assert calls == ["a"]


def test_crime_sorting_has_one_best_fit_and_an_explanation_for_every_choice():
    questions = vignette_questions()
    assert len(questions) >= 5
    for q in questions:
        assert sum(o.correct for o in q.options) == 1
        assert [o.id for o in q.options] == list(CATEGORIES)
        assert all(len(o.explanation) > 20 for o in q.options)


def test_crime_sorting_scores_and_explains_each_choice():
    activity = crime_sorting()
    first = activity.items[0]
    best = next(o.id for o in first.question.options if o.correct)
    wrong = next(o.id for o in first.question.options if not o.correct)
    first.radio.value = wrong
    assert "Not quite." in first.status.value
    assert "0 of" in activity.score.value and "1 answered" in activity.score.value
    first.radio.value = best
    assert "Correct." in first.status.value
    assert activity.correct_count() == 1 and "1 of" in activity.score.value


def test_feedback_is_empty_until_a_choice_is_made():
    question = vignette_questions()[0]
    assert feedback(question, None) == ""


def test_start_page_slider_replies_in_words():
    box = try_a_widget()
    slider, reply = box.children
    slider.value = 5
    assert "You chose 5." in reply.value


def test_sources_are_listed_from_the_sources_table():
    html = sources(["genocide-convention", "rome-statute"]).value
    assert html.count("<li>") == 2 and "A/CONF.183/9" in html
    with pytest.raises(KeyError, match="add them to datasets/sources.csv"):
        sources(["no-such-source"])


def test_ordering_starts_shuffled_and_explains_misplaced_items():
    from warning_signs.widgets.ordering import starting_order

    widget = check_understanding("01-what-are-atrocity-crimes", "l01-q6")
    key = widget.question.option_ids
    assert widget.order == starting_order(widget.question) != key
    assert widget.value is None  # nothing counts until the learner acts
    widget.set_value(["b", "a", "c", "d"])
    assert "Not quite: 2 of 4 are in the right place." in widget.status.value
    assert "Genocide Convention" in widget.status.value and "Rome Statute" not in widget.status.value
    widget.move("a", -1)  # the "Move up" button
    assert widget.value == key and "Correct." in widget.status.value


def test_ordering_buttons_are_labelled_and_disabled_at_the_ends():
    widget = check_understanding("01-what-are-atrocity-crimes", "l01-q6")
    first, last = widget.rows.children[0], widget.rows.children[-1]
    assert first.children[0].description == "Move up" and first.children[0].disabled
    assert last.children[1].description == "Move down" and last.children[1].disabled


def test_a_matching_activity_from_lesson_questions_scores_as_items_are_matched():
    from warning_signs.widgets import matching

    activity = matching("01-what-are-atrocity-crimes", ["l01-q1", "l01-q2"])
    first = activity.items[0]
    first.radio.value = next(o.id for o in first.question.options if o.correct)
    assert activity.correct_count() == 1 and "1 of 2" in activity.score.value
    assert "Correct." in activity.items[0].status.value
