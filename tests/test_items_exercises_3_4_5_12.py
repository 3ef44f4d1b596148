"""Item quality of Exercises 3, 4, 5 and 12 (issue 16's standard), keys read from the hidden tests."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from warning_signs.grading.course import Course
from warning_signs.questions import MULTIPLE, ORDERING, SINGLE, exercise_questions

EXERCISES = ["03-historical-cases", "04-dangerous-speech", "05-monitoring-data", "12-final-assessment"]
ABSOLUTE = re.compile(r"\b(only|always|never|certainly|automatically|all)\b", re.I)


def keys(exercise: str) -> dict:
    return {q.grade_id: q.key for q in Course.at().questions(exercise) if not q.manual}


def singles():
    for exercise in EXERCISES:
        for qid, key in keys(exercise).items():
            question = exercise_questions(exercise)[qid]
            if question.kind == SINGLE:
                yield exercise, question, key


def test_every_question_has_a_key_in_its_hidden_test():
    for exercise in EXERCISES:
        assert set(keys(exercise)) == set(exercise_questions(exercise)), exercise
        assert all(key is not None for key in keys(exercise).values()), exercise


def test_the_right_option_is_seldom_the_longest_and_keys_are_spread():
    items = list(singles())
    longest = [q.id for _, q, key in items
               if len(q.option(key).text) > max(len(o.text) for o in q.options if o.id != key)]
    assert len(longest) <= len(items) / 3, longest
    positions = Counter(key for _, _, key in items)
    assert max(positions.values()) <= 0.4 * len(items), positions


@pytest.mark.parametrize("exercise", EXERCISES)
def test_wrong_options_do_not_lean_on_absolute_words(exercise):
    for qid, key in keys(exercise).items():
        question = exercise_questions(exercise)[qid]
        if question.kind == ORDERING:
            continue
        right = set(key) if question.kind == MULTIPLE else {key}
        flagged = [o.text for o in question.options if o.id not in right and ABSOLUTE.search(o.text)]
        assert not flagged, (qid, flagged)


@pytest.mark.parametrize("exercise", EXERCISES)
def test_a_matching_task_offers_more_options_than_it_has_slots(exercise):
    groups: dict[tuple, list[str]] = {}
    for question in exercise_questions(exercise).values():
        if question.kind == SINGLE:
            groups.setdefault(tuple(o.text for o in question.options), []).append(question.id)
    matching = {options: ids for options, ids in groups.items() if len(ids) > 1}
    assert matching, "each of these exercises has a matching task"
    for options, ids in matching.items():
        assert len(options) > len(ids), ids
