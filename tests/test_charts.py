"""Every chart keeps pixels between drawings for speed: after any earlier drawing, a picture must be
exactly the one a fresh chart draws for the same state (no stale bars, cells or labels).

The heat strip, panel, debrief, dashboard and timeline charts have theirs beside their widget's
tests; these are the planner's time chart and the class view's chart, and the shared encoder.
"""

import io

import numpy as np
from PIL import Image

from warning_signs.charts import PlotImage, encode_png, figure_html, img_html
from warning_signs.charts.classchart import ClassChart
from warning_signs.charts.timechart import TimeChart
from warning_signs.knowledge.classroom import Distribution
from warning_signs.knowledge.framework import framework
from warning_signs.knowledge.responses import read_mix, toolbox
from warning_signs.knowledge.scenarios import LEVELS, stage_reading


def pixels(png: bytes) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(png)).convert("RGB"))


def test_the_time_chart_after_other_mixes_is_the_picture_of_a_fresh_one():
    box = toolbox()
    many = list(box.options)[:9]  # a tall scale first: a full draw with other limits
    mix, expert = read_mix(many[:2], box), read_mix(many[2:5], box)
    fresh = TimeChart(box.bands)
    fresh.update(mix, expert)
    reused = TimeChart(box.bands)
    reused.update(read_mix(many, box))
    reused.update(read_mix(many[:1], box))
    reused.update(mix, expert)
    assert np.array_equal(pixels(reused.png()), pixels(fresh.png()))
    reused.update(mix)  # the expert's bars go: the picture changes
    assert not np.array_equal(pixels(reused.png()), pixels(fresh.png()))


def distribution(stage, learners: int, marked: int) -> Distribution:
    fw = framework()
    risk = {lv: (learners if lv == stage.risk_level else 0) for lv in LEVELS}
    factors = {f.id: (marked if f.id in stage.factors else 0) for f in fw.factors}
    return Distribution(stage, [f"learner{i}" for i in range(learners)], [], risk, factors)


def test_the_class_chart_after_other_stages_is_the_picture_of_a_fresh_one():
    early, late = stage_reading("veldora", 1), stage_reading("veldora", 5)
    fresh = ClassChart().update(distribution(early, 4, 1))
    reused = ClassChart()
    reused.update(distribution(late, 4, 4))  # tall bars, other hatched factors
    again = reused.update(distribution(early, 4, 1))
    assert np.array_equal(pixels(again), pixels(fresh))
    assert not np.array_equal(pixels(reused.update(distribution(early, 4, 3))), pixels(fresh))


def test_one_encoder_keeps_every_pixel_when_asked_and_one_builder_writes_the_alt_text():
    plot = PlotImage(width=3, height=2, colours=None)
    plot.ax.plot([0, 1], [0, 1])
    plot.ax.bar([0.5], [0.5], width=0.3, hatch="//", color="white", edgecolor="black")
    plot.redraw("A rising line.", publish=False)
    exact = pixels(encode_png(plot.canvas, colours=None))
    assert np.array_equal(exact, np.asarray(plot.canvas.buffer_rgba())[..., :3])
    html = figure_html(plot.png(), "Rises from 0 to 1 & stops.")
    assert 'alt="Rises from 0 to 1 &amp; stops."' in html and "<figcaption>Summary: Rises" in html
    assert img_html(b"x", "a").startswith('<img src="data:image/png;base64,eA==" alt="a"')
