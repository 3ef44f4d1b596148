"""Grading kernels that start inside the jail (see sandbox.py), through jupyter_client's public API.

``JailProvisioner`` is a kernel provisioner (a ``LocalProvisioner`` subclass):

* ``pre_launch`` wraps the kernel command in bwrap/prlimit/setpriv, copies the
  submission's files (no notebook, no link) into the grader's private kernel
  folder for /submission, and gives the kernel a read-only copy of its
  connection file whose ``ipc`` sockets lie in the jail's own capped /tmp;
* ``launch_kernel`` learns the jail's process id from bwrap (``--info-fd``) and
  hands the manager socket paths through ``/proc/<pid>/root``: nothing of the
  grader's disk is writable from the jail, not even the connection folder;
* a watchdog kills the whole jail after a wall-clock limit; ``kill``,
  ``shutdown_requested`` and ``cleanup`` note why a kernel died (``incidents``).

``JailedKernelManager`` only carries the limits (configurable traits) and a
kernel-spec manager that names this provisioner and asks for interrupts by
message (a signal to bwrap would not reach into the jail). The provisioner is
registered under the entry point ``warning-signs-jail``
(``jupyter_client.kernel_provisioners`` in pyproject.toml).
"""

from __future__ import annotations

import json
import os
import select
import shutil
import signal
import subprocess
import tempfile
import threading
from pathlib import Path
from typing import Any

from jupyter_client.kernelspec import KernelSpecManager
from jupyter_client.manager import AsyncKernelManager
from jupyter_client.provisioning import LocalProvisioner
from traitlets import Integer, List, Unicode

from . import incidents, sandbox

PROVISIONER = "warning-signs-jail"
# bwrap's exit status is 128 + the signal that ended the kernel.
SIGNALS = {
    128 + signal.SIGXCPU: "it used more processor time than allowed ({cpu} s): an endless loop?",
    128 + signal.SIGXFSZ: "it wrote a file larger than allowed",
    128 + signal.SIGKILL: "it was killed (out of memory, or stopped by the grader)",
    128 + signal.SIGSEGV: "it crashed (segmentation fault)",
}
STDERR_KEPT = 8192  # bytes of the jail's stderr kept in memory (debugging); the rest is drained, never stored


class JailSpecManager(KernelSpecManager):
    """The usual kernel specs, started by the jail provisioner and interrupted by message."""

    def get_kernel_spec(self, kernel_name: str) -> Any:
        spec = super().get_kernel_spec(kernel_name)
        spec.metadata = {**spec.metadata, "kernel_provisioner": {"provisioner_name": PROVISIONER}}
        spec.interrupt_mode = "message"
        return spec


class JailedKernelManager(AsyncKernelManager):
    """AsyncKernelManager whose kernels run in bwrap with resource limits (via JailProvisioner)."""

    memory_mib = Integer(sandbox.Limits.memory_bytes // sandbox.MiB, help="address space per process").tag(config=True)
    cpu_seconds = Integer(sandbox.Limits.cpu_seconds, help="CPU seconds for the whole notebook").tag(config=True)
    processes = Integer(sandbox.Limits.processes, help="processes and threads").tag(config=True)
    wall_seconds = Integer(600, help="wall-clock seconds for the whole notebook").tag(config=True)
    hide = List(Unicode(), help="more folders to cover inside the jail (course root, sources)").tag(config=True)

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.kernel_spec_manager = JailSpecManager(parent=self)
        self.jail_dir = Path(tempfile.mkdtemp(prefix="wsk-", dir="/tmp"))  # the grader's; never bound writable
        self.transport = "ipc"
        self.connection_file = str(self.jail_dir / "kernel.json")
        self.ip = str(self.jail_dir / "unused")  # replaced by the jail's socket paths at launch

    @property
    def limits(self) -> sandbox.Limits:
        return sandbox.Limits(
            memory_bytes=self.memory_mib * sandbox.MiB, cpu_seconds=self.cpu_seconds, processes=self.processes
        )


class JailProvisioner(LocalProvisioner):
    """Starts the kernel inside the jail; its parent must be a JailedKernelManager."""

    _watchdog: threading.Timer | None = None
    _expired = False
    _recorded = False
    _info_fd: int | None = None
    _stderr = b""

    @property
    def km(self) -> JailedKernelManager:
        assert isinstance(self.parent, JailedKernelManager), "the jail provisioner needs a JailedKernelManager"
        return self.parent

    async def pre_launch(self, **kwargs: Any) -> dict[str, Any]:
        kwargs = await super().pre_launch(**kwargs)
        km = self.km
        jail_dir = Path(km.jail_dir)
        inside = {**self.connection_info, "ip": sandbox.SOCKETS}
        inside["key"] = inside["key"].decode() if isinstance(inside["key"], bytes) else inside["key"]
        jail_file = jail_dir / "kernel-inside.json"
        jail_file.write_text(json.dumps(inside))
        jail_file.chmod(0o644)
        staged = jail_dir / "submission"
        workdir = Path(kwargs.get("cwd") or os.getcwd()).resolve()
        for note in sandbox.stage_submission(workdir, staged, km.limits):
            incidents.note(note)
        cmd = [sandbox.CONNECTION if arg == km.connection_file else arg for arg in kwargs.pop("cmd")]
        read_fd, write_fd = os.pipe()
        self._info_fd = read_fd
        kwargs["cmd"] = sandbox.jail_command(
            cmd,
            workdir=staged,
            env=kwargs.get("env") or {},
            limits=km.limits,
            uid=sandbox.jail_uid(),
            hide=tuple(Path(p) for p in km.hide),
            connection_file=jail_file,
            info_fd=write_fd,
        )
        kwargs.update(cwd=str(jail_dir), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, pass_fds=(write_fd,))
        self._write_fd = write_fd
        return kwargs

    async def launch_kernel(self, cmd: list[str], **kwargs: Any) -> Any:
        info = await super().launch_kernel(cmd, **kwargs)
        os.close(self._write_fd)
        child = self._jail_pid()
        threading.Thread(target=self._drain_stderr, daemon=True).start()
        self._watchdog = threading.Timer(self.km.wall_seconds, self._expire)
        self._watchdog.daemon = True
        self._watchdog.start()
        # The kernel binds its sockets in the jail's /tmp; the grader reaches them through /proc.
        self.connection_info = {**info, "ip": f"/proc/{child}/root{sandbox.SOCKETS}"}
        return self.connection_info

    async def post_launch(self, **kwargs: Any) -> None:
        """Once the kernel has made its sockets (before any learner code runs), lock their folder:
        as root the jailed user can then neither swap a socket for a link nor add a file."""
        await super().post_launch(**kwargs)
        import asyncio
        import stat

        folder = Path(self.connection_info["ip"]).parent
        info = self.connection_info
        ports = [info["shell_port"], info["iopub_port"], info["stdin_port"], info["hb_port"], info["control_port"]]
        sockets = [folder / f"k-{port}" for port in ports]
        for _ in range(300):
            if all(p.exists() for p in sockets) or (self.process is not None and self.process.poll() is not None):
                break
            await asyncio.sleep(0.05)
        if os.geteuid() == 0 and folder.is_dir():
            os.chmod(folder, 0o555)
        if not all(stat.S_ISSOCK(p.lstat().st_mode) for p in sockets if p.exists() or p.is_symlink()):
            self._recorded = True
            incidents.note("the kernel was stopped: something other than its own sockets was in its socket folder")
            if self.process is not None:
                self.process.kill()  # the grader never connects to anything else

    def _jail_pid(self) -> int:
        """The host process id of the jail's first process, as bwrap reports it."""
        assert self._info_fd is not None
        data = b""
        try:
            while b"}" not in data and select.select([self._info_fd], [], [], 30)[0]:
                chunk = os.read(self._info_fd, 4096)
                if not chunk:
                    break
                data += chunk
        finally:
            os.close(self._info_fd)
        try:
            return int(json.loads(data.decode())["child-pid"])
        except (ValueError, KeyError, UnicodeDecodeError):
            return self.pid or 0  # bwrap failed early: the kernel will be found dead

    def _drain_stderr(self) -> None:
        stream = getattr(self.process, "stderr", None)
        if stream is None:
            return
        try:
            while chunk := stream.read(65536):
                if len(self._stderr) < STDERR_KEPT:
                    self._stderr += chunk[: STDERR_KEPT - len(self._stderr)]
        except (OSError, ValueError):
            pass

    def _expire(self) -> None:
        process = self.process
        if process is not None and process.poll() is None:
            self._expired = True
            process.kill()  # bwrap dies, and --die-with-parent takes the whole jail with it

    async def shutdown_requested(self, restart: bool = False) -> None:
        self._record_exit()  # before we stop it ourselves: did it end on its own?
        await super().shutdown_requested(restart=restart)

    async def kill(self, restart: bool = False) -> None:
        self._record_exit()
        await super().kill(restart=restart)

    async def cleanup(self, restart: bool = False) -> None:
        self._record_exit()  # nbclient skips shutdown for a kernel that already died
        if self._watchdog is not None:
            self._watchdog.cancel()
        await super().cleanup(restart=restart)
        if not restart:
            shutil.rmtree(self.km.jail_dir, ignore_errors=True)

    def _record_exit(self) -> None:
        process = self.process
        code = process.poll() if process is not None else None
        if self._recorded or (code is None and not self._expired):
            return
        self._recorded = True
        if self._expired:
            incidents.note(f"the kernel was stopped: the notebook ran longer than {self.km.wall_seconds} s in all")
        else:  # it ended before we asked it to
            reason = SIGNALS.get(code or 0, f"it exited with status {code} (os._exit or a crash in the notebook?)")
            # bwrap's stderr is the kernel's too, so its text never goes into a reason (kept for debugging only).
            incidents.note("the kernel stopped: " + reason.format(cpu=self.km.cpu_seconds))
