"""Checks of ``datasets/datapackage.json`` itself: names, fields, references and the list dialect.

Run before the tables are read (:func:`warning_signs.validate.validate_all`):
later checks rely on a sound descriptor. Each problem is one sentence saying
what to fix in datapackage.json.
"""

from __future__ import annotations

from warning_signs import data

KNOWN_TYPES = ["string", "integer", "number", "boolean", "date", "yearmonth", "year"]
# Fields named like these must point into the sources table.
SOURCE_SUFFIXES = ("source_id", "source_ids")


def check_descriptor(pkg: dict) -> list[str]:
    """Problems in datapackage.json itself: names, fields and references."""
    resources = pkg.get("resources", [])
    schemas = {res.get("name"): res.get("schema", {}) for res in resources}
    problems = []
    names = [res.get("name") for res in resources]
    for name in {n for n in names if names.count(n) > 1}:
        problems.append(f"datapackage.json lists the table '{name}' twice; remove one.")
    for res in resources:
        problems += _check_resource_descriptor(res, schemas)
    return problems


def _check_resource_descriptor(res: dict, schemas: dict) -> list[str]:
    name = res.get("name", "?")
    if not res.get("path") or not res.get("schema", {}).get("fields"):
        return [f"datapackage.json table '{name}' needs a name, a path and schema fields; add them."]
    schema = res["schema"]
    fields = {f["name"]: f for f in schema["fields"]}
    problems = []
    if "stagedPaths" in res:
        problems.append(
            f"datapackage.json table '{name}' lists stagedPaths, which the course no longer reads; "
            "add those rows to the table's own file and remove the entry."
        )
    for field in schema["fields"]:
        if field.get("type", "string") not in KNOWN_TYPES:
            problems.append(
                f"datapackage.json table '{name}' field '{field['name']}' has type "
                f"'{field['type']}'; use one of {', '.join(KNOWN_TYPES)}."
            )
        for prop in ("atMost", "ascendingWithin"):
            if prop in field and field[prop] not in fields:
                problems.append(_no_field(name, f"{field['name']}.{prop}", field[prop]))
        if field["name"].endswith(SOURCE_SUFFIXES) and not _references(schema, field["name"], "sources"):
            problems.append(
                f"datapackage.json table '{name}' field '{field['name']}' has no "
                f"foreign key to sources; add one so every source_id is checked."
            )
    for key in data.primary_key(res):
        if key not in fields:
            problems.append(_no_field(name, "primaryKey", key))
    for fk in foreign_keys(schema):
        problems += _check_fk_descriptor(name, fields, fk, schemas)
    return problems + _check_dialect(name, schema, fields)


def foreign_keys(schema: dict) -> list[dict]:
    """The standard foreign keys and the course's own (on list fields, or to several tables)."""
    return schema.get("foreignKeys", []) + schema.get("courseForeignKeys", [])


def _check_dialect(name: str, schema: dict, fields: dict) -> list[str]:
    """List rules written where stock Frictionless would apply them to the whole cell."""
    problems = []
    for field in schema["fields"]:
        whole = [c for c in ("enum", "pattern") if c in field.get("constraints", {})]
        if "separator" in field and whole:
            problems.append(
                f"datapackage.json table '{name}' list field '{field['name']}' has {' and '.join(whole)} "
                "under constraints; move it to itemConstraints, which applies to each item."
            )
    for fk in schema.get("foreignKeys", []):
        own = as_list(fk["fields"])
        if any("separator" in fields.get(f, {}) for f in own) or "alsoResources" in fk["reference"]:
            problems.append(
                f"datapackage.json table '{name}' has the foreign key on {', '.join(own)} under "
                "foreignKeys; move it to courseForeignKeys (it is on a list field or several tables)."
            )
    return problems


def _check_fk_descriptor(name: str, fields: dict, fk: dict, schemas: dict) -> list[str]:
    own = as_list(fk["fields"])
    target = fk["reference"]["resource"] or name  # "" means this same table
    if target not in schemas:
        return [
            f"datapackage.json table '{name}' has a foreign key to the unknown table '{target}'; fix the reference."
        ]
    target_fields = {f["name"] for f in schemas[target].get("fields", [])}
    problems = [_no_field(name, "foreignKeys", f) for f in own if f not in fields]
    problems += [
        _no_field(target, "foreignKeys reference", f)
        for f in as_list(fk["reference"]["fields"])
        if f not in target_fields
    ]
    if len(own) > 1 and any("separator" in fields.get(f, {}) for f in own):
        problems.append(
            f"datapackage.json table '{name}' has a several-field foreign key "
            f"with a list field; give the list field its own foreign key."
        )
    return problems


def _no_field(table: str, where: str, field: str) -> str:
    return f"datapackage.json table '{table}' names the field '{field}' in {where} but has no such field; fix the name."


def _references(schema: dict, field: str, target: str) -> bool:
    return any(
        as_list(fk["fields"]) == [field] and fk["reference"]["resource"] == target for fk in foreign_keys(schema)
    )


def as_list(value) -> list:
    return value if isinstance(value, list) else [value]
