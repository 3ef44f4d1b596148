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
