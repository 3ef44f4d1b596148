"""The class view over real progress files written by the scenario player."""

import shutil

import pytest

from warning_signs.knowledge.classroom import distribution, gather
from warning_signs.knowledge.progress import progress_id
from warning_signs.knowledge.scenario_calendar import month_name
from warning_signs.knowledge.scenarios import stage_reading
from warning_signs.widgets import class_view, scenario_player

ASSIGNMENT = "03-scenario-practice"
FILE = f"{progress_id('veldora')}.answers.json"


def learner(root, name, stages):
    """A learner who played ``stages`` [(risk, marked)] in the player; returns their folder."""
    folder = root / name / ASSIGNMENT
    folder.mkdir(parents=True)
    player = scenario_player("veldora", folder)
    for risk, marked in stages:
        for item in marked:
            player.assessment.checklist.boxes[item].value = True
        player.risk.value = risk
        player.submit()
        player.next_button.click()
    return folder


@pytest.fixture(scope="module")
def room(tmp_path_factory):
    """nbgrader's submitted/<student>/<assignment>/ with good, missing and damaged submissions."""
    root = tmp_path_factory.mktemp("course") / "submitted"
    learner(root, "amina", [("moderate", ["RF8.10", "RF1"]), ("high", ["RF7.2", "RF8.7", "RF1"])])
    learner(root, "bruno", [("high", ["RF9.4"]), ("high", ["RF8.7"])])
    learner(root, "chen", [("moderate", ["RF2"]), ("moderate", ["RF8.7", "RF3", "RF9.1"])])
    learner(root, "dara", [("low", [])])  # has not reached stage 2
    (root / "emeka" / ASSIGNMENT).mkdir(parents=True)  # submitted nothing of the scenario
    broken = learner(root, "femi", [("moderate", [])])
    (broken / FILE).write_text("{ this is not json")
    (broken / (FILE + ".bak")).unlink()
    rescued = learner(root, "gita", [("moderate", []), ("very_high", ["RF7.5"])])
    shutil.copyfile(rescued / FILE, rescued / (FILE + ".bak"))
    (rescued / FILE).write_text("")
    return root


def test_gather_reads_every_file_and_lists_missing_and_damaged_ones(room):
    found = gather(room, "veldora")
    assert sorted(s.learner for s in found.submissions) == ["amina", "bruno", "chen", "dara", "gita"]
    problems = dict(found.problems)
    assert problems["emeka"] == f"missing: no {FILE} in this folder"
    assert problems["femi"].startswith(f"damaged: {FILE} cannot be read (not readable as JSON")
    assert next(s for s in found.submissions if s.learner == "gita").note == "damaged; its backup was used"


def test_the_distribution_of_a_stage_counts_risk_levels_and_factors(room):
    dist = distribution(gather(room, "veldora"), stage_reading("veldora", 2))
    assert sorted(dist.learners) == ["amina", "bruno", "chen", "gita"] and dist.waiting == ["dara"]
    assert dist.risk == {"low": 0, "moderate": 1, "high": 2, "very_high": 1}
    assert dist.factors["RF8"] == 3 and dist.factors["RF1"] == 1 and dist.factors["RF7"] == 2
    assert dist.factors["RF3"] == 1 and dist.factors["RF10"] == 0


def test_the_view_shows_the_room_next_to_the_expert_as_a_plot_and_a_summary(room):
    view = class_view(room, "veldora", stage=2)
    expert = stage_reading("veldora", 2)
    text = view.summary_text
    assert text.startswith(f"4 learners submitted stage 2 of Republic of Veldora ({month_name('2022-03')}).")
    assert "Risk levels: low 0, moderate 1 (expert), high 2, very high 1." in text
    assert "Factors marked most: 8 Triggering factors (3 of 4)" in text
    low = text.split("The expert's factors marked by fewer than half: ")[1]
    assert "3 Weak State structures (1 of 4)" in low and "8 Triggering" not in low
    assert "Summary: 4 learners submitted" in view.summary.value and ' alt="4 learners' in view.chart.value
    data = view.chart_figure.data
    assert data["learners"] == 4
    assert [(lv, n) for lv, n, _e in data["risk"]] == [("low", 0), ("moderate", 1), ("high", 2), ("very_high", 1)]
    assert [lv for lv, _n, is_expert in data["risk"] if is_expert] == [expert.risk_level]
    assert [f for f, _n, is_expert in data["factors"] if is_expert] == list(expert.factors)
    assert view.chart_figure.factor_labels[7].get_text() == "3 E"  # labels, not colour alone
    problems = view.problems.value
    for line in ("emeka: missing", "femi: damaged", "gita: damaged; its backup was used",
                 "dara: has not submitted stage 2 yet"):
        assert line in problems


def test_changing_the_stage_redraws_without_rescanning_and_refresh_finds_new_files(room, tmp_path):
    copy = tmp_path / "submitted"
    shutil.copytree(room, copy)
    view = class_view(copy, "veldora", stage=2)
    view.stage.value = 1
    assert view.summary_text.startswith("5 learners submitted stage 1")  # dara counts at stage 1
    learner(copy, "hana", [("very_high", ["RF1"])])
    view.stage.value = 2
    view.stage.value = 1
    assert view.summary_text.startswith("5 learners")  # not rescanned yet
    view.refresh_button.click()
    assert view.summary_text.startswith("6 learners submitted stage 1")


def test_another_scenario_and_an_empty_or_missing_folder_are_handled(room, tmp_path):
    view = class_view(room, "veldora", stage=1)
    view.scenario.value = "norvane"
    assert view.stage.value == 1 and view.summary_text.startswith("No learner has submitted stage 1 of Norvane")
    assert "amina: missing: no scenario-norvane.answers.json" in view.problems.value
    gone = class_view(tmp_path / "nowhere", "sarimba", stage=3)
    assert "this folder does not exist" in gone.problems.value
    assert gone.chart_figure.data["learners"] == 0


def test_every_control_has_a_visible_label(room):
    view = class_view(room)
    assert view.folder.description and view.scenario.description and view.stage.description
    assert view.refresh_button.description == "Refresh"


def test_two_files_of_one_learner_are_both_listed_by_folder_never_merged(tmp_path):
    root = tmp_path / "submitted"
    learner(root, "ines", [("high", [])])
    second = root / "ines" / "03-scenario-practice-again"
    second.mkdir()
    player = scenario_player("veldora", second)
    player.risk.value = "low"
    player.submit()
    names = sorted(s.learner for s in gather(root, "veldora").submissions)
    assert names == ["ines", "ines/03-scenario-practice-again"]
