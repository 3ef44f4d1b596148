"""Scoring an alert rule against onsets, on small hand-made series whose counts are known."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from warning_signs.knowledge import alerts
from warning_signs.knowledge.alerts import DURING_CRISIS, FALSE_ALARM, WARNING, Score


def series(n, alert_at=(), onset_at=()):
    """Boolean alert and onset series of n months, True at the given month indices."""
    a, o = np.zeros(n, bool), np.zeros(n, bool)
    a[list(alert_at)] = True
    o[list(onset_at)] = True
    return a, o


# --- alert months and episodes ----------------------------------------------------


def test_alert_months_are_at_or_above_the_threshold_and_missing_never_alerts():
    got = alerts.alert_months([10, 40, 39.9, np.nan, 50], 40)
    assert got.tolist() == [False, True, False, False, True]


@pytest.mark.parametrize("flags, expected", [
    ([0, 1, 1, 0, 1], [(1, 2), (4, 4)]),
    ([0, 0, 0], []),
    ([1, 1, 1], [(0, 2)]),
    ([1, 0, 0, 1], [(0, 0), (3, 3)]),
    ([], []),
])
def test_episodes_are_runs_of_consecutive_alert_months(flags, expected):
    assert alerts.episodes(np.array(flags, bool)) == expected


def test_onset_months_reads_booleans_and_treats_missing_as_no_onset():
    assert alerts.onset_months([False, True, None, False, True]) == [1, 4]


# --- hits, misses, false alarms, lead time: one onset at month 10 of 24 ---------------


def test_an_alert_four_to_two_months_before_the_onset_is_a_hit_with_lead_four():
    result = alerts.score(*series(24, alert_at=[6, 7, 8], onset_at=[10]))
    assert (result.onsets, result.hits, result.misses, result.leads) == (1, 1, 0, (4,))
    assert (result.warnings, result.false_alarms, result.during_crisis) == (1, 0, 0)
    assert result.precision == 1.0 and result.alert_months == 3 and result.months == 24


def test_an_alert_that_ended_before_the_lead_window_is_a_miss_and_a_false_alarm():
    result = alerts.score(*series(24, alert_at=[2, 3], onset_at=[10]))  # window is months 4-9
    assert (result.hits, result.misses, result.false_alarms, result.warnings) == (0, 1, 1, 0)
    assert result.precision == 0.0 and result.median_lead is None


def test_an_alert_in_the_onset_month_is_too_late_but_not_a_false_alarm():
    result = alerts.score(*series(24, alert_at=[10, 11], onset_at=[10]))
    assert (result.hits, result.misses, result.false_alarms, result.during_crisis) == (0, 1, 0, 1)
    assert result.alerts == 0 and result.precision is None


def test_lead_time_counts_from_the_first_month_of_a_long_episode():
    result = alerts.score(*series(24, alert_at=range(0, 13), onset_at=[10]))
    assert result.leads == (10,) and result.warnings == 1 and result.false_alarms == 0


def test_lead_time_is_taken_from_the_earliest_episode_reaching_the_window():
    result = alerts.score(*series(24, alert_at=[5, 8], onset_at=[10]))
    assert result.leads == (5,) and result.warnings == 2 and result.hits == 1


def test_the_edges_of_the_lead_window_count():
    assert alerts.score(*series(24, alert_at=[4], onset_at=[10])).leads == (6,)  # 6 months before
    assert alerts.score(*series(24, alert_at=[9], onset_at=[10])).leads == (1,)  # 1 month before
    assert alerts.score(*series(24, alert_at=[3], onset_at=[10])).hits == 0  # 7 months before


def test_a_shorter_lead_window_turns_an_early_alert_into_a_miss():
    result = alerts.score(*series(24, alert_at=[6], onset_at=[10]), lead=(1, 3))
    assert (result.hits, result.false_alarms) == (0, 1)


def test_new_alerts_during_the_crisis_are_not_false_alarms_but_later_ones_are():
    during = alerts.score(*series(40, alert_at=[15], onset_at=[10]))
    later = alerts.score(*series(40, alert_at=[23], onset_at=[10]))  # 13 months after
    assert (during.during_crisis, during.false_alarms) == (1, 0)
    assert (later.during_crisis, later.false_alarms) == (0, 1)
    assert alerts.score(*series(40, alert_at=[23], onset_at=[10]), ongoing=18).false_alarms == 0


def test_without_onsets_every_episode_is_a_false_alarm():
    result = alerts.score(*series(30, alert_at=[1, 2, 10, 20, 21, 22]))
    assert (result.onsets, result.false_alarms, result.warnings, result.precision) == (0, 3, 0, 0.0)


def test_two_onsets_in_one_country_are_scored_apart():
    result = alerts.score(*series(60, alert_at=[7, 8, 30, 45], onset_at=[10, 50]))
    # 7-8 warns of 10; 30 is 20 months after onset 10 and 20 before 50: false; 45 warns of 50.
    assert (result.hits, result.leads, result.warnings, result.false_alarms) == (2, (3, 5), 2, 1)


def test_classify_names_each_kind_of_episode():
    assert alerts.classify((6, 8), [10]) == WARNING
    assert alerts.classify((1, 2), [10]) == FALSE_ALARM
    assert alerts.classify((10, 12), [10]) == DURING_CRISIS


def test_score_threshold_is_alert_months_then_score():
    values = [20, 45, 50, 30, 30, 20, 20]
    result = alerts.score_threshold(values, [0, 0, 0, 0, 1, 0, 0], 40)
    assert (result.hits, result.leads, result.alert_months) == (1, (3,), 2)


# --- adding up and saying it in words -----------------------------------------------


def test_scores_add_up_across_countries():
    a = alerts.score(*series(24, alert_at=[6, 7], onset_at=[10]))
    b = alerts.score(*series(24, alert_at=[1, 15]))
    total = sum([a, b], Score())
    assert (total.onsets, total.hits, total.warnings, total.false_alarms, total.months) == (1, 1, 1, 2, 48)
    assert total.precision == pytest.approx(1 / 3)


def test_describe_gives_counts_lead_and_precision_in_one_sentence():
    result = Score(onsets=5, hits=3, leads=(2, 4, 6), warnings=3, false_alarms=9)
    assert alerts.describe(result, "40") == (
        "At threshold 40: 3 of 5 onsets warned (median warning 4 months ahead), 2 missed, "
        "9 false alarms; 3 of 12 alerts were followed by an onset (about 1 in 4).")


@pytest.mark.parametrize("result, words", [
    (Score(onsets=1, hits=1, leads=(1,), warnings=1),
     "1 of 1 onset warned (median warning 1 month ahead), 0 missed, 0 false alarms; "
     "every alert was followed by an onset."),
    (Score(onsets=2, false_alarms=1),
     "0 of 2 onsets warned, 2 missed, 1 false alarm; the one alert was not followed by an onset."),
    (Score(false_alarms=3), "no onset in these months, 3 false alarms; none of the 3 alerts was followed by an onset."),
    (Score(), "no onset in these months, 0 false alarms; there were no alerts."),
    (Score(onsets=1, during_crisis=2),
     "0 of 1 onset warned, 1 missed, 0 false alarms; the only alerts came after an onset, during the crisis."),
    (Score(onsets=2, hits=2, leads=(2, 5), warnings=2),
     "2 of 2 onsets warned (median warning 3.5 months ahead), 0 missed, 0 false alarms; "
     "every alert was followed by an onset."),
])
def test_describe_handles_edge_cases_in_plain_words(result, words):
    assert alerts.describe(result, "7") == f"At threshold 7: {words}"


def test_base_rate_words():
    result = Score(onsets=5, alert_months=231, months=3960)
    assert alerts.base_rate_words(result) == ("Base rate: 5 onsets in 3,960 country-months (about 1 in 792). "
                                              "The rule was in alert in 231 of them (6%).")
    assert alerts.base_rate_words(Score(months=120), "months").startswith("Base rate: no onset in 120 months.")
    assert alerts.base_rate_words(Score()) == "No months selected."


# --- properties against a brute-force reading of the rules ----------------------------


def brute_force(a, o, lead=alerts.DEFAULT_LEAD, ongoing=alerts.DEFAULT_ONGOING):
    """Month by month, the rules as the module docstring states them."""
    lo, hi = lead
    onsets = [t for t in range(len(o)) if o[t]]
    hits = [t for t in onsets if any(a[m] for m in range(max(0, t - hi), max(0, t - lo + 1)))]
    runs, m = [], 0
    while m < len(a):
        if a[m]:
            start = m
            while m + 1 < len(a) and a[m + 1]:
                m += 1
            runs.append((start, m))
        m += 1
    warned = [r for r in runs if any(lo <= t - k <= hi for t in onsets for k in range(r[0], r[1] + 1))]
    crisis = [r for r in runs if r not in warned and any(t <= r[0] <= t + ongoing for t in onsets)]
    return len(hits), len(warned), len(runs) - len(warned) - len(crisis), len(crisis)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.booleans(), min_size=0, max_size=60), st.data())
def test_score_agrees_with_a_month_by_month_reading(flags, data):
    onset_flags = data.draw(st.lists(st.sampled_from([False] * 12 + [True]), min_size=len(flags), max_size=len(flags)))
    a, o = np.array(flags, bool), np.array(onset_flags, bool)
    result = alerts.score(a, o)
    assert (result.hits, result.warnings, result.false_alarms, result.during_crisis) == brute_force(a, o)
    assert result.hits + result.misses == result.onsets == int(o.sum())
    assert len(result.leads) == result.hits and all(m >= alerts.DEFAULT_LEAD[0] for m in result.leads)


def test_on_the_panel_a_lower_threshold_never_warns_of_fewer_onsets():
    from warning_signs.knowledge.panel import panel_arrays

    data = panel_arrays()
    values, onsets = data.values["hate_speech_index"], data.onsets
    hits = []
    for threshold in (30, 40, 50, 60, 70):
        total = sum((alerts.score_threshold(v, o, threshold) for v, o in zip(values, onsets)), Score())
        assert total.onsets == 6 and total.months == 33 * 120  # norvane, veldora and four invented
        hits.append(total.hits)
    assert hits == sorted(hits, reverse=True) and hits[0] == 6
