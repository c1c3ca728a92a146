"""Stage 4, render: linked records -> Markdown pages, through Jinja2 templates.

The templates in ``site_templates/pages/`` decide what a page shows; this
module gives them the data and the helpers. Two guarantees hold for every
template:

* every value printed with ``{{ … }}`` is escaped for Markdown unless it is
  already :class:`~generator.escape.Markdown`, which only helpers here make;
* an undefined name or field is an error that names the template and the
  record, never a silently empty string.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2

from .escape import Markdown, defang_markdown, escape_text
from .link import DATE_FIELD, Site, by_date, cited_sources
from .model import KINDS, PartialDate, Record
from .settings import Settings

KIND_TITLES = {
    "actors": "Actors",
    "gifts": "Gifts",
    "visits": "Visits",
    "sanctions": "Sanctions",
    "sources": "Sources",
}

STATUS_LABELS = {
    "confirmed": "Confirmed",
    "reported": "Reported",
    "claimed": "Claimed",
    "disputed": "Disputed",
    "denied": "Denied",
}


class RenderError(Exception):
    """A template failed; the message names the template and the record."""


def _finalize(value: Any) -> Any:
    if isinstance(value, Markdown):
        return value
    if isinstance(value, jinja2.Undefined):
        str(value)  # StrictUndefined raises here, naming the missing field
    if isinstance(value, bool) or value is None:
        raise TypeError(f"refusing to print {value!r}: test it in the template instead")
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, str):
        return escape_text(value)
    raise TypeError(f"cannot print a {type(value).__name__} in a page; format it first")


def page_path(record: Record) -> str:
    return f"{record.kind}/{record.id}.md"


def format_date(text: str | None) -> Markdown:
    if not text:
        return Markdown("n.d.")
    return Markdown(escape_text(PartialDate.parse(text).human()))


@dataclass
class PageContext:
    """Helpers bound to the page being rendered, for relative links."""

    site: Site
    settings: Settings
    path: str  # the page being rendered, relative to the docs dir

    def url(self, target: str) -> str:
        # Pages sit at most one folder deep, so the relative URL is simple
        # to build; posixpath.relpath was a third of the render time.
        here = posixpath.dirname(self.path)
        there, name = posixpath.split(target)
        if here == there:
            return name
        return "../" * (here.count("/") + 1 if here else 0) + target

    def link(self, target: str, label: str | Markdown) -> Markdown:
        text = label if isinstance(label, Markdown) else escape_text(label)
        return Markdown(f"[{text}]({self.url(target)})")

    def record_link(self, record: Record) -> Markdown:
        return self.link(page_path(record), record_label(record))

    def ref(self, kind: str, record_id: str) -> Markdown:
        return self.record_link(self.site.records[kind][record_id])

    def actors(self, actor_ids: list[str]) -> Markdown:
        return Markdown(", ".join(self.ref("actors", a) for a in actor_ids))

    def external(self, url: str, label: str) -> Markdown:
        # Validated as http(s) by the url rule; percent-encode what would
        # end the Markdown link early.
        safe = url.replace(" ", "%20").replace("(", "%28").replace(")", "%29")
        safe = safe.replace("<", "%3C").replace(">", "%3E")
        return Markdown(f"[{escape_text(label)}]({safe})")


def record_label(record: Record) -> str:
    return (
        record.data["name"]
        if record.kind == "actors"
        else record.data.get("title", record.data.get("publisher", record.id))
    )


def status_badge(claim: dict[str, Any]) -> Markdown:
    status = claim["status"]
    # Only known statuses reach here (the schema enforces it), so the class
    # and label are ours, never contributor text.
    return Markdown(f'<span class="fs-status fs-status--{status}">{STATUS_LABELS[status]}</span>')


def indent_markdown(text: str, width: int) -> Markdown:
    """Indent every line but the first, keeping the text's Markdown status.

    Jinja's own ``indent`` returns a plain string, which would be escaped again.
    """
    pad = " " * width
    lines = str(text).split("\n")
    indented = [lines[0]] + [pad + line if line.strip() else "" for line in lines[1:]]
    result = "\n".join(indented)
    return Markdown(result) if isinstance(text, Markdown) else escape_text(result)


def make_environment(templates_dir: Path) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(templates_dir / "pages"),
        undefined=jinja2.StrictUndefined,
        finalize=_finalize,
        autoescape=False,  # Markdown, not HTML: _finalize escapes instead
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["markdown"] = defang_markdown
    env.filters["date"] = format_date
    env.filters["safe_md"] = Markdown
    env.filters["indent_md"] = indent_markdown
    env.globals.update(
        status_badge=status_badge,
        KIND_TITLES=KIND_TITLES,
        by_date=by_date,
        page_path=page_path,
        DATE_FIELD=DATE_FIELD,
    )
    return env


class Renderer:
    """Renders every page of the site into a ``{path: markdown}`` mapping."""

    def __init__(self, site: Site, settings: Settings) -> None:
        self.site = site
        self.settings = settings
        self.env = make_environment(settings.templates_dir)

    def render_all(self, extra_pages: dict[str, str] | None = None) -> dict[str, str]:
        pages: dict[str, str] = {}
        pages["index.md"] = self.render("home.md.j2", "index.md")
        pages["timeline.md"] = self.render("timeline.md.j2", "timeline.md")
        for kind in KINDS:
            path = f"{kind}/index.md"
            pages[path] = self.render("index.md.j2", path, kind=kind)
            singular = KINDS[kind]
            for record in self.site.records[kind].values():
                path = page_path(record)
                pages[path] = self.render(
                    f"{singular}.md.j2",
                    path,
                    record=record,
                    data=record.data,
                    citations=cited_sources(record.data),
                    edit_url=self.settings.edit_url(record.path),
                )
        pages.update(extra_pages or {})
        return dict(sorted(pages.items()))

    def render(self, template_name: str, path: str, **values: Any) -> str:
        context = PageContext(self.site, self.settings, path)
        helpers: dict[str, Callable[..., Any] | Any] = {
            "site": self.site,
            "link": context.link,
            "ref": context.ref,
            "record_link": context.record_link,
            "actors": context.actors,
            "external": context.external,
            "site_name": self.settings.site_name,
        }
        try:
            template = self.env.get_template(template_name)
            text = template.render(**helpers, **values)
        except jinja2.TemplateError as error:
            raise RenderError(_describe(error, template_name, values)) from error
        except (TypeError, KeyError, ValueError) as error:
            raise RenderError(_describe(error, template_name, values)) from error
        return _tidy(text)


def _describe(error: Exception, template_name: str, values: dict[str, Any]) -> str:
    record = values.get("record")
    where = f" while rendering {record.path}" if isinstance(record, Record) else ""
    at = _template_position(error) or template_name
    return f"{at}: {error}{where}"


def _template_position(error: Exception) -> str | None:
    """``name.md.j2:LINE`` of the innermost template frame, if any.

    Jinja rewrites tracebacks so that template frames carry the template's
    own file name and line numbers.
    """
    if getattr(error, "lineno", None) and getattr(error, "name", None):
        return f"{error.name}:{error.lineno}"
    position = None
    trace = error.__traceback__
    while trace is not None:
        filename = trace.tb_frame.f_code.co_filename
        if filename.endswith(".j2"):
            position = f"{Path(filename).name}:{trace.tb_lineno}"
        trace = trace.tb_next
    return position


def _tidy(text: str) -> str:
    """One trailing newline and no runs of blank lines, so diffs stay small."""
    lines = [line.rstrip() for line in text.splitlines()]
    tidy: list[str] = []
    for line in lines:
        if line == "" and tidy and tidy[-1] == "":
            continue
        tidy.append(line)
    return "\n".join(tidy).strip("\n") + "\n"
