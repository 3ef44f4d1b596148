"""The moderation simulator's counting rules on hand-worked cases, and its seeded stream."""

import json

import pytest

from warning_signs.knowledge import moderation, moderation_stream
from warning_signs.knowledge.moderation import Post, Settings, simulate
from warning_signs.paths import datasets_dir

DIGITAL = datasets_dir() / "digital"


def post(n, language, kind, score):
    return Post(f"p{n:04d}", n, language, kind, score)


# Six posts, worked by hand below.
SMALL = (
    post(1, "dorran", "dangerous", 80),
    post(2, "dorran", "ordinary", 70),
    post(3, "oskan", "documentation", 75),
    post(4, "oskan", "ordinary", 30),
    post(5, "dorran", "dangerous", 40),
    post(6, "oskan", "dangerous", 65),
)


def test_nobody_reviews_and_nothing_is_kept():
    # Threshold 60 flags posts 1, 2, 3 and 6; with no reviewers all four are removed and deleted.
    out = simulate(SMALL, Settings(60))
    assert (out.flagged, out.reviewed, out.auto_removed) == (4, 0, 4)
    assert (out.dangerous, out.dangerous_left_up) == (3, 1)  # post 5 scored 40
    assert (out.legitimate_removed, out.documentation_removed) == (2, 1)  # posts 2 and 3
    assert (out.evidence, out.evidence_kept, out.evidence_lost) == (4, 1, 3)  # 5 stays up; 1, 3, 6 deleted


def test_reviewers_put_back_legitimate_posts_only_in_the_languages_they_read():
    # Dorran reviewers check posts 1 (removed) and 2 (put back); Oskan posts 3 and 6 are removed unread.
    out = simulate(SMALL, Settings(60, frozenset({"dorran"})))
    assert (out.reviewed, out.auto_removed) == (2, 2)
    assert (out.legitimate_removed, out.documentation_removed) == (1, 1)
    assert out.by_language["dorran"].legitimate_removed == 0
    assert out.by_language["oskan"].legitimate_removed == 1
    both = simulate(SMALL, Settings(60, frozenset({"dorran", "oskan"})))
    assert (both.reviewed, both.legitimate_removed, both.dangerous_left_up) == (4, 0, 1)
    assert both.evidence_lost == 2  # posts 1 and 6: dangerous, removed, deleted


def test_capacity_runs_out_in_time_order():
    # Two reviews: posts 1 and 2 are reviewed; 3 and 6 arrive after the day is full and are removed unread.
    out = simulate(SMALL, Settings(60, frozenset({"dorran", "oskan"}), capacity=2))
    assert (out.reviewed, out.auto_removed, out.capacity_used_up) == (2, 2, True)
    assert out.by_language["oskan"].unreviewed_flags == 2
    assert out.documentation_removed == 1


def test_preserving_keeps_every_piece_of_evidence_without_changing_what_is_up():
    deleted = simulate(SMALL, Settings(60))
    kept = simulate(SMALL, Settings(60, preserve=True))
    assert (kept.evidence_kept, kept.evidence_lost) == (4, 0)
    assert (kept.dangerous_left_up, kept.legitimate_removed) == (deleted.dangerous_left_up, deleted.legitimate_removed)


def test_the_threshold_trades_misses_for_false_alarms():
    low, high = simulate(SMALL, Settings(30)), simulate(SMALL, Settings(90))
    assert (low.dangerous_left_up, low.legitimate_removed) == (0, 3)  # everything flagged (post 4 at 30)
    assert (high.dangerous_left_up, high.legitimate_removed) == (3, 0)  # nothing flagged


def test_a_threshold_of_zero_flags_all_and_of_101_none():
    assert simulate(SMALL, Settings(0)).flagged == len(SMALL)
    assert simulate(SMALL, Settings(101)).flagged == 0


def test_examples_show_documentation_first_among_posts_removed_by_mistake():
    posts = tuple(post(i, "dorran", "ordinary", 90) for i in range(1, 5)) + (post(5, "oskan", "documentation", 90),)
    out = simulate(posts, Settings(50))
    assert [p.kind for p in out.examples["removed"]].count("documentation") == 1
    assert len(out.examples["removed"]) == 3


def test_summary_says_what_happened_in_words():
    text = moderation.summary(simulate(SMALL, Settings(60, frozenset({"dorran"}), preserve=True)))
    assert text.startswith("With threshold 60, reviewers read Dorran, removed posts preserved:")
    assert "1 of 3 dangerous posts left up" in text and "0 lost" in text


# --- the committed, seeded stream ----------------------------------------------------


@pytest.fixture(scope="module")
def seed_record():
    return json.loads((DIGITAL / "posts_seed.json").read_text())


def test_regenerating_with_the_committed_seed_is_byte_identical(seed_record):
    text = moderation_stream.to_csv_text(moderation_stream.generate(seed_record["seed"]))
    assert text.encode("utf-8") == (DIGITAL / "posts.csv").read_bytes()
    assert seed_record == moderation_stream.seed_record(seed_record["seed"])


def test_another_seed_gives_another_stream(tmp_path):
    other = moderation_stream.write(tmp_path / "posts.csv", seed=7)
    assert other.read_bytes() != (DIGITAL / "posts.csv").read_bytes()
    assert json.loads((tmp_path / "posts_seed.json").read_text())["seed"] == 7


def test_the_stream_has_the_make_up_the_lesson_describes(seed_record):
    posts = moderation.stream()
    assert len(posts) == seed_record["posts"] == moderation_stream.N_POSTS
    assert [p.position for p in posts] == list(range(1, len(posts) + 1))
    made = seed_record["by_language_and_kind"]
    assert made["dorran"]["dangerous"] > made["oskan"]["dangerous"]  # perpetrators write in Dorran
    assert made["oskan"]["documentation"] > made["dorran"]["documentation"]  # victims document in Oskan


def test_the_classifier_misreads_the_minority_languages():
    posts = moderation.stream()

    def mean(language, kind):
        scores = [p.score for p in posts if p.language == language and p.kind == kind]
        return sum(scores) / len(scores)

    assert mean("oskan", "ordinary") > mean("dorran", "ordinary") + 10
    assert mean("ilvani", "dangerous") < mean("dorran", "dangerous") - 10


def test_the_lesson_question_figures_are_the_simulators():
    # Lesson 10, check question 3, quotes these counts (Dorran reviewers, nothing preserved).
    at60 = simulate(moderation.stream(), Settings(60, frozenset({"dorran"})))
    at80 = simulate(moderation.stream(), Settings(80, frozenset({"dorran"})))
    assert (at60.legitimate_removed, at60.dangerous_left_up, at60.evidence_lost) == (92, 7, 139)
    assert (at80.legitimate_removed, at80.dangerous_left_up, at80.evidence_lost) == (23, 53, 62)
    # Exercise 8, question 3, quotes these (threshold 50).
    a = simulate(moderation.stream(), Settings(50, frozenset({"dorran"})))
    b = simulate(moderation.stream(), Settings(50, frozenset({"dorran", "oskan"})))
    assert (a.dangerous_left_up, a.legitimate_removed, a.documentation_removed, a.evidence_lost) == (3, 150, 57, 150)
    assert (b.dangerous_left_up, b.legitimate_removed, b.documentation_removed, b.evidence_lost) == (3, 73, 26, 119)
