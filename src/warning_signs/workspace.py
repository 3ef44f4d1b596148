"""The learner's workspace: their own copies of the lessons and exercises.

Learners never edit the course's files. ``prepare`` copies the lessons and
generates the student version of every exercise (nbgrader: no solutions, no
hidden tests) into a git-ignored folder. It is safe to run again after a course
update: a notebook the learner has changed is never overwritten; the new course
version is put beside it instead.

A manifest records, for every file written, a fingerprint of what was written.
A notebook's fingerprint covers only its cells' types and sources, so running a
lesson (which adds outputs) does not count as a change.
"""

from __future__ import annotations

import hashlib
import json
import platform
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from .paths import exercises_dir, lessons_dir

STATE = ".warning-signs"


@dataclass
class Report:
    written: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)  # learner's changes kept, update put beside
    unchanged: int = 0

    def text(self) -> str:
        lines = [f"Workspace ready: {len(self.written)} file(s) written, {self.unchanged} already up to date."]
        for path in self.kept:
            lines.append(
                f"  You changed {path}: kept your version; the course update is beside it "
                f"as {_update_name(Path(path)).name}."
            )
        return "\n".join(lines)


def fingerprint(path: Path) -> str:
    """What counts as 'the learner changed it': notebook cell sources, or the bytes."""
    data = path.read_bytes()
    if path.suffix == ".ipynb":
        try:
            cells = json.loads(data).get("cells", [])
            data = json.dumps([[c.get("cell_type"), _text(c.get("source", ""))] for c in cells]).encode()
        except (ValueError, AttributeError):
            pass  # not valid JSON: fall back to the bytes
    return hashlib.sha256(data).hexdigest()


def _text(source) -> str:
    return "".join(source) if isinstance(source, list) else source


def _copy(source: Path, dest: Path) -> None:
    """Copy a file; a notebook gets the kernel metadata JupyterLab would write on opening it.

    Otherwise JupyterLab fills in the kernel's name and language version as the notebook
    opens, and the learner sees it marked "modified" before doing anything.
    """
    if source.suffix != ".ipynb":
        shutil.copyfile(source, dest)
        return
    try:
        notebook = json.loads(source.read_text(encoding="utf-8"))
        notebook.setdefault("metadata", {}).update(KERNEL_METADATA)
    except (ValueError, AttributeError):
        shutil.copyfile(source, dest)  # not a notebook JupyterLab can open anyway: as it is
        return
    dest.write_text(json.dumps(notebook, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


# What ipykernel reports for this interpreter (the kernel runs in the course's environment).
KERNEL_METADATA = {
    "kernelspec": {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"},
    "language_info": {
        "codemirror_mode": {"name": "ipython", "version": 3},
        "file_extension": ".py",
        "mimetype": "text/x-python",
        "name": "python",
        "nbconvert_exporter": "python",
        "pygments_lexer": "ipython3",
        "version": platform.python_version(),
    },
}


def _update_name(path: Path) -> Path:
    return path.with_name(f"{path.stem} (course update){path.suffix}")


class Workspace:
    def __init__(self, root: str | Path):
        self.root = Path(root).resolve()
        self.manifest_path = self.root / STATE / "manifest.json"
        self.manifest = self._load_manifest()

    def prepare(self) -> Report:
        report = Report()
        for lesson in sorted(lessons_dir().glob("*.ipynb")):
            self._install(lesson, Path("lessons") / lesson.name, report)
        for base in self._student_exercises():
            for source in sorted(p for p in base.rglob("*") if p.is_file()):
                self._install(source, Path("exercises") / base.name / source.relative_to(base), report)
        self._save_manifest()
        return report

    # --- one file ----------------------------------------------------------

    def _install(self, source: Path, relative: Path, report: Report) -> None:
        dest = self.root / relative
        key = relative.as_posix()
        new = fingerprint(source)
        installed = self.manifest.get(key)
        if dest.exists() and fingerprint(dest) == new:
            report.unchanged += 1
        elif not dest.exists() or fingerprint(dest) == installed:
            dest.parent.mkdir(parents=True, exist_ok=True)
            _copy(source, dest)
            report.written.append(key)
        else:  # the learner changed it: theirs stays, the update goes beside it
            if new != self.manifest.get(key + " (update)"):
                _copy(source, _update_name(dest))
                self.manifest[key + " (update)"] = new
            report.kept.append(key)
            return
        self.manifest[key] = new

    # --- exercises -----------------------------------------------------------

    def _student_exercises(self) -> list[Path]:
        """Generate each exercise's student version (when its source changed); return their folders."""
        from .grading import config

        release = self.root / STATE / "release"
        sources = sorted(p for p in exercises_dir().iterdir() if p.is_dir() and any(p.glob("*.ipynb")))
        stale = [s for s in sources if self._source_changed(s)]
        if stale:
            with tempfile.TemporaryDirectory(prefix="ws-generate-") as tmp:
                api = config.api(Path(tmp), exercises_dir())
                for source in stale:
                    result = api.generate_assignment(source.name)
                    if not result.get("success"):
                        raise RuntimeError(
                            f"Could not generate the student version of {source.name}: "
                            f"{(result.get('error') or '').strip().splitlines()[-1:]}"
                        )
                    shutil.rmtree(release / source.name, ignore_errors=True)
                    shutil.copytree(Path(tmp) / "release" / source.name, release / source.name)
                    self.manifest["source:" + source.name] = _folder_fingerprint(source)
        return [release / s.name for s in sources]

    def _source_changed(self, source: Path) -> bool:
        released = self.root / STATE / "release" / source.name
        return not released.exists() or self.manifest.get("source:" + source.name) != _folder_fingerprint(source)

    # --- manifest ----------------------------------------------------------------

    def _load_manifest(self) -> dict:
        try:
            return json.loads(self.manifest_path.read_text())
        except (OSError, ValueError):
            return {}

    def _save_manifest(self) -> None:
        self.manifest_path.parent.mkdir(parents=True, exist_ok=True)
        self.manifest_path.write_text(json.dumps(self.manifest, indent=1, sort_keys=True))


def _folder_fingerprint(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        if (
            path.is_file()
            and not path.name.endswith((".answers.json", ".bak"))
            and ".ipynb_checkpoints" not in path.parts
        ):
            digest.update(path.relative_to(folder).as_posix().encode())
            digest.update(path.read_bytes())
    # The package's own code shapes the generated notebooks too (stubs, config).
    from . import __version__

    digest.update(__version__.encode())
    return digest.hexdigest()
