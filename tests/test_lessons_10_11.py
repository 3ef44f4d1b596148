"""Lessons 10 and 11 and Exercise 8: their tables, references, questions and links."""

import re
import shutil
from collections import Counter

import nbformat
import pytest

from warning_signs import data, validate
from warning_signs.knowledge import field_triage as triage
from warning_signs.knowledge.digital import interventions
from warning_signs.lesson import source_table
from warning_signs.paths import course_root, datasets_dir
from warning_signs.questions import SINGLE, exercise_questions, lesson_questions

LESSONS = {
    "10-digital-toolbox": "11-development-and-human-rights-work",
    "11-development-and-human-rights-work": "12-gender-and-atrocity-prevention",
}
EXERCISE = "08-platforms-and-field-reports"
NEW_TABLES = [
    "digital_interventions",
    "moderation_posts",
    "field_dimensions",
    "field_routes",
    "field_reports",
    "field_ratings",
    "field_expert_routes",
]
VERDICT = re.compile(r"(Correct|Right|Yes|No|Wrong|Not quite|Exactly|Incorrect)\b")


def test_the_new_tables_are_described_last_and_valid():
    names = data.table_names()
    assert names[-len(NEW_TABLES) :] == NEW_TABLES
    assert validate.validate_all() == []


def test_every_report_has_the_experts_four_ratings_and_a_route():
    ratings = data.load("field_ratings")
    for report_id in triage.reports():
        mine = ratings[ratings["report_id"] == report_id]
        assert sorted(mine["dimension_id"]) == sorted(d.id for d in triage.dimensions()), report_id
        assert triage.expert_reading(report_id).route in {r.id for r in triage.routes()}
    used = {triage.expert_reading(r).route for r in triage.reports()}
    assert used == {r.id for r in triage.routes()}  # every route is the right one somewhere


def test_the_reports_tell_crime_clashes_and_repression_from_atrocity_violence():
    readings = {r: triage.expert_reading(r).reading for r in triage.reports()}
    assert any("Criminal" in x for x in readings.values())
    assert any("Armed clashes" in x for x in readings.values())
    assert any("Repression of protest" in x for x in readings.values())
    strong = [r for r in triage.reports() if triage.expert_reading(r).ratings["targeting"][0] == "strong"]
    assert all(triage.expert_reading(r).route == "early_warning" for r in strong)


@pytest.fixture
def copied_course(tmp_path, monkeypatch):
    shutil.copytree(datasets_dir(), tmp_path / "datasets")
    (tmp_path / "exercises").mkdir()
    monkeypatch.setenv("WARNING_SIGNS_ROOT", str(tmp_path))
    data.clear_cache()
    yield tmp_path / "datasets"
    monkeypatch.delenv("WARNING_SIGNS_ROOT")
    data.clear_cache()


def test_a_broken_route_or_source_reference_is_caught(copied_course):
    routes = copied_course / "field" / "expert_routes.csv"
    routes.write_text(routes.read_text().replace("r4,programme_review", "r4,programme_reveiw"))
    items = copied_course / "digital" / "interventions.csv"
    items.write_text(items.read_text().replace("ushmm-digital-toolbox-2024", "ushmm-digital-toolbox", 1))
    problems = " ".join(validate.validate_all())
    assert "programme_reveiw" in problems and "ushmm-digital-toolbox" in problems


def test_each_intervention_cites_a_known_source_and_sorting_covers_all_six_tools():
    known = set(source_table().index)
    assert all(i.source_id in known for i in interventions())
    assert {i.tool for i in interventions()} == {
        "privacy",
        "account_security",
        "crisis_information",
        "foothold",
        "visibility",
        "context",
    }


@pytest.mark.parametrize("lesson", list(LESSONS))
def test_lesson_cites_known_sources_and_links_the_next_lesson_and_the_exercise(lesson):
    cells = nbformat.read(course_root() / "lessons" / f"{lesson}.ipynb", as_version=4).cells
    text = "\n".join(c.source for c in cells)
    cited = re.findall(r'"([a-z0-9-]+)"', re.search(r"sources\(\[(.*?)\]\)", text).group(1))
    assert set(cited) <= set(source_table().index)
    assert f"lessons/{LESSONS[lesson]}.ipynb" in cells[-1].source
    assert f"exercises/{EXERCISE}/" in cells[-1].source
    for number in re.findall(r"\[(\d+)(?:, \d+)*\]", text):  # every [n] points into the list
        assert 1 <= int(number) <= len(cited)


def items():
    for lesson in LESSONS:
        yield from lesson_questions(lesson).values()


def test_lesson_explanations_exist_for_every_option_and_start_without_a_verdict():
    for question in items():
        for option in question.options:
            assert option.explanation, (question.id, option.id)
            assert not VERDICT.match(option.explanation), (question.id, option.id)
    nb = nbformat.read(course_root() / "exercises" / EXERCISE / f"{EXERCISE}.ipynb", as_version=4)
    whys = re.findall(r"why='([^']*)'|why=\"([^\"]*)\"", "\n".join(c.source for c in nb.cells))
    assert len(whys) == 9 and not [w for w in whys if VERDICT.match(w[0] or w[1])]


def test_the_right_option_is_not_habitually_the_longest():
    singles = [q for q in items() if q.kind == SINGLE]
    singles += [q for q in exercise_questions(EXERCISE).values() if q.kind == SINGLE and q.id in ("q1", "q3")]
    longest_right = 0
    keys = {"q1": "b", "q3": "a"}
    for q in singles:
        longest = max(q.options, key=lambda o: len(o.text))
        right = next((o for o in q.options if o.correct), None) or q.option(keys[q.id])
        longest_right += longest.id == right.id
    assert longest_right <= len(singles) / 3


def test_exercise_single_keys_are_spread_over_letters():
    # the keys live only in the notebook's hidden tests: read them from there
    nb = nbformat.read(course_root() / "exercises" / EXERCISE / f"{EXERCISE}.ipynb", as_version=4)
    keys = dict(re.findall(r"ex\.check\('(q\d)', '([a-e])'", "\n".join(c.source for c in nb.cells)))
    assert len(keys) == 6  # q1, q3 and the four matching items
    assert max(Counter(keys.values()).values()) <= 0.4 * len(keys)
