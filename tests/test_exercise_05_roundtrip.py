"""Exercise 5 (monitoring data, after Lesson 6) through nbgrader's full round trip."""

import pytest

from roundtrip import exercise_tests

pytestmark = pytest.mark.slow

KEY = {"q1": "d", "q2": "b", "q3": ["b", "d", "e"], "q4": "c", "q5": ["b", "d", "c", "a"], "q6": "b",
       "q7": "d", "q8": "c"}
POINTS = {"q1": 1, "q2": 1, "q3": 2, "q4": 1, "q5": 2, "q6": 1, "q7": 1, "q8": 1}
# Lead time counted from the last month in alert; the specificity read as the share of true alerts;
# an unconfirmed first signal dismissed.
WRONG = {**KEY, "q1": "b", "q4": "a", "q6": "e"}

globals().update(exercise_tests("05-monitoring-data", KEY, POINTS, WRONG))
