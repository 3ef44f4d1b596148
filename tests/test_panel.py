"""The synthetic panel: reproducible, rare onsets as documented, scenario arcs as narrated."""

import json

import pandas as pd
import pytest

from warning_signs import panel
from warning_signs.paths import datasets_dir

PANEL_DIR = datasets_dir() / "panel"


@pytest.fixture(scope="module")
def seed_record():
    return json.loads((PANEL_DIR / "panel_seed.json").read_text())


@pytest.fixture(scope="module")
def committed():
    """The committed CSV, indexed by country and month."""
    frame = pd.read_csv(PANEL_DIR / "panel.csv", dtype={"month": str})
    return frame.set_index(["country_id", "month"]).sort_index()


def series(frame, country, column):
    return frame.loc[country][column]


# --- reproducibility --------------------------------------------------------


def test_regenerating_with_the_committed_seed_is_byte_identical(seed_record):
    regenerated = panel.to_csv_text(panel.generate(seed_record["seed"])).encode("utf-8")
    assert regenerated == (PANEL_DIR / "panel.csv").read_bytes()


def test_seed_file_matches_the_generator(seed_record):
    assert seed_record == panel.seed_record(seed_record["seed"])
    assert seed_record["generator_version"] == panel.GENERATOR_VERSION


def test_write_twice_gives_the_same_bytes(tmp_path):
    first = panel.write(tmp_path / "a" / "panel.csv", seed=7).read_bytes()
    second = panel.write(tmp_path / "b" / "panel.csv", seed=7).read_bytes()
    assert first == second
    assert json.loads((tmp_path / "a" / "panel_seed.json").read_text())["seed"] == 7


def test_another_seed_gives_another_panel():
    assert not panel.generate(1).equals(panel.generate(2))


# --- shape ------------------------------------------------------------------


def test_33_countries_by_120_months(committed):
    countries = committed.index.get_level_values("country_id").unique()
    months = committed.index.get_level_values("month").unique()
    assert len(countries) == 33 and len(months) == 120 and len(committed) == 33 * 120
    assert months.min() == "2015-01" and months.max() == "2024-12"
    assert {"veldora", "norvane", "sarimba"} <= set(countries)
    assert all(c.islower() and c.isalpha() for c in countries)
    assert committed["country_name"].nunique() == 33


def test_columns_and_ranges(committed):
    header = (PANEL_DIR / "panel.csv").read_text().splitlines()[0]
    assert header.split(",") == panel.COLUMNS
    counts = committed[["violence_against_civilians", "civilian_fatalities", "displacement",
                        "protests", "journalist_arrests"]]
    assert (counts >= 0).all().all()
    assert committed["hate_speech_index"].between(0, 100).all()
    assert (committed["hate_speech_index"].round(1) == committed["hate_speech_index"]).all()


def test_counts_are_overdispersed(committed):
    # Negative binomial noise: within a calm country, variance well above the mean.
    calm = [c for c in committed.index.levels[0] if not committed.loc[c, "onset"].any()]
    ratios = [series(committed, c, "protests").var() / series(committed, c, "protests").mean() for c in calm]
    assert pd.Series(ratios).median() > 1.5


def test_baselines_differ_between_countries(committed):
    medians = committed.groupby(level="country_id")["displacement"].median()
    assert medians.max() > 4 * medians.min()


# --- onsets -----------------------------------------------------------------


def test_onsets_are_rare_and_as_documented(committed, seed_record):
    onsets = committed[committed["onset"]].index.tolist()
    documented = [(o["country_id"], o["month"]) for o in seed_record["onsets"]]
    assert sorted(onsets) == sorted(documented)
    assert len(onsets) == panel.N_RANDOM_ONSETS + 2  # plus norvane and veldora
    assert 4 <= len(onsets) <= 6
    assert len(onsets) / len(committed) < 0.002  # a base rate near real ones


def test_at_most_one_onset_per_country(committed):
    assert committed.groupby(level="country_id")["onset"].sum().max() == 1


def test_onsets_follow_a_build_up_in_hate_speech(committed, seed_record):
    for onset in seed_record["onsets"]:
        hate = series(committed, onset["country_id"], "hate_speech_index")
        year_before = str(pd.Period(onset["month"], "M") - 12)
        calm = hate.loc[:year_before].median()  # onsets come late enough for 6+ calm months
        last_three = hate.loc[:onset["month"]].iloc[-4:-1].mean()
        assert last_three > calm + 8, onset


def test_false_alarms_look_like_build_ups_but_have_no_onset(committed, seed_record):
    alarms = seed_record["false_alarms"]
    assert len(alarms) == panel.N_FALSE_ALARMS + 1  # plus sarimba
    for alarm in alarms:
        country = committed.loc[alarm["country_id"]]
        assert not country["onset"].any()
        near_peak = country["hate_speech_index"].rolling(3, center=True).mean().loc[alarm["peak_month"]]
        assert near_peak > country["hate_speech_index"].median() + 10


# --- scenario arcs ----------------------------------------------------------


def test_norvane_onset_in_2022_08_when_forced_relocation_begins_after_hate_speech(committed):
    """The onset is the month of the written relocation orders (stage 6); mass killing follows in 2022-11."""
    norvane = committed.loc["norvane"]
    assert norvane.index[norvane["onset"]].tolist() == ["2022-08"]
    hate = norvane["hate_speech_index"]
    assert hate.loc["2022-05":"2022-07"].mean() > hate.loc["2021-01":"2021-12"].mean() + 15
    assert hate.loc["2022-08":"2022-10"].mean() > hate.loc["2022-03":"2022-05"].mean()
    displacement = norvane["displacement"]
    assert displacement.loc["2022-08":"2022-10"].mean() > 2 * displacement.loc[:"2022-07"].median()
    deaths = norvane["civilian_fatalities"]
    assert deaths.loc["2022-11":"2023-01"].max() > 2 * deaths.loc[:"2022-07"].max()


def test_veldora_onset_in_2022_09_at_its_peak_then_falls_back(committed):
    """Stage 5's list-based attacks killed 47: an onset by the course's definition, then mediation."""
    veldora = committed.loc["veldora"]
    assert veldora.index[veldora["onset"]].tolist() == ["2022-09"]
    hate = veldora["hate_speech_index"]
    assert hate.rolling(3, center=True).mean().idxmax() in {"2022-07", "2022-08", "2022-09", "2022-10"}
    assert abs(hate.loc["2023-06":"2023-12"].mean() - hate.loc["2021-01":"2021-12"].mean()) < 8


def test_sarimba_goes_up_and_down_without_onset(committed):
    sarimba = committed.loc["sarimba"]
    assert not sarimba["onset"].any()
    hate = sarimba["hate_speech_index"]
    calm = hate.loc["2022-01":"2022-10"].mean()
    assert hate["2023-04"] > calm + 15 and hate["2023-10"] > calm + 15  # two waves
    assert hate["2023-07"] < min(hate["2023-04"], hate["2023-10"]) - 8  # a quieter season between
    assert hate.loc["2024-03":"2024-04"].mean() > hate.loc["2024-01":"2024-02"].mean()  # up again
    assert hate.loc["2024-10":"2024-12"].mean() < calm + 10


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_design_holds_for_other_seeds(seed):
    generated = panel.generate(seed)
    onsets = generated[generated["onset"]]
    assert len(onsets) == panel.N_RANDOM_ONSETS + 2
    assert {("norvane", "2022-08"), ("veldora", "2022-09")} <= set(zip(onsets["country_id"], onsets["month"]))
    assert onsets["country_id"].is_unique
    assert not onsets["country_id"].isin(["sarimba"]).any()


# --- a new fictional country is data only ------------------------------------


def test_a_scenario_country_added_as_rows_gets_its_arc_in_the_panel(tmp_path, monkeypatch):
    """Rows in scenarios/countries.csv, panel/scenarios.csv and panel/arcs.csv are all it takes."""
    import shutil

    from warning_signs import data, validate

    root = tmp_path / "course"
    shutil.copytree(datasets_dir(), root / "datasets")
    (root / "lessons").mkdir()
    (root / "exercises").mkdir()
    monkeypatch.setenv("WARNING_SIGNS_ROOT", str(root))
    data.clear_cache()
    try:
        books = pd.read_csv(root / "datasets/scenarios/countries.csv", dtype=str, keep_default_na=False)
        new = books[books["id"] == "veldora"].assign(id="tesmaro", name="Republic of Tesmaro")
        pd.concat([books, new]).to_csv(root / "datasets/scenarios/countries.csv", index=False)
        with (root / "datasets/panel/scenarios.csv").open("a") as f:
            f.write("tesmaro,Tesmaro,20.0,2.0,1.0,300.0,5.0,0.5,0.0,4,0.2,2021-01,2021-06,\n")
        with (root / "datasets/panel/arcs.csv").open("a") as f:
            f.write("tesmaro,hate,2021-01,0\ntesmaro,hate,2021-06,50\ntesmaro,violence,2021-05,1\n"
                    "tesmaro,violence,2021-06,20\n")
        assert validate.validate_all() == []
        generated = panel.generate().set_index(["country_id", "month"])
        hate = generated.loc["tesmaro"]["hate_speech_index"]
        assert hate["2021-06"] > hate["2020-06"] + 30  # the arc, not the seed, sets the rise
        assert generated.loc["tesmaro"]["onset"].sum() == 1 and generated.loc[("tesmaro", "2021-06"), "onset"]
        assert not generated.loc["tesmaro"].index.difference(generated.loc["norvane"].index).size
    finally:
        monkeypatch.delenv("WARNING_SIGNS_ROOT")
        data.clear_cache()
