"""Every choice question of the course passes the item-quality rules (no answer cues).

Lesson keys come from datasets/lessons/options.csv; exercise keys from the hidden
tests of the source notebooks (the instructor's side).
"""

from __future__ import annotations

from warning_signs.data import load
from warning_signs.grading.course import Course
from warning_signs.knowledge.item_quality import Item, check_cues, right_is_longest
from warning_signs.questions import exercise_questions, lesson_questions


def lesson_items() -> list[Item]:
    items = []
    for lesson_id in dict.fromkeys(load("lesson_questions")["lesson_id"]):
        for q in lesson_questions(lesson_id).values():
            key = tuple(o.id for o in q.options if o.correct) if q.kind != "ordering" else tuple(sorted(q.option_ids))
            items.append(
                Item(
                    f"lesson {lesson_id} {q.id}",
                    lesson_id,
                    q.kind,
                    q.prompt,
                    tuple((o.id, o.text) for o in q.options),
                    key,
                    tuple(o.explanation for o in q.options),
                )
            )
    return items


def exercise_items() -> list[Item]:
    course = Course.at()
    items = []
    for exercise_id in dict.fromkeys(load("exercise_questions")["exercise_id"]):
        keys = {info.grade_id: info.key for info in course.questions(exercise_id) if info.key is not None}
        for q in exercise_questions(exercise_id).values():
            key = keys.get(q.id)
            assert key is not None, f"exercise {exercise_id} {q.id} has no hidden ex.check with a key"
            key = tuple(key) if isinstance(key, (list, tuple)) else (key,)
            items.append(
                Item(
                    f"exercise {exercise_id} {q.id}",
                    exercise_id,
                    q.kind,
                    q.prompt,
                    tuple((o.id, o.text) for o in q.options),
                    key,
                )
            )
    return items


def test_every_choice_question_is_free_of_cues():
    findings = check_cues(lesson_items() + exercise_items())
    assert not findings, "Item-quality problems:\n" + "\n".join(map(str, findings))


def _item(n: int, key: str = "a", texts=("short", "a much longer right answer here", "mid one")) -> Item:
    opts = tuple(zip("abc", texts, strict=True))
    return Item(f"planted {n}", "planted", "single", "Which one?", opts, (key,))


def test_the_check_catches_planted_cues():
    # right is longest in every item, and always at position b
    items = [_item(n, "b") for n in range(6)]
    rules = {f.rule for f in check_cues(items)}
    assert {"longest", "positions"} <= rules
    straw = Item(
        "straw",
        "p",
        "single",
        "What does an alert mean?",
        (("a", "It always means war"), ("b", "A reason to look")),
        ("b",),
    )
    assert "absolute word" in [f.rule for f in check_cues([straw])]
    stem_uses_it = Item(
        "ok", "p", "single", "Does an alert always mean war?", (("a", "It always does"), ("b", "No")), ("b",)
    )
    assert not [f for f in check_cues([stem_uses_it]) if f.rule == "absolute word"]
    match = [
        Item(f"m{i}", "ex", "single", f"Match {i}", (("a", "x"), ("b", "y"), ("c", "z")), (k,))
        for i, k in enumerate("abc")
    ]
    assert "elimination" in {f.rule for f in check_cues(match)}
    verdict = Item("v", "p", "multiple", "Tick", (("a", "x"), ("b", "y")), ("a",), ("Correct. It is.", "No raid came."))
    assert [f.where for f in check_cues([verdict]) if f.rule == "verdict word"] == ["v"]


def test_longest_is_strict():
    assert not right_is_longest(_item(0, "a", ("same", "same", "abc")))
