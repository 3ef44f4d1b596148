"""The response planner, driven headless: tick options, filter, compare; read state, words and chart data."""

import re

import pytest

from warning_signs.data import load
from warning_signs.knowledge.responses import read_mix
from warning_signs.widgets import ResponsePlanner, pillar_table, response_planner, strategy_table


def text(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).replace("&#x27;", "'").split())


@pytest.fixture(scope="module")
def free() -> ResponsePlanner:
    return response_planner()


def test_every_option_has_a_visible_label_in_its_category(free):
    options = load("response_options")
    assert sorted(free.checklist.boxes) == sorted(options["id"])
    for row in options.itertuples():
        box = free.checklist.boxes[row.id]
        assert row.name in box.description and row.time_to_effect in box.description
        assert free.checklist.group_of[row.id] == row.category
    assert free.strategy_filter.description and free.actor_filter.description


def test_nothing_chosen_says_so(free):
    free.choose([])
    assert text(free.report.value).split()[0] == "Nothing"
    assert free.chart.data[0] == {"band": "days", "chosen": 0, "options": [], "expert": None}


def test_a_slow_mix_is_flagged_and_its_gaps_named(free):
    free.choose(["RO19", "RO23", "RO39"])
    shown = text(free.report.value)
    assert free.mix.fastest == "years" and free.mix.slowest == "years"
    assert "Every option you chose takes months or years: nothing acts in the next days or weeks." in shown
    assert free.mix.uncovered == ("protect",)
    assert "No option in your mix serves “Protect vulnerable civilians”" in shown
    risks = load("response_options").set_index("id")["risks"]
    assert all(risks[i] in shown for i in ("RO19", "RO23", "RO39"))
    assert [row["chosen"] for row in free.chart.data] == [0, 0, 0, 3]
    assert free.summary.startswith("Your 3 options by time to effect: days 0, weeks 0, months 0, years 3")
    assert "Summary: Your 3 options" in free.caption.value
    assert 'alt="Your 3 options' in free.chart.widget.value


def test_a_balanced_mix_covers_all_four_strategies_and_names_its_actors(free):
    free.choose(["RO01", "RO09", "RO28", "RO47"])  # dissuade, transition, degrade, protect
    assert free.mix.covered == ("dissuade", "degrade", "protect", "transition") and free.mix.uncovered == ()
    assert set(free.mix.actors) == {"embassy", "multilateral_body", "platform"}
    assert "Carried by: embassy (3); multilateral body (2); platform (1)." in text(free.report.value)
    assert free.mix.fastest == "days" and free.mix.slowest == "weeks"
    assert any("nothing works on the deeper causes" in w for w in free.mix.warnings)


def test_a_one_actor_mix_is_warned():
    mix = read_mix(["RO28", "RO29", "RO32"])
    assert any("Only one kind of actor, platform" in w for w in mix.warnings)


def test_clicking_a_box_updates_the_state_and_calls_back():
    calls = []
    planner = ResponsePlanner(on_change=calls.append)
    planner.checklist.boxes["RO02"].value = True
    assert planner.chosen == ["RO02"] and calls[-1]["chosen"] == ["RO02"]
    assert planner.chart.data[0]["options"] == ["RO02"]


def test_filters_hide_options_but_keep_choices(free):
    free.choose(["RO01"])
    free.strategy_filter.value = "protect"
    free.actor_filter.value = "platform"
    visible = [i for i, box in free.checklist.boxes.items() if box.layout.display != "none"]
    options = load("response_options")
    expected = [r.id for r in options.itertuples() if "protect" in r.strategies.split(";")
                and "platform" in r.actors.split(";")]
    assert visible == expected and len(expected) >= 2
    assert f"Showing {len(expected)} of 52" in free.shown.value and free.chosen == ["RO01"]
    opened = {key for key, body in free.checklist.bodies.items() if body.layout.display == "flex"}
    assert opened == set(options.set_index("id").loc[expected, "category"])
    free.strategy_filter.value, free.actor_filter.value = "", ""
    assert all(box.layout.display != "none" for box in free.checklist.boxes.values())


def test_stage_mode_shows_the_report_and_compares_on_request():
    planner = response_planner(scenario="veldora", stage=3)
    stage = load("stages").query("scenario_id == 'veldora' and stage == 3").iloc[0]
    assert stage["title"] in planner.children[0].value
    assert planner.compare_button.layout.display is None and planner.feedback.value == ""
    planner.choose(["RO01", "RO04", "RO27"])
    comparison = planner.compare()
    assert comparison.shared == ("RO04", "RO27") and comparison.missing == ("RO28", "RO38")
    assert comparison.extra == ("RO01",)
    shown = text(planner.feedback.value)
    assert shown.split()[0] == "Overlap." and "shares 2 of the expert's 4" in shown
    assert "The expert also recommends RO28 Platform content moderation surge" in shown
    assert [row["expert"] for row in planner.chart.data] == [2, 1, 1, 0]  # RO04 RO28, RO27, RO38
    planner.choose(["RO04", "RO27", "RO28", "RO38"])  # the comparison follows each click
    assert text(planner.feedback.value).split()[0] == "Matched."


def test_compare_without_a_stage_is_one_sentence(free):
    assert free.compare_button.layout.display == "none"
    with pytest.raises(ValueError, match="needs a scenario stage"):
        free.compare()


def test_lesson_tables_come_from_the_data():
    assert "Protect vulnerable civilians" in strategy_table().value
    assert "Timely and decisive response" in pillar_table().value

