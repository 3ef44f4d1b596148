"""Exercise 12 (the final course assessment, Lessons 1-12) through nbgrader's full round trip."""

import pytest

from roundtrip import exercise_tests

pytestmark = pytest.mark.slow

KEY = {"q1": "b", "q2": "c", "q3": ["c", "d", "f"], "q4": "d", "q5": "d", "q6": "a", "q7": "c",
       "q8": ["c", "d", "a", "b"], "q9": "b", "q10": "b", "q11": "a", "q12": "d", "q13": "c", "q14": "c",
       "q15": ["b", "d", "f"], "q16": "a", "q17": "d", "q18": "a", "q19": ["a", "c", "d"]}
POINTS = {q: 2 if isinstance(k, list) else 1 for q, k in KEY.items()}
# Genocide read as ethnic cleansing; the envoy put before the demarche; the Security Council given
# the inquiry; a gender-blind census ticked as a gendered sign.
WRONG = {**KEY, "q1": "a", "q8": ["d", "c", "a", "b"], "q11": "d", "q19": ["a", "c", "d", "e"]}

globals().update(exercise_tests("12-final-assessment", KEY, POINTS, WRONG))


def test_the_assessment_spans_the_course_with_mixed_kinds():
    import re

    from warning_signs.questions import exercise_questions

    questions = exercise_questions("12-final-assessment")
    assert len(questions) >= 15
    assert {q.kind for q in questions.values()} == {"single", "multiple", "ordering"}
    lessons = {int(re.match(r"Lesson (\d+)", q.prompt).group(1)) for q in questions.values()}
    assert lessons == set(range(1, 13))
