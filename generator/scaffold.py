"""``new <kind> <id>``: a skeleton record with every field explained.

The skeleton is generated from the kind's schema, like the field reference,
so it cannot fall behind it. Required fields get a ``"TODO: …"`` value that
the validator refuses (rule ``unfilled-placeholder``) until it is replaced;
optional fields are present as comments.
"""

from __future__ import annotations

import json
import textwrap
from typing import Any

from .kinds import Kind
from .model import PLACEHOLDER
from .schema import inlined


def _comment(text: str, indent: str) -> list[str]:
    plain = text.replace("`", "")
    return [f"{indent}# {line}" for line in textwrap.wrap(plain, 92 - len(indent))]


def _placeholder(schema: dict[str, Any]) -> str:
    if "enum" in schema:
        return json.dumps(f"{PLACEHOLDER}: one of " + ", ".join(schema["enum"]))
    if "x-ref" in schema:
        return json.dumps(f"{PLACEHOLDER}: id from content/{schema['x-ref']}/")
    if schema.get("x-date"):
        return json.dumps(f"{PLACEHOLDER}: YYYY-MM-DD, YYYY-MM or YYYY")
    if schema.get("x-url"):
        return json.dumps(f"{PLACEHOLDER}: https://…")
    return json.dumps(f"{PLACEHOLDER}: write this")


def _lines(schema: dict[str, Any], indent: str, first_prefix: str = "") -> list[str]:
    """YAML lines for an inlined object schema: required fields filled, others commented.

    ``first_prefix`` starts the first line, as ``- `` does for a list item.
    """
    required = schema.get("required", [])
    out: list[str] = []
    prefix = first_prefix
    for name, child in schema.get("properties", {}).items():
        out += _comment(child.get("description", ""), indent)
        lead = prefix or indent
        prefix = ""
        if name not in required:
            out.append(f"{lead}# {name}:")
        elif "properties" in child:
            out.append(f"{lead}{name}:")
            out += _lines(child, indent + "  ")
        elif child.get("type") == "array":
            items = child.get("items", {})
            out.append(f"{lead}{name}:")
            if "properties" in items:
                out += _lines(items, indent + "    ", first_prefix=f"{indent}  - ")
            else:
                out.append(f"{indent}  - {_placeholder(items)}")
        else:
            out.append(f"{lead}{name}: {_placeholder(child)}")
    return out


def skeleton(kind: Kind) -> str:
    name = kind.name
    schema = inlined(name)
    head = [
        f"# {schema['title']}: {schema['description']}",
        "# Replace every TODO value; fields commented out are optional.",
        "# Field reference: CONTRIBUTING.md. Check with: python -m generator validate",
    ]
    head = [line for text in head for line in _comment(text.lstrip("# "), "")]
    schema_line = f"# yaml-language-server: $schema=../../generator/schemas/{kind.schema_file}"
    body = _lines(schema, "")
    return "\n".join([schema_line, *head, "", *body]) + "\n"
