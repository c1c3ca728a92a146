"""``build``: generate, then build the site with MkDocs and swap it into place."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..build import BuildError, build_site
from ..pipeline import GenerateResult
from ..settings import Settings
from . import CommandError
from . import generate as generate_command


@dataclass
class BuildResult:
    generated: GenerateResult
    site: Path | None


def run(settings: Settings) -> BuildResult:
    generated = generate_command.run(settings)
    if generated.report is None:
        return BuildResult(generated, None)
    try:
        site = build_site(settings.root, generated=True)
    except BuildError as error:
        raise CommandError(str(error)) from error
    return BuildResult(generated, site)
