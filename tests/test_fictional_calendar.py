"""The fictional scenarios' calendar: one display function, and no real year in what a learner sees of them.

A real calendar year beside an invented country ties it to real, current events (issue 16). So
every fictional scenario is dated "May of Year 73" (knowledge/scenario_calendar.py), and this file
scans what a learner reads of the scenarios (their tables, the widgets' and reports' words and
chart ticks, the lessons' and exercises' paragraphs about invented countries) for a four-digit
year from 1900 to 2099. Historical cases and sources keep their real dates: what is excluded is
listed in EXCLUDED_TABLES, REAL_REFERENCES and HISTORICAL_NOTEBOOKS below, and nothing else.
"""

from __future__ import annotations

import json
import re
from html import unescape

import pytest

from conftest import ROOT
from warning_signs.data import load, package
from warning_signs.knowledge import architecture
from warning_signs.knowledge.scenario_calendar import main as calendar_main
from warning_signs.knowledge.scenario_calendar import (
    month_name,
    storage_month,
    storage_year,
    tick_label,
    year_name,
    year_number,
)
from warning_signs.knowledge.scenarios import country, scenario_ids, scenario_stages

YEAR = re.compile(r"(?<![\d.,])\b(19|20)\d\d\b(?![.,]\d)")  # not inside 1930.2 or 1,920

# Tables of historical material and citations: the only tables not scanned, with the tables that
# teach frameworks, law and real actors (real documents, real dates) rather than a scenario.
EXCLUDED_TABLES = {
    "sources", "cases", "events",  # the historical record and its citations
    "risk_factors", "indicators", "stanton_stages", "rabat_test", "dangerous_speech", "r2p_pillars",
    "prevention_strategies", "response_options", "gender_lens", "gender_resolutions", "field_dimensions",
    "field_routes", "architecture_elements", "actors", "tools", "actor_tools",  # frameworks, law, real actors
    "activity_minutes", "moderation_posts", "panel", "panel_arcs",  # numbers and codes only
    "lesson_questions", "lesson_options", "exercise_questions", "exercise_options",  # scanned item by item below
}

# Real references that may stand beside an invented country: a Council resolution cited with its
# year, the 2005 World Summit, and Lesson 4's historical cases by name ("Kenya 2007-2008").
_cases = load("cases")
_case_labels = set(_cases["name"]) | {f"{c} {i.split('-')[-1]}" for c, i in zip(_cases["country"], _cases["id"])}
REAL_REFERENCES = [
    re.compile(r"[Rr]esolution \d{3,4} \((19|20)\d\d\)"),
    re.compile(r"\b2005 (commitment|World Summit)"),
    re.compile("|".join(re.escape(label) for label in sorted(_case_labels, key=len, reverse=True))),
    re.compile(r"Kenya in 2007-2008|Srebrenica in 1995|its 2006 protocol"),  # content notes, a real protocol
]
HISTORICAL_NOTEBOOKS = {"lessons/04-historical-cases.ipynb"}  # taught from the record, with sources


def real_years(text: str) -> list[str]:
    """Snippets around each year 1900-2099 left once the real references are taken out."""
    text = unescape(str(text))
    for pattern in REAL_REFERENCES:
        text = pattern.sub("", text)
    return [text[max(0, m.start() - 50) : m.end() + 15] for m in YEAR.finditer(text)]


def scenario_text_fields() -> list[tuple[str, str]]:
    """(table, field) for every text field of the fictional-scenario tables (ids and sources left out)."""
    fields = []
    for resource in package()["resources"]:
        if resource["name"] in EXCLUDED_TABLES:
            continue
        for field in resource["schema"]["fields"]:
            name = field["name"]
            if field.get("type", "string") == "string" and name != "id" and not name.endswith(("_id", "_ids")):
                fields.append((resource["name"], name))
    return fields


def fictional_names() -> set[str]:
    names = set(load("scenarios")["name"]) | set(load("panel")["country_name"]) | set(load("capstone_scenarios")["country"])
    return names | set(load("ministries")["name"]) | {"Veldora", "Orvenne", "Dunmara", "Belmarra"}


FICTION = re.compile(r"\b(fictional|invented|" + "|".join(sorted(map(re.escape, fictional_names()))) + r")\b", re.I)


# --- the one display function ------------------------------------------------------------------


def test_a_scenario_month_reads_in_the_fictional_calendar_and_back():
    assert month_name("2022-08") == "August of Year 73"
    assert month_name("2015-01", short=True) == "Jan Year 66"
    assert year_name(2024) == "Year 75" and year_number("1950") == 1
    assert tick_label("2024-03") == "Year 75" and tick_label("2024-03", with_month=True) == "Mar Y75"
    assert storage_year(73) == 2022 and storage_month(73, 8) == "2022-08"
    assert all(storage_month(year_number(m[:4]), int(m[5:])) == m for m in ("1961-01", "2022-12", "2024-06"))


def test_the_maintainers_command_translates_both_ways(capsys):
    assert calendar_main(["2022-08", "Year 73"]) == 0
    assert capsys.readouterr().out.splitlines() == ["2022-08 = August of Year 73", "Year 73 = 2022 in the tables"]
    assert calendar_main(["August 2022"]) == 1
    assert "neither a month" in capsys.readouterr().out


def test_there_is_one_month_formatter():
    """The old month_name copies (knowledge/architecture.py, knowledge/scenarios.py) are gone."""
    sources = [p for p in (ROOT / "src" / "warning_signs").rglob("*.py") if p.name != "scenario_calendar.py"]
    defining = [p.name for p in sources if re.search(r"^def (month_name|month_words)\b", p.read_text(), re.M)]
    assert defining == []


# --- the scan ------------------------------------------------------------------------------------


def test_the_scan_catches_a_planted_year_and_spares_real_references():
    assert real_years("Monthly report, March 2022. Calm.") and real_years("the 2019 'false news' law")
    assert not real_years("Resolution 2467 (2019) asks for a survivor-centred approach; unlike Kenya 2007-2008.")
    assert not real_years("May of Year 73; 180,000 people; 1,920 displaced; average 1930.2; RF13.8")


def test_no_real_year_in_the_scenario_tables():
    found = []
    for table, field in scenario_text_fields():
        for row, value in load(table)[field].dropna().items():
            found += [f"{table}.{field} row {row}: ...{s}..." for s in real_years(value)]
    assert not found, "A real year in fictional-scenario text (write 'May of Year 73'):\n" + "\n".join(found)


def _items(kind: str):
    questions, options = load(f"{kind}_questions"), load(f"{kind}_options")
    key = f"{kind}_id"
    for _, q in questions.iterrows():
        texts = [q["prompt"], *options[(options[key] == q[key]) & (options["question_id"] == q["question_id"])]["text"]]
        if FICTION.search(" ".join(map(str, texts))):
            yield f"{q[key]} {q['question_id']}", texts


@pytest.mark.parametrize("kind", ["lesson", "exercise"])
def test_no_real_year_in_questions_about_invented_countries(kind):
    """Stems and options (explanations teach with real documents, and keep their years)."""
    found = [f"{item}: ...{s}..." for item, texts in _items(kind) for t in texts for s in real_years(t)]
    assert not found, "\n".join(found)


def _paragraphs(path):
    for number, cell in enumerate(json.loads(path.read_text(encoding="utf-8"))["cells"]):
        if cell["cell_type"] == "markdown":
            for paragraph in re.split(r"\n\s*\n|\n(?=#|\s*[-*] |\s*\d+\. )", "".join(cell["source"])):
                yield number, paragraph


def test_no_real_year_in_lesson_and_exercise_paragraphs_about_invented_countries():
    notebooks = sorted([*ROOT.glob("lessons/*.ipynb"), *ROOT.glob("exercises/*/*.ipynb")])
    found = [
        f"{path.relative_to(ROOT)} cell {number}: ...{s}..."
        for path in notebooks
        if str(path.relative_to(ROOT)) not in HISTORICAL_NOTEBOOKS
        for number, paragraph in _paragraphs(path)
        if FICTION.search(paragraph)
        for s in real_years(paragraph)
    ]
    assert not found, "\n".join(found)


# --- what the widgets and reports say ------------------------------------------------------------


@pytest.mark.parametrize("scenario_id", scenario_ids())
def test_no_real_year_in_what_the_scenario_widgets_show(scenario_id, tmp_path):
    from warning_signs.widgets import scenario_player

    player = scenario_player(scenario_id, tmp_path)
    shown = [player.heading.value, player.book.value, player.report.value, player.stage_heading.value]
    shown += [str(v) for v in country(scenario_id).values()] + [s.when for s in scenario_stages(scenario_id)]
    for _ in scenario_stages(scenario_id):  # an always-"very high" learner, to the debrief
        player.risk.value = "very_high"
        assert player.submit()
        shown += [player.report.value, player.chart.value, player.feedback.value, player.stage_heading.value]
        if not player.next_button.disabled:
            player.next_button.click()
    shown.append(player.show_debrief())
    report = architecture.gap_report(architecture.ministry("brenvald").expert_ratings, scenario_id)
    shown += architecture.report_lines(report)
    found = [s for text in shown for s in real_years(text)]
    assert not found, "\n".join(found)


def test_no_real_year_on_the_dashboards_and_charts():
    from warning_signs.charts.panelcharts import PanelCharts
    from warning_signs.widgets import actor_tool_map, monitoring_dashboard

    dash = monitoring_dashboard(all_countries=True, threshold=45)
    scenarios = monitoring_dashboard(["norvane", "veldora", "sarimba"], threshold=40)
    shown = [dash.summary.value, dash.counts.value, dash.details.value, scenarios.details.value]
    shown += [label for label, _ in scenarios.window.options]
    for d in (dash, scenarios):
        shown += [t.get_text() for t in d.plot.ax.get_xticklabels()]
    scenarios.window.value = ("2022-01", "2023-06")  # a short window: ticks with months
    shown += [t.get_text() for t in scenarios.plot.ax.get_xticklabels()] + [scenarios.summary.value]
    for scenario_id in scenario_ids():
        charts = PanelCharts(scenario_id)
        _png, summary, _data = charts.stage(scenario_stages(scenario_id)[-1].month)
        shown += [summary] + [t.get_text() for ax in charts.plot.figure.axes for t in ax.get_xticklabels()]
    amap = actor_tool_map()
    shown += [amap.moment_box.value] + [label for label, _ in amap.moment_picker.options]
    found = [s for text in shown for s in real_years(text)]
    assert not found, "\n".join(found)
    assert "Year 73" in " ".join(shown)  # the scan read dated text, not empty boxes
