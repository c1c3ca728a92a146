"""The Data page: every published file with its size, record count and purpose."""

from __future__ import annotations

from ..escape import escape_text


def _size(count: int) -> str:
    if count < 1024:
        return f"{count} B"
    if count < 1024 * 1024:
        return f"{count / 1024:.1f} KB"
    return f"{count / 1024 / 1024:.1f} MB"


def data_page(
    files: dict[str, str],
    counts: dict[str, int | None],
    about: dict[str, str],
    site_name: str,
    base_url: str,
) -> str:
    rows = []
    for path in sorted(files):
        size = _size(len(files[path].encode("utf-8")))
        count = counts.get(path)
        rows.append(
            f"| [{escape_text(path)}]({path}) | {size} | "
            f"{'' if count is None else count} | {escape_text(about[path])} |"
        )
    where = base_url + "data/records.json" if base_url else "data/records.json"
    return "\n".join(
        [
            "---",
            "title: Data",
            "---",
            "",
            "# Data",
            "",
            "Every fact on this site is also published as data, generated from the same "
            "records as the pages on every build. The files change only when the records "
            "do: they carry no build date, and `data/index.json` gives each file's SHA-256.",
            "",
            "| File | Size | Records | What it holds |",
            "|---|---|---|---|",
            *rows,
            "",
            "## Formats",
            "",
            "- **JSON**: each record as written (`data`, valid against its schema under "
            "`schemas/`) and resolved (`resolved`: references become `{kind, id, name, url}`, "
            "Markdown fields become statements with the source ids they cite).",
            "- **CSV**: a [Frictionless Data Package](https://specs.frictionlessdata.io/data-package/). "
            "Lists of ids are joined with `; `, lists of free text are JSON arrays, nested "
            "fields are columns such as `claim.status`, and lists of entries (gift items, "
            "visit places) are their own tables with the record's id and a position.",
            "- **FollowTheMoney**: entities for OpenSanctions and Aleph tools; load with "
            "`ftm store write -i data/entities.ftm.jsonl` or any FtM reader.",
            "- **Atom**: `feed.xml` lists the newest changes for feed readers.",
            "",
            "## How to cite the data",
            "",
            f"Cite the site and the file, with the date you downloaded it and its SHA-256 "
            f"from `data/index.json`, for example: *{escape_text(site_name)}*, "
            f"`records.json` ({escape_text(where)}), retrieved 2026-01-31, "
            "SHA-256 `…`. Cite the original sources each record lists for the facts "
            "themselves: this site collects and checks them, it is not their origin.",
            "",
        ]
    )
