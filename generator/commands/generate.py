"""``generate``: validate, then write the Markdown pages into the docs folder."""

from __future__ import annotations

from ..pipeline import GenerateResult, generate
from ..render import RenderError
from ..settings import Settings
from ..write import WriteError
from . import CommandError


def run(settings: Settings) -> GenerateResult:
    """Generate the pages; ``report`` is None when the content has errors."""
    try:
        return generate(settings)
    except RenderError as error:
        raise CommandError(f"a template failed: {error}") from error
    except WriteError as error:
        raise CommandError(str(error)) from error
