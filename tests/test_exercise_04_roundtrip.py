"""Exercise 4 (dangerous speech, after Lesson 5) through nbgrader's full round trip."""

import pytest

from roundtrip import exercise_tests

pytestmark = pytest.mark.slow

KEY = {"q1": "c", "q2": ["a", "d", "e"], "q3": ["b", "d", "a", "c"], "q4": "d", "q5": "b", "q6": "f",
       "q7": "c", "q8": "b"}
POINTS = {"q1": 1, "q2": 2, "q3": 2, "q4": 1, "q5": 1, "q6": 1, "q7": 1, "q8": 1}
# Dehumanization for an accusation in a mirror; an internet shutdown for a coordinated network;
# "no harm yet" as the Rabat reason.
WRONG = {**KEY, "q1": "b", "q5": "e", "q8": "a"}

globals().update(exercise_tests("04-dangerous-speech", KEY, POINTS, WRONG))
