"""`make start` itself: prepares the workspace and serves the course's start page."""

import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest

from browser import free_port
from conftest import ROOT

pytestmark = pytest.mark.slow


def test_make_start_serves_the_start_page_on_the_chosen_port(tmp_path):
    port = free_port()
    workspace = tmp_path / "ws"
    log = tmp_path / "start.log"
    command = ["make", "-s", "start", "NO_BROWSER=1", f"PORT={port}", f"WORKSPACE={workspace}"]
    with open(log, "w") as out:
        server = subprocess.Popen(command, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT,
                                  start_new_session=True,
                                  env={**os.environ, "JUPYTER_TOKEN": "t0ken"})
    try:
        page = _get(f"http://127.0.0.1:{port}/lab/tree/lessons/00-start-here.ipynb?token=t0ken", server, log)
        assert "JupyterLab" in page
        assert (workspace / "lessons" / "00-start-here.ipynb").exists()
        assert (workspace / "exercises" / "01-atrocity-crimes" / "01-atrocity-crimes.ipynb").exists()
        text = _until(log, "To stop")
        assert f"http://127.0.0.1:{port}/lab/tree/lessons/00-start-here.ipynb?token=t0ken" in text
        # What a learner needs, and nothing of JupyterLab's own log (that goes to a file named once).
        server_log = workspace / ".warning-signs" / "jupyterlab.log"
        assert f"JupyterLab's own messages go to {server_log}" in text
        assert "[I " not in text and "ServerApp" not in text, text
        assert "ServerApp" in server_log.read_text()
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)


def _until(log, words, seconds=30):
    deadline = time.monotonic() + seconds
    while words not in log.read_text() and time.monotonic() < deadline:
        time.sleep(0.3)
    return log.read_text()


def test_the_installer_shows_one_line_then_a_count_and_names_its_log(tmp_path):
    tool = [sys.executable, str(ROOT / "tools" / "pip_progress.py"), str(tmp_path / "pip.log"), "a test", "1 s", "--"]
    done = subprocess.run([*tool, "--no-index", "--no-deps", "pip"], capture_output=True, text=True)
    assert done.returncode == 0
    lines = done.stdout.splitlines()
    assert lines[0] == "Installing a test into .venv (first time only, about 1 s) …"
    assert lines[-1].startswith("Installed 1 packages in") and str(tmp_path / "pip.log") in lines[-1]
    failed = subprocess.run([*tool, "--no-index", "no-such-package-warning-signs"], capture_output=True, text=True)
    assert failed.returncode != 0
    assert "The installation failed" in failed.stdout and "no-such-package-warning-signs" in failed.stdout


def _get(url, server, log, seconds=120):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"make start exited:\n{log.read_text()[-2000:]}")
        try:
            with urllib.request.urlopen(url, timeout=3) as response:
                return response.read().decode()
        except (OSError, urllib.error.URLError):
            time.sleep(0.5)
    pytest.fail(f"make start did not serve {url}:\n{log.read_text()[-2000:]}")
