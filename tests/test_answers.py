"""The answer store keeps every answer, survives damage, and never loses work."""

import json

import pytest

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


# --- answers are never lost: a save killed at each step, and damage of every shape ------------

KILLER = """
import os, shutil, signal, sys
from warning_signs.answers import CLICK, AnswerStore

folder, step = sys.argv[1], int(sys.argv[2])
calls = [0]

def killing(real):
    def wrapped(*args, **kwargs):
        calls[0] += 1
        if calls[0] == step:
            os.kill(os.getpid(), signal.SIGKILL)  # as a power cut or an OOM kill would
        return real(*args, **kwargs)
    return wrapped

for module, name in ((os, "open"), (os, "fsync"), (os, "replace"), (shutil, "copyfile")):
    setattr(module, name, killing(getattr(module, name)))
AnswerStore("ex", folder).save(sys.argv[3], sys.argv[4], CLICK)
print("finished after", calls[0], "steps")
"""


def test_a_save_killed_at_any_step_loses_no_earlier_answer(tmp_path):
    import subprocess
    import sys

    store = AnswerStore("ex", tmp_path)
    store.save("q1", "a", CLICK)
    store.save("q2", "b", CLICK)
    killed_at = []
    for step in range(1, 40):
        done = subprocess.run([sys.executable, "-c", KILLER, str(tmp_path), str(step), f"q{step + 2}", "c"],
                              capture_output=True, text=True)
        entries = AnswerStore("ex", tmp_path).load()
        assert entries["q1"].value == "a" and entries["q2"].value == "b", (step, done.stderr)
        assert all(entries[f"q{s + 2}"].value == "c" for s in range(1, step) if f"q{s + 2}" in entries)
        if done.returncode == 0:
            break
        killed_at.append(step)
    assert len(killed_at) >= 6  # temp file, its fsync, the backup's, the rename, the folder sync...
    assert "finished" in done.stdout


@pytest.mark.parametrize("damage", ["folder", "pipe", "list", "wrong types", "huge", "deeply nested", "missing"])
def test_damage_of_any_shape_is_one_sentence_and_the_backup_is_used(tmp_path, damage):
    import os

    store = AnswerStore("ex", tmp_path)
    store.save("q1", "a", CLICK)
    store.save("q2", "b", CLICK)  # the backup now holds q1
    path = store.path
    path.unlink()
    if damage == "folder":
        path.mkdir()
    elif damage == "pipe":
        os.mkfifo(path)  # reading it must not block
    elif damage == "list":
        path.write_text("[1, 2, 3]")
    elif damage == "wrong types":
        path.write_text(json.dumps({"answers": ["q1", "a"]}))
    elif damage == "huge":
        path.write_text('{"answers": {"q1": {"value": "' + "x" * (9 * 1024 * 1024) + '"}}}')
    elif damage == "deeply nested":
        path.write_text("[" * 100_000 + "]" * 100_000)
    entries = AnswerStore("ex", tmp_path).load()
    problem = AnswerStore("ex", tmp_path)
    problem.load()
    assert entries["q1"].value == "a"  # from the backup
    assert problem.problem and "\n" not in problem.problem and problem.problem.count(". ") == 0
    assert "backup" in problem.problem


def test_odd_entries_are_reported_in_one_sentence(tmp_path):
    store = AnswerStore("ex", tmp_path)
    store.path.write_text(json.dumps({"answers": {"q1": "oops", "q2": {"value": "b"}, "q3": [1]}}))
    assert list(store.load()) == ["q2"]
    assert store.problem is not None and "'q1'" in store.problem and "'q3'" in store.problem
