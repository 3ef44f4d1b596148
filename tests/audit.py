"""An axe-core audit of a page, with each violation's elements split into the course's and the host's.

The course's own elements are the notebook's outputs and text (widgets, charts, tables,
lesson prose): serious or critical violations there fail a test. Everything else is
JupyterLab's or Voila's own page and is listed, not failed.
"""

from __future__ import annotations

import fcntl
import json
from pathlib import Path

COURSE = ".jp-OutputArea-output, .jp-MarkdownOutput, .jp-RenderedHTMLCommon"
FAILING = ("serious", "critical")
_WHERE = """([targets, course]) => targets.map(t => {
    try { const el = document.querySelector(t); return !!(el && el.closest(course)); } catch (e) { return false; }
})"""


def audit(page) -> dict:
    """{"course": [...], "host": [...]}: one row per (rule, impact) with the count of elements."""
    from axe_playwright_python.sync_playwright import Axe

    violations = Axe().run(page).response["violations"]
    found: dict[str, list] = {"course": [], "host": []}
    for rule in violations:
        targets = [str(node["target"][0]) for node in rule["nodes"]]
        ours = page.evaluate(_WHERE, [targets, COURSE])
        for side, flag in (("course", True), ("host", False)):
            nodes = [t for t, o in zip(targets, ours, strict=True) if o is flag]
            if nodes:
                found[side].append({"rule": rule["id"], "impact": rule["impact"], "count": len(nodes),
                                    "examples": nodes[:3]})
    return found


def failing(found: dict) -> list:
    return [row for row in found["course"] if row["impact"] in FAILING]


def counts(found: dict) -> dict:
    total = lambda side, impacts: sum(r["count"] for r in found[side] if r["impact"] in impacts)  # noqa: E731
    return {"course_serious_critical": total("course", FAILING),
            "course_other": total("course", ("moderate", "minor")),
            "host_serious_critical": total("host", FAILING),
            "host_other": total("host", ("moderate", "minor"))}


def record(path: Path, page_name: str, found: dict) -> None:
    """Add one page's figures to a JSON file of the run (kept in test-artifacts/).

    Test workers (pytest-xdist) record at the same time: a lock file keeps each
    read-and-rewrite whole, so no worker's pages are lost."""
    with open(path.with_suffix(".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        table = json.loads(path.read_text()) if path.exists() else {}
        table[page_name] = {**counts(found), "course": found["course"], "host_rules": sorted(
            {r["rule"] for r in found["host"]})}
        path.write_text(json.dumps(table, indent=1))
