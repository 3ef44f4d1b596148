"""Chart text is at least 11 px at the default zoom, in every chart a lesson draws."""

import gc

import pytest

from warning_signs.charts import PlotImage
from warning_signs.charts.plotimage import MIN_TEXT_PX, figure_texts, text_px


def charts_built(build) -> list[PlotImage]:
    build()
    return [o for o in gc.get_objects() if isinstance(o, PlotImage) and o.alt]


@pytest.mark.parametrize(
    "name, build",
    [
        ("dashboard", lambda: __import__("warning_signs.widgets").widgets.monitoring_dashboard()),
        ("scenario", lambda: __import__("warning_signs.widgets").widgets.scenario_player("veldora", folder="/tmp")),
        ("timeline", lambda: __import__("warning_signs.widgets").widgets.case_timeline("rwanda-1994")),
        ("planner", lambda: __import__("warning_signs.widgets").widgets.response_planner()),
        ("architecture", lambda: __import__("warning_signs.widgets").widgets.architecture_audit()),
        ("moderation", lambda: __import__("warning_signs.widgets").widgets.moderation_simulator()),
        ("actor map", lambda: __import__("warning_signs.widgets").widgets.actor_tool_map()),
    ],
)
def test_no_chart_text_is_smaller_than_11_px(name, build):
    from matplotlib.text import Text

    plots = charts_built(build)
    assert plots, f"{name} drew no chart"
    for plot in plots:
        texts = [t for t in plot.figure.findobj(Text) if t.get_visible() and t.get_text().strip()]
        assert texts
        small = [
            (t.get_text(), round(text_px(t, plot.figure.dpi), 1))
            for t in texts
            if text_px(t, plot.figure.dpi) < MIN_TEXT_PX - 0.01
        ]
        assert not small, f"{name}: text under {MIN_TEXT_PX} px: {small[:5]}"
        missed = set(plot.figure.findobj(Text)) - set(figure_texts(plot.figure))
        assert not missed, f"{name}: texts readable_text would not see: {[t.get_text() for t in missed][:5]}"
