"""A seeded, invented stream of posts for Lesson 10's moderation simulator.

Everything is invented: the platform (Murmur), the country (Belmarra) and its
three languages: Dorran, spoken by most people; Oskan, the language of the
community that dangerous posts target; and Ilvani, a smaller minority's.
No post describes a real place or people; each carries a short English gloss.

How the stream is built (all randomness comes from one seed):

* ``N_POSTS`` posts in time order, of three kinds: ``dangerous`` (calls to
  violence or dehumanising attacks on the Oskan community), ``documentation``
  (victims and witnesses recording abuses) and ``ordinary`` (news, daily life,
  counter-speech).
* Perpetrators write mostly in Dorran; documentation comes mostly in Oskan.
* The platform's classifier gives each post a score from 0 to 100 (how likely
  it breaks the rules). It was trained mostly on Dorran: there its scores
  separate the kinds well; in Oskan and Ilvani they are noisier, so ordinary
  posts score higher and dangerous posts lower. Documentation of violence
  scores high everywhere: it looks like what it records.

Run ``python -m warning_signs.knowledge.moderation_stream`` to rewrite
datasets/digital/posts.csv and posts_seed.json; the same seed gives a
byte-identical file.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np
import pandas as pd

from warning_signs.paths import datasets_dir

GENERATOR_VERSION = "1.0.0"
DEFAULT_SEED = 20261203
N_POSTS = 900
COLUMNS = ["id", "position", "language", "kind", "score", "gloss"]
LANGUAGES = ("dorran", "oskan", "ilvani")
KINDS = ("dangerous", "documentation", "ordinary")
KIND_SHARE = {"dangerous": 0.10, "documentation": 0.08, "ordinary": 0.82}
# Which language a post of each kind is written in.
LANGUAGE_SHARE = {
    "dangerous": {"dorran": 0.72, "oskan": 0.06, "ilvani": 0.22},
    "documentation": {"dorran": 0.22, "oskan": 0.66, "ilvani": 0.12},
    "ordinary": {"dorran": 0.62, "oskan": 0.24, "ilvani": 0.14},
}
# Classifier score (mean, spread) by kind: well trained in Dorran, poorly elsewhere.
SCORES = {
    "dorran": {"dangerous": (80, 9), "documentation": (66, 12), "ordinary": (22, 11)},
    "oskan": {"dangerous": (58, 17), "documentation": (72, 13), "ordinary": (44, 17)},
    "ilvani": {"dangerous": (60, 17), "documentation": (70, 13), "ordinary": (42, 17)},
}
# Short English glosses, without graphic detail.
GLOSSES = {
    "dangerous": [
        "Calls the Oskan 'rats in the granary' and says the granary must be cleaned before the harvest.",
        "Posts a list of Oskan-owned shops in Tarvolen and tells readers to 'visit them tonight'.",
        "Says every Oskan family hides weapons and that 'we must strike first'.",
        "Shares a song that calls the Oskan a disease and names the village of Brask.",
        "Urges youth groups to block the roads out of the Oskan quarter and 'finish the job'.",
    ],
    "documentation": [
        "A resident films burned houses in the Oskan quarter of Tarvolen and names the street and the date.",
        "A witness records men in uniform at a checkpoint turning back Oskan families.",
        "A nurse lists, without names, the people the clinic treated after the night attack.",
        "A survivor describes, calmly, how her village was emptied and where people fled.",
        "A teacher photographs a threatening slogan painted on the Oskan school.",
    ],
    "ordinary": [
        "Market prices for millet went up again this week.",
        "Our football club needs two more players for Sunday.",
        "The river bridge at Lusmir is closed for repairs until Friday.",
        "Neighbours from all communities cleaned the square after the storm.",
        "A local radio host asks listeners to reject calls to violence and check rumours.",
        "Wedding photos from my cousin's village, everyone welcome.",
    ],
}


def generate(seed: int = DEFAULT_SEED, n_posts: int = N_POSTS) -> pd.DataFrame:
    """The stream as a table with the columns ``COLUMNS``, in time order."""
    rng = np.random.default_rng(seed)
    kinds = rng.choice(KINDS, size=n_posts, p=[KIND_SHARE[k] for k in KINDS])
    rows = []
    for position, kind in enumerate(kinds, start=1):
        shares = LANGUAGE_SHARE[str(kind)]
        language = str(rng.choice(LANGUAGES, p=[shares[lang] for lang in LANGUAGES]))
        mean, spread = SCORES[language][str(kind)]
        score = int(np.clip(round(rng.normal(mean, spread)), 0, 100))
        glosses = GLOSSES[str(kind)]
        gloss = glosses[int(rng.integers(len(glosses)))]
        rows.append((f"p{position:04d}", position, language, str(kind), score, gloss))
    return pd.DataFrame(rows, columns=COLUMNS)


def to_csv_text(stream: pd.DataFrame) -> str:
    return stream.to_csv(index=False, lineterminator="\n")


def seed_record(seed: int, stream: pd.DataFrame | None = None) -> dict:
    """What the committed seed file says: the seed, the generator and the stream's make-up."""
    stream = generate(seed) if stream is None else stream
    made_of = stream.groupby(["language", "kind"]).size()
    return {
        "seed": seed,
        "generator": "warning_signs.knowledge.moderation_stream",
        "generator_version": GENERATOR_VERSION,
        "command": "python -m warning_signs.knowledge.moderation_stream",
        "posts": int(len(stream)),
        "by_language_and_kind": {lang: {k: int(made_of.get((lang, k), 0)) for k in KINDS} for lang in LANGUAGES},
    }


def write(path: Path | str | None = None, seed: int = DEFAULT_SEED) -> Path:
    """Write the stream CSV and its seed file beside it; return the CSV's path."""
    path = Path(path) if path else datasets_dir() / "digital" / "posts.csv"
    path.parent.mkdir(parents=True, exist_ok=True)
    stream = generate(seed)
    path.write_text(to_csv_text(stream), encoding="utf-8")
    record = json.dumps(seed_record(seed, stream), indent=2) + "\n"
    (path.parent / "posts_seed.json").write_text(record, encoding="utf-8")
    return path


def main(argv: list[str]) -> int:
    seed = int(argv[0]) if argv else DEFAULT_SEED
    print(f"Wrote {write(seed=seed)} (seed {seed}).")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
