"""`make start` itself: prepares the workspace and serves the course's start page."""

import os
import signal
import subprocess
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
        text = log.read_text()
        assert f"http://127.0.0.1:{port}/lab/tree/lessons/00-start-here.ipynb" in text
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)


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
