"""Every scenario country and every historical case is reached from a dropdown, not a cell edit."""

from warning_signs.knowledge.cases import tables
from warning_signs.knowledge.scenarios import country, scenario_ids
from warning_signs.widgets import choose_case, choose_scenario


def test_every_scenario_country_is_a_choice_and_keeps_its_own_progress(tmp_path):
    chooser = choose_scenario("veldora", folder=tmp_path)
    assert [v for _, v in chooser.picker.options] == scenario_ids()
    chooser.activity.risk.value = "high"
    for sid in [*scenario_ids()[1:], scenario_ids()[0]]:  # the first one last: each is a change
        chooser.picker.value = sid  # as a click in the dropdown
        assert chooser.activity.scenario_id == sid
        assert country(sid)["name"] in chooser.activity.heading.value
        assert f"Showing: {country(sid)['name']}." in chooser.status.value
    assert chooser.activity.scenario_id == "veldora"
    assert chooser.activity.risk.value == "high"  # back to Veldora: its progress is there
    assert chooser.picker.description == "Scenario country:"


def test_every_historical_case_is_a_choice():
    chooser = choose_case("kyrgyzstan-2010")
    cases = tables()[0]
    assert [v for _, v in chooser.picker.options] == list(cases.index)
    for case_id in cases.index:
        chooser.picker.value = case_id
        assert chooser.activity.case_id == case_id and chooser.activity.events
    assert chooser.picker.description == "Historical case:"


def test_lesson_tables_are_accessible_html_with_a_caption_and_headers():
    from warning_signs.knowledge.cases import case_gaps
    from warning_signs.widgets import case_gap_table

    html = case_gap_table().value
    assert html.startswith("<table") and "<caption" in html
    assert html.count("<th scope='col'") == len(case_gaps().columns)
    assert html.count("<th scope='row'") == len(case_gaps())
    assert "<NA>" not in html and "NaN" not in html


def test_each_response_category_has_one_name_in_the_scenario_and_the_planner(tmp_path):
    from warning_signs.widgets import response_planner, scenario_player

    player = scenario_player("veldora", folder=tmp_path)
    planner = response_planner()
    in_scenario = {g.key: g.title for g in player.responses.groups}
    in_planner = {g.key: g.title for g in planner.checklist.groups} if hasattr(planner, "checklist") else None
    assert in_planner is not None, "the planner's checklist"
    assert in_scenario == {k: v for k, v in in_planner.items() if k in in_scenario}
    assert set(in_planner) == set(in_scenario)
