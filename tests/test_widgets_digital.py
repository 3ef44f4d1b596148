"""Lesson 10's widgets driven headless: the sorting activity and the moderation simulator."""

import base64
import re

import pytest

from warning_signs.knowledge import moderation
from warning_signs.knowledge.digital import interventions
from warning_signs.widgets import ModerationSimulator, digital_sorting, moderation_simulator


def text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).replace("&#x27;", "'").strip()


# --- activity (a): sorting -------------------------------------------------------------


def test_sorting_has_one_labelled_item_per_intervention_with_both_strategies():
    activity = digital_sorting()
    assert len(activity.items) == len(interventions()) >= 6
    for item in activity.items:
        assert [o for _label, o in item.radio.options] == ["protect", "degrade"]
        assert item.radio.description
    assert {i.strategy for i in interventions()} == {"protect", "degrade"}


def test_a_right_choice_explains_why_and_what_could_go_wrong_and_counts():
    activity = digital_sorting()
    first, item = interventions()[0], activity.items[0]
    item.radio.value = first.strategy
    shown = text(item.status.value)
    assert shown.startswith("Correct.") and "What could go wrong:" in shown and first.risk[:30] in shown
    assert "1 of 8 fit best (1 answered)" in text(activity.score.value)


def test_a_wrong_choice_explains_without_counting():
    activity = digital_sorting()
    first, item = interventions()[0], activity.items[0]
    wrong = "degrade" if first.strategy == "protect" else "protect"
    item.radio.value = wrong
    assert text(item.status.value) == "Not quite. " + first.why[wrong]
    assert "0 of 8 fit best (1 answered)" in text(activity.score.value)


# --- activity (b): the simulator -------------------------------------------------------


@pytest.fixture
def sim() -> ModerationSimulator:
    return moderation_simulator(threshold=60, reviewed=("dorran",), preserve=False)


def test_controls_are_labelled_and_start_as_asked(sim):
    assert sim.threshold.description == "Classifier threshold" and sim.threshold.value == 60
    assert [b.description for b in sim.language_boxes.values()] == [
        "Reviewers read Dorran",
        "Reviewers read Oskan",
        "Reviewers read Ilvani",
    ]
    assert [b.value for b in sim.language_boxes.values()] == [True, False, False]
    assert sim.preserve.description == "Preserve removed posts for investigators" and not sim.preserve.value


def test_the_counts_shown_are_the_rules_counts(sim):
    expected = moderation.simulate(moderation.stream(), moderation.Settings(60, frozenset({"dorran"})))
    shown = text(sim.status.value)
    assert f"{expected.dangerous_left_up} of {expected.dangerous} dangerous posts left up" in shown
    assert (
        f"{expected.legitimate_removed} legitimate posts removed, {expected.documentation_removed} of them "
        "victims' or witnesses' documentation"
    ) in shown
    assert f"{expected.evidence_kept} of {expected.evidence} pieces of evidence kept" in shown
    assert sim.outcome.settings == expected.settings


def test_moving_the_slider_updates_state_text_chart_and_history(sim):
    before_png, before_alt = sim.plot.widget.value, sim.plot.alt
    sim.threshold.value = 80
    assert sim.outcome.settings.threshold == 80
    assert text(sim.status.value).startswith("At threshold 80:")
    assert sim.plot.widget.value != before_png and sim.plot.alt != before_alt
    assert sim.plot.alt.startswith("Summary: At threshold 80;")
    assert sim.history[0].startswith("threshold 60, reviewers read Dorran, removed posts deleted:")
    assert "Your earlier settings" in sim.history_box.value


def test_bars_are_the_shares_per_language(sim):
    sim.language_boxes["oskan"].value = True
    oskan = sim.outcome.by_language["oskan"]
    bar = sim.bars[("oskan", "legitimate_removed")]
    assert bar.get_width() == pytest.approx(100 * oskan.legitimate_removed / oskan.legitimate)
    row = re.search(r"<tr><th scope='row'>Oskan</th>(.*?)</tr>", sim.table.value).group(1)
    assert text(row) == (
        f"{oskan.dangerous_left_up} of {oskan.dangerous} {oskan.legitimate_removed} of "
        f"{oskan.legitimate} {oskan.evidence_lost} of {oskan.evidence}"
    )
    assert f"Oskan: {oskan.dangerous_left_up} of {oskan.dangerous} dangerous left up" in sim.plot.alt


def test_reviewers_reading_oskan_put_back_oskan_posts(sim):
    alone = sim.outcome.by_language["oskan"].legitimate_removed
    sim.language_boxes["oskan"].value = True
    assert sim.outcome.by_language["oskan"].legitimate_removed < alone


def test_preserving_changes_evidence_lost_and_nothing_else(sim):
    before = sim.outcome
    sim.preserve.value = True
    after = sim.outcome
    assert before.evidence_lost > 0 and after.evidence_lost == 0
    assert (after.dangerous_left_up, after.legitimate_removed) == (before.dangerous_left_up, before.legitimate_removed)
    assert "(0 lost)" in text(sim.status.value)


def test_set_changes_several_controls_with_one_update(sim):
    out = sim.set(threshold=40, reviewed=("dorran", "oskan", "ilvani"), preserve=True)
    assert out.settings == moderation.Settings(40, frozenset({"dorran", "oskan", "ilvani"}), True)
    assert len(sim.history) == 1  # one change of settings, one line


def test_a_full_review_day_is_said_in_words(sim):
    out = sim.set(threshold=30, reviewed=("dorran", "oskan"))
    assert out.capacity_used_up
    assert "The reviewers' day was full" in text(sim.status.value)


def test_examples_of_mistakes_are_listed_with_their_language_and_kind(sim):
    shown = text(sim.examples.value)
    assert "Legitimate posts removed (first three)" in shown
    assert re.search(r"\[(Dorran|Oskan|Ilvani), (documentation|ordinary post), score \d+\]", shown)


def test_an_unchanged_picture_is_not_drawn_again(sim):
    before = sim.plot.widget.value
    sim.set(reviewed=("dorran", "ilvani"))
    sim.set(reviewed=("dorran",))
    assert sim.plot.widget.value == before  # same settings, same picture
    calm = ModerationSimulator(
        threshold=90,
        posts=tuple(
            moderation.Post(f"p{n}", n, lang, kind, 20)
            for n, (lang, kind) in enumerate(
                [("dorran", "dangerous"), ("oskan", "documentation"), ("ilvani", "ordinary")], start=1
            )
        ),
    )
    drawn = calm.plot.widget.value
    calm.preserve.value = True  # nothing is removed: the same bars, the same summary
    assert calm.plot.widget.value == drawn and calm.history[0].endswith("0 evidence lost")


def test_the_chart_is_a_png_with_alt_text(sim):
    src = re.search(r'src="data:image/png;base64,([^"]+)"', sim.plot.widget.value).group(1)
    assert base64.b64decode(src)[:8] == b"\x89PNG\r\n\x1a\n"
    assert 'alt="Summary: At threshold 60;' in sim.plot.widget.value


def test_nothing_is_displayed_while_graded(monkeypatch, capsys, sim):
    monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")
    sim._ipython_display_()
    assert capsys.readouterr().out == ""
