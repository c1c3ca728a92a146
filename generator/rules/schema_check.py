"""Rule: every record matches its kind's JSON Schema.

jsonschema does the checking; this module only turns its errors into
diagnostics a contributor can act on, pointing at the offending key or value.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from jsonschema import ValidationError

from ..diagnostics import Diagnostic, Rule
from ..model import Record
from ..schema import fast_validator, field_description, field_schema_at, validator
from .context import Context
from .placeholders import is_placeholder
from .suggest import did_you_mean

RULE = "schema"
RULES = (
    Rule("schema-required", "A required field is missing."),
    Rule("schema-unknown-field", "A field the schema does not know (often a typo)."),
    Rule("schema-enum", "A value that is not one of the allowed values."),
    Rule("schema-type", "A value of the wrong type, such as a number where text belongs."),
    Rule("schema-format", "A value in the wrong format (an id, a date, a language code)."),
    Rule("schema-empty", "An empty text or list where one is needed."),
    Rule("schema-unique", "A list with the same entry twice."),
    Rule("schema-range", "A number out of range."),
    Rule("schema-too-long", "A text or list longer than the schema allows."),
    Rule("schema-other", "Any other mismatch with the kind's schema."),
)

_TYPE_WORDS = {
    "string": "text",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "array": "a list (lines starting with `- `)",
    "object": "a group of `field: value` lines",
    "null": "nothing",
}


def check(context: Context) -> Iterator[Diagnostic]:
    for record in context.records:
        yield from check_record(context, record)


def check_record(context: Context, record: Record) -> Iterator[Diagnostic]:
    if fast_validator(record.schema_name).is_valid(record.data):
        return
    found = False
    for diagnostic in _explain(context, record):
        found = True
        yield diagnostic
    if not found:
        # The two engines disagree only where Python's regular expressions
        # are laxer (a `$` before a trailing newline): report it all the same.
        for error in fast_validator(record.schema_name).iter_errors(record.data):
            path = tuple(error.instance_path)
            if field_schema_at(record.schema_name, path).get("x-date"):
                continue  # the invalid-date rule explains dates
            if is_placeholder(record.document.value_at(path)):
                continue  # the placeholder rule says what to write instead
            message = f"does not match the schema: {error.message}"
            yield context.diagnostic(record, path, message, f"{RULE}-other")
            break


def _explain(context: Context, record: Record) -> Iterator[Diagnostic]:
    seen_paths: set[tuple[Any, ...]] = set()
    errors = validator(record.schema_name).iter_errors(record.data)
    for error in sorted(errors, key=lambda e: (list(map(str, e.absolute_path)), e.validator)):
        path = tuple(error.absolute_path)
        if is_placeholder(error.instance):
            continue  # the placeholder rule says what to write instead
        if error.validator == "required":
            yield from _required(context, record, error)
        elif error.validator == "additionalProperties":
            yield from _unknown_fields(context, record, error)
        elif path not in seen_paths:
            # One value is reported once, with the first thing wrong with it.
            seen_paths.add(path)
            message = _describe(error) + _quote_hint(record, path, error)
            yield context.diagnostic(record, path, message, f"{RULE}-{_rule_suffix(error)}")


def _quote_hint(record: Record, path: tuple[Any, ...], error: ValidationError) -> str:
    """For ``date: 2024``: editors and other YAML tools read it as a number too."""
    typed = record.document.plain_scalars.get(path)
    if error.validator != "type" or error.validator_value != "string" or typed is None:
        return ""
    return f': write it in quotes, `"{typed}"`, so that every YAML tool reads it as text'


def _rule_suffix(error: ValidationError) -> str:
    return {
        "enum": "enum",
        "const": "enum",
        "type": "type",
        "pattern": "format",
        "minLength": "empty",
        "minItems": "empty",
        "uniqueItems": "unique",
        "minimum": "range",
        "propertyNames": "format",
        "maxLength": "too-long",
        "maxItems": "too-long",
    }.get(str(error.validator), "other")


def _required(context: Context, record: Record, error: ValidationError) -> Iterator[Diagnostic]:
    path = tuple(error.absolute_path)
    instance = error.instance if isinstance(error.instance, dict) else {}
    for name in error.validator_value:
        if name in instance:
            continue
        description = field_description(record.schema_name, (*path, name))
        hint = f": {_first_sentence(description)}" if description else ""
        yield context.diagnostic(
            record, path, f"missing required field `{name}`{hint}", f"{RULE}-required"
        )


def _unknown_fields(
    context: Context, record: Record, error: ValidationError
) -> Iterator[Diagnostic]:
    path = tuple(error.absolute_path)
    allowed = sorted(error.schema.get("properties", {}))
    for name in error.instance:
        if name in allowed:
            continue
        hint = did_you_mean(name, allowed) or f"; the fields allowed here are: {', '.join(allowed)}"
        yield context.diagnostic(
            record,
            (*path, name),
            f"unknown field `{name}`{hint}",
            f"{RULE}-unknown-field",
            key=True,
        )


def _describe(error: ValidationError) -> str:
    schema = error.schema if isinstance(error.schema, dict) else {}
    expected = schema.get("x-expected")
    value = error.instance
    match error.validator:
        case "enum":
            options = [str(v) for v in error.validator_value]
            hint = did_you_mean(str(value), options) if isinstance(value, str) else ""
            return f"`{value}` is not an allowed value{hint}; use one of: {', '.join(options)}"
        case "type":
            wanted = expected or _TYPE_WORDS.get(str(error.validator_value), "another type")
            return f"expected {wanted}, but found {_found(value)}"
        case "pattern":
            return f"`{value}` is not {expected or 'in the expected format'}"
        case "minLength":
            return "must not be empty"
        case "maxLength":
            return (
                f"is {len(value)} characters long, over the limit of {error.validator_value}: "
                "shorten it, or move detail to the sources it cites"
            )
        case "minItems":
            return "must list at least one entry"
        case "uniqueItems":
            return "lists the same entry more than once: remove the repeat"
        case "minimum":
            return f"must be {error.validator_value} or more, not {value}"
        case "propertyNames":
            bad = [k for k in value if not _is_language(k)] if isinstance(value, dict) else []
            return f"`{', '.join(bad) or value}` is not a two- or three-letter language code"
    return error.message


def _is_language(key: str) -> bool:
    return 2 <= len(key) <= 3 and key.isascii() and key.isalpha() and key.islower()


def _found(value: Any) -> str:
    if value is None:
        return "nothing (the value is empty)"
    if isinstance(value, bool):
        return f"the boolean `{str(value).lower()}`"
    if isinstance(value, (int, float)):
        return f"the number `{value}`"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a group of fields"
    return f"the text `{value}`"


def _first_sentence(text: str) -> str:
    sentence = text.split(". ")[0].rstrip(".")
    return sentence[0].lower() + sentence[1:] if sentence else sentence
