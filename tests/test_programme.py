"""The course programme in instructors/: agendas that add up, notes for every lesson, a self-paced path.

Every lesson and exercise in the tree counts, and so do those other branches are
adding (Lessons 8-13, Exercises 6-12): each agenda must fit its days and cover them all.
"""

from __future__ import annotations

import csv
import re
import sys
from pathlib import Path

import pytest

from conftest import ROOT
from warning_signs.knowledge.course_progress import minutes_stated

INSTRUCTORS = ROOT / "instructors"
COMING = {f"L{n:02d}" for n in range(8, 14)} | {f"E{n:02d}" for n in range(6, 13)}
COVERING = {"lesson", "exercise", "capstone", "pre-work", "homework", "follow-up"}
UNTIMED = {"pre-work": 150, "homework": 90, "follow-up": 300}  # most minutes per day of each kind
LONGEST_STRETCH = 150  # minutes in the room without a break


def read(name: str) -> list[dict]:
    with open(INSTRUCTORS / name, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def in_tree() -> dict[str, Path]:
    found = {f"L{p.name[:2]}": p for p in (ROOT / "lessons").glob("[0-9][0-9]-*.ipynb")}
    found |= {f"E{p.name[:2]}": p / f"{p.name}.ipynb" for p in (ROOT / "exercises").glob("[0-9][0-9]-*")
              if (p / f"{p.name}.ipynb").exists()}
    return found


def expected_keys() -> set[str]:
    return set(in_tree()) | COMING


def clock(text: str) -> int:
    hours, minutes = text.split(":")
    return int(hours) * 60 + int(minutes)


def agendas() -> dict[str, list[dict]]:
    table: dict[str, list[dict]] = {}
    for row in read("agendas.csv"):
        table.setdefault(row["agenda"], []).append(row)
    return table


def day_windows(agenda: str) -> dict[str, tuple[int, int]]:
    return {d["day"]: (clock(d["start"]), clock(d["end"])) for d in read("agenda_days.csv") if d["agenda"] == agenda}


def test_there_is_a_two_day_and_a_three_day_agenda():
    assert set(agendas()) == {"two-day", "three-day"}
    assert len(day_windows("two-day")) == 2 and len(day_windows("three-day")) == 3


@pytest.mark.parametrize("agenda", ["two-day", "three-day"])
def test_every_session_fits_its_day_without_overlaps_and_with_breaks(agenda):
    windows = day_windows(agenda)
    rows = agendas()[agenda]
    for day, (opens, closes) in windows.items():
        timed = [r for r in rows if r["day"] == day and r["start"]]
        assert timed, f"{agenda} day {day} has no sessions"
        at = opens
        stretch = 0
        for r in timed:
            start, end = clock(r["start"]), clock(r["end"])
            where = f"{agenda} day {day} {r['start']} {r['title']}"
            assert start >= at, f"{where} overlaps the session before it"
            assert end > start and end - start == int(r["minutes"]), f"{where}: minutes do not match the times"
            assert end <= closes, f"{where} ends after the day ({closes // 60}:{closes % 60:02d})"
            stretch = 0 if r["kind"] in ("break", "lunch") else stretch + (end - start) + (start - at)
            assert stretch <= LONGEST_STRETCH, f"{where}: more than {LONGEST_STRETCH} minutes without a break"
            at = end
        kinds = [r["kind"] for r in timed]
        assert kinds.count("lunch") == 1 and kinds.count("break") >= 1, f"{agenda} day {day} needs lunch and a break"
    for r in rows:
        if r["start"]:
            assert r["day"] in windows, f"{r['title']}: a timed session belongs to a day in the room"
        else:
            assert r["kind"] in UNTIMED, f"{r['title']}: work outside the room is pre-work, homework or follow-up"
            day = {"pre-work": "before", "follow-up": "after"}.get(r["kind"])
            assert r["day"] == day if day else r["day"] in windows, f"{r['title']}: {r['kind']} on day '{r['day']}'"
    for kind, limit in UNTIMED.items():
        for day in {r["day"] for r in rows if r["kind"] == kind}:
            total = sum(int(r["minutes"]) for r in rows if r["kind"] == kind and r["day"] == day)
            assert total <= limit, f"{agenda}: {total} minutes of {kind} on '{day}' (at most {limit})"


@pytest.mark.parametrize("agenda", ["two-day", "three-day"])
def test_each_agenda_covers_every_lesson_and_exercise_and_the_capstone(agenda):
    rows = agendas()[agenda]
    covered = {key for r in rows if r["kind"] in COVERING for key in r["covers"].split(";") if key}
    assert expected_keys() <= covered, f"{agenda} leaves out {sorted(expected_keys() - covered)}"
    known = {p["key"] for p in read("programme.csv")}
    assert covered <= known, f"{agenda} covers keys missing from programme.csv: {sorted(covered - known)}"
    assert any(r["kind"] == "capstone" and "L13" in r["covers"] for r in rows)


@pytest.mark.parametrize("agenda", ["two-day", "three-day"])
def test_each_exercise_comes_after_the_lessons_it_asks_for(agenda):
    days = ["before", *sorted(day_windows(agenda)), "after"]

    def when(row) -> tuple[int, int]:
        return days.index(row["day"]), clock(row["start"]) if row["start"] else 24 * 60

    first = {}
    for row in sorted(agendas()[agenda], key=when):
        if row["kind"] in COVERING:
            for key in row["covers"].split(";"):
                first.setdefault(key, when(row))
    for item in read("programme.csv"):
        if item["kind"] == "exercise":
            for lesson in filter(None, item["lessons"].split(";")):
                assert first[lesson] <= first[item["key"]], f"{agenda}: {item['key']} comes before {lesson}"


def test_the_readable_agendas_match_the_data():
    sys.path.insert(0, str(INSTRUCTORS))
    try:
        import render_agendas
    finally:
        sys.path.remove(str(INSTRUCTORS))
    assert (INSTRUCTORS / "agendas.md").read_text(encoding="utf-8") == render_agendas.render(), \
        "agendas.md is out of date: run python instructors/render_agendas.py"


def test_the_programme_lists_every_lesson_and_exercise_with_notes_for_each_lesson():
    programme = {p["key"]: p for p in read("programme.csv")}
    assert expected_keys() <= set(programme)
    for key, item in programme.items():
        if item["kind"] != "lesson":
            continue
        note = INSTRUCTORS / item["notes"]
        assert note.exists(), f"no facilitator notes for {key}"
        text = note.read_text(encoding="utf-8")
        for heading in ("## Timing", "## Running it in a room", "## Discussion questions",
                        "## Common misconceptions", "## What to look for in the class view"):
            assert heading in text, f"{note.name} lacks '{heading}'"
        questions = re.search(r"## Discussion questions\n(.*?)\n## ", text, re.S).group(1)
        assert len(re.findall(r"^\d+\. ", questions, re.M)) >= 3, f"{note.name}: fewer than 3 discussion questions"
        misconceptions = re.search(r"## Common misconceptions\n(.*?)\n## ", text, re.S).group(1)
        assert len(re.findall(r"^- \*\*", misconceptions, re.M)) >= 2, f"{note.name}: fewer than 2 misconceptions"


def self_paced_minutes() -> int:
    """Stated times of the notebooks in the tree; planned times for those still to come."""
    tree = in_tree()
    total = 0
    for item in read("programme.csv"):
        path = tree.get(item["key"])
        stated = minutes_stated(path.read_text(encoding="utf-8")) if path else None
        total += stated or int(item["planned_minutes"])
    return total


def test_the_self_paced_path_states_a_total_that_follows_the_notebooks():
    text = (INSTRUCTORS / "self-paced.md").read_text(encoding="utf-8")
    stated = float(re.search(r"\*\*Total: about ([\d.]+) hours\*\*", text).group(1))
    assert abs(stated * 60 - self_paced_minutes()) <= 60, \
        f"self-paced.md says {stated} h; the notebooks and plan add up to {self_paced_minutes() / 60:.1f} h"


def test_the_note_on_fictional_scenarios_is_there_and_linked():
    note = (INSTRUCTORS / "fictional-scenarios.md").read_text(encoding="utf-8")
    assert "real country" in note
    assert "fictional-scenarios.md" in (INSTRUCTORS / "README.md").read_text(encoding="utf-8")
