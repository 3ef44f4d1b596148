from warning_signs.palette import CYCLE, OKABE_ITO, style, summarize


def test_cycle_uses_only_okabe_ito_colours_and_each_series_differs_beyond_colour():
    assert set(CYCLE) <= set(OKABE_ITO.values())
    first, second = style(0), style(1)
    assert first["marker"] != second["marker"] and first["linestyle"] != second["linestyle"]


def test_summary_is_one_line():
    assert summarize("Two alerts\n  in 2022.") == "Summary: Two alerts in 2022."
