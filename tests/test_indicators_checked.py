"""Every indicator row records where its wording was checked (issue 11's content corrections)."""

from __future__ import annotations

from warning_signs import data


def _table():
    data.clear_cache()
    return data.load("indicators"), set(data.load("sources")["id"])


def test_every_indicator_row_names_the_copy_it_was_checked_against():
    indicators, sources = _table()
    for row in indicators.itertuples(index=False):
        assert isinstance(row.checked_against, str) and ": " in row.checked_against, row.id
        source_id, what = row.checked_against.split(": ", 1)
        assert source_id in sources, f"{row.id}: {source_id} is not in sources.csv"
        assert len(what) > 20, f"{row.id}: say which part of the copy was read"


def test_indicators_read_only_in_part_say_so_in_their_text_and_their_check():
    indicators, _ = _table()
    partial = indicators[indicators["checked_against"].str.contains("opening words")]
    assert set(partial["id"]) == {"RF7.11", "RF13.10"}
    for row in partial.itertuples(index=False):
        assert "could not be read" in row.text and row.text.count("…") == 1, row.id


def test_factor_13_has_its_tenth_indicator_and_numbers_run_without_gaps():
    indicators, _ = _table()
    for factor, rows in indicators.groupby("factor_id"):
        numbers = sorted(int(n) for n in rows["number"])
        assert numbers == list(range(1, len(numbers) + 1)), factor
    assert len(indicators[indicators["factor_id"] == "RF13"]) == 10
    assert len(indicators[indicators["factor_id"] == "RF7"]) == 11


def test_the_kyrgyzstan_finding_concerns_certain_attacks_not_all():
    events = data.load("events").set_index("id")
    text = events.loc["kyrgyzstan-2010-e04", "description"]
    assert "certain of these attacks" in text
    cases = data.load("cases").set_index("id")
    assert "certain attacks" in cases.loc["kyrgyzstan-2010", "summary"]
    supports = data.load("sources").set_index("id").loc["kic-kyrgyzstan-2011", "supports"]
    assert "certain attacks" in supports
