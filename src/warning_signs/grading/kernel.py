"""A kernel manager that starts each grading kernel inside the jail (see sandbox.py).

nbclient asks for a kernel with the notebook's folder as working directory; this
manager wraps the kernel command in bwrap/prlimit/setpriv, connects over ZMQ
``ipc`` sockets in a private folder bound into the jail, interrupts by message
(a signal to bwrap would not reach the kernel) and kills the whole jail after a
wall-clock limit. Why a kernel died goes to ``incidents``, for the grader's
one-line reason.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
import threading
from pathlib import Path

from jupyter_client.manager import AsyncKernelManager
from traitlets import Integer, List, Unicode

from . import incidents, sandbox

# bwrap's exit status is 128 + the signal that ended the kernel.
SIGNALS = {128 + signal.SIGXCPU: "it used more processor time than allowed ({cpu} s): an endless loop?",
           128 + signal.SIGXFSZ: "it wrote a file larger than allowed",
           128 + signal.SIGKILL: "it was killed (out of memory, or stopped by the grader)",
           128 + signal.SIGSEGV: "it crashed (segmentation fault)"}


class JailedKernelManager(AsyncKernelManager):
    """AsyncKernelManager whose kernels run in bwrap with resource limits."""

    memory_mib = Integer(sandbox.Limits.memory_bytes // sandbox.MiB, help="address space per process").tag(config=True)
    cpu_seconds = Integer(sandbox.Limits.cpu_seconds, help="CPU seconds for the whole notebook").tag(config=True)
    processes = Integer(sandbox.Limits.processes, help="processes and threads").tag(config=True)
    wall_seconds = Integer(600, help="wall-clock seconds for the whole notebook").tag(config=True)
    hide = List(Unicode(), help="more folders to cover inside the jail (course root, sources)").tag(config=True)

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.jail_dir = Path(tempfile.mkdtemp(prefix="wsk-", dir="/tmp"))  # short: ipc paths max ~100 chars
        self.transport = "ipc"
        self.connection_file = str(self.jail_dir / "kernel.json")
        self.ip = str(self.jail_dir / "k")
        self._watchdog: threading.Timer | None = None
        self._expired = False
        self._recorded = False

    @property
    def limits(self) -> sandbox.Limits:
        return sandbox.Limits(memory_bytes=self.memory_mib * sandbox.MiB, cpu_seconds=self.cpu_seconds,
                              processes=self.processes)

    async def _async_pre_start_kernel(self, **kw):
        cmd, kw = await super()._async_pre_start_kernel(**kw)
        uid = sandbox.jail_uid()
        if os.geteuid() == 0:  # the jailed user must reach its sockets and read the connection file
            for path in (self.jail_dir, Path(self.connection_file)):
                os.chown(path, uid, uid)
        workdir = Path(kw.get("cwd") or os.getcwd()).resolve()
        cmd = sandbox.jail_command(cmd, workdir=workdir, kernel_dir=self.jail_dir, env=kw.get("env") or {},
                                   limits=self.limits, uid=uid, hide=tuple(Path(p) for p in self.hide))
        kw["cwd"] = str(self.jail_dir)
        kw["stdout"] = subprocess.DEVNULL
        kw["stderr"] = open(self.jail_dir / "stderr.txt", "wb")  # bwrap's own complaints, if any
        return cmd, kw

    async def _async_launch_kernel(self, kernel_cmd, **kw):
        stderr = kw.get("stderr")
        try:
            await super()._async_launch_kernel(kernel_cmd, **kw)
        finally:
            if hasattr(stderr, "close"):
                stderr.close()
        self._watchdog = threading.Timer(self.wall_seconds, self._expire)
        self._watchdog.daemon = True
        self._watchdog.start()

    def _expire(self) -> None:
        process = getattr(self.provisioner, "process", None)
        if process is not None and process.poll() is None:
            self._expired = True
            process.kill()  # bwrap dies, and --die-with-parent takes the whole jail with it

    async def _async_interrupt_kernel(self) -> None:
        # SIGINT to bwrap's process group would not reach into the jail; ask the kernel instead.
        if self.has_kernel:
            self._connect_control_socket()
            self.session.send(self._control_socket, self.session.msg("interrupt_request", content={}))

    async def _async_request_shutdown(self, restart: bool = False) -> None:
        self._record_exit()  # before we stop it ourselves: did it end on its own?
        await super()._async_request_shutdown(restart=restart)

    async def _async_kill_kernel(self, restart: bool = False) -> None:
        self._record_exit()
        await super()._async_kill_kernel(restart=restart)

    async def _async_cleanup_resources(self, restart: bool = False) -> None:
        self._record_exit()  # nbclient skips shutdown for a kernel that already died
        if self._watchdog is not None:
            self._watchdog.cancel()
        await super()._async_cleanup_resources(restart=restart)
        if not restart:
            shutil.rmtree(self.jail_dir, ignore_errors=True)

    # AsyncKernelManager binds its public names to the base functions: point them at ours.
    interrupt_kernel = _async_interrupt_kernel
    cleanup_resources = _async_cleanup_resources

    def _record_exit(self) -> None:
        process = getattr(self.provisioner, "process", None)
        code = process.poll() if process is not None else None
        if self._recorded or (code is None and not self._expired):
            return
        self._recorded = True
        if self._expired:
            incidents.note(f"the kernel was stopped: the notebook ran longer than {self.wall_seconds} s in all")
        else:  # it ended before we asked it to
            reason = SIGNALS.get(code, f"it exited with status {code} (os._exit or a crash in the notebook?)")
            incidents.note("the kernel stopped: " + reason.format(cpu=self.cpu_seconds) + self._bwrap_complaint())

    def _bwrap_complaint(self) -> str:
        path = self.jail_dir / "stderr.txt"
        lines = [line for line in (path.read_text(errors="replace").splitlines() if path.exists() else [])
                 if line.startswith("bwrap:")]
        return f" ({lines[-1]})" if lines else ""
