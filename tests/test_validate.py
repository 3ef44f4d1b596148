"""validate_all(): the real data is valid, and every kind of problem is caught."""

import json
import subprocess
import sys

import pytest

from warning_signs import data, validate

SCHEMAS = {
    "sources": {
        "fields": [
            {"name": "id", "type": "string", "constraints": {"required": True, "unique": True}},
            {"name": "title", "type": "string", "constraints": {"required": True}},
            {"name": "year", "type": "integer"},
        ],
        "primaryKey": "id",
    },
    "risk_factors": {
        "fields": [
            {"name": "id", "type": "string", "constraints": {"pattern": "RF[0-9]+"}},
            {"name": "kind", "type": "string", "constraints": {"enum": ["common", "specific"]}},
        ],
        "primaryKey": ["id"],
    },
    "cases": {
        "fields": [
            {"name": "id", "type": "string"},
            {"name": "start_date", "type": "date", "atMost": "end_date"},
            {"name": "end_date", "type": "date"},
            {"name": "source_id", "type": "string"},
        ],
        "primaryKey": "id",
        "foreignKeys": [{"fields": "source_id", "reference": {"resource": "sources", "fields": "id"}}],
    },
    "events": {
        "fields": [
            {"name": "id", "type": "string"},
            {"name": "case_id", "type": "string"},
            {"name": "date", "type": "date", "ascendingWithin": "case_id"},
            {"name": "deaths", "type": "integer", "constraints": {"minimum": 0}},
            {"name": "risk_factors", "type": "string", "separator": ";"},
            {"name": "source_id", "type": "string"},
        ],
        "primaryKey": "id",
        "foreignKeys": [
            {"fields": "case_id", "reference": {"resource": "cases", "fields": "id"}},
            {"fields": "source_id", "reference": {"resource": "sources", "fields": "id"}},
        ],
        "courseForeignKeys": [{"fields": "risk_factors", "reference": {"resource": "risk_factors", "fields": "id"}}],
    },
}

FILES = {
    "sources": "id,title,year\nsrc-a,A report,2014\nsrc-b,B report,2009\n",
    "risk_factors": "id,kind\nRF1,common\nRF8,specific\n",
    "cases": "id,start_date,end_date,source_id\nc1,1994-04-06,1994-07-15,src-a\nc2,1995-07-11,1995-07-22,src-b\n",
    "events": (
        "id,case_id,date,deaths,risk_factors,source_id\n"
        "e1,c1,1994-04-06,10,RF1;RF8,src-a\n"
        "e2,c1,1994-05-01,5,RF1,src-a\n"
        "e3,c2,1995-07-11,,RF8,src-b\n"
    ),
}


@pytest.fixture
def course(tmp_path, monkeypatch):
    """A small, valid course: datasets/ with four tables, and an empty exercises/."""
    (tmp_path / "exercises").mkdir()
    datasets = tmp_path / "datasets"
    datasets.mkdir()
    resources = [
        {"name": name, "path": f"{name}.csv", "schema": schema} for name, schema in SCHEMAS.items()
    ]
    write_package(datasets, resources)
    for name, text in FILES.items():
        (datasets / f"{name}.csv").write_text(text)
    monkeypatch.setenv("WARNING_SIGNS_ROOT", str(tmp_path))
    data.clear_cache()
    return datasets


def write_package(datasets, resources):
    (datasets / "datapackage.json").write_text(json.dumps({"name": "tiny", "resources": resources}))


def edit(datasets, name, old, new):
    path = datasets / f"{name}.csv"
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new))


def edit_schema(datasets, change):
    package = json.loads((datasets / "datapackage.json").read_text())
    change({res["name"]: res for res in package["resources"]})
    write_package(datasets, package["resources"])


def only_problem(*words):
    problems = validate.validate_all()
    assert len(problems) == 1, problems
    for word in words:
        assert word in problems[0], problems[0]
    assert problems[0].endswith(".") and "\n" not in problems[0]
    return problems[0]


# --- the real course data ---------------------------------------------------


def test_the_course_data_is_valid():
    assert validate.validate_all() == []


def test_command_line_exits_0_on_the_course_data():
    done = subprocess.run([sys.executable, "-m", "warning_signs.validate"], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout


# --- each kind of problem ---------------------------------------------------


def test_a_valid_package_has_no_problems(course):
    assert validate.validate_all() == []


def test_missing_file(course):
    (course / "cases.csv").unlink()
    problems = validate.validate_all()
    assert any("cases.csv is missing" in p for p in problems)


def test_missing_column(course):
    edit(course, "sources", "id,title,year", "id,title")
    edit(course, "sources", ",2014", "")
    edit(course, "sources", ",2009", "")
    only_problem("sources", "lacks the columns year")


def test_extra_column(course):
    edit(course, "risk_factors", "id,kind\nRF1,common\nRF8,specific", "id,kind,note\nRF1,common,x\nRF8,specific,y")
    only_problem("risk_factors", "note")


def test_columns_in_another_order(course):
    edit(course, "risk_factors", "id,kind\nRF1,common\nRF8,specific", "kind,id\ncommon,RF1\nspecific,RF8")
    only_problem("risk_factors", "order")


def test_ragged_row(course):
    edit(course, "risk_factors", "RF8,specific", "RF8,specific,extra")
    only_problem("risk_factors", "line 3")


def test_value_of_the_wrong_type(course):
    edit(course, "cases", "1995-07-22", "1995-13-22")
    only_problem("cases row 'c2'", "end_date '1995-13-22'", "YYYY-MM-DD")


def test_required_field_empty(course):
    edit(course, "sources", "B report", "")
    only_problem("sources row 'src-b'", "required field 'title'")


def test_enum(course):
    edit(course, "risk_factors", "RF8,specific", "RF8,special")
    only_problem("risk_factors row 'RF8'", "'special'", "common, specific")


def test_pattern(course):
    edit(course, "risk_factors", "RF8,", "rf8,")
    edit(course, "events", "RF1;RF8", "RF1")
    edit(course, "events", "e3,c2,1995-07-11,,RF8", "e3,c2,1995-07-11,,RF1")
    only_problem("risk_factors row 'rf8'", "RF[0-9]+")


def test_minimum(course):
    edit(course, "events", ",10,", ",-10,")
    only_problem("events row 'e1'", "below the minimum 0")


def test_duplicate_primary_key(course):
    edit(course, "events", "e2,", "e1,")
    only_problem("events row 'e1'", "more than once")


def test_unique_constraint(course):
    edit(course, "sources", "src-b,B report", "src-a,B report")
    edit(course, "cases", "src-b", "src-a")
    edit(course, "events", "src-b", "src-a")
    problems = validate.validate_all()
    assert any("not unique" in p for p in problems)
    assert any("more than once" in p for p in problems)


def test_foreign_key(course):
    edit(course, "events", "e2,c1,", "e2,c9,")
    only_problem("events row 'e2'", "'c9' is not found in cases", "add it to cases")


def test_every_item_of_a_list_field_must_resolve(course):
    edit(course, "events", "RF1;RF8", "RF1;RF99")
    only_problem("events row 'e1'", "'RF99'", "risk_factors")


def test_a_key_may_also_resolve_in_the_tables_named_in_also_resources(course):
    edit(course, "events", "RF1;RF8", "RF1;c2")  # a case id where a factor id is expected
    only_problem("events row 'e1'", "'c2'", "risk_factors")

    def allow_cases(resources):
        fk = resources["events"]["schema"]["courseForeignKeys"][0]
        fk["reference"]["alsoResources"] = ["cases"]
    edit_schema(course, allow_cases)
    assert validate.validate_all() == []


def items_of_the_form_rf(resources):
    resources["events"]["schema"]["fields"][4]["itemConstraints"] = {"pattern": "RF[0-9]+"}


def test_item_constraints_apply_to_each_item_of_a_list(course):
    edit_schema(course, items_of_the_form_rf)
    assert validate.validate_all() == []
    edit(course, "events", "RF1;RF8", "RF1;rf8")
    problems = validate.validate_all()
    assert any("events row 'e1'" in p and "'rf8'" in p and "RF[0-9]+" in p for p in problems), problems


def test_a_list_rule_written_for_the_whole_cell_is_explained(course):
    def whole_cell(resources):
        items_of_the_form_rf(resources)
        field = resources["events"]["schema"]["fields"][4]
        field["constraints"] = field.pop("itemConstraints")
    edit_schema(course, whole_cell)
    only_problem("list field 'risk_factors' has pattern under constraints", "move it to itemConstraints")


def test_a_list_foreign_key_among_the_standard_ones_is_explained(course):
    def standard(resources):
        schema = resources["events"]["schema"]
        schema["foreignKeys"] += schema.pop("courseForeignKeys")
    edit_schema(course, standard)
    only_problem("foreign key on risk_factors under foreignKeys", "move it to courseForeignKeys")


def test_stock_frictionless_accepts_the_course_data():
    """The standard tool (a test dependency) passes every table: the course's list dialect is invisible to it."""
    from frictionless import Package

    from warning_signs.paths import datasets_dir

    report = Package(str(datasets_dir() / "datapackage.json")).validate()
    failing = {task.name: [e.message for e in task.errors][:2] for task in report.tasks if not task.valid}
    assert report.valid and not failing, failing
    assert len(report.tasks) == len(data.table_names())


def test_empty_list_item(course):
    edit(course, "events", "RF1;RF8", "RF1;;RF8")
    only_problem("events row 'e1'", "empty item")


def test_source_id_must_resolve(course):
    edit(course, "cases", "src-b", "src-z")
    only_problem("cases row 'c2'", "'src-z'", "sources")


def test_start_after_end(course):
    edit(course, "cases", "1994-04-06,1994-07-15", "1994-08-06,1994-07-15")
    only_problem("cases row 'c1'", "start_date 1994-08-06 is after end_date 1994-07-15")


def test_events_sorted_by_date_within_a_case(course):
    edit(course, "events", "e2,c1,1994-05-01", "e2,c1,1994-04-01")
    only_problem("events row 'e2'", "sort the rows of each case_id by date")


def test_events_of_different_cases_may_interleave_in_time(course):
    edit(course, "events", "e3,c2,1995-07-11", "e3,c2,1990-01-01")
    edit(course, "cases", "1995-07-11,1995-07-22", "1990-01-01,1995-07-22")
    assert validate.validate_all() == []


def test_undescribed_csv_file(course):
    (course / "stray.csv").write_text("a\n1\n")
    only_problem("stray.csv is not described")


def test_source_id_field_without_foreign_key(course):
    edit_schema(course, lambda res: res["cases"]["schema"].pop("foreignKeys"))
    only_problem("'cases'", "source_id", "no foreign key")


def test_schema_naming_an_unknown_field(course):
    edit_schema(course, lambda res: res["events"]["schema"].update(primaryKey="event_id"))
    only_problem("'events'", "'event_id'")


def test_foreign_key_to_an_unknown_table(course):
    def change(res):
        res["events"]["schema"]["foreignKeys"][0]["reference"]["resource"] = "kases"
    edit_schema(course, change)
    only_problem("unknown table 'kases'")


def test_many_bad_rows_are_summarised(course):
    rows = "".join(f"x{i},c1,1994-06-01,-1,RF1,src-a\n" for i in range(9))
    (course / "events.csv").write_text(FILES["events"] + rows)
    problems = [p for p in validate.validate_all() if "minimum" in p or "same problem" in p]
    assert len(problems) == validate.MAX_ROWS_PER_PROBLEM + 1
    assert "4 more rows have the same problem" in problems[-1]


# --- files no table describes, and the retired stagedPaths ------------------


def test_a_file_no_table_claims_is_reported(course):
    (course / "staging").mkdir()
    (course / "staging" / "notes.csv").write_text("a\n1\n")
    only_problem("staging/notes.csv is not described")


def test_a_leftover_staged_paths_entry_is_explained(course):
    edit_schema(course, lambda res: res["sources"].update(stagedPaths=["staging/sources-*.csv"]))
    only_problem("table 'sources' lists stagedPaths", "remove the entry")


def test_main_prints_problems_and_returns_1(course, capsys):
    edit(course, "events", "e2,c1,", "e2,c9,")
    assert validate.main() == 1
    assert "'c9'" in capsys.readouterr().out


def test_main_returns_0_when_valid(course, capsys):
    assert validate.main() == 0
    assert "valid" in capsys.readouterr().out
