"""The item-quality rules every choice question of the course must meet.

Test-wise learners pick the longest option, the usual letter, or the option
without "only" and "always"; a matching task whose last pair follows by
elimination gives a point free. These rules find such cues over every lesson
check and every exercise question (exercise keys are read from the hidden
tests of the source notebooks, which only the instructor's side sees):

* the right option is the strictly longest in at most a third of single-choice items;
* no position (first, second, ...) holds more than 40% of the single-choice keys;
* no wrong option leans on an absolute word, unless the stem uses that word too;
* no matching group (questions sharing one option set) can be finished by elimination;
* no explanation begins with a verdict ("Correct.", "Yes:", "No,"): the widgets add the verdict.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

LONGEST_SHARE = 1 / 3
POSITION_SHARE = 0.40
ABSOLUTE_WORDS = (
    "only",
    "always",
    "never",
    "certainly",
    "automatically",
    "all",
    "none",
    "nothing",
    "entirely",
    "completely",
    "guaranteed",
    "guarantees",
    "impossible",
    "solely",
    "every",
)
VERDICT_WORDS = (
    "correct",
    "right",
    "yes",
    "no",
    "wrong",
    "incorrect",
    "exactly",
    "not quite",
    "true",
    "false",
    "well done",
    "good",
)


@dataclass(frozen=True)
class Item:
    """One choice question with its key, from a lesson or an exercise."""

    where: str  # "lesson 01-what-are-atrocity-crimes l01-q2" or "exercise 02-... q4"
    group: str  # the lesson or exercise id
    kind: str  # single, multiple, ordering
    prompt: str
    options: tuple[tuple[str, str], ...]  # (option id, text) in the order shown
    key: tuple[str, ...]  # right option ids (one for single; the order for ordering)
    explanations: tuple[str, ...] = ()


@dataclass(frozen=True)
class Finding:
    rule: str
    where: str
    detail: str

    def __str__(self) -> str:
        return f"{self.where}: {self.rule}: {self.detail}"


def right_is_longest(item: Item) -> bool:
    lengths = {oid: len(text) for oid, text in item.options}
    right = lengths[item.key[0]]
    return all(right > n for oid, n in lengths.items() if oid != item.key[0])


def key_position(item: Item) -> int:
    return [oid for oid, _ in item.options].index(item.key[0])


def absolute_words(text: str) -> list[str]:
    words = re.findall(r"[a-z]+", text.lower())
    return [w for w in ABSOLUTE_WORDS if w in words]


def check_cues(items: list[Item]) -> list[Finding]:
    """Every cue in ``items``, as findings (an empty list means the items pass)."""
    findings: list[Finding] = []
    singles = [i for i in items if i.kind == "single"]
    findings += _longest(singles)
    findings += _positions(singles)
    for item in items:
        findings += _straw_men(item)
        findings += _verdicts(item)
    findings += _elimination(items)
    return findings


def _longest(singles: list[Item]) -> list[Finding]:
    longest = [i for i in singles if right_is_longest(i)]
    if not singles or len(longest) <= LONGEST_SHARE * len(singles):
        return []
    detail = (
        f"right option is the longest in {len(longest)} of {len(singles)} single-choice items "
        f"(at most {LONGEST_SHARE:.0%} allowed)"
    )
    return [Finding("longest", i.where, detail) for i in longest]


def _positions(singles: list[Item]) -> list[Finding]:
    counts = Counter(key_position(i) for i in singles)
    findings = []
    for position, n in counts.items():
        if n > POSITION_SHARE * len(singles):
            letter = "abcdefgh"[position]
            findings.append(
                Finding(
                    "positions",
                    f"single-choice keys ({len(singles)} items)",
                    f"position {letter} holds {n} keys ({n / len(singles):.0%}; at most {POSITION_SHARE:.0%} allowed)",
                )
            )
    return findings


def _straw_men(item: Item) -> list[Finding]:
    if item.kind == "ordering":
        return []
    in_stem = set(absolute_words(item.prompt))
    findings = []
    for oid, text in item.options:
        if oid in item.key:
            continue
        leaning = [w for w in absolute_words(text) if w not in in_stem]
        if leaning:
            findings.append(
                Finding(
                    "absolute word",
                    item.where,
                    f"wrong option {oid} leans on {', '.join(repr(w) for w in leaning)}: {text!r}",
                )
            )
    return findings


def _verdicts(item: Item) -> list[Finding]:
    findings = []
    for text in item.explanations:
        lowered = text.strip().lower()
        for word in VERDICT_WORDS:
            if re.match(rf"{re.escape(word)}\s*[.,:;!\u2013\u2014-]", lowered):
                findings.append(Finding("verdict word", item.where, f"explanation begins with {word!r}: {text[:60]!r}"))
                break
    return findings


def _elimination(items: list[Item]) -> list[Finding]:
    """A matching task is single questions sharing one option set; it must not close by elimination."""
    groups: dict[tuple, list[Item]] = {}
    for item in items:
        if item.kind == "single":
            groups.setdefault((item.group, item.options), []).append(item)
    findings = []
    for (_, options), members in groups.items():
        keys = [m.key[0] for m in members]
        if len(members) > 1 and len(set(keys)) == len(keys) and len(options) <= len(members):
            where = ", ".join(m.where for m in members)
            findings.append(
                Finding(
                    "elimination",
                    where,
                    f"{len(members)} matches over {len(options)} options, each used once: "
                    "the last match follows by elimination",
                )
            )
    return findings
