"""Project settings the generator needs, read from ``mkdocs.yml``.

The generator runs before any engine, so it reads the few values it needs
(where the docs go, the repository for "Edit this record" links) straight
from the MkDocs configuration, resolving ``!ENV`` tags as MkDocs does.
"""

from __future__ import annotations

import os
import re
import urllib.parse
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from yaml_env_tag import construct_env_tag

DEFAULT_DOCS_DIR = "build/docs"
# Generated Markdown may only go below this folder of the project: the
# writer deletes pages it no longer generates, so it must never be pointed
# at the project itself, content/, or a folder outside the project.
BUILD_DIR = "build"


class SettingsError(ValueError):
    """mkdocs.yml cannot be used; the message names it and says what is wrong."""


class _ConfigLoader(yaml.SafeLoader):
    """SafeLoader that understands the tags mkdocs.yml may use."""


_ConfigLoader.add_constructor("!ENV", construct_env_tag)
# Tags of other tools (such as Material's !!python/name) are irrelevant here.
_ConfigLoader.add_multi_constructor("", lambda loader, suffix, node: None)


@dataclass(frozen=True)
class Settings:
    root: Path
    docs_dir: Path
    content_dir: Path
    templates_dir: Path
    repo_url: str
    edit_branch: str
    site_name: str
    site_url: str = ""

    @property
    def offline_zip(self) -> str:
        """The offline copy's file name, as the deploy workflow publishes it."""
        slug = re.sub(r"[^a-z0-9]+", "-", self.site_name.lower()).strip("-") or "site"
        return f"{slug}-offline.zip"

    def issue_url(self, title: str, body: str) -> str:
        """A prefilled "new issue" form on the repository."""
        query = urllib.parse.urlencode({"title": title, "body": body})
        return f"{self.repo_url.rstrip('/')}/issues/new?{query}"

    def edit_url(self, record_path: str) -> str:
        return f"{self.repo_url.rstrip('/')}/edit/{self.edit_branch}/{record_path}"


def load_settings(root: Path, config: Mapping[str, Any] | None = None) -> Settings:
    """Settings from ``root/mkdocs.yml``, or from an already loaded MkDocs config.

    Raises SettingsError, with a one-line message, for a configuration the
    generator cannot use.
    """
    if config is None:
        config = read_config(root / "mkdocs.yml")
    extra = _mapping(config.get("extra"), "extra")
    factsheets = _mapping(extra.get("factsheets"), "extra.factsheets")
    docs_dir = _docs_dir(root, config.get("docs_dir"))
    return Settings(
        root=root,
        docs_dir=docs_dir,
        content_dir=root / _text(factsheets, "content_dir", "content"),
        templates_dir=root / _text(factsheets, "templates_dir", "site_templates"),
        repo_url=str(factsheets.get("repo_url") or "https://github.com/example/factsheets"),
        edit_branch=str(factsheets.get("edit_branch", "main")),
        site_name=str(config.get("site_name") or "Fact sheets"),
        site_url=str(config.get("site_url") or ""),
    )


def read_config(path: Path) -> dict[str, Any]:
    """``mkdocs.yml`` as a mapping, or SettingsError saying why it is not one."""
    try:
        text = path.read_bytes().decode("utf-8")
    except FileNotFoundError:
        raise SettingsError(
            f"{path.name}: not found in {path.parent}; run this from the repository root, "
            "or pass --root"
        ) from None
    except OSError as error:
        raise SettingsError(f"{path.name}: cannot be read: {error.strerror or error}") from None
    except UnicodeDecodeError as error:
        raise SettingsError(
            f"{path.name}: not UTF-8 text (byte {error.start}); save it as UTF-8"
        ) from None
    try:
        config = yaml.load(text, Loader=_ConfigLoader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark
        where = f":{mark.line + 1}:{mark.column + 1}" if mark else ""
        raise SettingsError(f"{path.name}{where}: not valid YAML: {error.problem}") from None
    except yaml.YAMLError as error:
        raise SettingsError(f"{path.name}: not valid YAML: {error}") from None
    if config is None:
        return {}
    if not isinstance(config, dict):
        raise SettingsError(
            f"{path.name}: expected a mapping of settings (site_name: ..., docs_dir: ...), "
            f"found a {_kind(config)}"
        )
    return config


def _mapping(value: object, name: str) -> Mapping[str, Any]:
    if value is None:
        return {}
    if not isinstance(value, Mapping):  # MkDocs passes its own Mapping types
        raise SettingsError(
            f"mkdocs.yml: {name} must be a mapping of settings, not a {_kind(value)}"
        )
    return value


def _text(mapping: Mapping[str, Any], key: str, default: str) -> str:
    value = mapping.get(key, default)
    if not isinstance(value, str) or not value.strip():
        raise SettingsError(
            f"mkdocs.yml: extra.factsheets.{key} must be a folder name, not {_kind(value)}"
        )
    return value


def _docs_dir(root: Path, value: object) -> Path:
    """The docs folder, which must lie inside the project's build/ folder."""
    if value is None:
        value = DEFAULT_DOCS_DIR
    if not isinstance(value, str) or not value.strip():
        raise SettingsError(f"mkdocs.yml: docs_dir must be a folder name, not {_kind(value)}")
    path = Path(value)
    path = path if path.is_absolute() else root / path
    build = Path(os.path.realpath(root / BUILD_DIR))
    resolved = Path(os.path.realpath(path))
    if resolved == build or build not in resolved.parents:
        raise SettingsError(
            f"mkdocs.yml: docs_dir {value!r} is not inside the project's {BUILD_DIR}/ folder; "
            f"the generator deletes the pages it no longer generates there, so use "
            f"{DEFAULT_DOCS_DIR!r}"
        )
    return path


def _kind(value: object) -> str:
    if isinstance(value, (list, tuple)):
        return "list"
    if isinstance(value, bool):
        return "true/false value"
    if isinstance(value, (int, float)):
        return f"number ({value})"
    if isinstance(value, str):
        return repr(value)
    return type(value).__name__
