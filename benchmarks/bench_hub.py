"""Ten learners at once on a real workshop hub made by `warning-signs hub` (as root).

* server start: all servers asked for at once through the hub's API; seconds until each is ready;
* Run All of Lesson 3: every learner's kernel runs the lesson's code cells at once, through
  their server's REST and WebSocket API (a session for the notebook, as JupyterLab opens it);
* memory per learner (PSS of all their processes): with the lesson's kernel, then idle after
  the kernel culler stopped it (culling on, with a short timeout here);
* CPU one learner action costs on the machine (kernel + their server + hub and proxy): widget
  callbacks of the scenario player and the risk assessment, run one learner at a time.

    sudo .venv/bin/python benchmarks/bench_hub.py [--learners 10]
Writes benchmarks/results/hub.json. Targets: p95 server start < 20 s; idle learner < 200 MiB.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import statistics
import sys
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from hubtools import why_not, workshop_hub  # noqa: E402
from warning_signs.paths import course_root  # noqa: E402

RESULTS = course_root() / "benchmarks" / "results"
LESSON = "lessons/03-scenario-practice.ipynb"
CULL_SECONDS = 20
SETUP = ("from warning_signs.widgets.scenario import ScenarioPlayer\nimport tempfile\n"
         "p = ScenarioPlayer('norvane', tempfile.mkdtemp())\nboxes = sorted(p.assessment.checklist.boxes)\n"
         "for s in range(8):\n    p.risk.value = 'high'; p.submit(); p.show(min(p.current + 1, 8))\n")
ACTIONS = {  # what a click runs in the kernel
    "tick a sign (save progress)": "b = p.assessment.checklist.boxes[boxes[{n} % len(boxes)]]; b.value = not b.value",
    "go to another stage": "p.show({n} % 8 + 1)",
    "choose a risk level": "p.risk.value = ['low', 'moderate', 'high'][{n} % 3]",
}


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def summary(values: list[float]) -> dict:
    return {"p50": round(pct(values, 0.5), 2), "p95": round(pct(values, 0.95), 2), "n": len(values)}


# --- processes -----------------------------------------------------------------------

def pids_of(uid: int) -> list[int]:
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                if os.stat(f"/proc/{entry}").st_uid == uid:
                    found.append(int(entry))
            except OSError:
                pass
    return found


def pss_mib(uid: int) -> float:
    total = 0
    for pid in pids_of(uid):
        try:
            for line in open(f"/proc/{pid}/smaps_rollup"):
                if line.startswith("Pss:"):
                    total += int(line.split()[1])
        except OSError:
            pass
    return total / 1024


def cpu_seconds(pids: list[int]) -> float:
    tick = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for pid in pids:
        try:
            fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / tick
        except OSError:
            pass
    return total


# --- a learner's kernel through their server ---------------------------------------------

class Kernel:
    def __init__(self, settings, user: str, token: str):
        self.base = f"127.0.0.1:{settings.port}/user/{user}"
        self.headers = {"Authorization": f"token {token}"}
        self.user = user

    async def open(self, path: str) -> None:
        from tornado.httpclient import AsyncHTTPClient, HTTPRequest
        from tornado.websocket import websocket_connect

        body = json.dumps({"path": path, "name": Path(path).name, "type": "notebook", "kernel": {"name": "python3"}})
        reply = await AsyncHTTPClient().fetch(HTTPRequest(f"http://{self.base}/api/sessions", method="POST",
                                                          headers=self.headers, body=body, request_timeout=120))
        self.kernel_id = json.loads(reply.body)["kernel"]["id"]
        self.ws = await websocket_connect(HTTPRequest(f"ws://{self.base}/api/kernels/{self.kernel_id}/channels",
                                                      headers=self.headers))

    async def run(self, code: str) -> dict:
        msg_id = uuid.uuid4().hex
        await self.ws.write_message(json.dumps({
            "header": {"msg_id": msg_id, "username": self.user, "session": "bench", "msg_type": "execute_request",
                       "version": "5.3", "date": ""},
            "parent_header": {}, "metadata": {}, "channel": "shell", "buffers": [],
            "content": {"code": code, "silent": False, "store_history": True, "user_expressions": {},
                        "allow_stdin": False, "stop_on_error": True}}))
        while True:
            message = json.loads(await asyncio.wait_for(self.ws.read_message(), 300))
            if message.get("parent_header", {}).get("msg_id") == msg_id and message["msg_type"] == "execute_reply":
                if message["content"]["status"] != "ok":
                    raise RuntimeError(f"{self.user}: {message['content'].get('ename')} {message['content'].get('evalue')}")
                return message

    def close(self) -> None:
        self.ws.close()


def lesson_cells() -> list[str]:
    cells = json.loads((course_root() / LESSON).read_text())["cells"]
    return ["".join(c["source"]) for c in cells if c["cell_type"] == "code"]


# --- the measurements --------------------------------------------------------------------

async def start_servers(settings, users: list[str]) -> dict[str, float]:
    from warning_signs.hub import process

    started = time.perf_counter()
    loop = asyncio.get_running_loop()
    await asyncio.gather(*(loop.run_in_executor(None, process.api, settings, "POST", f"/users/{u}/server")
                           for u in users))
    ready: dict[str, float] = {}
    while len(ready) < len(users) and time.perf_counter() - started < 300:
        for user in users:
            if user not in ready:
                model = process.api(settings, "GET", f"/users/{user}") or {}
                if model.get("servers", {}).get("", {}).get("ready"):
                    ready[user] = time.perf_counter() - started
        await asyncio.sleep(0.25)
    return ready


async def run_all(kernels: list[Kernel]) -> list[float]:
    cells = lesson_cells()

    async def one(kernel: Kernel) -> float:
        started = time.perf_counter()
        await kernel.open(LESSON)
        for code in cells:
            await kernel.run(code)
        return time.perf_counter() - started

    return list(await asyncio.gather(*(one(k) for k in kernels)))


async def actions(kernels: list[Kernel], uids: list[int], rounds: int, hub_pids: list[int]) -> dict:
    """Every learner clicks at once; CPU of all their processes, the hub and the proxy, per click."""
    await asyncio.gather(*(k.run(SETUP) for k in kernels))
    pids = [p for uid in uids for p in pids_of(uid)] + hub_pids
    cost, latency = {}, []
    for name, code in ACTIONS.items():

        async def clicks(kernel: Kernel, code: str = code) -> None:
            for n in range(rounds):
                started = time.perf_counter()
                await kernel.run(code.format(n=n))
                latency.append((time.perf_counter() - started) * 1000)

        before = cpu_seconds(pids)
        await asyncio.gather(*(clicks(k) for k in kernels))
        cost[name] = round((cpu_seconds(pids) - before) * 1000 / (rounds * len(kernels)), 1)
    return {"CPU per action (ms)": cost, "median CPU per action (ms)": statistics.median(cost.values()),
            "reply time per action, all learners clicking (ms)": summary(latency)}


async def measure(settings, people, learners: int) -> dict:
    import pwd

    from warning_signs.hub import process

    users = [a.name for a in people]
    uids = {u: pwd.getpwnam(u).pw_uid for u in users}
    ready = await start_servers(settings, users)
    # CPU each start cost (the server process, ready and waiting): independent of the machine's load.
    start_cpu = [cpu_seconds(pids_of(uids[u])) for u in users]
    token = process.admin_token(settings)
    kernels = [Kernel(settings, u, token) for u in users]
    lesson = await run_all(kernels)
    with_kernel = [pss_mib(uids[u]) for u in users]
    hub_pids = [int((settings.hub_dir / "jupyterhub.pid").read_text())]
    hub_pids += [p for p in pids_of(0) if "configurable-http-proxy" in open(f"/proc/{p}/cmdline").read()]
    load = os.getloadavg()
    cost = await actions(kernels, list(uids.values()), rounds=10, hub_pids=hub_pids)
    for kernel in kernels:
        kernel.close()
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline and any(len(pids_of(uids[u])) > 1 for u in users):
        await asyncio.sleep(2)  # until the culler stopped every kernel
    idle = [pss_mib(uids[u]) for u in users]
    per_action = cost["median CPU per action (ms)"]
    return {
        "learners": learners, "cpus": os.cpu_count(), "load before actions (1/5/15 min)": [round(x, 2) for x in load],
        "python": platform.python_version(),
        "server start (s)": summary(list(ready.values())), "servers ready": len(ready),
        "CPU per server start (s)": summary(start_cpu),
        "10 starts on an idle 2-core machine, from that CPU (s)": round(sum(start_cpu) / 2, 1),
        "Run All of Lesson 3 (s)": summary(lesson),
        "memory per learner with the lesson kernel (MiB PSS)": summary(with_kernel),
        f"memory per idle learner after kernel culling at {CULL_SECONDS} s (MiB PSS)": summary(idle),
        "CPU per learner action": cost,
        "learners per core, one action every 5 s each": round(5000 / per_action) if per_action else None,
        "note": "CPU per action counts the learner's kernel, their server, the hub and the proxy",
        "targets": {"server start p95 < 20 s": pct(list(ready.values()), 0.95) < 20,
                    "idle learner < 200 MiB": pct(idle, 0.95) < 200},
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--learners", type=int, default=10)
    args = parser.parse_args()
    reason = why_not()
    if reason:
        print(f"bench_hub skipped: {reason}")
        return 0
    with workshop_hub(learners=args.learners, cull_kernels=CULL_SECONDS) as (settings, people, _logins):
        result = asyncio.run(measure(settings, people, args.learners))
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "hub.json").write_text(json.dumps(result, indent=1))
    print(json.dumps(result, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
