"""Exercise 3 (historical cases, after Lesson 4) through nbgrader's full round trip."""

import pytest

from roundtrip import exercise_tests

pytestmark = pytest.mark.slow

KEY = {"q1": "c", "q2": ["d", "b", "a", "c"], "q3": ["b", "c", "f"], "q4": "c", "q5": "b", "q6": "e", "q7": "f"}
POINTS = {"q1": 1, "q2": 2, "q3": 2, "q4": 1, "q5": 1, "q6": 1, "q7": 1}
# The response made before the warning taken as closing the gap; a failure to respond ticked as a
# warning; the late warning matched to the mediation case.
WRONG = {**KEY, "q2": ["b", "d", "a", "c"], "q3": ["b", "c", "e", "f"], "q6": "c"}

globals().update(exercise_tests("03-historical-cases", KEY, POINTS, WRONG))
