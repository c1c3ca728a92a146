"""Project settings the generator needs, read from ``mkdocs.yml``.

The generator runs before any engine, so it reads the few values it needs
(where the docs go, the repository for "Edit this record" links) straight
from the MkDocs configuration, resolving ``!ENV`` tags as MkDocs does.
"""

from __future__ import annotations

import re
import urllib.parse
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from yaml_env_tag import construct_env_tag

DEFAULT_DOCS_DIR = "build/docs"


class _ConfigLoader(yaml.SafeLoader):
    """SafeLoader that understands the tags mkdocs.yml may use."""


_ConfigLoader.add_constructor("!ENV", construct_env_tag)
# Tags of other tools (such as Material's !!python/name) are irrelevant here.
_ConfigLoader.add_multi_constructor("", lambda loader, suffix, node: None)


class SettingsError(Exception):
    """mkdocs.yml cannot be read or holds a value of the wrong shape."""


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


def load_settings(root: Path, config: dict[str, Any] | None = None) -> Settings:
    """Settings from ``root/mkdocs.yml``, or from an already loaded MkDocs config."""
    if config is None:
        config_path = root / "mkdocs.yml"
        if not config_path.is_file():
            raise SettingsError(
                f"no mkdocs.yml in {root}: run this from the repository root, or pass --root"
            )
        try:
            config = yaml.load(config_path.read_text("utf-8"), Loader=_ConfigLoader) or {}
        except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
            reason = " ".join(str(error).split())
            raise SettingsError(f"cannot read mkdocs.yml in {root}: {reason}") from error
    extra = config.get("extra") or {}
    factsheets = extra.get("factsheets") or {}
    docs_dir = Path(config.get("docs_dir") or DEFAULT_DOCS_DIR)
    return Settings(
        root=root,
        docs_dir=docs_dir if docs_dir.is_absolute() else root / docs_dir,
        content_dir=root / factsheets.get("content_dir", "content"),
        templates_dir=root / factsheets.get("templates_dir", "site_templates"),
        repo_url=str(factsheets.get("repo_url") or "https://github.com/example/factsheets"),
        edit_branch=str(factsheets.get("edit_branch", "main")),
        site_name=str(config.get("site_name") or "Fact sheets"),
        site_url=str(config.get("site_url") or ""),
    )
