"""nbgrader's Execute step with an output cap, and its jailed variant.

nbclient keeps every output message in memory until the notebook is written, so
a learner's ``while True: print(...)`` would grow the grader, not the kernel.
Past ``max_output_bytes`` in one cell, further output is dropped, a note takes
its place and the kernel is interrupted (the cell then fails, as it should).

A kernel that dies (or stops answering) while running a cell, after the
notebook's own code has run, ends the execution without failing it: the cells
run so far keep their outputs, a note marks the cell it stopped in, the stop is
recorded (``incidents.stopped``) and nbgrader goes on to save the notebook, so
the trusted scorer scores the saved answers. A kernel that dies before any of
the notebook's own code ran (a broken sandbox) still fails the submission.
"""

from __future__ import annotations

import asyncio

from jupyter_core.utils import ensure_async
from nbclient.exceptions import CellTimeoutError, DeadKernelError
from nbformat.v4 import new_output
from nbgrader.preprocessors import Execute
from traitlets import Integer

from . import incidents
from .kernel import JailedKernelManager

OUTPUT_MESSAGES = {"stream", "display_data", "execute_result", "error", "update_display_data", "comm_msg", "comm_open"}


class GuardedExecute(Execute):
    """Execute, keeping at most ``max_output_bytes`` of output per cell."""

    max_output_bytes = Integer(1_000_000, help="output kept per cell; the rest is dropped").tag(config=True)

    def preprocess(self, nb, resources=None, km=None):
        self._output_bytes: dict[int, int] = {}
        self._interrupts: set[asyncio.Future] = set()  # kept until done: a dropped task may never run
        try:
            return super().preprocess(nb, resources, km)
        except _Stopped as stop:  # the kernel is already cleaned up: keep what ran
            incidents.stopped(str((resources or {}).get("unique_key", "")), stop.cell, stop.why)
            return self.nb, self.resources

    def preprocess_cell(self, cell, resources, index):
        try:
            return super().preprocess_cell(cell, resources, index)
        except (DeadKernelError, CellTimeoutError) as error:
            if not learner_code_ran(self.nb.cells, index):
                raise  # nothing of the notebook's own had run: the grader's setup failed
            cell.outputs.append(new_output("stream", name="stdout", text=f"\n[{STOPPED_HERE}]\n"))
            why = (
                f"a cell ran past its time limit ({self.timeout} s) and the kernel did not stop"
                if isinstance(error, CellTimeoutError)  # nbclient gives up on it (then it is shut down)
                else "it died"
            )
            raise _Stopped(index + 1, why) from error

    def process_message(self, msg, cell, cell_index):
        if msg["msg_type"] in OUTPUT_MESSAGES:
            used = self._output_bytes.get(cell_index, 0)
            self._output_bytes[cell_index] = used + _size(msg["content"])
            if self._output_bytes[cell_index] > self.max_output_bytes:
                if used <= self.max_output_bytes:
                    self._cut(msg, cell, cell_index, room=self.max_output_bytes - used)
                return None
        return super().process_message(msg, cell, cell_index)

    def _cut(self, msg, cell, cell_index: int, room: int) -> None:
        """Keep what fits of the message that crossed the limit, add a note, stop the cell."""
        limit = f"{self.max_output_bytes / 1e6:g} MB"
        if msg["msg_type"] == "stream" and room > 0:
            cell.outputs.append(new_output("stream", name=msg["content"]["name"], text=msg["content"]["text"][:room]))
        cell.outputs.append(
            new_output("stream", name="stdout", text=f"\n[Output stopped: this cell printed more than {limit}.]\n")
        )
        incidents.note(f"output flood: cell {cell_index + 1} printed more than {limit}; it was cut and stopped")
        task = asyncio.ensure_future(ensure_async(self.km.interrupt_kernel()))
        self._interrupts.add(task)
        task.add_done_callback(self._interrupts.discard)


STOPPED_HERE = "The grading kernel stopped while this cell ran; the cells below did not run."


class _Stopped(Exception):
    def __init__(self, cell: int, why: str):
        super().__init__(cell, why)
        self.cell, self.why = cell, why


def learner_code_ran(cells, index: int) -> bool:
    """Whether a code cell of the notebook's own (not a locked grading cell) is among cells[: index + 1]."""
    return any(
        c.get("cell_type") == "code" and not c.get("metadata", {}).get("nbgrader", {}).get("locked")
        for c in cells[: index + 1]
    )


class JailedExecute(GuardedExecute):
    """GuardedExecute whose kernel runs in the jail (see sandbox.py and kernel.py)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("kernel_manager_class", JailedKernelManager)
        super().__init__(*args, **kwargs)


def _size(content: dict) -> int:
    """Rough size of an output message: its text and data, not its envelope."""
    if "text" in content:
        return len(content["text"])
    if "data" in content:
        return sum(len(str(v)) for v in content["data"].values())
    if "traceback" in content:
        return sum(len(line) for line in content["traceback"])
    return len(str(content))
