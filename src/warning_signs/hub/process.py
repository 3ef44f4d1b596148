"""Start, wait for, talk to and stop the hub process.

The hub runs in the background (its own session, so closing the terminal does
not stop it), logging to ``<state>/hub/jupyterhub.log``. ``stop`` first stops
every user's server through the hub's API (with the admin service's root-only
token), then the hub, which stops its proxy.
"""

from __future__ import annotations

import json
import os
import secrets
import signal
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

from .settings import HubSettings


def admin_token(settings: HubSettings) -> str:
    path = settings.hub_dir / "admin-token"
    if not path.exists():
        fd = os.open(path, os.O_WRONLY | os.O_CREAT, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(secrets.token_hex(32))
    return path.read_text().strip()


def log_path(settings: HubSettings) -> Path:
    return settings.hub_dir / "jupyterhub.log"


def running_pid(settings: HubSettings) -> int | None:
    try:
        pid = int((settings.hub_dir / "jupyterhub.pid").read_text().strip())
        os.kill(pid, 0)
    except (OSError, ValueError):
        return None
    return pid


def start(settings: HubSettings, config: Path, timeout: float = 90) -> None:
    """Start JupyterHub in the background and wait until it answers."""
    log = log_path(settings)
    with open(log, "a") as out:
        out.write(f"\n=== warning-signs hub: starting at {time.strftime('%Y-%m-%d %H:%M:%S')}\n")
        out.flush()
        process = subprocess.Popen(
            [str(settings.env / "bin" / "jupyterhub"), "-f", str(config)],
            cwd=settings.hub_dir,
            stdout=out,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
            env={**_clean_env(), "PATH": f"{settings.env / 'bin'}:/usr/local/bin:/usr/bin:/bin"},
        )
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"JupyterHub stopped while starting; the end of {log}:\n{tail(log)}")
        if api(settings, "GET", "/") is not None:
            return
        time.sleep(0.5)
    raise RuntimeError(f"JupyterHub did not answer within {timeout:.0f} s; the end of {log}:\n{tail(log)}")


def stop(settings: HubSettings, servers: bool = True, timeout: float = 30) -> bool:
    """Stop the users' servers (unless ``servers`` is False) and the hub; False if it was not running."""
    pid = running_pid(settings)
    if pid is None:
        return False
    if servers:
        stop_servers(settings)
    try:
        os.killpg(os.getpgid(pid), signal.SIGTERM)
    except OSError:
        os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and _alive(pid):
        time.sleep(0.2)
    if _alive(pid):
        os.kill(pid, signal.SIGKILL)
    return True


def stop_servers(settings: HubSettings, timeout: float = 60) -> None:
    users = api(settings, "GET", "/users") or []
    for user in users:
        if user.get("servers") or user.get("server"):
            api(settings, "DELETE", f"/users/{user['name']}/server")
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        users = api(settings, "GET", "/users") or []
        if not any(u.get("servers") for u in users):
            return
        time.sleep(0.5)


def api(settings: HubSettings, method: str, path: str, body: dict | None = None):
    """Call the hub's REST API as the admin service; None when the hub does not answer."""
    url = f"http://127.0.0.1:{settings.port}/hub/api{path}"
    if settings.host not in ("0.0.0.0", "", "::"):
        url = f"http://{settings.host}:{settings.port}/hub/api{path}"
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(
        url, data=data, method=method, headers={"Authorization": f"token {admin_token(settings)}"}
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            text = response.read()
    except (urllib.error.URLError, OSError, ValueError):
        return None
    return json.loads(text) if text else {}


def tail(path: Path, lines: int = 15) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except OSError:
        return False
    try:  # a zombie child of ours counts as stopped
        return os.waitpid(pid, os.WNOHANG) == (0, 0)
    except ChildProcessError:
        return True


def _clean_env() -> dict[str, str]:
    """The hub's environment: not the caller's virtual environment or Jupyter settings."""
    drop = (
        "VIRTUAL_ENV",
        "PYTHONPATH",
        "JUPYTER_CONFIG_PATH",
        "JUPYTER_PATH",
        "JUPYTER_CONFIG_DIR",
        "JUPYTER_DATA_DIR",
        "WARNING_SIGNS_ROOT",
        "PYTHONHOME",
    )
    return {k: v for k, v in os.environ.items() if k not in drop}
