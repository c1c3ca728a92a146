"""``new <kind> <id>``: a skeleton record with every field explained.

The skeleton is generated from the kind's schema, like the field reference,
so it cannot fall behind it. Required fields get a ``"TODO: …"`` value that
the validator refuses (rule ``unfilled-placeholder``) until it is replaced;
optional fields are present as comments.
"""

from __future__ import annotations

import json
import sys
import textwrap
from pathlib import Path
from typing import Any

from .model import ID_PATTERN, KINDS
from .schema import inlined

PLACEHOLDER = "TODO"


def _kind(word: str) -> str | None:
    word = word.lower()
    if word in KINDS:
        return word
    for plural, singular in KINDS.items():
        if word == singular:
            return plural
    return None


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


def skeleton(kind: str) -> str:
    name = KINDS[kind]
    schema = inlined(name)
    head = [
        f"# {schema['title']}: {schema['description']}",
        "# Replace every TODO value; fields commented out are optional.",
        "# Field reference: CONTRIBUTING.md. Check with: python -m generator validate",
    ]
    head = [line for text in head for line in _comment(text.lstrip("# "), "")]
    schema_line = f"# yaml-language-server: $schema=../../generator/schemas/{name}.schema.json"
    body = _lines(schema, "")
    return "\n".join([schema_line, *head, "", *body]) + "\n"


def new_command(root: Path, kind_word: str, record_id: str) -> int:
    kind = _kind(kind_word)
    if kind is None:
        kinds = ", ".join(KINDS.values())
        print(f"error: unknown kind `{kind_word}`: use one of {kinds}", file=sys.stderr)
        return 2
    if not ID_PATTERN.match(record_id):
        print(
            f"error: `{record_id}` is not a valid id: use lowercase letters, digits and single "
            "hyphens, such as `kim-jong-un`",
            file=sys.stderr,
        )
        return 2
    for other in KINDS:
        for suffix in (".yaml", ".yml"):
            existing = root / "content" / other / f"{record_id}{suffix}"
            if existing.exists():
                print(
                    f"error: the id `{record_id}` is already used by "
                    f"{existing.relative_to(root).as_posix()}: choose another id",
                    file=sys.stderr,
                )
                return 2
    path = root / "content" / kind / f"{record_id}.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(skeleton(kind), "utf-8")
    print(f"wrote {path.relative_to(root).as_posix()}: fill in every TODO, then validate")
    return 0
