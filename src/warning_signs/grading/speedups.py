"""Costs of nbgrader that a grading worker need not pay, without changing any grade.

* nbgrader checks every cell's metadata with ``jsonschema.validate``, which first
  re-checks the *schema itself*: about 0.4 s of CPU per notebook. The worker
  checks the (constant) schema once and validates each cell with that validator:
  the same cells pass and fail.
* Each graded cell is one SQLite commit; with write-ahead logging,
  ``synchronous=NORMAL`` keeps the gradebook consistent after a crash while
  syncing at checkpoints instead of at every commit.
"""

from __future__ import annotations

import copy
import types


def check_cell_schema_once() -> None:
    import jsonschema
    from nbgrader.nbgraderformat import common

    checked: list[tuple[dict, object]] = []  # (schema, its validator); nbgrader has one or two schemas

    def validator(schema):
        for known, checker in checked:
            if known is schema or known == schema:
                return checker
        kind = jsonschema.validators.validator_for(schema)
        kind.check_schema(schema)
        checked.append((copy.deepcopy(schema), kind(schema)))
        return checked[-1][1]

    def validate(instance, schema):
        error = jsonschema.exceptions.best_match(validator(schema).iter_errors(instance))
        if error is not None:
            raise error  # what jsonschema.validate raises

    common.jsonschema = types.SimpleNamespace(validate=validate)


def relaxed_sqlite_sync() -> None:
    from sqlalchemy import event
    from sqlalchemy.engine import Engine

    if getattr(relaxed_sqlite_sync, "done", False):  # once per process
        return

    @event.listens_for(Engine, "connect")
    def _on_connect(connection, _record):
        if type(connection).__module__.startswith("sqlite3"):
            cursor = connection.cursor()
            if cursor.execute("PRAGMA journal_mode").fetchone()[0] == "wal":
                cursor.execute("PRAGMA synchronous=NORMAL")
            cursor.close()

    setattr(relaxed_sqlite_sync, "done", True)  # noqa: B010 (a flag on the function)


def share_engines() -> None:
    """nbgrader opens the gradebook about nine times per submission, each time with a new
    SQLAlchemy engine whose statement cache starts empty (0.1 s of CPU per submission).
    One engine per database URL for the worker's lifetime keeps the cache warm."""
    from nbgrader import api

    if getattr(api.create_engine, "shared", False):
        return
    make, engines = api.create_engine, {}

    def create_engine(url, **kwargs):
        key = (str(url), tuple(sorted(kwargs.items())))
        if key not in engines:
            engines[key] = make(url, **kwargs)
        return engines[key]

    setattr(create_engine, "shared", True)  # noqa: B010 (a flag on the function)
    api.create_engine = create_engine
