"""Configuration files the hub writes: JupyterHub's, and the Jupyter config of each role.

``<state>/config/``
    ``jupyterhub_config.py``   PAM logins for the roster's accounts only, one local process per
                               user, the landing page, the idle culler, 127.0.0.1 by default
    ``jupyter/common/``        every server: kernel culling, framing by the hub's own pages
                               (Formgrader), nbgrader's exchange and the Assignments tab's folder
    ``jupyter/learner/``       learners: nbgrader's instructor tools off (UI and server)
    ``jupyter/instructor/``    the instructor: the course root and its gradebook for Formgrader

A server's role comes from ``JUPYTER_CONFIG_PATH``, set per user when the hub spawns it.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from ..cli import INSTRUCTOR_PLUGINS, INSTRUCTOR_SERVER_EXTENSIONS
from ..grading.config import COURSE_ID
from ..paths import labextensions_dir
from . import install
from .settings import START_PAGE, Account, HubSettings

UNUSED_EXTENSIONS = {"jupyter_lsp": False, "notebook": False}
KERNEL_CULL_INTERVAL = 60  # seconds between checks (shorter for short timeouts, as in the benchmark)


def role_dirs(settings: HubSettings) -> dict[str, Path]:
    base = settings.config_dir / "jupyter"
    return {role: base / role for role in ("common", "learner", "instructor")}


def server_config(settings: HubSettings) -> dict:
    """Settings every user's server shares (jupyter_server_config.json)."""
    every = min(KERNEL_CULL_INTERVAL, max(5, settings.cull_kernels // 3))
    return {
        "ServerApp": {
            # JupyterHub forbids framing; Formgrader is a frame inside JupyterLab.
            "tornado_settings": {"headers": {"Content-Security-Policy": "frame-ancestors 'self'"}},
            # Not used in the course, and each costs CPU at every server start (measured: starts are
            # the slow moment of a class): the language-server bridge and Notebook 7's second UI.
            "jpserver_extensions": dict(UNUSED_EXTENSIONS),
        },
        # The course's own front-end fix: a Run All chosen while the kernel starts is not dropped.
        "LabApp": {"extra_labextensions_path": [str(labextensions_dir())]},
        "MappingKernelManager": {
            "cull_idle_timeout": settings.cull_kernels,
            "cull_interval": every,
            "cull_connected": True,  # an open but idle tab still frees its memory; answers are on disk
            "cull_busy": False,
        },
        "TerminalManager": {"cull_inactive_timeout": settings.cull_kernels, "cull_interval": every},
    }


def ngshare_url(settings: HubSettings) -> str | None:
    """ngshare's address through the hub's proxy, when the hub runs it (settings.extra["ngshare"])."""
    if not settings.extra.get("ngshare"):
        return None
    return f"http://127.0.0.1:{settings.port}/services/ngshare"


def nbgrader_common(settings: HubSettings) -> str:
    """Everyone's nbgrader config: the exchange, and fetched exercises in ~/exercises/ (one copy)."""
    if ngshare_url(settings):  # the exchange as a service (as on Kubernetes), not a folder
        exchange = (
            "from ngshare_exchange import configureExchange\n\n"
            f"c = get_config()  # noqa: F821\nconfigureExchange(c, {ngshare_url(settings)!r})\n"
        )
    else:
        exchange = f"c = get_config()  # noqa: F821\nc.Exchange.root = {str(settings.exchange)!r}\n"
    return (
        '"""nbgrader settings for everyone on this hub (written by `warning-signs hub`)."""\n'
        "import os\n"
        f"{exchange}"
        f"c.CourseDirectory.course_id = {COURSE_ID!r}\n"
        "# The Assignments tab fetches into ~/exercises/<exercise>/, the one copy a learner works in.\n"
        "c.Exchange.assignment_dir = os.path.join(os.path.expanduser('~'), 'exercises')\n"
    )


def nbgrader_instructor(settings: HubSettings) -> str:
    source = settings.extra.get("source_exercises") or _installed_exercises(settings)
    return (
        '"""The instructor\'s course root on this hub (written by `warning-signs hub`)."""\n'
        "from warning_signs.grading.config import apply\n\n"
        "c = get_config()  # noqa: F821\n"
        f"apply(c, root={str(settings.course_root)!r}, source={str(source)!r})\n"
        + ("" if ngshare_url(settings) else f"c.Exchange.root = {str(settings.exchange)!r}\n")
    )


def _installed_exercises(settings: HubSettings) -> Path:
    found = sorted((settings.env / "lib").glob("python3*/site-packages/warning_signs/course/exercises"))
    return found[0] if found else settings.env / "exercises-not-installed"


def learner_server_config() -> dict:
    # The whole dict: a higher-priority config file replaces it rather than merging.
    off = {**UNUSED_EXTENSIONS, **{name: False for name in INSTRUCTOR_SERVER_EXTENSIONS}}
    return {"ServerApp": {"jpserver_extensions": off}}


def learner_page_config() -> dict:
    return {"disabledExtensions": {name: True for name in INSTRUCTOR_PLUGINS}}


def write_jupyter_config(settings: HubSettings) -> dict[str, Path]:
    dirs = role_dirs(settings)
    _write(dirs["common"] / "jupyter_server_config.json", json.dumps(server_config(settings), indent=1))
    _write(dirs["common"] / "nbgrader_config.py", nbgrader_common(settings))
    _write(dirs["learner"] / "jupyter_server_config.json", json.dumps(learner_server_config(), indent=1))
    _write(dirs["learner"] / "labconfig" / "page_config.json", json.dumps(learner_page_config(), indent=1))
    _write(dirs["instructor"] / "nbgrader_config.py", nbgrader_instructor(settings))
    os.chmod(dirs["common"].parent, 0o755)
    return dirs


def environment(settings: HubSettings, user: str) -> dict[str, str]:
    """What the hub puts in a user's server environment (the config path decides the role)."""
    dirs = role_dirs(settings)
    instructor = user == settings.instructor_account
    role = dirs["instructor" if instructor else "learner"]
    env = {
        "JUPYTER_CONFIG_PATH": os.pathsep.join([str(role), str(dirs["common"])]),
        "PATH": os.pathsep.join([str(settings.env / "bin"), "/usr/local/bin", "/usr/bin", "/bin"]),
        "WARNING_SIGNS_HUB": "1",
        "WARNING_SIGNS_EXCHANGE": str(settings.exchange),
        "WARNING_SIGNS_PROGRESS": str(settings.progress_dir / user),
    }
    if instructor:
        env["WARNING_SIGNS_COURSE"] = str(settings.course_root)
        env["WARNING_SIGNS_CLASS_PROGRESS"] = str(settings.progress_dir)
    return env


def hub_config(settings: HubSettings, learners: list[Account]) -> str:
    """The text of jupyterhub_config.py (values as JSON, so nothing needs quoting by hand)."""
    hub_port = settings.extra.get("hub_port", settings.port + 1)
    api_port = settings.extra.get("proxy_api_port", settings.port + 2)
    users = sorted({a.name for a in learners} | {settings.instructor_account})
    values = {
        "bind_url": f"http://{settings.host}:{settings.port}",
        "hub_port": hub_port,
        "proxy_api": f"http://127.0.0.1:{api_port}",
        "proxy": str(install.proxy_command(settings.env) or "configurable-http-proxy"),
        "hub_dir": str(settings.hub_dir),
        "users": users,
        "instructor": settings.instructor_account,
        "python": str(install.python(settings.env)),
        "default_url": f"/lab/tree/{START_PAGE}",
        "cull_servers": settings.cull_servers,
        "environments": {user: environment(settings, user) for user in users},
        "ngshare": _ngshare_service(settings),
    }
    return f'''"""JupyterHub configuration written by `warning-signs hub` (re-run it rather than edit this file)."""
import json

S = json.loads({json.dumps(json.dumps(values, indent=1))})
c = get_config()  # noqa: F821

c.JupyterHub.bind_url = S["bind_url"]
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = S["hub_port"]
c.ConfigurableHTTPProxy.api_url = S["proxy_api"]
c.ConfigurableHTTPProxy.command = [S["proxy"]]
c.ConfigurableHTTPProxy.pid_file = S["hub_dir"] + "/proxy.pid"
c.JupyterHub.db_url = "sqlite:///" + S["hub_dir"] + "/jupyterhub.sqlite"
c.JupyterHub.cookie_secret_file = S["hub_dir"] + "/jupyterhub_cookie_secret"
c.JupyterHub.pid_file = S["hub_dir"] + "/jupyterhub.pid"

# Logins: the roster's Unix accounts and their passwords (PAM); nobody else.
c.Authenticator.allowed_users = set(S["users"])
c.Authenticator.admin_users = {{S["instructor"]}}
c.PAMAuthenticator.open_sessions = False

# One server per user, run as that user, in their home, opening on the start page.
# The course's launcher prepares the learner's workspace first, then starts JupyterLab.
c.Spawner.cmd = [S["python"], "-m", "warning_signs.hub.singleuser"]
c.Spawner.default_url = S["default_url"]
c.Spawner.notebook_dir = "~"
c.Spawner.start_timeout = 120
c.Spawner.http_timeout = 90


def set_role(spawner):
    spawner.environment.update(S["environments"].get(spawner.user.name, {{}}))


c.Spawner.pre_spawn_hook = set_role

# Stop servers idle longer than the timeout (kernels are culled inside each server).
# `warning-signs hub stop` (and the tests) use the admin service's token, kept root-only.
with open(S["hub_dir"] + "/admin-token") as handle:
    admin_token = handle.read().strip()
c.JupyterHub.services = [
    {{"name": "idle-culler",
     "command": [S["python"], "-m", "jupyterhub_idle_culler", "--timeout=%d" % S["cull_servers"], "--cull-every=60"]}},
    {{"name": "warning-signs-admin", "api_token": admin_token}},
]
c.JupyterHub.load_roles = [
    {{"name": "idle-culler", "services": ["idle-culler"],
     "scopes": ["list:users", "read:users:activity", "read:servers", "delete:servers"]}},
    {{"name": "warning-signs-admin", "services": ["warning-signs-admin"],
     "scopes": ["list:users", "read:users", "servers", "tokens", "access:servers"]}},
]
if S["ngshare"]:  # nbgrader's exchange as a service: every user may reach it with their token
    c.JupyterHub.services.append(S["ngshare"])
    c.JupyterHub.load_roles.append({{"name": "user", "scopes": ["self", "access:services!service=ngshare"]}})
# A re-run (new learners) restarts the hub only: learners' servers keep running.
c.JupyterHub.cleanup_servers = False
'''


def _ngshare_service(settings: HubSettings) -> dict | None:
    given = settings.extra.get("ngshare")  # {"python": its interpreter, "port": where it listens}
    if not given:
        return None
    return {
        "name": "ngshare",
        "url": f"http://127.0.0.1:{given['port']}",
        "command": [
            given["python"],
            "-m",
            "ngshare",
            "--admins",
            settings.instructor_account,
            "--database",
            f"sqlite:///{settings.hub_dir}/ngshare.db",
            "--storage",
            f"{settings.hub_dir}/ngshare-files/",
        ],
    }


def write_hub_config(settings: HubSettings, learners: list[Account]) -> Path:
    path = settings.config_dir / "jupyterhub_config.py"
    _write(path, hub_config(settings, learners))
    return path


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(mode=0o755, parents=True, exist_ok=True)
    os.chmod(path.parent, 0o755)  # every user's server reads its config
    path.write_text(text)
    os.chmod(path, 0o644)
