"""Every lesson's stated time follows the course's one rule (knowledge/timing.py)."""

from __future__ import annotations

import pytest

from conftest import lesson_paths
from warning_signs.knowledge.timing import READING_WPM, Estimate, estimate, stated_minutes


@pytest.mark.parametrize("path", lesson_paths(), ids=lambda p: p.stem)
def test_stated_time_follows_the_rule(path):
    found = estimate(path)
    assert not found.unknown, (
        f"{path.name} calls {', '.join(found.unknown)}: add a row with its minutes to datasets/lessons/activity_minutes.csv"
    )
    assert stated_minutes(path) == found.minutes, (
        f"{path.name} states {stated_minutes(path)} minutes; the rule ({found.words} words at {READING_WPM} a minute "
        f"plus {sum(m for _, m in found.activities)} minutes of activities, rounded up to 5) gives {found.minutes}"
    )


def test_the_rule_rounds_up_to_five_minutes():
    assert Estimate(words=130, activities=(("a", 3),), unknown=()).minutes == 5
    assert Estimate(words=1300, activities=(("a", 3),), unknown=()).minutes == 15
