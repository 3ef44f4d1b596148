"""The monitoring dashboard, driven headless: set controls, then check state, words and plot data."""

import numpy as np
import pytest

from warning_signs.knowledge import alerts
from warning_signs.knowledge.alerts import nice_ceiling, snap, threshold_grid
from warning_signs.knowledge.panel import panel_arrays
from warning_signs.knowledge.scenario_calendar import month_name, tick_label
from warning_signs.widgets.dashboard import MonitoringDashboard, monitoring_dashboard


@pytest.fixture(scope="module")
def data():
    return panel_arrays()


def row(data, country_id):
    return data.ids.index(country_id)


def onset_month(data, country_id):
    return alerts.onset_months(data.onsets[row(data, country_id)])[0]


def test_starts_with_the_scenario_countries_and_plots_their_values(data):
    dash = monitoring_dashboard()
    assert list(dash.countries.value) == ["norvane", "sarimba", "veldora"]
    assert [line.get_label() for line in dash.chart.lines] == ["Norvane", "Sarimba", "Veldora"]
    for line, country in zip(dash.chart.lines, dash.countries.value):
        np.testing.assert_array_equal(line.get_ydata(), data.values["hate_speech_index"][row(data, country)])


def test_alert_markers_sit_on_exactly_the_months_at_or_above_the_threshold(data):
    dash = monitoring_dashboard(["norvane"], threshold=50)
    values = data.values["hate_speech_index"][row(data, "norvane")]
    stars = dash.chart.stars[0]
    assert stars.get_marker() == "*"
    np.testing.assert_array_equal(stars.get_xdata(), np.flatnonzero(values >= 50))
    np.testing.assert_array_equal(stars.get_ydata(), values[values >= 50])
    assert list(dash.chart.threshold_line.get_ydata()) == [50, 50]
    dash.threshold.value = 60
    np.testing.assert_array_equal(dash.chart.stars[0].get_xdata(), np.flatnonzero(values >= 60))
    assert list(dash.chart.threshold_line.get_ydata()) == [60, 60]


def test_moving_the_threshold_changes_the_counts_in_words(data):
    dash = monitoring_dashboard(["norvane"], threshold=40)
    values, onsets = data.values["hate_speech_index"][row(data, "norvane")], data.onsets[row(data, "norvane")]
    expected = alerts.score_threshold(values, onsets, 40)
    assert dash.score == expected
    assert dash.counts.value == f'<p role="status">{alerts.describe(expected, "40")}</p>'
    assert f"Norvane: onset in {month_name('2022-08')}, warned" in dash.details.value
    dash.threshold.value = 75
    assert dash.score == alerts.score_threshold(values, onsets, 75)
    assert "At threshold 75:" in dash.counts.value and f"Norvane: onset in {month_name('2022-08')}, missed" in dash.details.value


def test_onsets_are_labelled_vertical_lines_with_their_warning_window(data):
    dash = monitoring_dashboard(["norvane", "sarimba"])  # sarimba has no onset
    t = onset_month(data, "norvane")
    lines, = [c for c in dash.plot.ax.collections if c.get_linestyle()[0][1] is not None]  # the dotted onset lines
    assert [segment[0][0] for segment in lines.get_segments()] == [t]
    windows, = [c for c in dash.plot.ax.collections if c is not lines]
    (left, _), *_ = windows.get_paths()[0].vertices
    assert left == t - 6 - 0.5  # shaded from 6 months before the onset
    assert "Onset: Norvane" in [text.get_text() for text in dash.plot.ax.texts]
    assert dash._onsets == [(row(data, "norvane"), t)]
    assert "shaded = 1-6 months before an onset" in dash.plot.ax.get_title(loc="left")
    key = dash.legend.value  # the key is HTML text above the plot: colour, marker and pattern, then the name
    assert key.index("Norvane") < key.index("Sarimba") and "●" in key and "■" in key
    assert dash.plot.ax.get_legend() is None


def test_all_countries_mode_shows_base_rates(data):
    dash = monitoring_dashboard(all_countries=True, threshold=40)
    assert dash.all_mode and dash.countries.disabled
    values = data.values["hate_speech_index"]
    np.testing.assert_array_equal(dash.chart.lines[0].get_ydata(), (values >= 40).sum(axis=0))
    assert dash.score.onsets == 6 and dash.score.months == 33 * 120
    assert "6 onsets warned" in dash.counts.value or "of 6 onsets warned" in dash.counts.value
    assert dash.base_rate.value == f"<p>{alerts.base_rate_words(dash.score)}</p>"
    assert "about 1 in 660" in dash.base_rate.value
    assert dash.details.value == ""
    assert {f"Onset: {data.names[r]}" for r, _ in dash._onsets} <= {t.get_text() for t in dash.plot.ax.texts}


def test_switching_to_all_countries_and_back_keeps_the_threshold(data):
    dash = monitoring_dashboard(["veldora"], threshold=45)
    dash.all_countries.value = True
    assert dash.countries.disabled and dash.all_mode and dash.threshold.value == 45
    assert dash.legend.value == "", "no stale key of the countries shown before"
    assert dash.plot.ax.get_ylabel() == "Countries in alert (of 33)"
    low = dash.score.false_alarms
    dash.threshold.value = 30
    assert dash.score.false_alarms > low, "a lower threshold raises more false alarms"
    dash.all_countries.value = False
    assert not dash.countries.disabled and [line.get_label() for line in dash.chart.lines] == ["Veldora"]


def test_changing_the_indicator_resets_the_thresholds_and_plots_the_new_series(data):
    dash = monitoring_dashboard(["norvane"])
    dash.indicator.value = "displacement"
    values = data.values["displacement"][row(data, "norvane")]
    np.testing.assert_array_equal(dash.chart.lines[0].get_ydata(), values)
    assert dash.threshold.value in dash.grid and dash.grid[-1] >= values.max()
    assert dash.log_scale and dash.plot.ax.get_yscale() == "symlog"
    assert dash.plot.ax.get_ylabel() == "Displacement (people per month), log scale"
    assert dash.score == alerts.score_threshold(values, data.onsets[row(data, "norvane")], dash.threshold.value)


def test_the_window_limits_the_plot_and_the_scoring(data):
    dash = monitoring_dashboard(["norvane"], threshold=40)
    dash.window.value = ("2015-01", "2019-12")
    assert dash.plot.ax.get_xlim() == (-0.5, 59.5)
    assert dash.score.months == 60 and dash.score.onsets == 0
    assert "no onset in these months" in dash.counts.value
    dash.window.value = ("2022-01", "2023-06")
    first = data.months.index("2022-01")
    assert dash.score.onsets == 1 and dash.score.months == 18
    assert [t.get_text() for t in dash.plot.ax.get_xticklabels()][:2] == [tick_label("2022-01", with_month=True), tick_label("2022-04", with_month=True)]
    assert dash.plot.ax.get_xlim() == (first - 0.5, first + 17.5)


def test_summary_is_one_line_and_is_the_plot_alt_text():
    dash = monitoring_dashboard(["norvane", "veldora"], threshold=50)
    text = dash.summary.value
    assert text.startswith(
        f"<p>Summary: Hate speech index for Norvane and Veldora, {month_name('2015-01')} to {month_name('2024-12')}"
    )
    assert "\n" not in text and f"onsets: Norvane {month_name('2022-08')}; Veldora {month_name('2022-09')}" in text
    assert dash.plot.alt == text[3:-4]
    assert dash.plot.widget.value.startswith('<img src="data:image/png;base64,')
    assert f'alt="{dash.plot.alt}"' in dash.plot.widget.value


def test_earlier_settings_are_listed_for_comparison():
    dash = monitoring_dashboard(["norvane"], threshold=40)
    dash.threshold.value = 50
    dash.threshold.value = 60
    assert "threshold 50" in dash.tries.value and "threshold 40" in dash.tries.value
    assert "threshold 60" not in dash.tries.value  # the current setting is shown above, not repeated


def test_every_control_has_a_visible_label():
    dash = monitoring_dashboard()
    for control in (dash.countries, dash.all_countries, dash.indicator, dash.window, dash.threshold):
        assert control.description
    assert dash.all_countries.description == "All 33 countries (base rates)"


def test_indicator_labels_and_units_come_from_the_data_package(data):
    assert data.labels["journalist_arrests"] == "Journalist arrests"
    assert data.units["hate_speech_index"] == "index 0-100"
    assert data.counts["protests"] and not data.counts["hate_speech_index"]
    assert set(data.values) == {"violence_against_civilians", "civilian_fatalities", "displacement",
                                "hate_speech_index", "protests", "journalist_arrests"}


def test_unknown_indicator_is_explained():
    with pytest.raises(ValueError, match="choose one of"):
        MonitoringDashboard(indicator="rainfall")


def test_while_grading_the_dashboard_prints_text_instead_of_widgets(monkeypatch, capsys):
    monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")
    monitoring_dashboard(["norvane"], threshold=40)._ipython_display_()
    out = capsys.readouterr().out
    assert out.startswith("Summary: ") and "At threshold 40:" in out


@pytest.mark.parametrize("value, expected", [(76.6, 80), (1892, 2000), (17, 20), (0, 1), (100, 100), (0.3, 0.3)])
def test_nice_ceiling(value, expected):
    assert nice_ceiling(value) == pytest.approx(expected)


def test_threshold_grids_are_round_numbers_a_key_press_apart():
    assert threshold_grid(76.6, counts=False) == [float(v) for v in range(1, 81)]
    assert threshold_grid(17, counts=True) == [float(v) for v in range(1, 21)]
    big = threshold_grid(221363, counts=True)
    assert big[:8] == [1, 2, 3, 4, 5, 6, 8, 10] and big[-1] == 250000 and len(big) < 60
    assert all(v.is_integer() for v in big)
    assert snap(41.5, threshold_grid(80, False)) in (41, 42)


def test_no_country_picked_keeps_the_threshold_and_says_so():
    dash = monitoring_dashboard(["norvane"], threshold=40)
    dash.countries.value = ()
    assert dash.threshold.value == 40 and dash.rows == []
    assert "no onset in these months" in dash.counts.value and "for no country" in dash.summary.value
    dash.countries.value = ("osumar",)
    assert dash.threshold.value == 40 and dash.score.onsets == 1
    assert "months in alert" in dash.summary.value and "country-months" not in dash.summary.value


def pixels(dash):
    import io

    from PIL import Image

    return np.asarray(Image.open(io.BytesIO(dash.plot.png())).convert("RGB"))


@pytest.mark.parametrize("options", [dict(countries=["norvane", "veldora"]), dict(all_countries=True)])
def test_the_quick_redraw_after_a_threshold_move_matches_a_full_drawing(options):
    moved = monitoring_dashboard(threshold=40, **options)
    moved.threshold.value = 45  # only the dynamic artists are redrawn
    fresh = monitoring_dashboard(threshold=45, **options)
    np.testing.assert_array_equal(pixels(moved), pixels(fresh))


def test_a_changed_indicator_or_window_looks_as_if_drawn_afresh():
    """Lines, legend and title pixels are kept between drawings: nothing stale may show."""
    moved = monitoring_dashboard(["norvane", "veldora"])
    moved.indicator.value = "displacement"  # a log scale, then back to a linear one
    moved.indicator.value = "protests"
    moved.window.index = (24, 80)
    fresh = monitoring_dashboard(["norvane", "veldora"], indicator="protests", window=(moved.data.months[24],
                                                                                       moved.data.months[80]))
    assert moved.threshold.value == fresh.threshold.value
    np.testing.assert_array_equal(pixels(moved), pixels(fresh))
