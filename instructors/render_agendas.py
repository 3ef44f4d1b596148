"""Write agendas.md from agendas.csv and agenda_days.csv (run after editing either CSV).

    python instructors/render_agendas.py

The CSV files are the agendas; the Markdown is their readable copy, and a test
checks that the two agree, that every session fits its day and that each agenda
covers every lesson and exercise.
"""

from __future__ import annotations

import csv
from pathlib import Path

HERE = Path(__file__).resolve().parent
NAMES = {"two-day": "Two-day workshop", "three-day": "Three-day workshop"}
UNTIMED = {"before": "Before the workshop (on your own)", "after": "After the workshop"}


def read(name: str) -> list[dict]:
    with open(HERE / name, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def render() -> str:
    sessions, days = read("agendas.csv"), read("agenda_days.csv")
    out = ["# Workshop agendas", "",
           "Generated from `agendas.csv` and `agenda_days.csv` by `render_agendas.py`: edit the CSV files, "
           "then run `python instructors/render_agendas.py`. Facilitator notes for each lesson are in "
           "`notes/`; the self-paced path is in `self-paced.md`.", ""]
    for agenda in NAMES:
        rows = [s for s in sessions if s["agenda"] == agenda]
        room = sum(int(s["minutes"]) for s in rows if s["start"])
        out += [f"## {NAMES[agenda]}", "",
                f"{len([d for d in days if d['agenda'] == agenda])} days in the room "
                f"({room / 60:.1f} hours with breaks), plus work before and after.", ""]
        for day in ["before", *[d["day"] for d in days if d["agenda"] == agenda], "after"]:
            timed = [s for s in rows if s["day"] == day and s["start"]]
            untimed = [s for s in rows if s["day"] == day and not s["start"]]
            if not timed and not untimed:
                continue
            window = next((d for d in days if d["agenda"] == agenda and d["day"] == day), None)
            title = UNTIMED.get(day) or f"Day {day} ({window['start']}-{window['end']})"
            out += [f"### {title}", ""]
            if timed:
                out += ["| time | session | kind | covers |", "|---|---|---|---|"]
                out += [f"| {s['start']}-{s['end']} | {s['title']} | {s['kind']} | {s['covers'].replace(';', ', ')} |"
                        for s in timed]
                out.append("")
            if untimed:
                label = "Evening work" if day not in UNTIMED else "On your own"
                out += [f"{label}:", ""]
                out += [f"- {s['title']} ({s['minutes']} min; {s['kind']})" for s in untimed]
                out.append("")
    return "\n".join(out).rstrip() + "\n"


if __name__ == "__main__":
    (HERE / "agendas.md").write_text(render(), encoding="utf-8")
    print(f"Wrote {HERE / 'agendas.md'}")
