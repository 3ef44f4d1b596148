"""The answer store keeps every answer, survives damage, and never loses work."""

import json

from warning_signs.answers import CLICK, TYPED, AnswerStore


def test_saved_answers_come_back_in_a_new_store(tmp_path):
    AnswerStore("ex", tmp_path).save("q1", "b", CLICK)
    AnswerStore("ex", tmp_path).save("q3", ["a", "c"], TYPED)
    entries = AnswerStore("ex", tmp_path).load()  # as after a kernel restart
    assert entries["q1"].value == "b" and entries["q1"].via == CLICK
    assert entries["q3"].value == ["a", "c"] and entries["q3"].via == TYPED


def test_no_file_means_no_answers_and_no_problem(tmp_path):
    store = AnswerStore("ex", tmp_path)
    assert store.load() == {} and store.problem is None


def test_changing_an_answer_keeps_the_previous_version_as_backup(tmp_path):
    store = AnswerStore("ex", tmp_path)
    store.save("q1", "a", CLICK)
    store.save("q1", "c", CLICK)
    assert store.load()["q1"].value == "c"
    backup = json.loads(store.backup_path.read_text())
    assert backup["answers"]["q1"]["value"] == "a"


def test_a_damaged_file_falls_back_to_the_backup_with_one_sentence(tmp_path):
    store = AnswerStore("ex", tmp_path)
    store.save("q1", "a", CLICK)
    store.save("q2", "b", CLICK)
    store.path.write_text('{"answers": {"q1": ')  # cut off mid-write
    entries = store.load()
    assert entries["q1"].value == "a"  # from the backup
    assert "damaged" in store.problem and store.problem.count(". ") == 0


def test_a_damaged_file_without_backup_counts_as_no_answers(tmp_path):
    store = AnswerStore("ex", tmp_path)
    store.path.write_text("not json at all")
    assert store.load() == {}
    assert "click your answers again" in store.problem


def test_saving_after_damage_keeps_the_damaged_file_aside(tmp_path):
    store = AnswerStore("ex", tmp_path)
    store.path.write_text("garbage")
    store.save("q1", "d", CLICK)
    assert store.load()["q1"].value == "d" and store.problem is None
    assert (tmp_path / "ex.answers.json.damaged").read_text() == "garbage"


def test_entries_with_the_wrong_shape_are_skipped_not_fatal(tmp_path):
    store = AnswerStore("ex", tmp_path)
    store.path.write_text(json.dumps({"answers": {"q1": "oops", "q2": {"value": "b"}}}))
    assert list(store.load()) == ["q2"]
