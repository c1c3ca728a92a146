"""The record schemas: one JSON Schema per kind, the single source of truth.

The validator, the editor integration (yaml-language-server) and the field
reference in CONTRIBUTING.md are all derived from the files in
``generator/schemas/``. Project-specific keywords start with ``x-``:

``x-ref``
    the value is the id of a record of that kind (references rule);
``x-date``
    the value is a date of known precision (date rules);
``x-not-before``
    this date may not precede the named sibling date (date-order rule);
``x-markdown``
    the value is Markdown and may contain no HTML (markdown rule);
``x-cite-every-paragraph``
    every paragraph of this Markdown field must cite a source (uncited-paragraph rule);
``x-labels``
    the reader's words for the values of an enum;
``x-backref``
    the record this field names lists this record under that heading;
``x-url``
    the value is a web address (url rule);
``x-expected``
    how to describe a valid value in a diagnostic.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import jsonschema_rs
from jsonschema import Draft202012Validator

from .model import JsonPath


@cache
def load_schema(name: str) -> dict[str, Any]:
    text = resources.files("generator.schemas").joinpath(f"{name}.schema.json").read_text("utf-8")
    return json.loads(text)


@cache
def inlined(name: str) -> dict[str, Any]:
    """The kind's schema with every ``$ref`` replaced by what it points to.

    The schemas are not recursive, so this terminates. Validating against
    the inlined form is several times faster: jsonschema no longer looks up
    a reference for every field of every record.
    """
    return _inline(load_schema(name), f"{name}.schema.json")


def _inline(schema: Any, base: str) -> Any:
    if isinstance(schema, list):
        return [_inline(item, base) for item in schema]
    if not isinstance(schema, dict):
        return schema
    if "$ref" in schema:
        schema, base = resolve(schema, base)
    return {
        key: (value if key in ("enum", "const", "required") else _inline(value, base))
        for key, value in schema.items()
        if key != "$id"
    }


@cache
def fast_validator(name: str) -> Any:
    """jsonschema-rs for the kind: the same verdicts, tens of times faster.

    It only says whether a record is valid; the messages for an invalid one
    come from :func:`validator`. Its regular expressions follow JSON Schema's
    (ECMA-262) rules, where ``$`` ends the text, as contributors expect.
    """
    return jsonschema_rs.validator_for(inlined(name))


@cache
def validator(name: str) -> Draft202012Validator:
    """A compiled validator for one kind, built once per process."""
    return Draft202012Validator(inlined(name))


def resolve(schema: dict[str, Any], base: str) -> tuple[dict[str, Any], str]:
    """Follow ``$ref`` until a schema without one, merging x- keywords on the way.

    Keywords written next to a ``$ref`` (such as ``description``) win over
    those of the target, as JSON Schema 2020-12 allows.
    """
    merged: dict[str, Any] = {}
    while "$ref" in schema:
        for key, value in schema.items():
            if key != "$ref":
                merged.setdefault(key, value)
        ref = schema["$ref"]
        file, _, pointer = ref.partition("#")
        base = file or base
        target: Any = load_schema(base.removesuffix(".schema.json"))
        for part in pointer.strip("/").split("/") if pointer else []:
            target = target[part]
        schema = target
    for key, value in schema.items():
        merged.setdefault(key, value)
    return merged, base


@dataclass(frozen=True)
class Annotated:
    """A value in a record together with the (resolved) schema describing it."""

    path: JsonPath
    value: Any
    schema: dict[str, Any]
    parent: Any


def walk(name: str, data: Any) -> Iterator[Annotated]:
    """Yield every value in ``data`` with its resolved schema.

    Rules use this to find annotated fields (``x-ref``, ``x-date`` …) without
    knowing the shape of any kind, so a new field only needs a schema entry.
    Values the schema does not describe are skipped; the schema check
    reports those.
    """
    yield from _walk(inlined(name), data, (), None)


def _walk(schema: dict[str, Any], value: Any, path: JsonPath, parent: Any) -> Iterator[Annotated]:
    yield Annotated(path, value, schema, parent)
    if isinstance(value, dict):
        properties = schema.get("properties", {})
        extra = schema.get("additionalProperties")
        for key, child in value.items():
            if key in properties:
                yield from _walk(properties[key], child, (*path, key), value)
            elif isinstance(extra, dict):
                yield from _walk(extra, child, (*path, key), value)
    elif isinstance(value, list) and isinstance(schema.get("items"), dict):
        for index, child in enumerate(value):
            yield from _walk(schema["items"], child, (*path, index), value)


def field_schema_at(name: str, path: JsonPath) -> dict[str, Any]:
    """The inlined schema of the value at ``path`` in a record of kind ``name``."""
    schema: dict[str, Any] = inlined(name)
    for part in path:
        schema = (
            schema.get("items", {})
            if isinstance(part, int)
            else schema.get("properties", {}).get(part, {})
        )
    return schema


def field_description(name: str, path: JsonPath) -> str | None:
    """The schema's description of the field at ``path``, if any."""
    return field_schema_at(name, path).get("description")


def field_schema(name: str, path: str) -> dict[str, Any]:
    """The inlined schema of the field at a dotted path such as ``items[].category``.

    ``name`` is a kind's schema, or ``defs`` for a shared definition, whose
    first path part names the definition (``claim.status``).
    """
    schema: dict[str, Any] = inlined(name)
    parts = path.split(".") if path else []
    if name == "defs" and parts:
        schema = schema.get("$defs", {}).get(parts.pop(0).removesuffix("[]"), {})
    for part in parts:
        many = part.endswith("[]")
        schema = schema.get("properties", {}).get(part.removesuffix("[]"), {})
        if many:
            schema = schema.get("items", {})
    if "items" in schema and "enum" not in schema and isinstance(schema["items"], dict):
        return schema["items"] if "enum" in schema["items"] else schema
    return schema
