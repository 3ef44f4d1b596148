"""A synthetic monthly monitoring panel: 33 invented countries, 2015-01 to 2024-12 in storage
months of the fictional calendar (learners read "January of Year 66": ``scenario_calendar``).

The panel lets lessons practise early warning on data whose answers are known:
thresholds, base rates, false alarms and lead time. Everything is invented; no row is a real country.

How it is built (all randomness comes from one seed):

* Each country has its own normal level for every signal, a slow trend over
  the ten years and a yearly cycle in protests and violence.
* Counts are overdispersed, as real event counts are: a Poisson draw whose
  rate is itself drawn from a gamma distribution (a negative binomial).
* Onsets are rare: norvane (2022-08), veldora (2022-09) plus ``N_RANDOM_ONSETS`` other
  countries, about one country-month in 800. Before each onset, hate speech,
  journalist arrests and displacement build up over 3-9 months (the lead
  signals), in that order; then violence and fatalities surge.
* False alarms: ``N_FALSE_ALARMS`` countries without an onset show the same
  kind of build-up, which then fades. Sarimba is a false alarm too.

An onset (Lesson 6) is the first month of a widespread or systematic attack
on one group's civilians: organised attacks that kill 25 or displace 10,000 in
the month. So norvane's is its relocation orders (stage 6), veldora's its
list-based attacks (stage 5); sarimba's attackers were never established.

The scenario countries follow scripted arcs that match the situation reports
in datasets/scenarios/stages.csv. Their normal levels and key months are in
``datasets/panel/scenarios.csv`` and their arcs, as (month, level) knots per
signal, in ``datasets/panel/arcs.csv``: norvane's hate speech rises from
2022-03 before its onset in 2022-08 (forced relocation), and violence surges
from 2022-11; veldora's signals rise through 2022, peak at its onset in 2022-09
and fall back after mediation; sarimba's go up and down from 2023-01 to 2024-06
without an onset. Adding a fictional country is data only: rows in those two tables.

Run ``python -m warning_signs.panel`` to regenerate datasets/panel/panel.csv
and panel_seed.json; the same seed gives a byte-identical file.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from warning_signs.data import load
from warning_signs.paths import datasets_dir

GENERATOR_VERSION = "1.0.0"
DEFAULT_SEED = 20261121
FIRST_MONTH, N_MONTHS = "2015-01", 120
N_INVENTED = 30
N_RANDOM_ONSETS = 4  # plus norvane and veldora: six onsets in 33 countries x 120 months
N_FALSE_ALARMS = 8  # plus sarimba
MONTHS = pd.period_range(FIRST_MONTH, periods=N_MONTHS, freq="M").strftime("%Y-%m").tolist()

COLUMNS = [
    "country_id",
    "country_name",
    "month",
    "violence_against_civilians",
    "civilian_fatalities",
    "displacement",
    "hate_speech_index",
    "protests",
    "journalist_arrests",
    "onset",
]

# Gamma shape of each count's rate: smaller means burstier counts.
DISPERSION = {"violence": 3.0, "fatalities": 1.5, "displacement": 2.0, "protests": 4.0, "arrests": 2.0}

# Pronounceable invented names: a closed syllable, a link and an ending.
FIRST_SYLLABLES = [
    "al",
    "bel",
    "cor",
    "dal",
    "el",
    "fen",
    "gal",
    "hes",
    "ist",
    "jor",
    "kal",
    "lor",
    "mer",
    "nal",
    "os",
    "pel",
    "quen",
    "ros",
    "sel",
    "tal",
    "ul",
    "vas",
    "wen",
    "yar",
    "zan",
]
LINKS = ["a", "e", "i", "o", "u", "ba", "da", "ma", "no", "te", "vi"]
ENDINGS = ["ria", "nia", "dor", "mar", "sta", "vel", "wyn", "ro", "sia", "lan"]


@dataclass
class Country:
    """One country: its normal levels, and how far each signal departs from them.

    ``lifts`` maps a signal to a monthly array: for counts a factor on the
    normal level (1 = normal), for hate speech index points added (0 = normal).
    Signals: hate, arrests, displacement, protests, violence and severity
    (civilian deaths per violent event).
    """

    id: str
    name: str
    hate_base: float  # index points
    violence_base: float  # events per month
    deaths_per_event: float
    displacement_base: float  # people per month
    protest_base: float  # events per month
    arrest_base: float  # people per month
    trend: float  # change in log level over the ten years
    season_phase: int  # month (0-11) when protests and violence peak
    season_amplitude: float
    steadiness: float = 1.0  # scales every gamma shape: higher means less noise
    lifts: dict = field(default_factory=dict)
    onset: str | None = None
    false_alarm_peak: str | None = None
    build_up_from: str | None = None  # first month of rising hate speech, if any


# --- the scenario countries: from datasets/panel/ --------------------------

# Scenario countries are steadier, so a month's figures stay near the reports.
SCENARIO_STEADINESS = 10.0
BASELINES = (
    "hate_base",
    "violence_base",
    "deaths_per_event",
    "displacement_base",
    "protest_base",
    "arrest_base",
    "trend",
    "season_phase",
    "season_amplitude",
)


def scenario_rows() -> list[dict]:
    """One dict per scenario country (panel/scenarios.csv), in id order."""
    table = load("panel_scenarios").sort_values("country_id")
    return [{k: (None if pd.isna(v) else v) for k, v in row.items()} for row in table.to_dict("records")]


def scenario_arcs(country_id: str) -> dict[str, list[tuple[str, float]]]:
    """A scenario country's (month, level) knots per signal (panel/arcs.csv), months in order."""
    arcs = load("panel_arcs")
    mine = arcs[arcs["country_id"] == country_id].sort_values("month", kind="stable")
    knots: dict[str, list[tuple[str, float]]] = {}
    for row in mine.itertuples(index=False):
        knots.setdefault(row.signal, []).append((str(row.month), float(row.level)))
    return knots


def scenario_country(row: dict) -> Country:
    """A scripted country: fixed normal levels, so its arcs read the same whatever the seed."""
    levels = {k: float(row[k]) for k in BASELINES if k != "season_phase"}
    return Country(
        row["country_id"],
        row["name"],
        **levels,
        season_phase=int(row["season_phase"]),
        steadiness=SCENARIO_STEADINESS,
        lifts={signal: curve(knots) for signal, knots in scenario_arcs(row["country_id"]).items()},
        onset=row["onset"],
        false_alarm_peak=row["false_alarm_peak"],
        build_up_from=row["build_up_from"],
    )


# --- curves for the invented countries --------------------------------------


def month_index(month: str) -> int:
    """Months since 2015-01 (negative or past 119 for knots outside the panel)."""
    return (pd.Period(month, "M") - pd.Period(FIRST_MONTH, "M")).n


def curve(knots: Sequence[tuple[int | str, float]]) -> np.ndarray:
    """A piecewise-linear level over the months, through (month, level) knots."""
    x = [month_index(m) if isinstance(m, str) else m for m, _ in knots]
    y = [level for _, level in knots]
    return np.interp(np.arange(N_MONTHS), x, y, left=y[0], right=y[-1])


def lifts_from(hate, arrests, displaced, escalation=0.0) -> dict:
    """Turn tension curves (0 = calm, 1 = full crisis) into lifts on each signal."""
    return {
        "hate": 45 * hate + 10 * escalation,
        "arrests": 1 + 6 * arrests + 2 * escalation,
        "displacement": 1 + 6 * displaced + 30 * escalation,
        "protests": 1 + 0.8 * hate,
        "violence": 1 + 0.6 * hate + 10 * escalation,
        "severity": 1 + 4 * escalation,
    }


def onset_lifts(onset: int, lead: int, strength: float, decay: int) -> dict:
    """Build-up before an onset (hate speech first, displacement last), then escalation."""
    after = onset + decay
    return lifts_from(
        hate=curve([(onset - lead, 0), (onset, strength), (after, 0.3 * strength)]),
        arrests=curve([(onset - max(2, 2 * lead // 3), 0), (onset, strength), (after, 0.2 * strength)]),
        displaced=curve([(onset - max(1, lead // 3), 0), (onset, strength), (after, 0.2 * strength)]),
        escalation=curve([(onset - 1, 0), (onset, 1.0), (onset + 3, 0.8), (after, 0.1)]),
    )


def false_alarm_lifts(peak: int, rise: int, fall: int, strength: float) -> dict:
    """The same build-up as before an onset, fading without escalation."""
    tension = curve([(peak - rise, 0), (peak, strength), (peak + fall, 0)])
    late = curve([(peak - max(1, rise // 3), 0), (peak, strength), (peak + fall, 0)])
    return lifts_from(hate=tension, arrests=tension, displaced=late)


# --- design: who, with which baselines and episodes -------------------------


def streams(seed: int) -> tuple[np.random.Generator, ...]:
    """Separate random streams for names, design and noise, so a change to one
    part of the generator leaves the others' draws alone."""
    return tuple(np.random.default_rng(s) for s in np.random.SeedSequence(seed).spawn(3))


def invent_names(rng: np.random.Generator, count: int, scripted: list[str]) -> list[str]:
    """Distinct invented country names that learners will not mix up: no two
    share both first syllable and ending, none starts like a scenario country (``scripted`` ids)."""
    names: list[str] = []
    shapes: set[tuple[str, str]] = set()
    while len(names) < count:
        first, link, ending = rng.choice(FIRST_SYLLABLES), rng.choice(LINKS), rng.choice(ENDINGS)
        name = (first + link + ending).capitalize()
        if (first, ending) not in shapes and not any(name.lower()[:4] == s[:4] for s in scripted):
            names.append(name)
            shapes.add((first, ending))
    return names


def draw_country(rng: np.random.Generator, name: str) -> Country:
    """An invented country with normal levels of its own."""
    return Country(
        id=name.lower(),
        name=name,
        hate_base=rng.uniform(8, 32),
        violence_base=float(np.clip(rng.lognormal(np.log(3), 0.8), 0.3, 25)),
        deaths_per_event=rng.lognormal(np.log(1.2), 0.4),
        displacement_base=rng.lognormal(np.log(250), 0.9),
        protest_base=rng.lognormal(np.log(4), 0.6),
        arrest_base=rng.lognormal(np.log(0.5), 0.6),
        trend=rng.normal(0, 0.3),
        season_phase=int(rng.integers(12)),
        season_amplitude=rng.uniform(0.15, 0.35),
    )


def design(seed: int = DEFAULT_SEED) -> list[Country]:
    """All 33 countries with their normal levels, onsets and false alarms (no noise yet)."""
    names_rng, design_rng, _ = streams(seed)
    rows = scenario_rows()
    names = invent_names(names_rng, N_INVENTED, [row["country_id"] for row in rows])
    invented = [draw_country(design_rng, name) for name in names]
    picks = design_rng.permutation(N_INVENTED)
    for i in picks[:N_RANDOM_ONSETS]:
        add_onset(design_rng, invented[i])
    for i in picks[N_RANDOM_ONSETS : N_RANDOM_ONSETS + N_FALSE_ALARMS]:
        add_false_alarm(design_rng, invented[i])
    scripted = [scenario_country(row) for row in rows]
    return sorted(scripted + invented, key=lambda c: c.id)


def add_onset(rng: np.random.Generator, country: Country) -> None:
    # Onsets from 2016-07 to 2024-06: room for a visible build-up and aftermath.
    onset = int(rng.integers(18, N_MONTHS - 6))
    lead = int(rng.integers(3, 10))
    country.lifts = onset_lifts(onset, lead, rng.uniform(0.6, 1.0), int(rng.integers(8, 20)))
    country.onset, country.build_up_from = MONTHS[onset], MONTHS[onset - lead]


def add_false_alarm(rng: np.random.Generator, country: Country) -> None:
    peak, rise = int(rng.integers(12, N_MONTHS - 9)), int(rng.integers(3, 10))
    country.lifts = false_alarm_lifts(peak, rise, int(rng.integers(2, 9)), rng.uniform(0.5, 1.0))
    country.false_alarm_peak, country.build_up_from = MONTHS[peak], MONTHS[peak - rise]


# --- noise: from expected levels to monthly observations --------------------


def counts(rng: np.random.Generator, rate: np.ndarray, dispersion: float) -> np.ndarray:
    """Overdispersed counts: Poisson with a gamma-distributed rate (negative binomial)."""
    return rng.poisson(rate * rng.gamma(dispersion, 1 / dispersion, size=rate.shape))


def observe(rng: np.random.Generator, country: Country) -> pd.DataFrame:
    """Draw one country's 120 months of observations."""
    t = np.arange(N_MONTHS)
    normal = np.ones(N_MONTHS)
    lift = {s: country.lifts.get(s, normal) for s in ("arrests", "displacement", "protests", "violence", "severity")}
    shape = {signal: k * country.steadiness for signal, k in DISPERSION.items()}
    trend = np.exp(country.trend * t / N_MONTHS)
    season = np.exp(country.season_amplitude * np.sin(2 * np.pi * (t - country.season_phase + 3) / 12))

    violence = counts(rng, country.violence_base * trend * season * lift["violence"], shape["violence"])
    # Deaths follow this month's actual violence, so the two move together.
    deaths_rate = violence * country.deaths_per_event * lift["severity"] + 0.1
    return pd.DataFrame(
        {
            "country_id": country.id,
            "country_name": country.name,
            "month": MONTHS,
            "violence_against_civilians": violence,
            "civilian_fatalities": counts(rng, deaths_rate, shape["fatalities"]),
            "displacement": counts(
                rng, country.displacement_base * trend * lift["displacement"], shape["displacement"]
            ),
            "hate_speech_index": hate_speech(rng, country),
            "protests": counts(rng, country.protest_base * trend * season * lift["protests"], shape["protests"]),
            "journalist_arrests": counts(rng, country.arrest_base * lift["arrests"], shape["arrests"]),
            "onset": [month == country.onset for month in MONTHS],
        }
    )


def hate_speech(rng: np.random.Generator, country: Country) -> np.ndarray:
    """An index 0-100: normal level, slow drift, lift and autocorrelated noise."""
    noise = np.zeros(N_MONTHS)
    shocks = rng.normal(0, 2.5 / np.sqrt(country.steadiness), N_MONTHS)
    for t in range(1, N_MONTHS):  # AR(1): this month's mood carries into the next
        noise[t] = 0.7 * noise[t - 1] + shocks[t]
    drift = country.trend * 10 * np.arange(N_MONTHS) / N_MONTHS
    level = country.hate_base + drift + country.lifts.get("hate", 0.0) + noise
    return np.round(np.clip(level, 0, 100), 1)


def generate(seed: int = DEFAULT_SEED) -> pd.DataFrame:
    """The full panel: 33 countries x 120 months, sorted by country_id and month."""
    noise_rng = streams(seed)[2]
    frames = [observe(noise_rng, country) for country in design(seed)]
    return pd.concat(frames, ignore_index=True)[COLUMNS]


# --- files ------------------------------------------------------------------


def to_csv_text(panel: pd.DataFrame) -> str:
    """Fixed formatting (one decimal, lower-case booleans, \\n) so output is byte-stable."""
    out = panel.assign(onset=panel["onset"].map({True: "true", False: "false"}))
    return out.to_csv(index=False, lineterminator="\n", float_format="%.1f")


def seed_record(seed: int) -> dict:
    """What panel_seed.json records: how to regenerate, and the answer key."""
    countries = design(seed)
    return {
        "seed": seed,
        "generator": "warning_signs.panel",
        "generator_version": GENERATOR_VERSION,
        "command": "python -m warning_signs.panel",
        "onsets": [
            {"country_id": c.id, "month": c.onset, "build_up_from": c.build_up_from} for c in countries if c.onset
        ],
        "false_alarms": [
            {"country_id": c.id, "peak_month": c.false_alarm_peak, "build_up_from": c.build_up_from}
            for c in countries
            if c.false_alarm_peak
        ],
    }


def write(path: Path | str | None = None, seed: int = DEFAULT_SEED) -> Path:
    """Write the panel CSV, and panel_seed.json next to it."""
    path = Path(path) if path else datasets_dir() / "panel" / "panel.csv"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(to_csv_text(generate(seed)), encoding="utf-8", newline="")
    record = json.dumps(seed_record(seed), indent=2) + "\n"
    (path.parent / "panel_seed.json").write_text(record, encoding="utf-8", newline="")
    return path


def main(argv: list[str]) -> int:
    seed = int(argv[0]) if argv else DEFAULT_SEED
    print(f"Wrote {write(seed=seed)} with seed {seed}.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
