"""A user's server on the hub: prepare their workspace, then become jupyterhub-singleuser.

The hub runs ``python -m warning_signs.hub.singleuser`` as the user, in their
home, at every server start: the first start copies the lessons and the start
page (the landing page); later ones add course updates without touching the
learner's changes. A failure here never blocks the login: it is logged and the
server starts anyway.
"""

from __future__ import annotations

import sys


def main() -> None:
    try:
        from .workspace import prepare_home

        print(f"[warning-signs] {prepare_home().text()}", file=sys.stderr, flush=True)
    except Exception as exc:  # noqa: BLE001 - the learner must still get their server
        print(f"[warning-signs] could not prepare the workspace ({exc}); starting anyway.", file=sys.stderr, flush=True)
    # In this process (one interpreter start, not two: server starts are the slow moment of a class).
    from jupyterhub.singleuser import main as singleuser

    sys.argv[0] = "jupyterhub-singleuser"
    singleuser()


if __name__ == "__main__":
    main()
