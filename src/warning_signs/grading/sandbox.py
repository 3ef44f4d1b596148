"""The jail a learner's code runs in during autograde: bubblewrap plus resource limits.

Student code is untrusted. nbgrader restores the hidden tests into the notebook
before it runs it, so the kernel must not see that notebook file, the gradebook,
the course's source notebooks or anyone else's submission. The kernel therefore
starts inside ``bwrap`` with a fresh, almost empty root:

* read-only: the system (/usr, a few files of /etc), Python and its packages,
  and the course's ``datasets/``; every copy of the exercise sources (the course
  folder, ``warning_signs/course/exercises`` in site-packages) is covered by an
  empty folder;
* the working folder is a small tmpfs at ``/submission`` holding read-only copies of
  the submission's files EXCEPT its notebooks, copied first to the grader's private
  kernel folder (so not even ``/proc/self/mountinfo`` names the course, the
  gradebook or a learner's folder);
* HOME, /tmp and /submission are small tmpfs; the root is remounted read-only, so
  they are ALL the jail can write, each capped; no network (``--unshare-net``), own
  process, IPC and host-name namespaces; killed with its parent (``--die-with-parent``);
* limits (``prlimit``): address space, CPU seconds, processes, file size, open
  files, no core files; as root the kernel also drops to a user id of its own
  (``setpriv``), so the process limit counts only its own processes (run as
  another user, the limit is what that user already runs plus the allowance).

The grader talks to the kernel over ZMQ ``ipc`` sockets the kernel makes in the
jail's own (capped) /tmp; the grader reaches them through ``/proc/<jail pid>/root``.
TCP over loopback would not cross the network namespace, and a folder of the
grader's bound into the jail would be disk the learner's code could fill.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from functools import cache
from pathlib import Path

MiB = 1024 * 1024
HOME = "/home/learner"
# Files of /etc a Python kernel reads; the rest of /etc stays outside.
ETC = [
    "ld.so.cache",
    "ld.so.conf",
    "ld.so.conf.d",
    "localtime",
    "timezone",
    "passwd",
    "group",
    "nsswitch.conf",
    "fonts",
    "mime.types",
]
# Environment the kernel gets; nothing else from the grader's (tokens, paths) leaks in.
PASS_ENV = ["NBGRADER_EXECUTION", "WARNING_SIGNS_ROOT", "LANG", "LC_ALL", "TZ", "JPY_PARENT_PID"]
UID_BASE = 2_000_000_000  # far above any real account: a jailed kernel owns nothing on the host
SUBMISSION = "/submission"  # the kernel's working folder inside the jail
CONNECTION = "/etc/jupyter-kernel.json"  # the kernel's (read-only) copy of its connection file
SOCKET_DIR = "/kernel"  # a 1 MiB tmpfs for the kernel's ipc sockets, locked (0555) once they exist
SOCKETS = f"{SOCKET_DIR}/k"  # prefix of the kernel's ipc sockets inside the jail


@dataclass(frozen=True)
class Limits:
    """What one jailed kernel may use."""

    memory_bytes: int = 2048 * MiB  # address space per process
    cpu_seconds: int = 120  # processor time for the whole notebook (SIGXCPU, then SIGKILL)
    processes: int = 48  # processes and threads of the kernel's own user
    file_bytes: int = 16 * MiB  # largest file it may write
    scratch_bytes: int = 32 * MiB  # each tmpfs: working folder, HOME, /tmp
    open_files: int = 256

    def describe(self) -> str:
        return (
            f"memory {self.memory_bytes // MiB} MiB per process, CPU {self.cpu_seconds} s, "
            f"{self.processes} processes, files up to {self.file_bytes // MiB} MiB, "
            f"scratch space {self.scratch_bytes // MiB} MiB, no network"
        )


def bwrap() -> str:
    """The bwrap program: ``WARNING_SIGNS_BWRAP`` if set (another build, or a test of the fallback)."""
    return shutil.which(os.environ.get("WARNING_SIGNS_BWRAP", "bwrap")) or ""


def unavailable_reason() -> str | None:
    """Why the jail cannot be used on this machine (None when it can)."""
    from importlib.metadata import entry_points

    if not any(e.name == "warning-signs-jail" for e in entry_points(group="jupyter_client.kernel_provisioners")):
        return "the course's kernel provisioner is not registered (reinstall the course: pip install -e .)"
    return _probe(bwrap(), shutil.which("prlimit") or "", shutil.which("setpriv") or "")


@cache
def _probe(bwrap: str, prlimit: str, setpriv: str) -> str | None:
    if not bwrap:
        return "bubblewrap (bwrap) is not installed (Debian: apt-get install bubblewrap)"
    if not prlimit or not shutil.which("setsid") or (os.geteuid() == 0 and not setpriv):
        return "prlimit, setsid or setpriv (util-linux) are missing"
    try:
        done = subprocess.run(
            jail_command(["/bin/true"], workdir=None, env={}, limits=Limits(), uid=UID_BASE),
            capture_output=True,
            text=True,
            timeout=30,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        return f"bwrap could not start ({exc})"
    if done.returncode != 0:
        return f"bwrap cannot create namespaces here ({(done.stderr.strip().splitlines() or ['?'])[-1]})"
    return None


def jail_command(
    command: list[str],
    *,
    workdir: Path | None,
    env: dict,
    limits: Limits,
    uid: int,
    hide: tuple[Path, ...] = (),
    connection_file: Path | None = None,
    info_fd: int | None = None,
) -> list[str]:
    """``command`` wrapped in bwrap, prlimit and (as root) setpriv.

    ``workdir``: a folder of the grader's holding the files to show (read-only) in
    /submission; ``connection_file``: bound read-only at CONNECTION; ``info_fd``:
    where bwrap writes the jail's process id (for /proc/<pid>/root)."""
    args = [
        bwrap() or "bwrap",
        "--unshare-net",
        "--unshare-pid",
        "--unshare-ipc",
        "--unshare-uts",
        "--die-with-parent",
        "--new-session",
        "--hostname",
        "grader",
        "--proc",
        "/proc",
        "--dev",
        "/dev",
    ]
    if info_fd is not None:
        args += ["--info-fd", str(info_fd)]
    # Scratch /tmp and HOME first: Python, the venv or the course may live under /tmp
    # (a checkout in a temporary folder), and later binds must land on top, not be hidden.
    args += _system_mounts() + _scratch("/tmp", limits) + _scratch(HOME, limits) + _python_mounts()
    for path in _hidden(hide):
        args += ["--perms", "0555", "--tmpfs", str(path)]
    if connection_file is not None:
        args += [
            "--ro-bind",
            str(connection_file),
            CONNECTION,
            "--perms",
            "0777",
            "--size",
            str(MiB),
            "--tmpfs",
            SOCKET_DIR,
        ]
    if workdir is not None:
        args += _workdir_mounts(Path(workdir), limits) + ["--chdir", SUBMISSION]
    args += ["--remount-ro", "/"]  # what is not a capped tmpfs is read-only, even bwrap's own root
    args += ["--clearenv"] + [a for k, v in _jail_env(env).items() for a in ("--setenv", k, v)]
    args += [
        "--",
        "prlimit",
        f"--as={limits.memory_bytes}",
        f"--cpu={limits.cpu_seconds}:{limits.cpu_seconds + 5}",
        f"--nproc={_process_limit(limits)}",
        f"--fsize={limits.file_bytes}",
        f"--nofile={limits.open_files}",
        "--core=0",
        "--",
    ]
    if os.geteuid() == 0:
        args += [
            "setpriv",
            f"--reuid={uid}",
            f"--regid={uid}",
            "--clear-groups",
            "--no-new-privs",
            "--inh-caps=-all",
            "--bounding-set=-all",
            "--",
        ]
    # Its own process group: ipykernel interrupts by signalling its group, which
    # would otherwise include bwrap's pid-1 reaper (and end the whole jail).
    return args + ["setsid"] + list(command)


def _process_limit(limits: Limits) -> int:
    """RLIMIT_NPROC counts every task of a user id. As root the kernel gets an id of its own;
    otherwise it shares the instructor's, so allow what they already run plus the limit."""
    if os.geteuid() == 0:
        return limits.processes
    mine = 0
    for task in Path("/proc").glob("[0-9]*/task/[0-9]*"):
        try:
            mine += task.stat().st_uid == os.geteuid()
        except OSError:
            pass  # ended meanwhile
    return mine + limits.processes


def jail_uid() -> int:
    """A user id of this grading process's own: limits per user then count one kernel only."""
    return UID_BASE + os.getpid()


def _scratch(path: str, limits: Limits) -> list[str]:
    return ["--perms", "1777", "--size", str(limits.scratch_bytes), "--tmpfs", path]


def _system_mounts() -> list[str]:
    # Folders bwrap would make on its own are root-only (0700): the jailed user must pass through.
    args = ["--ro-bind", "/usr", "/usr", "--perms", "0755", "--dir", "/etc", "--perms", "0755", "--dir", "/home"]
    for name in ("bin", "sbin", "lib", "lib32", "lib64"):
        path = Path("/") / name
        if path.is_symlink():
            args += ["--symlink", os.readlink(path), str(path)]
        elif path.is_dir():
            args += ["--ro-bind", str(path), str(path)]
    for name in ETC:
        args += ["--ro-bind-try", f"/etc/{name}", f"/etc/{name}"]
    return args


def _python_mounts() -> list[str]:
    """Python, its packages and the course's data: read-only, each parent made traversable."""
    args, made = [], {Path("/"), Path("/usr"), Path("/tmp"), Path("/etc"), Path("/home")}
    for path in readable_paths():
        for parent in reversed(path.parents):
            if parent not in made:
                args += ["--perms", "0755", "--dir", str(parent)]
                made.add(parent)
        args += ["--ro-bind", str(path), str(path)]
        made.add(path)
    return args


@cache
def readable_paths() -> tuple[Path, ...]:
    """The folders the kernel may read: its interpreter's prefixes and import path, and the datasets."""
    from ..paths import datasets_dir

    candidates = [Path(sys.prefix), Path(sys.base_prefix), Path(sys.exec_prefix), *import_paths(), datasets_dir()]
    return _outermost(
        [
            p.resolve()
            for p in candidates
            if p.is_dir() and p.resolve() != Path("/usr") and Path("/usr") not in p.resolve().parents
        ]
    )


@cache
def import_paths() -> tuple[Path, ...]:
    """The kernel interpreter's own ``sys.path`` (asked in a clean environment, not ours)."""
    probe = subprocess.run(
        [sys.executable, "-c", "import sys, json; print(json.dumps(sys.path))"],
        capture_output=True,
        text=True,
        cwd="/",
        env={"PATH": os.defpath},
        check=True,
    )
    return tuple(Path(p) for p in json.loads(probe.stdout) if p)


def _outermost(paths: list[Path]) -> tuple[Path, ...]:
    """Drop paths that lie inside another one of the list."""
    unique = sorted(set(paths), key=lambda p: len(p.parts))
    kept: list[Path] = []
    for path in unique:
        if not any(k == path or k in path.parents for k in kept):
            kept.append(path)
    return tuple(kept)


def _hidden(extra: tuple[Path, ...]) -> list[Path]:
    """Copies of the exercise sources (with their hidden tests) that a bound folder would expose."""
    from ..paths import exercises_dir

    candidates = [exercises_dir(), *extra]
    candidates += [p / "warning_signs" / "course" / "exercises" for p in import_paths()]
    bound = readable_paths()
    found = []
    for path in candidates:
        path = Path(path).resolve()
        if path.is_dir() and any(b == path or b in path.parents for b in bound):
            found.append(path)
    needs_marker = exercises_dir().resolve()  # course_root() looks for this folder: keep it, empty
    if needs_marker not in found:
        found.append(needs_marker)
    return sorted(set(found))


def _workdir_mounts(workdir: Path, limits: Limits) -> list[str]:
    """A small writable tmpfs at /submission with read-only binds of the files in ``workdir``, notebooks left out."""
    args = ["--perms", "1777", "--size", str(limits.scratch_bytes), "--tmpfs", SUBMISSION]
    for entry in sorted(workdir.iterdir()):
        if entry.suffix == ".ipynb" or entry.is_symlink():
            continue  # the notebook holds the test cells; a symlink could point anywhere
        _let_others_read(entry)
        args += ["--ro-bind", str(entry), f"{SUBMISSION}/{entry.name}"]
    return args


# What of a submission the kernel sees besides nothing: the answers store and plain data files.
# Never code (a ``warning_signs.py`` or ``pandas/`` beside the notebook would shadow the real module).
DATA_SUFFIXES = (".answers.json", ".answers.json.bak", ".csv", ".tsv", ".txt", ".json", ".md")


def stage_submission(workdir: Path, into: Path, limits: Limits) -> list[str]:
    """Copy the submission's answers and data files (no notebooks, no code, no folders, no links,
    within the scratch size) into ``into``, a folder of the grader's; a note for what was left out."""
    from .outcomes import shown_name
    from .safecopy import Budget, copy_file

    budget = Budget(bytes_left=limits.scratch_bytes // 2)
    into.mkdir(parents=True, exist_ok=True)
    left_out = []
    for entry in sorted(workdir.iterdir()):
        if entry.suffix == ".ipynb" or entry.name in ("timestamp.txt", "submission_secret.txt"):
            continue
        if entry.is_symlink() or not entry.is_file() or not entry.name.endswith(DATA_SUFFIXES):
            left_out.append(shown_name(entry.name, 40))
            continue
        copy_file(entry, into / entry.name, budget, Path(entry.name))
    notes = budget.notes
    if left_out:
        notes.append(
            f"not shown to the notebook while graded (only answers and data files are): "
            f"{', '.join(left_out[:5])}{' …' if len(left_out) > 5 else ''}"
        )
    return notes


def _let_others_read(entry: Path) -> None:
    """The jailed user must read what a learner submitted (zip tools may keep 0600 modes)."""
    for path in [entry, *(entry.rglob("*") if entry.is_dir() else [])]:
        if path.is_symlink():
            continue
        mode = path.stat().st_mode
        wanted = mode | 0o444 | (0o111 if path.is_dir() else 0)
        if wanted != mode:
            path.chmod(wanted)


def _jail_env(env: dict) -> dict:
    venv_bin = str(Path(sys.executable).parent)
    out = {k: env[k] for k in PASS_ENV if k in env}
    out.update(
        {
            "PATH": f"{venv_bin}:/usr/local/bin:/usr/bin:/bin",
            "HOME": HOME,
            "USER": "learner",
            "LOGNAME": "learner",
            "TMPDIR": "/tmp",
            "LANG": env.get("LANG", "C.UTF-8"),
            "MPLBACKEND": "Agg",
            "MPLCONFIGDIR": f"{HOME}/.config/matplotlib",
            # Warnings go to stderr, and any stderr in a test cell scores 0: a correct
            # answer must never lose points to a library's deprecation notice.
            "PYTHONWARNINGS": "ignore",
            "PYTHONDONTWRITEBYTECODE": "1",
            "PYDEVD_DISABLE_FILE_VALIDATION": "1",
            "OPENBLAS_NUM_THREADS": "1",
            "OMP_NUM_THREADS": "1",
            "MKL_NUM_THREADS": "1",
        }
    )
    return out
