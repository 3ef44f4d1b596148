"""A real JupyterLab, started with the course's own `start` command, Voila, and headless Chromium.

Used by the browser tests. Chromium is Debian's (/usr/bin/chromium), driven by
Playwright; Playwright's own browser download is never used.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from contextlib import contextmanager
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run"]
TOKEN = "warning-signs-test"
ROOT = Path(__file__).resolve().parents[1]


def require_chromium() -> None:
    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} is missing: as root on Debian, `make test` installs it (apt-get install chromium).")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def jupyterlab(workspace: Path, log: Path):
    """Run `warning-signs start` on 127.0.0.1; yield its base URL."""
    port = free_port()
    env = {**os.environ, "JUPYTERLAB_WORKSPACES_DIR": str(workspace / ".lab-workspaces")}
    command = [sys.executable, "-m", "warning_signs", "start", "--workspace", str(workspace),
               "--port", str(port), "--no-browser", f"--IdentityProvider.token={TOKEN}"]
    with serving(command, log, port, f"/api/status?token={TOKEN}", env=env) as base:
        yield base


@contextmanager
def serve_voila(target: Path, log: Path, env: dict | None = None):
    """Run Voila on ``target`` (a notebook or a folder) on 127.0.0.1; yield its base URL.

    Started in the course root, so it reads the committed voila.json (kernel culling,
    code hidden, no tracebacks); ``env`` adds to the server's environment.
    """
    port = free_port()
    command = [str(Path(sys.executable).with_name("voila")), str(target), "--no-browser", f"--port={port}",
               "--Voila.ip=127.0.0.1"]
    env = {**os.environ, "PYTHONUNBUFFERED": "1", **(env or {})}
    with serving(command, log, port, "/voila/static/", "Voila", 60, any_status=True, cwd=ROOT, env=env) as base:
        yield base


@contextmanager
def serving(command: list[str], log: Path, port: int, ready: str, name: str = "JupyterLab", seconds: float = 120,
            any_status: bool = False, **popen):
    """Start the server ``command`` (its output to ``log``), wait until ``ready`` answers on ``port``;
    yield its base URL; then stop it and everything it started."""
    with open(log, "w") as out:
        server = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, start_new_session=True, **popen)
        base = f"http://127.0.0.1:{port}"
        try:
            _wait_until_up(base + ready, server, log, name, seconds, any_status)
            yield base
        finally:
            stop_group(server)


def stop_group(process: subprocess.Popen) -> None:
    """Stop a server and everything it started (kernels included)."""
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
    except ProcessLookupError:
        pass


def _wait_until_up(url: str, server: subprocess.Popen, log: Path, name: str = "JupyterLab", seconds: float = 120,
                   any_status: bool = False) -> None:
    """Wait until ``url`` answers; ``any_status``: an HTTP error status counts (the server is up)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"{name} exited early:\n{log.read_text()[-3000:]}")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError as error:
            if any_status and isinstance(error, urllib.error.HTTPError):
                return
            time.sleep(0.5)
    raise RuntimeError(f"{name} did not answer within {seconds} s:\n{log.read_text()[-3000:]}")


@contextmanager
def chromium_page():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            page.set_default_timeout(60_000)
            yield page
        finally:
            browser.close()


def open_and_run_all(page, base: str, notebook: str, query: str = f"?token={TOKEN}") -> None:
    """Open a notebook in a fresh JupyterLab workspace under ``base`` and run every cell."""
    page.goto(f"{base}/lab/workspaces/{uuid.uuid4().hex}/tree/{notebook}{query}")
    run_all(page, notebook)


def run_all(page, notebook: str) -> None:
    """Run every cell of the notebook open in ``page``.

    JupyterLab drops a Run All chosen while a new kernel is still connecting (its
    execution indicator already reads "idle" then, under "No Kernel | Initializing"),
    so wait for the status bar's "| Idle" of a named kernel first. Should a Run All
    still be dropped (no cell starts within seconds), or a dialog ask which kernel
    to use, accept it (and let it close) and choose Run All again.
    """
    panel = ".jp-NotebookPanel:not(.lm-mod-hidden)"
    page.wait_for_selector(f"{panel} .jp-Cell")
    page.wait_for_function(KERNEL_IDLE, timeout=120_000)
    for _attempt in range(3):
        dialog = page.locator(".jp-Dialog")
        if dialog.count():
            dialog.locator("button.jp-mod-accept").first.click()
            dialog.first.wait_for(state="detached", timeout=60_000)
        page.click(".lm-MenuBar-itemLabel:text-is('Run')")
        page.click("[data-command='runmenu:run-all']")
        if _cells_started(page, panel) and _all_cells_ran(page, panel):
            return
    raise AssertionError(f"Run All did not run every cell of {notebook}")


# The status bar names the kernel and its state: "Python 3 (ipykernel) | Idle".
KERNEL_IDLE = r"""() => [...document.querySelectorAll('.jp-StatusBar-Widget *')].some(
    e => e.children.length === 0 && /\| Idle$/.test(e.textContent.trim()) && !/^No Kernel/.test(e.textContent.trim()))"""


def _cells_started(page, panel: str, seconds: float = 15) -> bool:
    """True once a code cell is running or has run: a dropped Run All shows neither."""
    script = r"""panel => [...document.querySelectorAll(panel + ' .jp-CodeCell .jp-InputPrompt')]
        .some(p => /\[(\*|\d+)\]/.test(p.textContent))"""
    try:
        page.wait_for_function(script, arg=panel, timeout=seconds * 1000)
        return True
    except Exception:  # Playwright's TimeoutError: Run All was dropped
        return False


def _all_cells_ran(page, panel: str, seconds: float = 90) -> bool:
    """True once no code cell is waiting ("[ ]") or running ("[*]")."""
    script = r"""panel => {
        const prompts = [...document.querySelectorAll(panel + ' .jp-CodeCell .jp-InputPrompt')];
        return prompts.length > 0 && prompts.every(p => /\[\d+\]/.test(p.textContent));
    }"""
    try:
        page.wait_for_function(script, arg=panel, timeout=seconds * 1000)
        return True
    except Exception:  # Playwright's TimeoutError: try Run All again
        return False


def output_with(page, text: str, nth: int = 0):
    """The nth cell output that contains ``text`` (widgets re-render: always locate afresh)."""
    return page.locator(".jp-OutputArea-output", has_text=text).nth(nth)
