"""The capstone scenarios' graphs: the real ones are sound, broken ones are rejected with the right sentence.

Broken graphs are written into a copy of datasets/ in a temporary course root
(WARNING_SIGNS_ROOT), as an author would edit the CSV files.
"""

from __future__ import annotations

import csv
import shutil

import pytest

from warning_signs import data
from warning_signs.cli import main
from warning_signs.knowledge.capstone import scenario_ids
from warning_signs.knowledge.capstone_check import check, summary
from warning_signs.paths import course_root

ROOT = course_root()


def test_every_capstone_scenario_is_sound_and_big_enough():
    assert set(scenario_ids()) >= {"kestria", "halvenor"}
    for sid in scenario_ids():
        assert check(sid) == [], sid
        counts = summary(sid)
        assert counts.decision_points >= 7 and counts.endings >= 4 and counts.paths >= 20, counts
        assert len(counts.endings_reached) == counts.endings  # every ending is reached by some path


@pytest.fixture
def course(tmp_path, monkeypatch):
    """A copy of the course's datasets/ and lessons/ in a temporary root, with caches cleared."""
    for name in ("datasets", "lessons", "exercises"):
        shutil.copytree(ROOT / name, tmp_path / name)
    monkeypatch.setenv("WARNING_SIGNS_ROOT", str(tmp_path))
    data.clear_cache()
    yield tmp_path
    data.clear_cache()


def edit(course, table: str, change) -> None:
    """Rewrite datasets/capstone/<table>.csv through ``change(rows) -> rows``."""
    path = course / "datasets" / "capstone" / f"{table}.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        fields, rows = reader.fieldnames, list(reader)
    rows = change(rows)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    data.clear_cache()


def where(rows, **match):
    return [r for r in rows if all(r[k] == v for k, v in match.items())]


def set_cells(**changes):
    def change(rows):
        for row in where(rows, **changes.pop("match")) if "match" in changes else rows:
            row.update(changes)
        return rows

    return change


def test_a_transition_to_an_unknown_stage_is_named(course):
    edit(
        course,
        "transitions",
        lambda rows: [dict(r, to="k9") if (r["from_stage"], r["rank"]) == ("k4a", "2") else r for r in rows],
    )
    assert "Stage 'k4a', transition 2 leads to 'k9', which is neither a stage nor an ending." in check("kestria")


def test_a_stage_without_a_default_is_a_dead_end_for_some_decisions(course):
    # k4a's "otherwise" removed: a team that does not mediate has nowhere to go.
    edit(course, "transitions", lambda rows: [r for r in rows if (r["from_stage"], r["rank"]) != ("k4a", "2")])
    problems = check("kestria")
    assert any(
        p.startswith("Stage 'k4a' is a dead end for some decisions (for example ")
        and p.endswith("add a last transition with a blank condition.")
        for p in problems
    ), problems


def test_a_stage_with_no_transitions_at_all_is_a_dead_end(course):
    edit(course, "transitions", lambda rows: [r for r in rows if r["from_stage"] != "k5b"])
    assert "Stage 'k5b' is a dead end: it has no transitions; add one with a blank condition." in check("kestria")


def test_an_unreachable_stage_is_named(course):
    # Nothing leads to k3c any more once k2's coercive branch goes elsewhere.
    edit(
        course,
        "transitions",
        lambda rows: [dict(r, to="k3b") if (r["from_stage"], r["rank"]) == ("k2", "1") else r for r in rows],
    )
    assert "Stage 'k3c' cannot be reached from the start: no transition leads to it." in check("kestria")


def test_a_stage_reached_only_by_an_impossible_condition_is_named(course):
    # An option the envoy is never offered: the branch to k3c can never be taken.
    edit(
        course,
        "transitions",
        lambda rows: [dict(r, when="amb-evacuate") if (r["from_stage"], r["rank"]) == ("k2", "1") else r for r in rows],
    )
    problems = check("kestria")
    assert "Stage 'k3c' is never reached by any decision: check the conditions of the transitions to it." in problems
    assert any(p.startswith("Stage 'k2', transition 1 (to 'k3c') is never taken") for p in problems)


def test_a_loop_without_exit_is_named(course):
    # k5b and k5c lead only to each other.
    def change(rows):
        rows = [r for r in rows if r["from_stage"] not in ("k5b", "k5c")]
        base = dict(scenario_id="kestria", when="", consequence="Round and round.", lesson="")
        return rows + [
            dict(base, from_stage="k5b", rank="1", to="k5c"),
            dict(base, from_stage="k5c", rank="1", to="k5b"),
        ]

    edit(course, "transitions", change)
    problems = check("kestria")
    assert "Stages k5b, k5c form a loop without exit: add a transition out of it." in problems


def offer_the_ambassador_at_k1(course, option: str) -> None:
    """Add ``option`` to the ambassador's choices at stage k1, as an author would in choices.csv."""
    edit(
        course,
        "choices",
        lambda rows: [
            dict(r, options=r["options"] + f";{option}") if (r["stage_id"], r["role_id"]) == ("k1", "ambassador") else r
            for r in rows
        ],
    )


def test_an_option_not_in_the_course_data_is_named(course):
    offer_the_ambassador_at_k1(course, "amb-drone")
    assert "Stage 'k1', role 'ambassador': option 'amb-drone' is not in capstone/options.csv." in check("kestria")


def test_an_option_given_to_the_wrong_role_is_named(course):
    offer_the_ambassador_at_k1(course, "tns-reach")
    assert "Stage 'k1', role 'ambassador': option 'tns-reach' belongs to role 'platform'." in check("kestria")


def test_a_risk_factor_not_in_the_framework_is_named(course):
    edit(
        course,
        "stages",
        lambda rows: [dict(r, indicators=r["indicators"] + ";RF15") if r["stage_id"] == "k1" else r for r in rows],
    )
    assert "Stage 'k1': risk factor or indicator 'RF15' is not in the course's framework data." in check("kestria")


def test_a_toolbox_option_not_in_response_options_is_named(course):
    edit(
        course,
        "options",
        lambda rows: [dict(r, response_option_id="RO99") if r["id"] == "amb-demarche" else r for r in rows],
    )
    assert "Option 'amb-demarche': response option 'RO99' is not in frameworks/response_options.csv." in check(
        "kestria"
    )


def test_a_condition_on_an_unknown_tag_and_a_malformed_term_are_named(course):
    def change(rows):
        for r in rows:
            if (r["from_stage"], r["rank"]) == ("k3a", "1"):
                r["when"] = "ready:monitr;dissuade>=2"
            if (r["from_stage"], r["rank"]) == ("k3a", "2"):
                r["when"] = "by:monitor"
        return rows

    edit(course, "transitions", change)
    problems = check("kestria")
    assert "Stage 'k3a', transition 1 tests 'monitr', which is neither an option nor a tag of one." in problems
    assert (
        "Stage 'k3a', transition 2: 'by:monitor' is not a condition term (write X, !X, X>=2, by:STAGE:X, "
        "ready:X, never:X or visited:STAGE)."
    ) in problems


def test_the_command_prints_one_line_per_problem_and_fails(course, capsys):
    edit(course, "transitions", lambda rows: [r for r in rows if r["from_stage"] != "k5b"])
    edit(
        course,
        "stages",
        lambda rows: [dict(r, indicators=r["indicators"] + ";RF15") if r["stage_id"] == "k1" else r for r in rows],
    )
    assert main(["scenario", "check", "kestria"]) == 1
    lines = capsys.readouterr().out.strip().splitlines()
    assert lines[-1] == "3 problems in scenario 'kestria'."
    assert lines[:-1] == [
        "Stage 'k1': risk factor or indicator 'RF15' is not in the course's framework data.",
        "Stage 'k5b' is a dead end: it has no transitions; add one with a blank condition.",
        "Ending 'k-frozen' cannot be reached: no transition leads to it.",
    ]


def test_the_command_passes_a_sound_scenario_and_draws_it(tmp_path, capsys):
    assert main(["scenario", "check", "halvenor"]) == 0
    out = capsys.readouterr().out
    assert "Scenario 'halvenor' is sound: halvenor: 12 decision points, 5 endings, 48 distinct paths." in out
    picture = tmp_path / "h.png"
    assert main(["scenario", "draw", "halvenor", "--out", str(picture)]) == 0
    assert picture.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and picture.stat().st_size > 10_000
    assert main(["scenario", "check", "atlantis"]) == 1
    assert "There is no capstone scenario 'atlantis'" in capsys.readouterr().out
