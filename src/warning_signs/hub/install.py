"""The hub's own Python environment: JupyterHub, a proxy, the idle culler and the course.

It lives apart from any other Python on the machine (``/opt/warning-signs/env``)
and is built with Debian's ``/usr/bin/python3`` when there is one: an interpreter
under ``/root`` (pyenv, conda) cannot be read by the learners' accounts. Packages
come from PyPI. The proxy is Node's configurable-http-proxy (from npm, inside the
environment) when Node is present, else its Python implementation from PyPI.
Re-running installs only what is missing.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from ..paths import course_root

HUB_PACKAGES = ["jupyterhub>=5,<7", "jupyterhub-idle-culler>=1.2"]
PYTHON_PROXY = "configurable-http-proxy"  # the Python implementation on PyPI
NODE_PROXY = "configurable-http-proxy@^5"  # Node's, from npm


def base_python() -> str:
    """An interpreter every account can run."""
    debian = Path("/usr/bin/python3")
    if debian.exists():
        return str(debian)
    return sys.executable


def python(env: Path) -> Path:
    return Path(env) / "bin" / "python"


def proxy_command(env: Path) -> Path | None:
    """The configurable-http-proxy the hub will start (None before installing)."""
    for candidate in (
        Path(env) / "node" / "node_modules" / ".bin" / "configurable-http-proxy",
        Path(env) / "bin" / "configurable-http-proxy",
    ):
        if candidate.exists():
            return candidate
    return None


def course_source(given: Path | None) -> str:
    """What to pip-install for the course: the given folder, this checkout, or the package on PyPI."""
    if given:
        return str(Path(given).resolve())
    root = course_root()
    return str(root) if (root / "pyproject.toml").exists() else "warning-signs"


def ensure_environment(env: Path, source: Path | None, log: Path, say=print) -> None:
    """Create the environment and install (or update) what the hub needs."""
    env = Path(env)
    log.parent.mkdir(parents=True, exist_ok=True)
    if not python(env).exists():
        say(f"Creating the hub's Python environment in {env} (with {base_python()}) …")
        _run([base_python(), "-m", "venv", str(env)], log)
    wanted = [course_source(source), *HUB_PACKAGES]
    node = shutil.which("node") and shutil.which("npm")
    if not node:
        wanted.append(PYTHON_PROXY)
    stamp = _tree_stamp(Path(wanted[0])) if Path(wanted[0]).is_dir() else "pypi"
    marker = env / ".warning-signs-installed"
    if _missing(env, node is not None) or not marker.exists() or marker.read_text() != stamp:
        say("Installing JupyterHub, the idle culler and the course from PyPI (a few minutes the first time) …")
        # --force-reinstall of the course only: a checkout's edits keep its version number.
        _run([str(python(env)), "-m", "pip", "install", "--disable-pip-version-check", *wanted], log)
        _run(
            [
                str(python(env)),
                "-m",
                "pip",
                "install",
                "--disable-pip-version-check",
                "--no-deps",
                "--force-reinstall",
                wanted[0],
            ],
            log,
        )
        marker.write_text(stamp)
    if node and not (env / "node" / "node_modules" / ".bin" / "configurable-http-proxy").exists():
        say("Installing Node's configurable-http-proxy from npm …")
        (env / "node").mkdir(exist_ok=True)
        _run(["npm", "install", "--no-fund", "--no-audit", "--prefix", str(env / "node"), NODE_PROXY], log)
    os.chmod(env, 0o755)  # readable by every account, whatever root's umask


def _missing(env: Path, node: bool) -> bool:
    needed = ["jupyterhub", "jupyterhub-singleuser", "warning-signs", "jupyter-lab", "nbgrader"]
    if not node:
        needed.append("configurable-http-proxy")
    return any(not (env / "bin" / name).exists() for name in needed)


def _tree_stamp(root: Path) -> str:
    """Newest modification time under the course's folders: cheap and good enough to notice an edit."""
    newest = 0.0
    for part in ("src", "lessons", "exercises", "datasets", "pyproject.toml"):
        path = root / part
        items = [path] if path.is_file() else path.rglob("*") if path.is_dir() else []
        for item in items:
            if "__pycache__" not in item.parts:
                newest = max(newest, item.stat().st_mtime)
    return f"{newest:.0f}"


def _run(command: list[str], log: Path) -> None:
    with open(log, "a") as out:
        out.write(f"\n$ {' '.join(command)}\n")
        out.flush()
        result = subprocess.run(command, stdout=out, stderr=subprocess.STDOUT)
    if result.returncode != 0:
        raise RuntimeError(f"`{' '.join(command[:4])} …` failed; its output is in {log}.")
