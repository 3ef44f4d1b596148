"""The class view's model: every learner's scenario progress gathered from a folder, and one stage's spread.

The instructor points the class view at a folder of submissions, such as
nbgrader's ``submitted/<student>/<assignment>/`` or any folder tree; every
``scenario-<id>.answers.json`` (written by the scenario player) is read with
the player's own rules. Missing or damaged files are listed, never raised.
"""

from __future__ import annotations

import os
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from ..answers import read_entries as _read  # the answer store's own parser, so both agree on "damaged"
from .framework import engaged, framework
from .progress import PROGRESS_KEY, clean_progress, progress_id
from .scenarios import LEVEL_LABELS, LEVELS, Stage, scenario_stages


@dataclass
class Submission:
    learner: str
    path: Path
    progress: dict
    note: str = ""  # e.g. "damaged; its backup was used"


@dataclass
class Gathered:
    scenario_id: str
    submissions: list[Submission] = field(default_factory=list)
    problems: list[tuple[str, str]] = field(default_factory=list)  # (learner or file, what is wrong)


def gather(folder: str | Path, scenario_id: str) -> Gathered:
    """Every progress file of ``scenario_id`` under ``folder``; problems listed, never raised."""
    folder = Path(folder)
    found = Gathered(scenario_id)
    if not folder.is_dir():
        found.problems.append((str(folder), "this folder does not exist"))
        return found
    if not os.access(folder, os.R_OK | os.X_OK):
        found.problems.append((str(folder), _denied(folder)))
        return found
    name = f"{progress_id(scenario_id)}.answers.json"
    files = sorted(folder.rglob(name))
    stages = scenario_stages(scenario_id)
    seen = set()
    for path in files:
        learner = _learner(folder, path)
        if learner in seen:  # a second file of one learner: name it by its folder, never merge
            learner = path.parent.relative_to(folder).as_posix()
        seen.add(learner)
        progress, note, problem = _read_progress(path, scenario_id, stages)
        if problem or progress is None:
            found.problems.append((learner, problem))
        else:
            found.submissions.append(Submission(learner, path, progress, note))
    with_files = {_learner(folder, p) for p in files}
    for sub in sorted(p for p in folder.iterdir() if p.is_dir() and not p.name.startswith(".")):
        if not os.access(sub, os.R_OK | os.X_OK):
            found.problems.append((sub.name, _denied(sub)))
        elif sub.name not in with_files:
            found.problems.append((sub.name, f"missing: no {name} in this folder"))
    return found


def _denied(path: Path) -> str:
    """A permission problem, said as such, with the fix (on a workshop hub: re-run `warning-signs hub`)."""
    return (
        f"permission denied: you may not read {path}. On a workshop hub, the machine's administrator "
        "fixes it by running `sudo warning-signs hub` again (it makes the shared progress folders "
        "readable by the instructors' group); elsewhere ask the file's owner to give you read access."
    )


def _learner(folder: Path, path: Path) -> str:
    """nbgrader's layout is submitted/<student>/<assignment>/: the student is the first folder."""
    parts = path.relative_to(folder).parts
    return parts[0] if len(parts) > 1 else folder.name


def _read_progress(path: Path, scenario_id: str, stages) -> tuple[dict | None, str, str]:
    """(progress, note, problem): a damaged file falls back on its .bak, as the player does."""
    if not os.access(path, os.R_OK):
        return None, "", _denied(path)
    entries, error = _read(path)
    note = ""
    if error:
        backup = path.with_name(path.name + ".bak")
        entries, backup_error = _read(backup) if backup.exists() else ({}, "no backup")
        if backup_error:
            return None, "", f"damaged: {path.name} cannot be read ({error})"
        note = "damaged; its backup was used"
    entry = entries.get(PROGRESS_KEY)
    progress = clean_progress(entry.value, scenario_id, stages) if entry else None
    if progress is None:
        return None, "", f"damaged: {path.name} holds no scenario progress"
    return progress, note, ""


# --- the distribution of one stage ------------------------------------------------


@dataclass
class Distribution:
    stage: Stage
    learners: list[str]  # submitted this stage
    waiting: list[str]  # have a file but have not submitted this stage
    risk: dict[str, int]
    factors: dict[str, int]  # learners who marked at least one sign of each factor

    def share(self, count: int) -> float:
        return 100 * count / len(self.learners) if self.learners else 0.0


def distribution(gathered: Gathered, stage: Stage) -> Distribution:
    learners: list[str] = []
    waiting: list[str] = []
    risk: Counter[str] = Counter()
    factors: Counter[str] = Counter()
    for sub in gathered.submissions:
        answer = sub.progress["stages"].get(str(stage.number))
        if not answer or not answer["submitted"]:
            waiting.append(sub.learner)
            continue
        learners.append(sub.learner)
        risk[answer["risk"]] += 1
        factors.update(engaged(answer["marked"]))
    fw = framework()
    return Distribution(
        stage, learners, waiting, {lv: risk[lv] for lv in LEVELS}, {f.id: factors[f.id] for f in fw.factors}
    )


def summary_text(dist: Distribution, country_name: str) -> str:
    stage, n = dist.stage, len(dist.learners)
    where = f"stage {stage.number} of {country_name} ({stage.when})"
    if not n:
        expert = LEVEL_LABELS[stage.risk_level].lower()
        return f"No learner has submitted {where} yet; the expert rated the risk {expert}."
    fw = framework()
    levels = ", ".join(
        f"{LEVEL_LABELS[lv].lower()} {c}{' (expert)' if lv == stage.risk_level else ''}" for lv, c in dist.risk.items()
    )
    top = sorted((f for f in fw.factors if dist.factors[f.id]), key=lambda f: -dist.factors[f.id])[:3]
    most = ", ".join(f"{f.number} {f.name} ({dist.factors[f.id]} of {n})" for f in top) or "none"
    low = [
        f"{fw.factor(fid).number} {fw.factor(fid).name} ({dist.factors[fid]} of {n})"
        for fid in stage.factors
        if dist.factors[fid] * 2 < n
    ]
    text = f"{n} learner{'s' if n != 1 else ''} submitted {where}. Risk levels: {levels}. Factors marked most: {most}."
    if low:
        text += f" The expert's factors marked by fewer than half: {', '.join(low)}."
    return text
