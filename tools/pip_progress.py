"""`pip install ARGS`, shown as one progress line; pip's own output goes to a log file.

Used by `make start` and `make test` the first time:
    python tools/pip_progress.py LOG "what it installs" "how long" -- PIP-ARGS...
On failure it prints the last lines of the log and exits with pip's status.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path


def main(argv: list[str]) -> int:
    log, what, how_long, *rest = argv
    pip_args = rest[1:] if rest and rest[0] == "--" else rest
    print(f"Installing {what} into .venv (first time only, about {how_long}) …", flush=True)
    started, count, name = time.monotonic(), 0, ""
    Path(log).parent.mkdir(parents=True, exist_ok=True)
    with open(log, "w") as out:
        pip = subprocess.Popen([sys.executable, "-m", "pip", "install", "--disable-pip-version-check", *pip_args],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, bufsize=1)
        assert pip.stdout is not None
        for line in pip.stdout:
            out.write(line)
            if line.startswith(("Collecting ", "Requirement already satisfied: ")):
                count += 1
                name = line.split()[1] if line.startswith("Collecting") else line.split()[3]
            elif line.startswith("Installing collected packages"):
                name = "unpacking everything"
            if sys.stdout.isatty():
                print(f"\r  {count} packages so far ({name[:40]}) … {time.monotonic() - started:.0f} s".ljust(78),
                      end="", flush=True)
        status = pip.wait()
    if sys.stdout.isatty():
        print()
    if status:
        print(f"The installation failed. The last lines of {log}:")
        print("".join(Path(log).read_text(errors="replace").splitlines(keepends=True)[-15:]))
        return status
    print(f"Installed {count} packages in {time.monotonic() - started:.0f} s (pip's log: {log}).", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
