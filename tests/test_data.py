"""Loading course tables: every table loads, types follow the schema, errors are clear."""

import json

import pandas as pd
import pytest

from warning_signs import data


@pytest.fixture
def tiny_course(tmp_path, monkeypatch):
    """A course root with one table that uses every column type."""
    (tmp_path / "exercises").mkdir()
    datasets = tmp_path / "datasets"
    datasets.mkdir()
    fields = [
        {"name": "id", "type": "string"},
        {"name": "count", "type": "integer"},
        {"name": "share", "type": "number"},
        {"name": "flag", "type": "boolean"},
        {"name": "day", "type": "date"},
        {"name": "month", "type": "yearmonth"},
        {"name": "year", "type": "year"},
        {"name": "tags", "type": "string", "separator": ";"},
    ]
    package = {"name": "tiny", "resources": [
        {"name": "things", "path": ["things.csv", "more_things.csv"], "schema": {"fields": fields}},
    ]}
    (datasets / "datapackage.json").write_text(json.dumps(package))
    header = "id,count,share,flag,day,month,year,tags\n"
    (datasets / "things.csv").write_text(header + "a,3,0.5,true,2022-11-03,2022-11,2022,x;y\nb,,,false,,,,\n")
    (datasets / "more_things.csv").write_text(header + "c,-1,2,FALSE,2015-01-01,2015-01,1999,z\n")
    monkeypatch.setenv("WARNING_SIGNS_ROOT", str(tmp_path))
    data.clear_cache()
    yield datasets
    data.clear_cache()


def test_every_table_loads_with_its_schema_columns():
    for name in data.table_names():
        frame = data.load(name)
        assert list(frame.columns) == data.field_names(data.resource(name)), name


def test_the_package_describes_the_core_tables():
    names = data.table_names()
    for expected in ["sources", "panel", "risk_factors", "indicators", "response_options"]:
        assert expected in names


def test_panel_dtypes():
    panel = data.load("panel")
    assert panel["month"].dtype == "string"
    assert panel["onset"].dtype == "boolean"
    assert panel["protests"].dtype == "Int64"
    assert panel["hate_speech_index"].dtype == "float64"
    assert len(panel) == 33 * 120


def test_dtypes_follow_the_schema(tiny_course):
    things = data.load("things")
    assert things.dtypes.astype(str).to_dict() == {
        "id": "string", "count": "Int64", "share": "float64", "flag": "boolean",
        "day": "datetime64[ns]", "month": "string", "year": "Int64", "tags": "string",
    }
    assert things["day"][0] == pd.Timestamp("2022-11-03")
    assert things["month"][2] == "2015-01"


def test_blank_cells_are_missing(tiny_course):
    b = data.load("things").iloc[1]
    assert all(pd.isna(b[column]) for column in ["count", "share", "day", "month", "year", "tags"])


def test_parts_of_a_table_are_joined(tiny_course):
    assert data.load("things")["id"].tolist() == ["a", "b", "c"]


def test_list_fields_stay_strings_and_split_on_demand(tiny_course):
    tags = data.load("things")["tags"]
    assert tags[0] == "x;y"
    assert data.split_items(tags[0]) == ["x", "y"]
    assert data.split_items(tags[1]) == []


def test_load_returns_a_fresh_copy(tiny_course):
    first = data.load("things")
    first.loc[0, "id"] = "changed"
    assert data.load("things")["id"][0] == "a"


def test_unknown_name_lists_the_known_tables(tiny_course):
    with pytest.raises(data.UnknownTableError) as caught:
        data.load("thing")
    message = str(caught.value)
    assert "'thing'" in message and "did you mean 'things'" in message
    assert message.endswith("things.") and "\n" not in message


def test_unknown_name_on_real_data_names_them_all():
    with pytest.raises(LookupError) as caught:
        data.load("no-such-table")
    for name in data.table_names():
        assert name in str(caught.value)


def test_a_bad_value_points_to_validate(tiny_course):
    path = tiny_course / "things.csv"
    path.write_text(path.read_text().replace("a,3,", "a,three,"))
    with pytest.raises(data.TableReadError, match="warning_signs.validate"):
        data.load("things")


def test_a_ragged_row_is_reported_with_its_line(tiny_course):
    path = tiny_course / "more_things.csv"
    path.write_text(path.read_text() + "d,1\n")
    with pytest.raises(data.TableReadError, match="line 3"):
        data.load("things")


def test_one_clear_cache_makes_every_derived_model_read_the_edited_csv(tmp_path, monkeypatch):
    """An author edits a CSV in a running kernel: after clear_cache() the widgets' models show the new text."""
    import shutil

    from warning_signs.knowledge.framework import framework
    from warning_signs.knowledge.panel import panel_arrays
    from warning_signs.knowledge.responses import toolbox
    from warning_signs.paths import datasets_dir

    root = tmp_path / "course"
    shutil.copytree(datasets_dir(), root / "datasets")
    (root / "exercises").mkdir()
    monkeypatch.setenv("WARNING_SIGNS_ROOT", str(root))
    data.clear_cache()
    before = framework().factor("RF1").name, toolbox().options["RO01"].name, panel_arrays().labels["protests"]
    factors = root / "datasets/frameworks/risk_factors.csv"
    factors.write_text(factors.read_text(encoding="utf-8").replace(before[0], "Renamed factor", 1), encoding="utf-8")
    options = root / "datasets/frameworks/response_options.csv"
    options.write_text(options.read_text(encoding="utf-8").replace(before[1], "Renamed option", 1), encoding="utf-8")
    package = root / "datasets/datapackage.json"
    package.write_text(package.read_text(encoding="utf-8").replace('"title": "Protests"', '"title": "Marches"'))
    assert framework().factor("RF1").name == before[0]  # cached: the edit is not seen yet
    data.clear_cache()
    assert framework().factor("RF1").name == "Renamed factor"
    assert toolbox().options["RO01"].name == "Renamed option"
    assert panel_arrays().labels["protests"] == "Marches"
    data.clear_cache()
