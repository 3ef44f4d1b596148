"""The counting rules of Lesson 10's moderation trade-off simulator.

A platform's classifier scores each post; the platform chooses three things:

* **threshold**: a post scoring at or above it is *flagged*;
* **reviewed languages**: flagged posts in these languages go to human
  reviewers, in the order they were posted, while the day's review capacity
  lasts (``REVIEW_CAPACITY``). Reviewers read the language, so they remove a
  dangerous post and put a legitimate one back up. Every other flagged post
  (a language nobody reviews, or after capacity runs out) is removed
  automatically;
* **preserve**: whether removed posts are kept in an archive that
  investigators can ask for, instead of being deleted.

What counts as **evidence**: dangerous posts (a record of incitement and
intent) and documentation by victims and witnesses. Evidence is *kept* when
the post stays up or is removed but preserved; it is *lost* when it is
removed and deleted.

This is Lesson 6's threshold trade-off from the platform's side: a dangerous
post left up is a miss, a legitimate post removed is a false alarm.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from warning_signs import data

REVIEW_CAPACITY = 150  # reviews the platform's team can do on the day simulated
LANGUAGE_NAMES = {"dorran": "Dorran", "oskan": "Oskan", "ilvani": "Ilvani"}
EVIDENCE_KINDS = ("dangerous", "documentation")


@dataclass(frozen=True)
class Post:
    id: str
    position: int
    language: str
    kind: str  # dangerous, documentation or ordinary
    score: int
    gloss: str = ""


@dataclass(frozen=True)
class Settings:
    threshold: int
    reviewed: frozenset = frozenset()
    preserve: bool = False
    capacity: int = REVIEW_CAPACITY

    def describe(self) -> str:
        langs = ", ".join(LANGUAGE_NAMES.get(lang, lang) for lang in sorted(self.reviewed)) or "none"
        kept = "preserved" if self.preserve else "deleted"
        return f"threshold {self.threshold}, reviewers read {langs}, removed posts {kept}"


@dataclass
class LanguageCounts:
    posts: int = 0
    dangerous: int = 0
    legitimate: int = 0
    evidence: int = 0
    dangerous_left_up: int = 0
    legitimate_removed: int = 0
    evidence_lost: int = 0
    reviewed: int = 0
    unreviewed_flags: int = 0  # flagged in a reviewed language after capacity ran out


@dataclass
class Outcome:
    settings: Settings
    flagged: int = 0
    reviewed: int = 0
    auto_removed: int = 0
    dangerous: int = 0
    dangerous_left_up: int = 0
    legitimate_removed: int = 0
    documentation_removed: int = 0
    evidence: int = 0
    evidence_kept: int = 0
    evidence_lost: int = 0
    by_language: dict = field(default_factory=dict)  # language -> LanguageCounts
    examples: dict = field(default_factory=dict)  # 'left_up' / 'removed' -> [Post, ...] (first three)

    @property
    def capacity_used_up(self) -> bool:
        return self.reviewed >= self.settings.capacity


def simulate(posts: list[Post] | tuple[Post, ...], settings: Settings) -> Outcome:
    """Apply the rules above to ``posts`` (in time order) and count what happened."""
    out = Outcome(settings)
    out.by_language = {lang: LanguageCounts() for lang in sorted({p.language for p in posts})}
    out.examples = {"left_up": [], "removed": []}
    for post in posts:
        removed = _decide(post, settings, out)
        _count(post, removed, settings.preserve, out)
    return out


def _decide(post: Post, settings: Settings, out: Outcome) -> bool:
    """Whether ``post`` ends the day removed; updates the review counters."""
    if post.score < settings.threshold:
        return False
    out.flagged += 1
    lang = out.by_language[post.language]
    if post.language in settings.reviewed:
        if out.reviewed < settings.capacity:
            out.reviewed += 1
            lang.reviewed += 1
            return post.kind == "dangerous"  # reviewers who read the language judge it rightly
        lang.unreviewed_flags += 1
    out.auto_removed += 1
    return True


def _count(post: Post, removed: bool, preserve: bool, out: Outcome) -> None:
    lang = out.by_language[post.language]
    lang.posts += 1
    dangerous = post.kind == "dangerous"
    if dangerous:
        out.dangerous += 1
        lang.dangerous += 1
        if not removed:
            out.dangerous_left_up += 1
            lang.dangerous_left_up += 1
            _example(out, "left_up", post)
    else:
        lang.legitimate += 1
        if removed:
            out.legitimate_removed += 1
            lang.legitimate_removed += 1
            out.documentation_removed += post.kind == "documentation"
            _example(out, "removed", post)
    if post.kind in EVIDENCE_KINDS:
        out.evidence += 1
        lang.evidence += 1
        if removed and not preserve:
            out.evidence_lost += 1
            lang.evidence_lost += 1
        else:
            out.evidence_kept += 1


def _example(out: Outcome, which: str, post: Post) -> None:
    # Documentation removed is the example that teaches most: show it first.
    chosen = out.examples[which]
    if len(chosen) < 3:
        chosen.append(post)
    elif which == "removed" and post.kind == "documentation":
        plain = [i for i, p in enumerate(chosen) if p.kind != "documentation"]
        if plain:
            chosen[plain[-1]] = post


def share(part: int, whole: int) -> float:
    """``part`` as a percentage of ``whole`` (0 when there is nothing to share)."""
    return 100.0 * part / whole if whole else 0.0


def summary(outcome: Outcome) -> str:
    """The outcome in one plain sentence."""
    o = outcome
    return (
        f"With {o.settings.describe()}: {o.dangerous_left_up} of {o.dangerous} dangerous posts left up; "
        f"{o.legitimate_removed} legitimate posts removed, {o.documentation_removed} of them victims' or "
        f"witnesses' documentation; {o.evidence_kept} of {o.evidence} pieces of evidence kept "
        f"({o.evidence_lost} lost). {o.reviewed} of {o.settings.capacity} reviews used."
    )


@data.cached
def stream() -> tuple[Post, ...]:
    """The committed stream (datasets/digital/posts.csv), in time order."""
    table = data.load("moderation_posts").sort_values("position")
    return tuple(
        Post(r.id, int(r.position), r.language, r.kind, int(r.score), r.gloss) for r in table.itertuples(index=False)
    )


def languages() -> list[str]:
    """The stream's languages, majority first (as LANGUAGE_NAMES lists them)."""
    present = {p.language for p in stream()}
    return [lang for lang in LANGUAGE_NAMES if lang in present]
