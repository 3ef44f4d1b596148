"""Workshop mode on one JupyterHub machine: ``warning-signs hub`` (see README, "Workshop on a JupyterHub").

settings.py  where everything goes, the roster as Unix accounts
accounts.py  Unix accounts, groups, passwords (as root)
install.py   the dedicated environment: JupyterHub, a proxy, the idle culler, the course
config.py    jupyterhub_config.py and the learners' / instructor's Jupyter config
folders.py   the nbgrader exchange, the shared progress folder, the terminals' PATH
process.py   start, wait for, and stop the hub
commands.py  the CLI: ``warning-signs hub`` / ``hub stop``
singleuser.py  run as the learner at every server start: prepare the workspace, then JupyterLab
workspace.py   a learner's workspace on a hub (lessons here; exercises come from the Assignments tab)
"""

import os


def on_hub() -> bool:
    """True inside a JupyterHub user's server, kernel or terminal (JupyterHub sets these)."""
    return bool(os.environ.get("JUPYTERHUB_USER") or os.environ.get("WARNING_SIGNS_HUB"))


def progress_folder():
    """The learner's shared progress folder on a hub (class views read it), if they can write there."""
    from pathlib import Path

    folder = os.environ.get("WARNING_SIGNS_PROGRESS")
    if folder and os.path.isdir(folder) and os.access(folder, os.W_OK):
        return Path(folder)
    return None
