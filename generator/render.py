"""Stage 4, render: the linked site -> Markdown pages, through Jinja2 templates.

A page is front matter, Markdown headings, and HTML blocks. The headings stay
Markdown so MkDocs builds the table of contents, the heading permalinks and
the search sections from them; their text is escaped for Markdown and HTML
(:func:`~generator.escape.escape_text`). Everything else is HTML that this
stage writes: templates run with HTML autoescaping, contributor Markdown is
turned into HTML by :mod:`generator.markdown` (the parser the validator
used), and Python-Markdown passes raw HTML blocks through untouched. So no
text from a record is ever read as markup by a second parser.

An undefined name or field is an error that names the template and the
record, never a silently empty string.
"""

from __future__ import annotations

import json
import posixpath
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
import markupsafe
from markupsafe import Markup

from . import blocks, markdown, pictures
from .escape import escape_text
from .exports.meta import page_meta
from .frontmatter import front_matter
from .history import History
from .kinds import Column, Kind, enum_label
from .link import Site, Sources, in_site_order, record_date
from .model import PartialDate, Record
from .schema import field_schema
from .settings import Settings

# An index or timeline longer than this is split into parts (by year, or by
# first letter), so that no listing page grows with the size of the site.
PART_ROWS = 200
# A page of a long timeline: the picture and the table of at most this many.
TIMELINE_ROWS = 100


@dataclass(frozen=True)
class Part:
    """One page of a long listing: the records of a year, or of a first letter."""

    slug: str  # "2024", "k"
    label: str  # "2024", "K"
    records: list[Record]


def split_into_parts(
    records: list[Record], kind: Kind | None, key: Callable[[Record], str]
) -> list[Part]:
    """Consecutive runs of records sharing a key, in the order given.

    A run longer than a page (a year of many gifts, a thousand names under
    one letter) is cut into numbered pages of at most ``PART_ROWS`` records.
    """
    runs: list[Part] = []
    for record in records:
        slug = key(record)
        if not runs or runs[-1].slug != slug:
            label = slug.upper() if not slug.isdigit() else slug
            runs.append(Part(slug, label, []))
        runs[-1].records.append(record)
    parts: list[Part] = []
    for run in runs:
        if len(run.records) <= PART_ROWS:
            parts.append(run)
            continue
        pages = range(0, len(run.records), PART_ROWS)
        for number, start in enumerate(pages, start=1):
            chunk = run.records[start : start + PART_ROWS]
            label = f"{run.label} ({number} of {len(pages)})"
            parts.append(Part(f"{run.slug}-{number}", label, chunk))
    return parts


def part_key(kind: Kind) -> Callable[[Record], str]:
    """By year for dated kinds, by first letter of the title otherwise."""

    def by_year(record: Record) -> str:
        date = record_date(record, kind)
        return str(date.year) if date else "undated"

    def by_letter(record: Record) -> str:
        first = kind.title_of(record.data, record.id)[:1].casefold()
        return first if first.isalpha() and first.isascii() else "other"

    return by_year if kind.date_field else by_letter


class RenderError(Exception):
    """A template failed; the message names the template and the record."""


def page_path(record: Record) -> str:
    return f"{record.kind}/{record.id}.md"


def heading(text: str) -> Markup:
    """Text for a Markdown heading line, shown exactly as written."""
    return Markup(escape_text(str(text)))


def format_date(text: str | None) -> str:
    if not text:
        return "n.d."
    return PartialDate.parse(text).human()


def date_range(start: str, end: str | None) -> str:
    if not end or end == start:
        return format_date(start)
    return f"{format_date(start)} to {format_date(end)}"


def values_at(data: Any, path: str) -> list[Any]:
    """The values at a column path such as ``claim.status`` or ``items[].category``."""
    current = [data]
    for part in path.split("."):
        many = part.endswith("[]")
        name = part.removesuffix("[]")
        nxt: list[Any] = []
        for value in current:
            if isinstance(value, dict) and name in value:
                child = value[name]
                nxt.extend(child if many and isinstance(child, list) else [child])
        current = nxt
    out: list[Any] = []
    for value in current:
        out.extend(value if isinstance(value, list) else [value])
    return list(dict.fromkeys(v for v in out if v is not None and not isinstance(v, dict)))


@dataclass
class PageContext:
    """Helpers bound to the page being rendered: links, labels, prose."""

    site: Site
    settings: Settings
    path: str  # the page being rendered, relative to the docs dir
    sources: Sources | None = None
    drawings: Drawings | None = None

    def url(self, target: str) -> str:
        """A relative link from this page to ``target`` (a docs-relative ``.md`` path).

        Links sit in raw HTML, which MkDocs does not rewrite, so they point at
        the built ``.html`` file (the site has no directory URLs).
        """
        if target.endswith(".md"):
            target = target[:-3] + ".html"
        here = posixpath.dirname(self.path)
        there, name = posixpath.split(target)
        if here == there:
            return name
        return "../" * (here.count("/") + 1 if here else 0) + target

    def link(self, target: str, label: str) -> Markup:
        return Markup(f'<a href="{_html(self.url(target))}">{_html(label)}</a>')

    def record_link(self, record: Record) -> Markup:
        return self.link(page_path(record), self.site.title(record))

    def ref(self, record_id: str) -> Markup:
        record = self.site.find(record_id)
        return self.record_link(record) if record else Markup.escape(record_id)

    def actors(self, actor_ids: Iterable[str]) -> Markup:
        return Markup(", ").join(self.ref(a) for a in actor_ids)

    def external(self, url: str, label: str) -> Markup:
        # Validated as http(s) by the url rule; escaped for the attribute.
        return Markup(f'<a href="{_html(url)}" rel="noopener">{_html(label)}</a>')

    def prose(self, text: str, key: str = "") -> Markup:
        """A Markdown field as HTML, its citations numbered for this page.

        Without its last newline, so that the template's own line break
        after it does not leave a blank line inside the block.
        """
        refs = self.sources.refs if self.sources else None
        return Markup(markdown.render(text, refs, key).rstrip("\n"))

    def prose_inline(self, text: str, key: str = "") -> Markup:
        refs = self.sources.refs if self.sources else None
        return Markup(markdown.render_inline(text, refs, key))

    def label(self, kind: Kind | str, field_path: str, value: str) -> str:
        name = kind if isinstance(kind, str) else kind.name
        return enum_label(field_schema(name, field_path), value)

    def badge(self, status: str) -> Markup:
        # Only known statuses reach here (the schema enforces it).
        text = enum_label(field_schema("defs", "claim.status"), status)
        return Markup(f'<span class="fs-status fs-status--{_html(status)}">{_html(text)}</span>')

    def cell(self, record: Record, kind: Kind, column: Column) -> Markup:
        """One index table cell, with the value it sorts by."""
        values = values_at(record.data, column.value) if column.value else []
        show = column.show
        sort_value = ""
        if show == "link":
            content = self.record_link(record)
            sort_value = self.site.title(record).casefold()
        elif show == "date":
            date = record_date(record, kind) if column.value == kind.date_field else None
            end = record.data.get(kind.end_field) if kind.end_field else None
            first = values[0] if values else None
            content = Markup.escape(date_range(first, end) if first else "n.d.")
            sort_value = (
                (date or (PartialDate.parse(first) if first else None)).iso()
                if (date or first)
                else ""
            )
        elif show == "actors":
            content = self.actors(values)
            sort_value = "; ".join(self.site.title(self.site.actor(a)) for a in values)
        elif show == "status":
            content = Markup(" ").join(self.badge(v) for v in values)
            sort_value = " ".join(values)
        elif show == "label":
            content = Markup.escape("; ".join(self.label(kind, column.value, v) for v in values))
            sort_value = str(content)
        elif show == "values":
            flat = [
                v
                for value in values
                for v in (value.values() if isinstance(value, dict) else [value])
            ]
            content = Markup.escape(" · ".join(map(str, flat)))
        else:
            content = Markup.escape("; ".join(map(str, values)))
            sort_value = str(content).casefold()
        attrs = f' data-sort-value="{_html(sort_value)}"' if column.sort else ""
        return Markup(f"<td{attrs}>{_html(content)}</td>")

    def filter_values(self, record: Record, kind: Kind, column: Column) -> str:
        """What a filter column offers for this row, as readers read it."""
        values = values_at(record.data, column.value) if column.value else []
        if column.show == "actors":
            return "|".join(self.site.title(self.site.actor(v)) for v in values)
        if column.show in ("label", "status"):
            if column.show == "status":
                return "|".join(str(self.badge_text(v)) for v in values)
            return "|".join(self.label(kind, column.value, v) for v in values)
        return "|".join(map(str, values))

    def record_url(self, record: Record) -> str:
        return self.url(page_path(record))

    def timeline(
        self,
        id_prefix: str = "fs-timeline",
        entries: list[tuple[PartialDate, Record]] | None = None,
    ) -> Markup:
        """The SVG timeline, one lane per timeline kind, marks linking to records.

        ``entries`` limits it to some records (a year of a long timeline);
        without them, all records, or nothing when there are too many to draw.
        """
        assert self.drawings is not None
        lanes = [k.folder for k in self.site.registry.timeline_kinds()]
        drawn = self.drawings.entries
        if entries is not None:
            wanted = {id(record) for _, record in entries}
            drawn = [e for e in drawn if id(e.ref) in wanted]
        if len(drawn) > PART_ROWS:
            return Markup("")
        return Markup(
            pictures.timeline_svg(
                drawn,
                self.record_url,
                title="Timeline of the records",
                id_prefix=id_prefix,
                lane_order=lanes,
            )
        )

    def network(
        self, focus: str | None = None, title: str = "Who gave, visited and sanctioned whom"
    ) -> Markup:
        assert self.drawings is not None
        nodes, edges = self.drawings.around(focus)
        return Markup(pictures.network_svg(nodes, edges, self.record_url, focus=focus, title=title))

    def network_list(self, focus: str | None = None) -> Markup:
        assert self.drawings is not None
        nodes, edges = self.drawings.around(focus)
        return Markup(pictures.network_list(nodes, edges, self.record_url, focus=focus))

    def citation(self, record: Record) -> dict[str, str]:
        """How to cite a record: plain text, BibTeX and CSL-JSON, from its data."""
        title = self.site.title(record)
        base = self.settings.site_url.rstrip("/")
        page = page_path(record)[:-3] + ".html"
        url = f"{base}/{page}" if base else page
        site_name = self.settings.site_name
        plain = f"{site_name}, “{title}”, record {record.id}. {url}"
        csl = {
            "id": record.id,
            "type": "webpage",
            "title": title,
            "container-title": site_name,
            "URL": url,
        }
        key = record.id.replace("-", "_")
        bibtex = (
            f"@misc{{{key},\n  title = {{{_bibtex(title)}}},\n"
            f"  howpublished = {{{_bibtex(site_name)}}},\n  note = {{Record {record.id}}},\n"
            f"  url = {{{url}}}\n}}"
        )
        return {
            "plain": plain,
            "bibtex": bibtex,
            "csl": json.dumps(csl, ensure_ascii=False, indent=2),
        }

    def report_url(self, record: Record) -> str:
        title = f"Problem with {self.site.kind(record).label.lower()} {record.id}"
        body = (
            f"Record: `{record.path}` ({self.site.title(record)})\n\n"
            "What is wrong, and which source shows it:\n"
        )
        return self.settings.issue_url(title, body)

    def legend(self) -> Markup:
        """Every status, as its badge, next to a table that shows statuses."""
        statuses = field_schema("defs", "claim.status").get("enum", [])
        badges = Markup(" ").join(self.badge(s) for s in statuses)
        explained = self.url("methodology.md") + "#what-each-status-means"
        return Markup(
            '<p class="fs-legend">Statuses: {} <a href="{}">what they mean</a></p>'
        ).format(badges, explained)

    def badge_text(self, status: str) -> str:
        return enum_label(field_schema("defs", "claim.status"), status)


def _bibtex(text: str) -> str:
    """Text for a BibTeX field: braces and backslashes would end or escape it."""
    return re.sub(r"[{}\\]", "", text)


def _html(value: Any) -> str:
    """``value`` for HTML text or a quoted attribute: escaped unless it is Markup.

    Without blank lines, which would end the HTML block early (blocks.py).
    (f-strings and escape() here: Markup.format costs a fifth of the render.)
    """
    return blocks.one_block(str(markupsafe.escape(value)))


def _one_block_value(value: Any) -> Any:
    """What templates print: a plain string escaped as :func:`_html` does."""
    if isinstance(value, str) and not isinstance(value, Markup):
        return Markup(_html(value))
    return value


def make_environment(templates_dir: Path) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(templates_dir / "pages"),
        undefined=jinja2.StrictUndefined,
        autoescape=True,
        finalize=_one_block_value,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["heading"] = heading
    env.filters["date"] = format_date
    env.globals.update(
        page_path=page_path,
        date_range=date_range,
        record_date=record_date,
    )
    return env


@dataclass
class Drawings:
    """The data of the pictures, computed once for every page that draws one."""

    entries: list[pictures.TimelineEntry]
    network: tuple[list[pictures.NetworkNode], list[pictures.NetworkEdge]]

    def __post_init__(self) -> None:
        # Each actor page draws its neighbourhood: index the edges by actor
        # once, so a page looks at its own edges, not at every edge.
        nodes, edges = self.network
        self._nodes = {node.id: node for node in nodes}
        self._edges: dict[str, list[pictures.NetworkEdge]] = {}
        for edge in edges:
            self._edges.setdefault(edge.source, []).append(edge)
            if edge.target != edge.source:
                self._edges.setdefault(edge.target, []).append(edge)

    def around(
        self, focus: str | None
    ) -> tuple[list[pictures.NetworkNode], list[pictures.NetworkEdge]]:
        """The whole network, or the nodes and edges that touch ``focus``."""
        if focus is None:
            return self.network
        edges = self._edges.get(focus, [])
        ids = {focus} | {e.source for e in edges} | {e.target for e in edges}
        return [self._nodes[i] for i in sorted(ids) if i in self._nodes], edges

    @classmethod
    def of(cls, site: Site) -> Drawings:
        kinds = {k.folder: k.label for k in site.registry}
        status_schema = field_schema("defs", "claim.status")
        statuses = {s: enum_label(status_schema, s) for s in status_schema.get("enum", [])}
        return cls(
            pictures.site_timeline_entries(site, kinds, statuses, site.title),
            pictures.site_network(site, site.title),
        )


class Renderer:
    """Renders every page of the site into a ``{path: markdown}`` mapping."""

    def __init__(self, site: Site, settings: Settings, history: History | None = None) -> None:
        self.site = site
        self.settings = settings
        self.history: History = history if history is not None else {}
        self.env = make_environment(settings.templates_dir)
        self.drawings = Drawings.of(site)

    def render_all(self, extra_pages: dict[str, str] | None = None) -> dict[str, str]:
        listing = {"search": {"exclude": True}, "hide": ["toc"]}
        pages: dict[str, str] = {}
        pages["index.md"] = self.render("home.md.j2", "index.md", listing)
        pages.update(self.render_timeline(listing))
        for kind in self.site.registry:
            pages.update(self.render_index(kind, listing))
            for record in self.site.records.get(kind.folder, {}).values():
                pages[page_path(record)] = self.render_record(record, kind)
        pages.update(extra_pages or {})
        return dict(sorted(pages.items()))

    def render_index(self, kind: Kind, meta: dict[str, Any]) -> dict[str, str]:
        """A kind's index: one table, or a page of parts and one page per part."""
        records = in_site_order(list(self.site.records.get(kind.folder, {}).values()), kind)
        path = f"{kind.folder}/index.md"
        values = {"kind": kind, "records": records, "parts": [], "part": None}
        if len(records) <= PART_ROWS:
            return {path: self.render("index.md.j2", path, meta, **values)}
        parts = split_into_parts(records, kind, part_key(kind))
        pages = {path: self.render("index.md.j2", path, meta, **(values | {"parts": parts}))}
        for part in parts:
            part_path = f"{kind.folder}/index/{part.slug}.md"
            part_values = values | {"records": part.records, "part": part}
            pages[part_path] = self.render("index.md.j2", part_path, meta, **part_values)
        return pages

    def render_timeline(self, meta: dict[str, Any]) -> dict[str, str]:
        """The timeline, split by year when it is long."""
        dated = self.site.dated()
        values: dict[str, Any] = {"entries": dated, "years": [], "year": None}
        if len(dated) <= PART_ROWS:
            return {"timeline.md": self.render("timeline.md.j2", "timeline.md", meta, **values)}
        years: dict[int, list[tuple[PartialDate, Record]]] = {}
        for date, record in dated:
            years.setdefault(date.year, []).append((date, record))
        parts: list[tuple[str, str, list[tuple[PartialDate, Record]]]] = []
        for year, entries in sorted(years.items()):
            # A busy year is cut into numbered pages, each small enough to
            # carry its picture (about 330 bytes a mark) and its table.
            starts = range(0, len(entries), TIMELINE_ROWS)
            for number, start in enumerate(starts, start=1):
                chunk = entries[start : start + TIMELINE_ROWS]
                if len(starts) == 1:
                    parts.append((str(year), str(year), chunk))
                else:
                    parts.append((f"{year}-{number}", f"{year} ({number} of {len(starts)})", chunk))
        pages = {
            "timeline.md": self.render(
                "timeline.md.j2", "timeline.md", meta, **(values | {"years": parts})
            )
        }
        for slug, label, entries in parts:
            path = f"timeline/{slug}.md"
            pages[path] = self.render(
                "timeline.md.j2", path, meta, **(values | {"entries": entries, "year": label})
            )
        return pages

    def render_record(self, record: Record, kind: Kind) -> str:
        # Description, OpenGraph type, JSON-LD and the date of the last change.
        meta = page_meta(record, self.site, self.settings, self.history)
        meta["search"] = {"boost": kind.search_boost}
        # Material's search indexes front matter `tags` with a high boost and
        # shows them only as chips in the results (no tags plugin, no page list).
        terms = [*record.data.get("keywords", ()), *record.data.get("aliases", ())]
        if terms:
            meta["tags"] = terms
        return self.render(
            kind.template,
            page_path(record),
            meta,
            record=record,
            kind=kind,
            data=record.data,
            sources=self.site.cites(record),
            edit_url=self.settings.edit_url(record.path),
            updated=meta.get("updated"),
        )

    def render(self, template_name: str, path: str, meta: dict[str, Any], **values: Any) -> str:
        context = PageContext(self.site, self.settings, path, values.get("sources"), self.drawings)
        helpers: dict[str, Callable[..., Any] | Any] = {
            "site": self.site,
            "page": context,
            "link": context.link,
            "ref": context.ref,
            "record_link": context.record_link,
            "actors": context.actors,
            "external": context.external,
            "prose": context.prose,
            "prose_inline": context.prose_inline,
            "badge": context.badge,
            "label": context.label,
            "site_name": self.settings.site_name,
            "offline_zip": self.settings.offline_zip,
        }
        try:
            template = self.env.get_template(template_name)
            text = template.render(**helpers, **values)
        except Exception as error:  # any template failure names the template and record
            raise RenderError(_describe(error, template_name, values)) from error
        body = _tidy(text)
        try:
            blocks.check_page(body)
        except blocks.BlockError as error:
            raise RenderError(_describe(error, template_name, values)) from error
        return front_matter(meta) + body


def _describe(error: Exception, template_name: str, values: dict[str, Any]) -> str:
    record = values.get("record")
    where = f" while rendering {record.path}" if isinstance(record, Record) else ""
    at = _template_position(error) or template_name
    return f"{at}: {type(error).__name__}: {error}{where}"


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
    """One trailing newline and no runs of blank lines, so diffs stay small.

    Lines end at "\n" only and lose only trailing spaces and tabs: splitting
    at the other Unicode line breaks, or stripping a no-break space, could
    make a blank line inside an HTML block and end it early (blocks.py).
    """
    lines = [line.rstrip(" \t") for line in text.split("\n")]
    tidy: list[str] = []
    for line in lines:
        if line == "" and tidy and tidy[-1] == "":
            continue
        tidy.append(line)
    return "\n".join(tidy).strip("\n") + "\n"


def render_page(text: str) -> str:
    """A hand-written page from ``content/pages/``, as headings plus HTML blocks.

    The page is parsed by the same parser that checked it; its headings are
    written back as escaped Markdown headings (so the table of contents and
    search sections work) and everything between them as HTML.
    """
    md = markdown.parser()
    env = {"page": True}
    tokens = md.parse(text, env)
    out: list[str] = []
    start = 0
    index = 0
    while index < len(tokens):
        token = tokens[index]
        if token.type == "heading_open" and token.level == 0:
            out.append(blocks.one_block(md.renderer.render(tokens[start:index], md.options, env)))
            inline = tokens[index + 1]
            level = int(token.tag[1])
            out.append("\n" + "#" * level + " " + escape_text(markdown.plain_text(inline)) + "\n\n")
            index += 3
            start = index
            continue
        index += 1
    out.append(blocks.one_block(md.renderer.render(tokens[start:], md.options, env)))
    page = _tidy("".join(out))
    blocks.check_page(page)  # cannot fail; if it ever did, no Markdown may leak through
    return page
