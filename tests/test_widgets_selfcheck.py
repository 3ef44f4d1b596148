"""The "Check my answers" button, headless: clicked as a learner clicks it, in both policies.

Each click runs the real checking process (``python -m warning_signs check``); the
assertions read what the learner reads: the button, the allowance line, the result table.
"""

from __future__ import annotations

import pytest

from test_selfcheck import EX, assessed, keys, release_copy
from warning_signs.exercise import Exercise
from warning_signs.grading import policy
from warning_signs.widgets.base import CourseWidget
from warning_signs.widgets.selfcheck_button import SelfCheckButton


@pytest.fixture
def ex(tmp_path):
    folder = release_copy(tmp_path / "exercises" / EX).parent
    return Exercise(EX, folder)


def shown(button: SelfCheckButton) -> str:
    (output,) = button.result.outputs
    return output["data"]["text/html"]


def test_the_button_is_a_course_widget_with_a_label_that_fits(ex):
    button = ex.self_check()
    assert isinstance(button, SelfCheckButton) and isinstance(button, CourseWidget)
    assert button.button.description == "Check my answers" and button.button.layout.width == "auto"
    assert "Save the notebook first" in button.note.value and len(button.note.value) < 160
    assert button.allowance.value == "" and not button.button.disabled  # practice: nothing to count


def test_practice_click_shows_the_table_with_clicks_and_typed_answers(ex):
    ex.answer("q1", "a")  # typed in this kernel
    ex.store.save("q5", "b", "click")
    button = ex.self_check()
    button.button.click()
    html = shown(button)
    assert 'role="status"' in html and "You scored 1 of 9 autograded points." in html
    assert "a) A triggering factor (risk factor 8)" in html and "b) Degrade perpetrators&#x27; capacity" in html
    assert "</span>Not right</td>" in html and keys()["q5"].why.replace("'", "&#x27;") in html
    assert f'<a href="{EX}.selfcheck.html">' in html and "getElementById" in html  # the link; focus to the status
    assert button.button.description == "Check my answers" and not button.button.disabled
    assert button.last is not None and button.last.used == 1


def test_assessed_counts_down_and_then_says_so_in_one_sentence(ex):
    assessed(ex.store.folder, attempts=1)
    button = ex.self_check()
    assert "1 self-check allowed, 0 used, 1 left" in button.allowance.value
    ex.answer("q5", "b")
    button.button.click()
    html = shown(button)
    assert "Self-checks used: 1 of 1 (0 left)." in html and keys()["q5"].why not in html
    assert button.button.disabled and "You have used your one self-check" in button.allowance.value
    assert button.allowance.value.count(". ") == 0
    button.button.click()  # a click that still arrives does nothing
    assert policy.attempts(ex.store.folder).used == 1
    again = ex.self_check()  # a reopened notebook: the count is on disk
    assert again.button.disabled and "used your one self-check" in again.allowance.value


def test_nothing_is_shown_while_graded(ex, monkeypatch):
    monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")
    assert ex.self_check() is None


def test_in_voila_a_visitor_checks_their_own_answers_without_a_link(tmp_path, monkeypatch):
    visitor = "ab" * 16
    monkeypatch.setenv("SERVER_SOFTWARE", "voila/0.5.8")
    monkeypatch.setenv("WARNING_SIGNS_VISITORS_DIR", str(tmp_path / "visitors"))
    monkeypatch.setenv("WARNING_SIGNS_VISITOR", visitor)
    ex = Exercise(EX)
    assert ex.store.folder == tmp_path / "visitors" / visitor
    ex.answer("q1", "a")
    button = ex.self_check()
    button.button.click()
    html = shown(button)
    assert "You scored 1 of 9 autograded points." in html and "<a href=" not in html  # Voila serves no page
    assert policy.attempts(ex.store.folder).used == 1  # counted in the visitor's own folder
