"""Outside-data loaders: typed frames from good files, one clear sentence for bad ones."""

import csv
import re

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from warning_signs import outside

# Real export layouts (abridged: extra columns the lessons do not use are kept,
# since real files have them and the loaders must ignore them).
GED_ROW = {
    "id": "244657", "relid": "IRQ-2017-1-524-322", "year": "2017", "active_year": "TRUE",
    "code_status": "Clear", "type_of_violence": "1", "conflict_dset_id": "259",
    "conflict_name": "Iraq: Government", "dyad_name": "Government of Iraq - IS",
    "side_a": "Government of Iraq", "side_b": "IS", "source_article": "a, b; c",
    "where_coordinates": "Mosul town", "adm_1": "Nineveh", "latitude": "36.34",
    "longitude": "43.13", "geom_wkt": "POINT (43.13 36.34)", "country": "Iraq",
    "country_id": "645", "region": "Middle East", "date_prec": "1",
    "date_start": "2017-07-31 00:00:00.000", "date_end": "2017-07-31 00:00:00.000",
    "deaths_a": "0", "deaths_b": "4", "deaths_civilians": "2", "deaths_unknown": "0",
    "best": "6", "high": "8", "low": "4", "gwnoa": "645", "gwnob": "",
}
VDEM_ROW = {
    "country_name": "Mexico", "country_text_id": "MEX", "country_id": "3", "year": "2020",
    "historical_date": "2020-12-31", "project": "0", "v2x_polyarchy": "0.647",
    "v2x_libdem": "0.434", "v2x_partipdem": "0.45", "v2clkill": "-0.92",
    "v2csreprss": "1.2", "v2psparban": "2.1", "v2pepwrsoc": "0.3", "e_regionpol": "2",
}
ACLED_ROW = {
    "event_id_cnty": "SDN12345", "event_date": "2023-04-15", "year": "2023",
    "time_precision": "1", "disorder_type": "Political violence",
    "event_type": "Violence against civilians", "sub_event_type": "Attack",
    "actor1": "Rapid Support Forces", "assoc_actor_1": "", "inter1": "2",
    "actor2": "Civilians (Sudan)", "assoc_actor_2": "", "inter2": "7", "interaction": "27",
    "civilian_targeting": "Civilian targeting", "iso": "729", "region": "Northern Africa",
    "country": "Sudan", "admin1": "Khartoum", "admin2": "Khartoum", "location": "Khartoum",
    "latitude": "15.5518", "longitude": "32.5324", "geo_precision": "1", "source": "Radio Dabanga",
    "source_scale": "National", "notes": "On 15 April 2023, ...", "fatalities": "3", "tags": "",
    "timestamp": "1681900000",
}

LOADERS = {
    "ged": (outside.load_ucdp_ged, outside.UCDP_GED, GED_ROW),
    "vdem": (outside.load_vdem, outside.VDEM, VDEM_ROW),
    "acled": (outside.load_acled, outside.ACLED, ACLED_ROW),
}
DTYPES = {"str": "string", "int": "Int64", "float": "float64", "date": "datetime64[ns]", "bool": "boolean"}


def write_rows(path, rows, columns=None):
    columns = columns or list(rows[0])
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
    return path


def assert_one_sentence(message, path):
    assert str(path) in message
    assert message.endswith(".") and "\n" not in message
    assert not re.search(r"[.!?]\s+[A-Z]", message), message


def load_or_explain(loader, path):
    """Load; the only acceptable failure is a one-sentence OutsideDataError."""
    try:
        return loader(path)
    except outside.OutsideDataError as err:
        assert_one_sentence(str(err), path)
        return None


# --- good files -------------------------------------------------------------


@pytest.mark.parametrize("kind", LOADERS)
def test_good_file_loads_with_the_right_columns_and_dtypes(tmp_path, kind):
    loader, layout, row = LOADERS[kind]
    frame = loader(write_rows(tmp_path / f"{kind}.csv", [row, row]))
    expected = layout.columns + layout.optional
    assert list(frame.columns) == [c.name for c in expected]
    assert {c.name: str(frame[c.name].dtype) for c in expected} == {c.name: DTYPES[c.kind] for c in expected}
    assert len(frame) == 2


def test_ged_values(tmp_path):
    frame = outside.load_ucdp_ged(write_rows(tmp_path / "ged.csv", [GED_ROW]))
    assert frame.loc[0, "date_start"] == pd.Timestamp("2017-07-31")
    assert frame.loc[0, "best"] == 6 and frame.loc[0, "latitude"] == 36.34


def test_vdem_blank_indicators_are_nan(tmp_path):
    frame = outside.load_vdem(write_rows(tmp_path / "vdem.csv", [{**VDEM_ROW, "v2clkill": "", "v2x_libdem": "NA"}]))
    assert frame["v2clkill"].isna().all() and frame["v2x_libdem"].isna().all()


def test_acled_civilian_targeting_and_old_dates(tmp_path):
    rows = [ACLED_ROW, {**ACLED_ROW, "civilian_targeting": "", "event_date": "3 March 2019"}]
    frame = outside.load_acled(write_rows(tmp_path / "acled.csv", rows))
    assert frame["civilian_targeting"].tolist() == [True, False]
    assert frame.loc[1, "event_date"] == pd.Timestamp("2019-03-03")


def test_acled_without_civilian_targeting_leaves_it_blank(tmp_path):
    columns = [c for c in ACLED_ROW if c != "civilian_targeting"]
    frame = outside.load_acled(write_rows(tmp_path / "acled.csv", [ACLED_ROW], columns))
    assert frame["civilian_targeting"].isna().all() and frame["civilian_targeting"].dtype == "boolean"


def test_byte_order_mark_and_padded_header_are_fine(tmp_path):
    path = write_rows(tmp_path / "vdem.csv", [VDEM_ROW])
    text = path.read_text().replace("country_name,", " country_name ,", 1)
    path.write_text("\ufeff" + text, encoding="utf-8")
    assert outside.load_vdem(path).loc[0, "country_text_id"] == "MEX"


# --- bad files --------------------------------------------------------------


def test_missing_file(tmp_path):
    with pytest.raises(outside.OutsideDataError) as caught:
        outside.load_ucdp_ged(tmp_path / "nowhere.csv")
    assert_one_sentence(str(caught.value), tmp_path / "nowhere.csv")
    assert "GED CSV" in str(caught.value)


@pytest.mark.parametrize("content", [b"", b"\xff\xfe\x00bad", b'id,year\n"1,2017\n'])
def test_unreadable_file(tmp_path, content):
    path = tmp_path / "ged.csv"
    path.write_bytes(content)
    with pytest.raises(outside.OutsideDataError) as caught:
        outside.load_ucdp_ged(path)
    assert_one_sentence(str(caught.value), path)


def test_missing_columns_are_listed_with_the_fix(tmp_path):
    columns = [c for c in GED_ROW if c not in ("best", "high")]
    path = write_rows(tmp_path / "ged.csv", [GED_ROW], columns)
    with pytest.raises(outside.OutsideDataError) as caught:
        outside.load_ucdp_ged(path)
    message = str(caught.value)
    assert "best, high" in message and "export the full GED CSV" in message
    assert_one_sentence(message, path)


def test_malformed_values_name_column_and_rows(tmp_path):
    rows = [GED_ROW, {**GED_ROW, "best": "many"}, GED_ROW, {**GED_ROW, "best": "-3"}]
    path = write_rows(tmp_path / "ged.csv", rows)
    with pytest.raises(outside.OutsideDataError) as caught:
        outside.load_ucdp_ged(path)
    message = str(caught.value)
    assert "column best" in message and "rows 3, 5" in message
    assert_one_sentence(message, path)


def test_acled_is_never_bundled():
    assert "redistribution" in outside.__doc__ and "never bundle" in outside.__doc__
    assert "CC BY 4.0" in outside.load_ucdp_ged.__doc__ and "CC BY 4.0" in outside.load_vdem.__doc__


# --- property tests: whatever the file holds, only OutsideDataError ---------

kinds = st.sampled_from(sorted(LOADERS))


@settings(max_examples=60, deadline=None)
@given(kind=kinds, data=st.data())
def test_any_missing_columns_are_all_named(tmp_path_factory, kind, data):
    loader, layout, row = LOADERS[kind]
    names = [c.name for c in layout.columns]
    dropped = data.draw(st.sets(st.sampled_from(names), min_size=1))
    path = write_rows(tmp_path_factory.mktemp(kind) / "export.csv", [row], [c for c in row if c not in dropped])
    with pytest.raises(outside.OutsideDataError) as caught:
        loader(path)
    assert_one_sentence(str(caught.value), path)
    assert all(name in str(caught.value) for name in dropped)


@settings(max_examples=150, deadline=None)
@given(kind=kinds, data=st.data(), junk=st.text(max_size=12))
def test_any_cell_value_loads_or_is_explained(tmp_path_factory, kind, data, junk):
    loader, layout, row = LOADERS[kind]
    column = data.draw(st.sampled_from([c.name for c in layout.columns]))
    path = write_rows(tmp_path_factory.mktemp(kind) / "export.csv", [row, {**row, column: junk}])
    load_or_explain(loader, path)


@settings(max_examples=100, deadline=None)
@given(kind=kinds, data=st.data(), junk=st.sampled_from(["many", "1.5.2", "--3", "1e999", "12/31/2020", "yes"]))
def test_nonsense_in_a_typed_column_is_reported(tmp_path_factory, kind, data, junk):
    loader, layout, row = LOADERS[kind]
    typed = [c.name for c in layout.columns if c.kind in ("int", "float", "date")]
    column = data.draw(st.sampled_from(typed))
    path = write_rows(tmp_path_factory.mktemp(kind) / "export.csv", [row, row, {**row, column: junk}])
    with pytest.raises(outside.OutsideDataError) as caught:
        loader(path)
    message = str(caught.value)
    assert_one_sentence(message, path)
    assert f"column {column}" in message and "row 4" in message


@settings(max_examples=100, deadline=None)
@given(kind=kinds, content=st.binary(max_size=300))
def test_arbitrary_bytes_never_raise_anything_else(tmp_path_factory, kind, content):
    path = tmp_path_factory.mktemp(kind) / "export.csv"
    path.write_bytes(content)
    load_or_explain(LOADERS[kind][0], path)


@settings(max_examples=100, deadline=None)
@given(kind=kinds, data=st.data())
def test_ragged_and_odd_rows_never_raise_anything_else(tmp_path_factory, kind, data):
    loader, _, row = LOADERS[kind]
    header = ",".join(row)
    good = ",".join(f'"{v}"' for v in row.values())
    odd = data.draw(st.lists(st.text(alphabet=',"\n\r ;x1-.', max_size=40), max_size=4))
    path = tmp_path_factory.mktemp(kind) / "export.csv"
    path.write_text("\n".join([header, good, *odd]) + "\n", encoding="utf-8")
    load_or_explain(loader, path)
