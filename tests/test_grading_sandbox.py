"""The jail a learner's code runs in during autograde, measured with real kernels.

Each test runs a few cells in a jailed kernel (bwrap, prlimit, setpriv as root)
exactly as autograde starts it, and checks what the code inside can and cannot
do. The measured values are printed (pytest -s) for the record.
"""

from __future__ import annotations

import os
import socket
from pathlib import Path

import pytest
from nbclient import NotebookClient
from nbformat.v4 import new_code_cell, new_notebook

from warning_signs.grading import incidents, sandbox
from warning_signs.grading.kernel import JailedKernelManager
from warning_signs.paths import exercises_dir

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(sandbox.unavailable_reason() is not None,
                                 reason=f"no sandbox here: {sandbox.unavailable_reason()}")]


def run_jailed(cells: list[str], workdir: Path, timeout: int = 10, **limits) -> list[str]:
    """Run ``cells`` in a jailed kernel with ``workdir`` as its folder; each cell's text output."""
    nb = new_notebook(cells=[new_code_cell(c) for c in cells])
    incidents.take()
    client = NotebookClient(nb, timeout=timeout, kernel_name="python3", allow_errors=True,
                            kernel_manager_class=JailedKernelManager, interrupt_on_timeout=True,
                            resources={"metadata": {"path": str(workdir)}})
    client.km = client.create_kernel_manager()
    for name, value in limits.items():
        setattr(client.km, name, value)
    try:
        client.execute()
    except Exception as exc:  # a dead kernel: reported through incidents
        print("kernel:", type(exc).__name__)
    return ["".join(o.get("text", "") or f"{o.get('ename')}: {o.get('evalue')}" for o in c.outputs) for c in nb.cells]


@pytest.fixture(scope="module")
def workdir(tmp_path_factory) -> Path:
    """A submission's working copy: the notebook (with its hidden tests) and the answer store."""
    folder = tmp_path_factory.mktemp("autograded") / "alice" / "01-atrocity-crimes"
    folder.mkdir(parents=True)
    (folder / "01-atrocity-crimes.ipynb").write_text('{"cells": ["### BEGIN HIDDEN TESTS"]}')
    (folder / "01-atrocity-crimes.answers.json").write_text('{"answers": {}}')
    (folder.parent.parent / "gradebook.db").write_text("grades")
    (folder.parent.parent / "bob").mkdir()
    (folder.parent.parent / "bob" / "answers.json").write_text("bob's work")
    return folder


def test_files_outside_the_submission_are_out_of_reach(workdir):
    secrets = [workdir / "01-atrocity-crimes.ipynb", workdir.parent.parent / "gradebook.db",
               workdir.parent.parent / "bob" / "answers.json",
               exercises_dir() / "01-atrocity-crimes" / "01-atrocity-crimes.ipynb", Path("/etc/shadow"),
               Path.home() / ".bash_history"]
    probe = "\n".join(f"""
try:
    open({str(p)!r}).read(); print("READ")
except OSError as e:
    print(type(e).__name__)""" for p in secrets)
    listing = f"import os; print(sorted(os.listdir('.')), os.listdir({str(exercises_dir())!r}))"
    out = run_jailed([probe, listing, "from warning_signs.questions import exercise_questions\n"
                      "print(len(exercise_questions('01-atrocity-crimes')))"], workdir)
    print("reading secrets:", out[0].split())
    assert "READ" not in out[0] and out[0].split() and set(out[0].split()) <= {"FileNotFoundError", "PermissionError"}
    assert out[1].strip() == "['01-atrocity-crimes.answers.json'] []"  # no notebook; the sources are an empty folder
    assert out[2].strip() == "7"  # the course's data (datasets/) is readable: questions still load


def test_the_system_is_read_only_and_scratch_space_is_small(workdir):
    out = run_jailed(["""
for path in ["/usr/lib/x", "new-file.txt"]:
    try:
        open(path, "w").write("x"); print("WROTE", path)
    except OSError as e:
        print("DENIED", path, e.errno)""", """
try:
    open("/tmp/big", "wb").write(b"x" * 64 * 1024 * 1024); print("WROTE 64 MiB")
except OSError as e:
    print("STOPPED", e.errno)"""], workdir)
    print("writes:", out)
    assert "DENIED /usr/lib/x 30" in out[0]       # EROFS
    assert "WROTE new-file.txt" in out[0]          # the working folder is a scratch tmpfs ...
    assert not (workdir / "new-file.txt").exists()  # ... that never touches the real one
    assert "STOPPED" in out[1]                      # 32 MiB tmpfs / 16 MiB file size


def test_every_writable_byte_is_capped_and_nothing_of_the_graders_disk_is_writable(workdir):
    """Writing everywhere the jail might reach: only the capped tmpfs take anything, each under its cap;
    the kernel's connection file and sockets live in the jail, never on the grader's disk."""
    out = run_jailed(["""
import os, errno
places = ["/", "/etc", "/home", "/usr", "/submission", "/tmp", os.path.expanduser("~")]
for place in places:
    total = 0
    try:
        for i in range(40):
            with open(os.path.join(place, f"fill{i}"), "wb") as f:
                for _ in range(4):
                    f.write(b"x" * 1024 * 1024); total += 1024 * 1024
    except OSError as e:
        pass
    print(place, total // (1024 * 1024))
""", "import os\nprint(open('/proc/self/mountinfo').read())\nprint(os.getcwd())",
                      "try:\n    open('/etc/jupyter-kernel.json', 'a').write('x'); print('WROTE')\n"
                      "except OSError as e:\n    print('DENIED', e.errno)"], workdir)
    written = {line.split()[0]: int(line.split()[1]) for line in out[0].splitlines()}
    print("MiB written per place:", written)
    assert written["/"] == written["/etc"] == written["/usr"] == written["/home"] == 0
    assert 0 < written["/tmp"] <= 32 and 0 < written["/submission"] <= 32 and written["/home/learner"] <= 32
    assert sum(written.values()) <= 3 * 32
    mounts = out[1]
    for secret in (workdir, workdir.parent.parent):
        assert str(secret) not in mounts, secret  # no course path, no learner's folder
    assert mounts.strip().endswith("/submission")
    assert out[2].startswith("DENIED")  # the kernel's connection file is read-only


@pytest.mark.skipif(os.geteuid() != 0, reason="the socket folder is locked from the jailed user when grading as root")
def test_the_kernel_cannot_swap_its_sockets_for_links(workdir):
    out = run_jailed(["""
import os
for name in sorted(os.listdir("/kernel")):
    try:
        os.unlink("/kernel/" + name); os.symlink("/run/docker.sock", "/kernel/" + name); print("SWAPPED", name)
    except OSError as e:
        print("DENIED", e.errno)
try:
    open("/kernel/new", "w"); print("WROTE")
except OSError as e:
    print("DENIED", e.errno)""", "print('still talking')"], workdir)
    assert "SWAPPED" not in out[0] and "WROTE" not in out[0] and out[0].count("DENIED") == 6
    assert out[1].strip() == "still talking"


def test_no_network_not_even_the_graders_loopback(workdir):
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    listener.settimeout(0.5)
    port = listener.getsockname()[1]
    out = run_jailed([f"""
import os
import socket
for host, port in [("1.1.1.1", 53), ("127.0.0.1", {port})]:
    try:
        socket.create_connection((host, port), timeout=3); print("CONNECTED", host)
    except OSError as e:
        print("BLOCKED", host, e.errno)"""], workdir)
    print("network:", out[0].strip().splitlines())
    with pytest.raises(socket.timeout):
        listener.accept()  # nothing arrived from inside
    assert "CONNECTED" not in out[0]
    assert "BLOCKED 1.1.1.1 101" in out[0]  # ENETUNREACH: no interface but a downed loopback


def test_memory_processes_and_identity_are_capped(workdir):
    out = run_jailed(["""
import os, resource
print(resource.getrlimit(resource.RLIMIT_AS)[0] // 2**20, resource.getrlimit(resource.RLIMIT_NPROC)[0],
      resource.getrlimit(resource.RLIMIT_CPU)[0], os.getuid())""",
                      "x = bytearray(3 * 1024**3)",
                      """
import os
children = 0
try:
    while True:
        if os.fork() == 0:
            import time; time.sleep(30); os._exit(0)
        children += 1
except OSError as e:
    print("stopped after", children, "processes:", e.errno)""",
                      "print('still alive')"], workdir)
    memory, processes, cpu, uid = out[0].split()
    print(f"limits: address space {memory} MiB, {processes} processes, CPU {cpu} s, uid {uid}; fork bomb: {out[2]}")
    assert int(memory) == sandbox.Limits().memory_bytes // 2**20
    assert out[1] == "MemoryError: "
    assert "stopped after" in out[2] and int(out[2].split()[2]) < sandbox.Limits().processes
    assert out[3].strip() == "still alive"
    if os.geteuid() == 0:
        assert int(uid) >= sandbox.UID_BASE  # not root: a user id of its own


def test_an_endless_loop_is_interrupted_and_the_kernel_goes_on(workdir):
    out = run_jailed(["while True:\n    pass", "print('next cell')"], workdir, timeout=2)
    assert out == ["KeyboardInterrupt: ", "next cell\n"]


def test_a_kernel_over_its_cpu_time_is_killed_with_a_reason(workdir):
    out = run_jailed(["while True:\n    pass"] * 10 + ["print('never')"], workdir, timeout=2, cpu_seconds=4)
    assert "never" not in out[-1]
    assert incidents.take() == ["the kernel stopped: it used more processor time than allowed (4 s): an endless loop?"]


def test_a_notebook_over_its_wall_time_is_stopped(workdir):
    run_jailed(["import time\ntime.sleep(60)"], workdir, timeout=60, wall_seconds=3)
    assert incidents.take() == ["the kernel was stopped: the notebook ran longer than 3 s in all"]


def test_the_fallback_is_reported_when_bwrap_is_missing(monkeypatch):
    monkeypatch.setenv("WARNING_SIGNS_BWRAP", "/nonexistent/bwrap")
    assert "bubblewrap (bwrap) is not installed" in sandbox.unavailable_reason()
