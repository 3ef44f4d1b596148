"""PlotImage keeps pixels between drawings for speed; a picture must never show stale parts."""

from warning_signs.charts import PlotImage


def drawn(title: str, first: str | None = None) -> bytes:
    plot = PlotImage(width=4, height=2)
    plot.ax.plot([0, 1], [0, 1], label="a line")
    plot.ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0))
    for text in ([first] if first else []) + [title]:
        plot.ax.set_title(text, loc="left", fontfamily="monospace")  # same width whatever the letters
        plot.redraw(f"{text} plot", reuse_labels=True)
    return plot.png()


def test_a_changed_title_of_the_same_width_is_drawn_again():
    assert drawn("BBBB", first="AAAA") == drawn("BBBB")
    assert drawn("BBBB") != drawn("AAAA")


def test_an_unchanged_legend_and_title_are_pasted_back_exactly():
    assert drawn("AAAA", first="AAAA") == drawn("AAAA")


def test_the_image_has_the_summary_as_alt_text():
    plot = PlotImage()
    plot.ax.plot([0, 1], [1, 0])
    plot.redraw("A line falls from 1 to 0 & ends.")
    assert 'alt="A line falls from 1 to 0 &amp; ends."' in plot.widget.value and plot.alt.startswith("A line")
