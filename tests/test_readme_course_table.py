"""The README's course table lists every lesson and exercise with the time it states, and the total adds up."""

from __future__ import annotations

import re

from conftest import ROOT, exercise_paths, lesson_paths
from warning_signs.knowledge.timing import TIME_LINE, stated_minutes

ROW = re.compile(r"^\|[^|]*\| `(?P<path>(lessons|exercises)/[^`]+)` \| (?P<minutes>\d+) \|", re.M)
TOTAL = re.compile(r"\*\*Course total:\*\* (?P<minutes>\d+) minutes")


def exercise_minutes(path) -> int | None:
    import json

    first = json.loads(path.read_text(encoding="utf-8"))["cells"][0]
    found = TIME_LINE.search("".join(first["source"]))
    return int(found.group(1)) if found else None


def test_every_lesson_and_exercise_is_listed_with_its_stated_time():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    listed = {m["path"].rstrip("/"): int(m["minutes"]) for m in ROW.finditer(readme)}
    expected = {f"lessons/{p.name}": stated_minutes(p) for p in lesson_paths()}
    expected |= {f"exercises/{p.parent.name}": exercise_minutes(p) for p in exercise_paths()}
    assert None not in expected.values(), [k for k, v in expected.items() if v is None]
    assert listed == expected
    total = TOTAL.search(readme)
    assert total and int(total["minutes"]) == sum(expected.values()), (
        f"the README's course total should be {sum(expected.values())} minutes"
    )
