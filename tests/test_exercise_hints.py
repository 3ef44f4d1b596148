"""Every autograded exercise question has one teaching hint, and no hint gives its key away.

Keys are read from the hidden tests of the source notebooks (the instructor's side),
through the same reader the grader and the item-quality check use. Fast: no kernels.
Each check is also shown catching a planted bad hint.
"""

from __future__ import annotations

import re

import nbformat
import pytest

from warning_signs.data import load
from warning_signs.grading.course import Course
from warning_signs.knowledge.hints import citations, exercise_hints, form_problems, leaks
from warning_signs.paths import lessons_dir
from warning_signs.questions import exercise_questions

EXERCISES = list(dict.fromkeys(load("exercise_questions")["exercise_id"]))


def keys(exercise: str) -> dict:
    """question id -> key, from the hidden ``ex.check`` of the source notebook."""
    return {q.question: q.key for q in Course.at().questions(exercise) if not q.manual and q.key is not None}


def problems_of(exercise: str, qid: str, hint: str) -> list[str]:
    question = exercise_questions(exercise)[qid]
    options = {o.id: o.text for o in question.options}
    return form_problems(hint) + leaks(hint, question.prompt, options, keys(exercise)[qid], question.kind)


def headings() -> dict[int, set[tuple[int | None, str]]]:
    """Lesson number -> its section headings, as (number or None, title)."""
    found: dict[int, set[tuple[int | None, str]]] = {}
    for path in sorted(lessons_dir().glob("[0-9][0-9]-*.ipynb")):
        lesson = int(path.name[:2])
        for cell in nbformat.read(path, as_version=4).cells:
            if cell.cell_type != "markdown":
                continue
            for line in cell.source.splitlines():
                m = re.match(r"#{2,3} (?:(\d+)\. )?(.+?)\s*$", line)
                if m:
                    found.setdefault(lesson, set()).add((int(m.group(1)) if m.group(1) else None, m.group(2)))
    return found


# --- the course's hints ------------------------------------------------------


def test_every_question_has_exactly_one_hint_and_every_hint_a_question():
    table = load("exercise_hints")
    pairs = list(zip(table["exercise_id"], table["question_id"], strict=True))
    assert len(pairs) == len(set(pairs)), "a question has two hints"
    questions = load("exercise_questions")
    expected = set(zip(questions["exercise_id"], questions["question_id"], strict=True))
    assert set(pairs) == expected, {"no hint": expected - set(pairs), "no question": set(pairs) - expected}
    assert len(pairs) == 88


def test_the_hand_marked_memos_have_no_hint():
    for exercise in EXERCISES:
        manual = {q.grade_id for q in Course.at().questions(exercise) if q.manual}
        assert manual, exercise  # every exercise ends with a memo: the check below means something
        assert not manual & set(exercise_hints(exercise)), exercise


@pytest.mark.parametrize("exercise", EXERCISES)
def test_no_hint_gives_its_key_away_or_breaks_the_form(exercise):
    hints = exercise_hints(exercise)
    assert set(hints) == set(keys(exercise)), exercise
    found = {qid: p for qid, hint in hints.items() if (p := problems_of(exercise, qid, hint))}
    assert not found, found


@pytest.mark.parametrize("exercise", EXERCISES)
def test_every_hint_sends_the_learner_to_a_section_that_exists(exercise):
    sections = headings()
    for qid, hint in exercise_hints(exercise).items():
        cited = citations(hint)
        assert cited, f"{exercise} {qid} cites no lesson section: {hint!r}"
        for lesson, number, title in cited:
            assert (number, title) in sections.get(lesson, set()), (exercise, qid, lesson, number, title)


def test_the_loader_reads_through_the_table_and_knows_no_other_exercise():
    hints = exercise_hints("05-monitoring-data")
    assert list(hints)[:2] == ["q1", "q2"] and all(isinstance(h, str) and h for h in hints.values())
    assert exercise_hints("99-no-such-exercise") == {}


# --- each check catches a planted bad hint ------------------------------------

EX, QID = "01-atrocity-crimes", "q4"  # key d: "Crimes against humanity: a systematic attack on civilians ..."


def test_our_own_hint_for_the_planted_question_is_clean():
    assert keys(EX)[QID] == "d"
    assert problems_of(EX, QID, exercise_hints(EX)[QID]) == []


@pytest.mark.parametrize(
    ("hint", "found"),
    [
        ("Think of crimes against humanity: a systematic attack on civilians.", "quotes the right option d"),
        ("Reread Lesson 1: look for an attack on civilians under a State policy.", "quotes the right option d"),
        ("Reread Lesson 1, section 3, “Crimes against humanity: an attack on civilians”.", "names the right option d"),
        ("Look again at option d before you choose.", "points at a letter"),
        ("Reread Lesson 1; (d) fits the facts.", "points at a letter"),
        ("Reread Lesson 1: d) is the one.", "points at a letter"),
        ("The answer is the one about a policy.", "points at a letter or the answer"),
        ("Pick the right answer this time.", "points at a letter or the answer"),
        ("Correct the way you read it: reread Lesson 1.", "begins with the verdict word 'correct'"),
        ("No: reread Lesson 1, section 1.", "begins with the verdict word 'no'"),
        ("Not quite. Reread Lesson 1.", "begins with the verdict word"),
        ("Wrong reading; reread Lesson 1.", "begins with the verdict word 'wrong'"),
        ("Reread Lesson 1. Then think. Then choose again.", "has 3 sentences"),
        ("Reread Lesson 1, " + "and think again, " * 20 + "please.", "characters (at most 300)"),
        ("   ", "is empty"),
    ],
)
def test_a_planted_bad_hint_is_caught(hint, found):
    problems = problems_of(EX, QID, hint)
    assert any(found in p for p in problems), problems


def test_a_short_right_option_is_caught_by_its_name():
    # Exercise 12 q1: the key is the one-word option "Genocide"; exercise 3 q4: "Kenya 2007-2008: ...".
    assert keys("12-final-assessment")["q1"] == "b"
    assert any("names the right option b" in p for p in problems_of("12-final-assessment", "q1", "Think of genocide."))
    assert keys("03-historical-cases")["q4"] == "c"
    planted = "Reread the case of Kenya in Lesson 4."
    assert any("by 'kenya'" in p for p in problems_of("03-historical-cases", "q4", planted))


def test_a_count_or_an_order_is_caught_for_multiple_and_ordering_questions():
    assert exercise_questions("01-atrocity-crimes")["q3"].kind == "multiple"
    tick = problems_of("01-atrocity-crimes", "q3", "Reread Lesson 1: three of them are protected.")
    assert any("gives a count" in p for p in tick), tick
    assert exercise_questions("02-reading-warning-signs")["q3"].kind == "ordering"
    order = "Reread Lesson 2: the courts and free press situation comes first."
    assert any("place in the order" in p for p in problems_of("02-reading-warning-signs", "q3", order))
    letters = "Reread Lesson 2, then try c, a, d, b."
    assert any("points at a letter" in p for p in problems_of("02-reading-warning-signs", "q3", letters))


def test_a_wrong_option_may_be_quoted_and_a_citation_must_name_a_real_section():
    # Quoting a wrong option's words is no leak; the checks look only at the key.
    assert problems_of(EX, QID, "Ask whether the police use military methods, weapons and chains of command.") == []
    sections = headings()
    assert (3, "Crimes against humanity: an attack on civilians") in sections[1]
    assert citations("Reread Lesson 1, section 9, “No such section”.") == [(1, 9, "No such section")]
    assert (9, "No such section") not in sections[1]
    two = citations("Reread Lesson 6, section 2, “The threshold trade-off” and section 3, “Base rates: x”.")
    assert two == [(6, 2, "The threshold trade-off"), (6, 3, "Base rates: x")]
