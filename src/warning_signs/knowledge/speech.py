"""Speech: the Rabat Plan's six-part test, the Dangerous Speech framework, samples and expert readings.

Read from ``datasets/``: rabat_test, dangerous_speech, speech_samples,
speech_ratings and speech_readings. A part is keyed ``<framework>.<part id>``
(``rabat_test.speaker``), as in speech_ratings.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..data import cached, load, resource, split_items
from ..paths import datasets_dir
from .responses import response_options

LEVELS = ("low", "moderate", "high")
FRAMEWORKS = ("rabat_test", "dangerous_speech")  # table names, as in speech_ratings.framework


@dataclass(frozen=True)
class Part:
    framework: str
    id: str
    number: int
    name: str
    description: str
    questions: tuple[str, ...]

    @property
    def key(self) -> str:
        return f"{self.framework}.{self.id}"

    @property
    def label(self) -> str:
        """'Speaker (Rabat Plan of Action)': two frameworks share part names."""
        return f"{self.name} ({framework_name(self.framework)})"


@dataclass(frozen=True)
class Sample:
    id: str
    number: int
    title: str
    speaker: str
    audience: str
    medium: str
    reach: str
    context: str
    text: str
    content_note: str


@dataclass(frozen=True)
class Reading:
    """The expert's reading of one sample."""

    sample_id: str
    reading: str
    name: str
    explanation: str
    ratings: dict  # part key -> (level, reason)
    hallmarks: tuple[str, ...]
    responses: tuple[tuple[str, str], ...]  # (option id, option name)


def framework_name(framework: str) -> str:
    """The short name of a framework, its table's ``shortTitle``: 'Rabat Plan of Action'."""
    return resource(framework)["shortTitle"]


def parts() -> tuple[Part, ...]:
    """The six Rabat parts, then the five Dangerous Speech elements."""
    return _parts(str(datasets_dir()))


@cached
def _parts(_root: str) -> tuple[Part, ...]:
    rabat = load("rabat_test").sort_values("number")
    out = [
        Part("rabat_test", r.id, int(r.number), r.name, r.description, tuple(split_items(r.guiding_questions)))
        for r in rabat.itertuples(index=False)
    ]
    elements = load("dangerous_speech")
    elements = elements[elements["kind"] == "element"]
    out += [
        Part("dangerous_speech", r.id, n, r.name, r.description, (r.guiding_question,))
        for n, r in enumerate(elements.itertuples(index=False), start=1)
    ]
    return tuple(out)


def hallmarks() -> tuple[tuple[str, str, str], ...]:
    """The hallmarks of dangerous speech as (id, name, guiding question)."""
    return _hallmarks(str(datasets_dir()))


@cached
def _hallmarks(_root: str) -> tuple[tuple[str, str, str], ...]:
    rows = load("dangerous_speech")
    rows = rows[rows["kind"] == "hallmark"]
    return tuple((r.id, r.name, r.guiding_question) for r in rows.itertuples(index=False))


def samples() -> dict[str, Sample]:
    return _samples(str(datasets_dir()))


@cached
def _samples(_root: str) -> dict[str, Sample]:
    rows = load("speech_samples").sort_values("number")
    return {
        r.id: Sample(
            r.id, int(r.number), r.title, r.speaker, r.audience, r.medium, r.reach, r.context, r.text, r.content_note
        )
        for r in rows.itertuples(index=False)
    }


def sample(sample_id: str) -> Sample:
    known = samples()
    if sample_id not in known:
        raise ValueError(f"There is no speech sample '{sample_id}'; the samples are: {', '.join(known)}.")
    return known[sample_id]


def expert_reading(sample_id: str) -> Reading:
    sample(sample_id)  # a one-sentence error for an unknown id
    return _reading(str(datasets_dir()), sample_id)


@cached
def _reading(_root: str, sample_id: str) -> Reading:
    ratings = load("speech_ratings")
    mine = ratings[ratings["sample_id"] == sample_id]
    by_part = {f"{r.framework}.{r.part_id}": (r.rating, r.reason) for r in mine.itertuples(index=False)}
    row = load("speech_readings").set_index("sample_id").loc[sample_id]
    names = response_options()["name"]
    responses = tuple((i, names[i]) for i in split_items(row.responses))
    return Reading(
        sample_id, row.reading, row.reading_name, row.explanation, by_part, tuple(split_items(row.hallmarks)), responses
    )


# --- comparing the learner's ratings with the expert's -------------------------


@dataclass(frozen=True)
class Difference:
    part: Part
    yours: str | None  # None: not rated
    expert: str
    reason: str

    @property
    def steps(self) -> int | None:
        return None if self.yours is None else abs(LEVELS.index(self.yours) - LEVELS.index(self.expert))

    def sentence(self) -> str:
        """'You rated Speaker (…) low; the expert rated it high: <reason>'."""
        mine = f"You rated {self.part.label} {self.yours}" if self.yours else f"You did not rate {self.part.label}"
        return f"{mine}; the expert rated it {self.expert}: {self.reason}"


def differences(ratings: dict, reading: Reading, all_parts=None) -> list[Difference]:
    """Every part where the learner's rating (or its absence) differs from the expert's."""
    out = []
    for part in all_parts or parts():
        level, reason = reading.ratings[part.key]
        if ratings.get(part.key) != level:
            out.append(Difference(part, ratings.get(part.key), level, reason))
    return out


def verdict(diffs: list[Difference], rated: int) -> str:
    """A word first, judged on the parts the learner rated: Unrated, Agreed, Close (one step off) or Different."""
    off = [d for d in diffs if d.yours]
    if not rated:
        return "Unrated."
    if not off:
        return "Agreed."
    return "Close." if all(d.steps == 1 for d in off) else "Different."
