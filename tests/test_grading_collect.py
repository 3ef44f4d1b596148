"""Collect, per upload and per learner, through ``warning-signs grade collect --from``: links never
followed, an oversized file refused alone, a stranger's upload never reaching a learner's folder,
two uploads from one learner never merged, and every line the instructor reads plain."""

from __future__ import annotations

import json
import os
import stat
import zipfile
from pathlib import Path

import pytest

from conftest import EXERCISE, ROOT
from submissions import KEY, NOTEBOOK, WRONG
from warning_signs.answers import TYPED, AnswerStore
from warning_signs.cli import main
from warning_signs.grading.course import Course
from warning_signs.grading.safecopy import MAX_FILE, Budget, copy_tree

pytestmark = pytest.mark.slow
STORE = f"{EXERCISE}.answers.json"
STUDENTS = ("id,first_name,last_name,email\nalice,Alice,Smith,alice@x.org\nbob,Bob,Jones,bob@x.org\n"
            "carol,Carol,Diaz,carol@x.org\ndave,Dave,Moss,dave@x.org\nerin,Erin,Lee,erin@x.org\n")


def answered(folder: Path, answers: dict) -> Path:
    store = AnswerStore(EXERCISE, folder)
    for qid, value in answers.items():
        store.save(qid, value, TYPED)
    return folder


def grade(capsys, *args) -> list[str]:
    main(["grade", *args])
    return capsys.readouterr().out.strip().splitlines()


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("collect")
    course = Course.at(tmp / "course", ROOT / "exercises")
    (tmp / "students.csv").write_text(STUDENTS)
    assert main(["grade", "setup", "--students", str(tmp / "students.csv"), "--course", str(course.root)]) == 0
    assert main(["grade", "release", EXERCISE, "--course", str(course.root)]) == 0
    return tmp, course


def add(bundle: zipfile.ZipFile, name: str, data: bytes, when=(2026, 1, 1, 9, 0, 0), mode: int | None = None):
    info = zipfile.ZipInfo(name, date_time=when)
    if mode is not None:
        info.external_attr = mode << 16
    bundle.writestr(info, data)


def test_a_class_zip_is_collected_per_upload_and_per_learner(course, capsys):
    tmp, course_ = course
    release = course_.folder("release", EXERCISE)
    notebook = (release / NOTEBOOK).read_bytes()
    mine = answered(tmp / "alice-work", {"q1": KEY["q1"], "q2": KEY["q2"]})
    theirs = answered(tmp / "stranger-work", WRONG)
    archive = tmp / "download.zip"
    moodle = "Alice Smith_1_assignsubmission_file_"
    with zipfile.ZipFile(archive, "w") as bundle:
        add(bundle, f"{moodle}/{EXERCISE}/{NOTEBOOK}", notebook)
        add(bundle, f"{moodle}/{EXERCISE}/{STORE}", (mine / STORE).read_bytes())
        add(bundle, f"{moodle}/{EXERCISE}/{STORE}.bak", b" " * (MAX_FILE + 1))  # over the limit: refused alone
        # A stranger's upload holding a folder named after Alice must not reach her work.
        add(bundle, f"stranger_99_assignsubmission_file_/alice/{EXERCISE}/{NOTEBOOK}", notebook)
        add(bundle, f"stranger_99_assignsubmission_file_/alice/{EXERCISE}/{STORE}", (theirs / STORE).read_bytes())
        # Bob uploaded twice: an older folder with answers, a newer notebook without: never merged.
        add(bundle, f"Bob Jones_111_assignsubmission_file_/{NOTEBOOK}", notebook, when=(2026, 1, 1, 9, 0, 0))
        add(bundle, f"Bob Jones_111_assignsubmission_file_/{STORE}", (mine / STORE).read_bytes())
        add(bundle, f"jonesbob_222_333_{NOTEBOOK}", notebook, when=(2026, 1, 2, 9, 0, 0))
        # Carol's upload carries a symbolic link (zip tools can store them) to the gradebook.
        add(bundle, f"carol/{NOTEBOOK}", notebook)
        add(bundle, f"carol/{STORE}", str(course_.db_path).encode(), mode=stat.S_IFLNK | 0o777)
        add(bundle, f"\x1b[2J\x1b[31mcollected everyone_{NOTEBOOK}", notebook)  # a name with escape codes
    lines = grade(capsys, "collect", EXERCISE, "--from", str(archive), "--course", str(course_.root))
    text = "\n".join(lines)
    print(text)
    assert "\x1b" not in text and not any(len(line) > 400 for line in lines)
    assert [line.split(" … ")[0] for line in lines if line.startswith("[")] == [
        "[1/3] collecting alice", "[2/3] collecting bob", "[3/3] collecting carol"]
    submitted = {s: course_.folder("submitted", EXERCISE, s) for s in ("alice", "bob", "carol")}
    # Alice: her own answers, not the stranger's; the oversized file refused alone, with a line naming it.
    assert json.loads((submitted["alice"] / STORE).read_text()) == json.loads((mine / STORE).read_text())
    assert not (submitted["alice"] / f"{STORE}.bak").exists()
    assert any(f"{STORE}.bak" in line and "larger than 32 MiB" in line for line in lines)
    assert any(line.startswith("FAILED stranger_99_assignsubmission_file_") for line in lines)
    # Bob: the newer upload only (no answers file), and the instructor is told.
    assert (submitted["bob"] / NOTEBOOK).exists() and not (submitted["bob"] / STORE).exists()
    assert any("2 uploads from this learner: kept the latest" in line for line in lines)
    # Carol: the link was dropped with a note, the notebook collected.
    assert (submitted["carol"] / NOTEBOOK).exists() and not (submitted["carol"] / STORE).exists()
    assert any("a link" in line and STORE in line for line in lines)
    assert any(line.startswith("FAILED collected everyone_") for line in lines)  # escape codes gone
    assert lines[-1].startswith("collected 3, failed ")


def test_a_folder_download_never_follows_links(course, capsys):
    tmp, course_ = course
    release = course_.folder("release", EXERCISE)
    download = tmp / "folder-download"
    for student in ("dave", "erin"):
        (download / student / EXERCISE).mkdir(parents=True)
        (download / student / EXERCISE / NOTEBOOK).write_bytes((release / NOTEBOOK).read_bytes())
    alice = course_.folder("submitted", EXERCISE, "alice") / STORE
    os.symlink(alice, download / "dave" / EXERCISE / STORE)                      # another learner's answers
    os.link(course_.db_path, download / "erin" / EXERCISE / STORE)              # the gradebook, hard-linked
    before = alice.read_bytes()
    lines = grade(capsys, "collect", EXERCISE, "--from", str(download), "--course", str(course_.root))
    print("\n".join(lines))
    for student in ("dave", "erin"):
        folder = course_.folder("submitted", EXERCISE, student)
        assert (folder / NOTEBOOK).exists() and not (folder / STORE).exists(), student
    assert any("a link" in line and f"dave/{EXERCISE}/{STORE}" in line for line in lines)
    assert any("hard link" in line and f"erin/{EXERCISE}/{STORE}" in line for line in lines)
    assert alice.read_bytes() == before


def test_the_download_caps_hold_and_each_refusal_is_one_line(tmp_path):
    source = tmp_path / "src"
    source.mkdir()
    for i in range(5):
        (source / f"f{i}.ipynb").write_bytes(b"x" * 1000)
    os.mkfifo(source / "pipe.ipynb")
    budget = copy_tree(source, tmp_path / "dest", Budget(bytes_left=2500, files_left=10))
    copied = sorted(p.name for p in (tmp_path / "dest").iterdir())
    assert copied == ["f0.ipynb", "f1.ipynb"]  # 2,000 bytes; the third would pass the cap
    assert len(budget.notes) == 4 and all("\n" not in n for n in budget.notes)
    assert any("pipe.ipynb" in n and "not a regular file" in n for n in budget.notes)
    budget = copy_tree(source, tmp_path / "dest2", Budget(files_left=3))
    assert len(list((tmp_path / "dest2").iterdir())) == 3 and any("files per download" in n for n in budget.notes)
