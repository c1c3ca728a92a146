"""``editor``: write the editor's schema mapping (.vscode/settings.json) from the registry.

yaml-language-server (VS Code's YAML extension and others) validates each
record against its kind's schema as you type; the mapping from folders to
schemas is derived from the kinds, like everything else.
"""

from __future__ import annotations

import json
from typing import Any

from ..kinds import load_registry
from ..settings import Settings

SETTINGS_FILE = ".vscode/settings.json"


def editor_settings(settings: Settings) -> dict[str, Any]:
    content = settings.content_dir.relative_to(settings.root).as_posix()
    return {
        "yaml.schemas": {
            f"./generator/schemas/{kind.schema_file}": f"{content}/{kind.folder}/*.yaml"
            for kind in load_registry()
        },
        "yaml.customTags": [],
        "files.associations": {"*.md.j2": "jinja-md"},
    }


def render(settings: Settings) -> str:
    return json.dumps(editor_settings(settings), indent=2, ensure_ascii=False) + "\n"


def run(settings: Settings) -> bool:
    """Write the mapping; True if it changed."""
    path = settings.root / SETTINGS_FILE
    text = render(settings)
    if path.is_file() and path.read_text("utf-8") == text:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, "utf-8")
    return True
