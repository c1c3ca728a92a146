"""The YAML front matter of the generated pages, as MkDocs reads it back."""

from __future__ import annotations

from typing import Any

import yaml

# libyaml's dumper is several times faster than PyYAML's own.
_BaseDumper: Any = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


class Block(str):
    """Text written as a YAML literal block (``|``): one line of the page per line."""


class _Dumper(_BaseDumper):  # type: ignore[misc,valid-type]
    pass


_Dumper.add_representer(
    Block,
    lambda dumper, text: dumper.represent_scalar("tag:yaml.org,2002:str", str(text), style="|"),
)


def front_matter(meta: dict[str, Any]) -> str:
    """Front matter that MkDocs reads back exactly (PyYAML on both sides)."""
    if not meta:
        return ""
    dumped = yaml.dump(meta, Dumper=_Dumper, allow_unicode=True, sort_keys=True, width=1000)
    return f"---\n{dumped}---\n\n"
