"""Teaching hints for exercise questions, and the rules that keep them from leaking the key.

When an instructor sets an exercise's self-check to *assessed*, a learner who got a
question wrong sees its hint (``datasets/exercises/hints.csv``) instead of the
explanation: what to weigh and which lesson section to reread, never the answer.

:func:`leaks` says how a hint would give the key away, given the key (which the
caller reads from the hidden tests; this module never sees the notebooks), and
:func:`citations` finds the lesson sections a hint sends the learner to.
"""

from __future__ import annotations

import re

from ..data import cached, load
from .item_quality import VERDICT_WORDS

MAX_CHARS = 300
MAX_SENTENCES = 2
RUN_WORDS = 5  # a run of this many words from the right option is a quotation of it
LABEL_WORDS = 4  # an option this short (or the part before its colon) is a label, like "Genocide"

# "option b", "(b)", "b)", "answer is": the ways a hint could point at a letter or say the answer.
_POINTERS = (
    re.compile(r"\boptions?\s+\(?[a-h]\b", re.I),
    re.compile(r"\([a-h]\)", re.I),
    re.compile(r"(?<![\w'’])[a-h]\)", re.I),
    re.compile(r"\banswers?\s+(is|are)\b", re.I),
    re.compile(r"\b(right|correct)\s+(answer|option|choice|order)s?\b", re.I),
    re.compile(r"\b[a-h]\s*(,|->|→|then|before)\s*[a-h]\s*(,|->|→|then|before)\s*[a-h]\b", re.I),
)
_NUMBER = r"(one|two|three|four|five|six|\d+)"
_THINGS = (
    r"(options|answers|items|choices|statements|measures|steps|details|events|observations|findings|facts|reports)"
)
_COUNT = re.compile(
    rf"\b{_NUMBER}\s+(of\s+(them|these|those|the\s+{_THINGS})|{_THINGS}|boxes|ticks|apply|are\s+(right|correct|signs))\b",
    re.I,
)
_ORDER = re.compile(r"\b(comes?|goes|belongs?|put|place)\s+(first|second|third|last)\b", re.I)
_STOPWORDS = {"the", "and", "but", "not", "for", "its", "with", "from", "that", "this", "than", "into", "their"}
# Lesson 6, section 5, “From alert to action”  or  Lesson 5, “The law behind the test” (also "straight" quotes)
_CITATION = re.compile(r'Lesson (\d+)(?:, section (\d+))?,? (?:“([^”]+)”|"([^"]+)")')
_LATER_SECTION = re.compile(r'\bsection (\d+),? (?:“([^”]+)”|"([^"]+)")')


@cached
def exercise_hints(exercise_id: str) -> dict[str, str]:
    """The hint for each question of one exercise, by question id (empty if it has none)."""
    table = load("exercise_hints").astype(object).fillna("").astype(str)
    mine = table[table["exercise_id"] == exercise_id]
    return dict(zip(mine["question_id"], mine["hint"], strict=True))


def words(text: str) -> list[str]:
    """The words of a text, lower-cased, for comparing a hint with an option."""
    return re.findall(r"[a-z0-9]+", text.lower().replace("’", "'"))


def _contains_run(haystack: list[str], needle: list[str]) -> bool:
    n = len(needle)
    return n > 0 and any(haystack[i : i + n] == needle for i in range(len(haystack) - n + 1))


def quoted_run(hint: str, option: str, run: int = RUN_WORDS) -> str | None:
    """The first run of ``run`` words (or the whole option, if shorter) that the hint quotes."""
    said, own = words(hint), words(option)
    if len(own) <= run:
        return " ".join(own) if _contains_run(said, own) else None
    for i in range(len(own) - run + 1):
        if _contains_run(said, own[i : i + run]):
            return " ".join(own[i : i + run])
    return None


def label_words(option: str, others: list[str], prompt: str) -> set[str]:
    """The words that name a short option ("Genocide", "Kenya 2007-2008: ...") and no other option."""
    label = option.split(":", 1)[0] if ":" in option else option
    if len(words(label)) > LABEL_WORDS:
        return set()
    elsewhere = set(words(prompt)).union(*(words(o) for o in others))
    return {w for w in words(label) if (len(w) >= 4 or w.isdigit()) and w not in elsewhere | _STOPWORDS}


def leaks(hint: str, prompt: str, options: dict[str, str], key: object, kind: str) -> list[str]:
    """How ``hint`` would give away the ``key`` of a question (empty: it does not).

    ``options`` maps option ids to their texts; ``key`` is one option id, or a list
    of them (the ticked options, or the order)."""
    right = list(key) if isinstance(key, (list, tuple)) else [str(key)]
    problems = []
    for oid in right:
        text = options[oid]
        run = quoted_run(hint, text)
        if run:
            problems.append(f"quotes the right option {oid} ({run!r})")
        named = label_words(text, [t for o, t in options.items() if o != oid], prompt)
        said = set(words(hint))
        if named & said:
            problems.append(f"names the right option {oid} by {', '.join(sorted(named & said))!r}")
    problems += [f"points at a letter or the answer ({m.group(0)!r})" for p in _POINTERS if (m := p.search(hint))]
    if kind in ("multiple", "ordering") and (m := _COUNT.search(hint)):
        problems.append(f"gives a count ({m.group(0)!r})")
    if kind == "ordering" and (m := _ORDER.search(hint)):
        problems.append(f"gives a place in the order ({m.group(0)!r})")
    return problems


def form_problems(hint: str) -> list[str]:
    """What is wrong with a hint's form: empty, too long, too many sentences, a verdict first."""
    text = hint.strip()
    if not text:
        return ["is empty"]
    problems = []
    if len(text) > MAX_CHARS:
        problems.append(f"has {len(text)} characters (at most {MAX_CHARS})")
    sentences = [s for s in re.split(r"(?<=[.!?])\s+(?=[A-Z“\"'])", text) if s]
    if len(sentences) > MAX_SENTENCES:
        problems.append(f"has {len(sentences)} sentences (at most {MAX_SENTENCES})")
    lowered = text.lower()
    for word in VERDICT_WORDS:
        if re.match(rf"{re.escape(word)}\b", lowered):
            problems.append(f"begins with the verdict word {word!r}")
            break
    return problems


def citations(hint: str) -> list[tuple[int, int | None, str]]:
    """The lesson sections a hint cites, as (lesson, section number or None, title).

    "Lesson 2, section 3, “…” and section 5, “…”" cites two sections of Lesson 2."""
    found: list[tuple[int, int | None, str]] = []
    for m in _CITATION.finditer(hint):
        lesson = int(m.group(1))
        found.append((lesson, int(m.group(2)) if m.group(2) else None, m.group(3) or m.group(4)))
        rest = hint[m.end() :]
        stop = rest.find("Lesson ")
        for later in _LATER_SECTION.finditer(rest if stop < 0 else rest[:stop]):
            found.append((lesson, int(later.group(1)), later.group(2) or later.group(3)))
    return found
