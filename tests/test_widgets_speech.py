"""The speech assessment, driven headless: pick, rate, tick, reveal; read state and feedback."""

import re

import ipywidgets as widgets
import pytest

from warning_signs.knowledge.speech import LEVELS, differences, expert_reading, parts, verdict
from warning_signs.widgets import SpeechAssessment, framework_table, speech_assessment


def text(html: str) -> str:
    return re.sub(r"<[^>]+>", " ", html).replace("&#x27;", "'")


@pytest.fixture
def widget() -> SpeechAssessment:
    return speech_assessment("s1")


def rate_as_expert(widget):
    reading = expert_reading(widget.sample.id)
    widget.rate({key: level for key, (level, _reason) in reading.ratings.items()})
    for hallmark in reading.hallmarks:
        widget.hallmark_boxes[hallmark].value = True


def test_it_shows_the_sample_its_setting_and_eleven_labelled_ratings(widget):
    shown = text(widget.text.value)
    assert widget.sample.title in shown and widget.sample.speaker in shown and "Content note" in shown
    assert len(widget.toggles) == 11
    for toggle in widget.toggles.values():
        assert toggle.description and toggle.value is None
        assert [v for _label, v in toggle.options] == list(LEVELS)
    assert widget.picker.description and widget.reveal_button.description == "Show the expert reading"
    assert all(box.description for box in widget.hallmark_boxes.values())


def test_guiding_questions_of_every_part_are_on_screen(widget):
    screen = " ".join(text(c.value) for c in widget.children if isinstance(c, widgets.HTML))
    for part in parts():
        assert all(question in screen for question in part.questions), part.key


def test_rating_updates_state_and_progress_but_hides_the_expert_until_asked(widget):
    widget.toggles["rabat_test.speaker"].value = "low"
    assert widget.ratings["rabat_test.speaker"] == "low"
    assert "Rated 1 of 11" in widget.progress.value
    assert widget.feedback.value == "" and not widget.revealed


def test_reveal_names_each_difference_with_the_experts_reason(widget):
    widget.toggles["rabat_test.speaker"].value = "low"
    widget.reveal()
    shown = text(widget.feedback.value)
    assert shown.split()[0] == "Different."  # a word first, not a colour
    reason = expert_reading("s1").ratings["rabat_test.speaker"][1]
    assert "You rated Speaker (Rabat Plan of Action) low; the expert rated it high: " + reason in shown
    assert "you left 10 unrated" in shown and "Likely incitement" in shown


def test_after_reveal_a_new_rating_updates_the_comparison(widget):
    widget.reveal()
    rate_as_expert(widget)
    shown = text(widget.feedback.value)
    assert shown.split()[0] == "Agreed." and "agree on 11 of the 11 parts" in shown
    assert "You did not tick" not in shown


def test_close_when_every_rating_is_one_step_off():
    widget = speech_assessment("s2")
    rate_as_expert(widget)
    widget.toggles["rabat_test.context"].value = "moderate"  # the expert says low
    assert verdict(differences(widget.ratings, expert_reading("s2")), rated=11) == "Close."


def test_the_verdict_judges_only_what_was_rated():
    reading = expert_reading("s1")
    assert verdict(differences({}, reading), rated=0) == "Unrated."
    one = {"rabat_test.speaker": "high"}
    assert verdict(differences(one, reading), rated=1) == "Agreed."
    assert verdict(differences({"rabat_test.speaker": "low"}, reading), rated=1) == "Different."


def test_hallmarks_are_compared_in_words():
    widget = speech_assessment("s4")
    widget.hallmark_boxes["dehumanization"].value = True
    widget.hallmark_boxes["attack_on_women_and_girls"].value = True
    widget.reveal()
    shown = text(widget.feedback.value)
    assert "You saw too: Dehumanization" in shown
    assert "You did not tick: Accusation in a mirror" in shown
    assert "the expert does not see: Assertion of attack against women and girls" in shown


def test_picking_another_sample_clears_ratings_and_the_reveal(widget):
    widget.toggles["rabat_test.intent"].value = "high"
    widget.reveal()
    widget.picker.value = "s3"
    assert widget.sample.id == "s3" and not widget.revealed and widget.feedback.value == ""
    assert all(v is None for v in widget.ratings.values()) and widget.marked == set()
    assert "Rated 0 of 11" in widget.progress.value


def test_on_change_receives_the_state():
    calls = []
    widget = SpeechAssessment("s2", on_change=calls.append)
    widget.toggles["dangerous_speech.medium"].value = "low"
    assert calls[-1]["ratings"]["dangerous_speech.medium"] == "low" and calls[-1]["sample"] == "s2"


def test_unknown_sample_is_one_sentence():
    with pytest.raises(ValueError, match="no speech sample 's99'"):
        speech_assessment("s99")


def test_framework_tables_come_from_the_data():
    assert "Likelihood, including imminence" in framework_table("rabat_test").value
    assert "Hallmark: Dehumanization" in framework_table("dangerous_speech").value

