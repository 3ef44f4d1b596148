"""The speech tables cover what the speech assessment and lesson 5 need."""

import re

import pytest

from warning_signs.data import load, split_items

LEVELS = {"low", "moderate", "high"}
SOURCES = {"rabat_test": "rabat-plan-2012", "dangerous_speech": "dangerous-speech-guide"}


@pytest.fixture(scope="module")
def samples():
    return load("speech_samples")


@pytest.fixture(scope="module")
def ratings():
    return load("speech_ratings")


@pytest.fixture(scope="module")
def readings():
    return load("speech_readings")


def expected_parts() -> set:
    rabat = {("rabat_test", p) for p in load("rabat_test")["id"]}
    ds = load("dangerous_speech")
    return rabat | {("dangerous_speech", p) for p in ds.loc[ds["kind"] == "element", "id"]}


def test_there_are_at_least_six_short_samples(samples):
    assert len(samples) >= 6
    assert samples["number"].tolist() == list(range(1, len(samples) + 1))
    for row in samples.itertuples():
        words = len(row.text.split())
        assert 40 <= words <= 120, f"{row.id} has {words} words; keep samples to 40-120."
        assert row.content_note.strip()


def test_every_sample_is_rated_on_all_eleven_parts_exactly_once(samples, ratings):
    parts = expected_parts()
    assert len(parts) == 11
    for sample_id in samples["id"]:
        mine = ratings[ratings["sample_id"] == sample_id]
        rated = list(zip(mine["framework"], mine["part_id"]))
        assert sorted(rated) == sorted(parts), f"{sample_id} is not rated on exactly the 11 parts."


def test_ratings_are_levels_with_a_one_sentence_reason_and_the_framework_source(ratings):
    assert set(ratings["rating"]) <= LEVELS
    for row in ratings.itertuples():
        assert row.source_id == SOURCES[row.framework]
        assert row.reason.endswith(".") and 30 < len(row.reason) < 260, row.reason
        assert not re.search(r"\.\s+[A-Z]", row.reason), f"{row.sample_id} {row.part_id}: one sentence only"


def test_every_sample_has_one_reading_with_hallmarks_that_are_hallmarks(samples, readings):
    assert sorted(readings["sample_id"]) == sorted(samples["id"])
    ds = load("dangerous_speech")
    hallmark_ids = set(ds.loc[ds["kind"] == "hallmark", "id"])
    for cell in readings["hallmarks"]:
        assert set(split_items(cell)) <= hallmark_ids
    names = readings.groupby("reading")["reading_name"].nunique()
    assert (names == 1).all(), "each reading has one name"


def test_the_samples_are_varied(readings, ratings):
    assert {"likely_incitement", "dangerous_speech", "offensive", "protected"} <= set(readings["reading"])
    ds = load("dangerous_speech")
    seen = {h for cell in readings["hallmarks"] for h in split_items(cell)}
    assert seen == set(ds.loc[ds["kind"] == "hallmark", "id"]), "every hallmark appears in some sample"
    spread = ratings.groupby("sample_id")["rating"].apply(lambda r: (r == "high").sum())
    assert spread.max() == 11 and spread.min() == 0, "from all high to none high"


def test_samples_name_no_real_place_or_group_from_the_historical_cases(samples):
    cases = load("cases")
    real = set()
    for column in ("country", "perpetrators", "targeted_groups", "name"):
        for cell in cases[column].dropna():
            real |= {w for w in re.findall(r"[A-Z][a-zà-ÿ']{3,}", str(cell))}
    # Words the fictional scenarios use too ('Valley', 'Army') are generic, not real names.
    fiction = " ".join(" ".join(map(str, row)) for t in ("scenarios", "stages") for row in load(t).itertuples())
    real -= set(re.findall(r"[A-Z][a-zà-ÿ']{3,}", fiction))
    assert {"Rwanda", "Tutsi", "Rohingya"} <= real
    text = " ".join(" ".join(map(str, row)) for row in samples.itertuples(index=False))
    assert not {w for w in real if re.search(rf"\b{re.escape(w)}\b", text)}
