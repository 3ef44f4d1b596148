"""The exercise API: which answer counts, and checks that speak to a learner."""

import pytest

from warning_signs.answers import CLICK, TYPED, AnswerStore
from warning_signs.exercise import AnswerProblem, Exercise, normalize, store_folder
from warning_signs.paths import exercises_dir

EX = "01-atrocity-crimes"


@pytest.fixture
def ex(tmp_path, monkeypatch):
    monkeypatch.delenv("NBGRADER_EXECUTION", raising=False)
    return Exercise(EX, tmp_path)


def test_a_click_is_saved_and_counts(ex, tmp_path):
    widget = ex.ask("q1")
    widget.radio.value = "a"  # what the browser does when the learner clicks
    assert AnswerStore(EX, tmp_path).load()["q1"].value == "a"
    assert ex.response("q1") == "a"
    assert "Saved" in widget.status.value


def test_a_reopened_notebook_shows_the_saved_choice(ex, tmp_path):
    ex.ask("q3").checkboxes[0].value = True
    again = Exercise(EX, tmp_path).ask("q3")
    assert again.value == ["a"]


def test_typed_answer_is_saved_and_updates_the_widget(ex, tmp_path):
    widget = ex.ask("q3")
    ex.answer("q3", "A, c")
    assert ex.response("q3") == ["a", "c"]
    assert widget.value == ["a", "c"]
    assert AnswerStore(EX, tmp_path).load()["q3"].via == TYPED


def test_a_click_after_a_typed_answer_wins(ex):
    widget = ex.ask("q2")
    ex.answer("q2", "b")
    widget.radio.value = "c"
    assert ex.response("q2") == "c"


def test_during_grading_a_typed_answer_counts_unless_a_later_click_changed_it(tmp_path, monkeypatch):
    monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")
    store = AnswerStore(EX, tmp_path)
    store.save("q1", "c", CLICK)   # clicked after running the typed cell
    store.save("q2", "b", TYPED)   # typed and run last
    graded = Exercise(EX, tmp_path)
    graded.answer("q1", "a")       # the typed cells re-run during autograde
    graded.answer("q2", "b")
    graded.answer("q4", "b")       # typed but never run by the learner
    assert graded.response("q1") == "c"
    assert graded.response("q2") == "b"
    assert graded.response("q4") == "b"
    assert AnswerStore(EX, tmp_path).load()["q1"].value == "c"  # grading never writes


def test_grading_prints_the_question_and_the_answer_given(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")
    AnswerStore(EX, tmp_path).save("q1", "a", CLICK)
    assert Exercise(EX, tmp_path).ask("q1") is None
    out = capsys.readouterr().out
    assert "Question 1." in out and "Answer given: a) Ethnic cleansing" in out


@pytest.mark.parametrize("value, words", [
    (None, "no answer given"),
    (42, 'one option letter in quotes'),
    ("z", "'z' is not one of the options (a, b, c, d)"),
])
def test_check_answered_says_what_is_wrong_in_a_sentence(ex, value, words, monkeypatch):
    monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")
    if value is not None:
        ex._typed["q1"] = value
    with pytest.raises(AnswerProblem) as problem:
        ex.check_answered("q1")
    assert words in str(problem.value)
    assert problem.value._render_traceback_() == [f"✗ {problem.value}"]  # no traceback shown


def test_while_working_an_unanswered_check_only_shows_a_note_so_run_all_goes_on(ex):
    widget = ex.ask("q1")
    line = ex.check_answered("q1")  # no exception: the next questions still appear
    assert "⚠ Question 1: no answer given." in line.value
    widget.radio.value = "a"  # the note follows the learner's click
    assert "✓ Question 1 is answered." in line.value
    assert "✓ Question 1 is answered." in ex.check_answered("q1").value


def test_multiple_choice_must_be_a_list_of_letters(ex, monkeypatch):
    monkeypatch.setenv("NBGRADER_EXECUTION", "validate")
    ex._typed["q3"] = 3
    with pytest.raises(AnswerProblem, match="list of option letters"):
        ex.check_answered("q3")


def test_check_accepts_the_key_and_explains_a_wrong_answer(ex):
    ex.answer("q3", ["d", "c", "b", "a"])
    ex.check("q3", ["a", "b", "c", "d"])
    ex.answer("q2", "a")
    with pytest.raises(AnswerProblem, match="Question 2: not correct. Reread"):
        ex.check("q2", "b", why="Reread Article II.")


def test_unknown_question_id_is_a_clear_message(ex):
    with pytest.raises(AnswerProblem, match="no question 'q99'.*known: q1"):
        ex.ask("q99")


def test_normalize_tidies_typed_answers(ex):
    q1, q3 = ex.questions["q1"], ex.questions["q3"]
    assert normalize(q1, " B) ") == "b"
    assert normalize(q3, "c; a") == ["a", "c"]
    assert normalize(q3, ("B", "b")) == ["b"]


def test_an_authors_answers_never_land_in_the_course_source(tmp_path):
    source = exercises_dir() / EX
    assert store_folder(source) != source
    assert exercises_dir() not in store_folder(source).parents
    assert store_folder(tmp_path) == tmp_path


def test_a_damaged_store_is_reported_once_and_typed_answers_still_count(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")
    (tmp_path / f"{EX}.answers.json").write_text("{broken")
    graded = Exercise(EX, tmp_path)
    assert "damaged" in capsys.readouterr().out
    graded.answer("q1", "a")
    graded.check("q1", "a")


def test_ordering_answers_keep_the_learners_order_and_need_every_item(ex, monkeypatch):
    from warning_signs.questions import ORDERING, Option, Question

    question = Question("q9", 9, ORDERING, "Order these.", tuple(Option(o, o.upper()) for o in "abc"))
    assert normalize(question, "C, a ,b") == ["c", "a", "b"]
    ex.questions = {**ex.questions, "q9": question}
    monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")
    ex._typed["q9"] = ["c", "a"]
    with pytest.raises(AnswerProblem, match="every option letter once"):
        ex.check_answered("q9")
    ex._typed["q9"] = ["c", "a", "b"]
    with pytest.raises(AnswerProblem, match="not correct"):
        ex.check("q9", ["a", "b", "c"])
    ex.check("q9", "c,a,b")
