"""The HTML audit: the build's last step fails on anything that could run or leak.

Unit cases on crafted pages, then payloads planted in a copied project's
templates (past the validator, as a future bypass would be), which must
fail `invoke build` and plain `mkdocs build` with the page and the record
named, and leave the previous site untouched.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest

from generator.audit import (
    CONTENT_SECURITY_POLICY,
    PageSources,
    audit_page,
    audit_site,
)
from generator.build import BuildError, build_site
from generator.publish import SITE_MARKER

from .buildable import make_buildable
from .conftest import ROOT

HEAD = f'<meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="{CONTENT_SECURITY_POLICY}">'


def page(body: str, head: str = HEAD) -> list[str]:
    return list(
        audit_page(
            "gifts/x.html", f"<!doctype html><html><head>{head}</head><body>{body}</body></html>"
        )
    )


def test_a_clean_page_passes() -> None:
    assert (
        page(
            '<script src="../assets/javascripts/bundle.a5f9d56c.min.js"></script>'
            '<script src="../assets/javascripts/factsheets-storage.js" data-scope=".."></script>'
            '<script id="__config" type="application/json">{"base": ".."}</script>'
            '<script type="application/ld+json">{"name": "\\u003c/script\\u003e"}</script>'
            '<a href="https://example.org/a?b=1">source</a> <a href="../actors/x.html#y">actor</a>'
            '<img src="../assets/images/favicon.png" alt="">'
        )
        == []
    )


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("<script>window.__pwned=1</script>", "inline code"),
        ('<script type="module">import("x")</script>', "inline code"),
        ('<script src="https://evil.example/x.js"></script>', "own scripts"),
        ('<script src="//evil.example/x.js"></script>', "own scripts"),
        ('<script src="../assets/javascripts/other.js"></script>', "own scripts"),
        ('<script type="application/json">{not json</script>', "not JSON"),
        ("<svg><script>alert(1)</script></svg>", "inline code"),
        ('<p onclick="alert(1)">x</p>', "onclick"),
        ('<img src=x ONERROR="alert(1)">', "onerror"),
        ('<a href="javascript:alert(1)">x</a>', "javascript: URLs"),
        ('<a href="  JaVa\nScRipt:alert(1)">x</a>', "javascript: URLs"),
        ('<a href="vbscript:x">x</a>', "vbscript: URLs"),
        ('<a href="data:text/html,<script>1</script>">x</a>', "data: URLs"),
        ('<a href="ftp://example.org/x">x</a>', "must be http(s)"),
        ('<form action="javascript:1"></form>', "javascript: URLs"),
        ('<button formaction="javascript:1">x</button>', "javascript: URLs"),
        ('<svg><a xlink:href="javascript:1">x</a></svg>', "javascript: URLs"),
        ('<img src="https://evil.example/pixel.png">', "outside the site"),
        ('<img src="\\\\evil.example/pixel.png">', "outside the site"),
        ('<img src="../../../../etc/x.png">', "outside the site"),
        ('<img srcset="a.png 1x, https://evil.example/b.png 2x">', "outside the site"),
        ('<video poster="https://evil.example/p.png"></video>', "outside the site"),
        ('<audio><source src="https://evil.example/a.mp3"></audio>', "outside the site"),
        ('<link rel="stylesheet" href="https://evil.example/s.css">', "outside the site"),
        ('<link rel="icon" href="https://evil.example/i.png">', "outside the site"),
        ('<link rel="preload" href="https://evil.example/f.woff">', "outside the site"),
        ('<p style="background:url(https://evil.example/p.png)">x</p>', "from outside the site"),
        ("<style>@import 'https://evil.example/s.css';</style>", "from outside the site"),
        ('<iframe src="../x.html"></iframe>', "<iframe> element"),
        ("<object></object>", "<object> element"),
        ("<embed>", "<embed> element"),
        ('<base href="https://evil.example/">', "<base> element"),
        ("<template><script>1</script></template>", "<template> element"),
    ],
)
def test_each_kind_of_payload_is_found(body: str, expected: str) -> None:
    findings = page(body)
    assert findings and any(expected in f for f in findings), findings


def test_policy_must_be_present_exact_and_first() -> None:
    assert page("", head='<meta charset="utf-8">') == [
        "no Content-Security-Policy <meta> in <head>"
    ]
    weakened = HEAD.replace("script-src 'self'", "script-src * 'unsafe-inline'")
    assert "expected" in page("", head=weakened)[0]
    late = '<meta charset="utf-8"><title>x</title>' + HEAD.replace('<meta charset="utf-8">', "")
    assert page("", head=late) == ["the Content-Security-Policy <meta> is not at the top of <head>"]
    refresh = HEAD + '<meta http-equiv="refresh" content="0;url=https://evil.example/">'
    assert "only the Content-Security-Policy" in page("", head=refresh)[0]


def test_template_and_audit_agree_on_the_policy() -> None:
    template = (ROOT / "site_templates/overrides/main.html").read_text("utf-8")
    printed = template.replace(
        "{% if config.extra.factsheets_preview %} 'unsafe-inline'{% endif %}", ""
    )
    assert f'content="{CONTENT_SECURITY_POLICY}"' in printed


def test_findings_name_the_record_or_ask_for_a_report(tmp_path: Path) -> None:
    (tmp_path / "content/gifts").mkdir(parents=True)
    (tmp_path / "content/gifts/x.yaml").write_text("title: x\n")
    (tmp_path / "content/pages").mkdir()
    (tmp_path / "content/pages/methodology.md").write_text("# M\n")
    site = tmp_path / "site"
    bad = f"<html><head>{HEAD}</head><body><script>1</script></body></html>"
    for name in ["gifts/x.html", "gifts/index.html", "methodology.html", "index.html", "404.html"]:
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_text(bad)
    sources = PageSources(tmp_path, tmp_path / "content", tmp_path / "site_templates")
    lines = {f.page: f.format() for f in audit_site(site, sources)}
    assert lines["gifts/x.html"].startswith("gifts/x.html (built from content/gifts/x.yaml): ")
    assert "please report" not in lines["gifts/x.html"]
    assert "(built from content/pages/methodology.md)" in lines["methodology.html"]
    assert "(built from site_templates/pages/index.md.j2)" in lines["gifts/index.html"]
    assert "(built from site_templates/pages/home.md.j2)" in lines["index.html"]
    assert "please report" in lines["gifts/index.html"] and "please report" in lines["404.html"]
    assert all("\n" not in line for line in lines.values())


def digest(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.mark.parametrize(
    "payload",
    ["<script>window.__pwned = 1</script>", '<img src="https://evil.example/pixel.png" alt="">'],
    ids=["script", "external-image"],
)
def test_planted_payload_fails_the_build_and_keeps_the_site(
    corpus: Path, payload: str, capfd: pytest.CaptureFixture[str]
) -> None:
    project = make_buildable(corpus)
    site = build_site(project)
    before = digest(site)
    assert (site / SITE_MARKER).is_file()
    template = project / "site_templates/pages/gift.md.j2"
    # Inside an HTML block: the render stage refuses text outside one.
    template.write_text(template.read_text("utf-8") + f"\n<div>{payload}</div>\n", "utf-8")
    capfd.readouterr()
    with pytest.raises(BuildError, match="previous site in site/ was left as it was"):
        build_site(project)
    captured = capfd.readouterr()
    err = captured.out + captured.err  # MkDocs prints its Abort message on stdout
    assert "HTML audit found" in err
    assert "gifts/ann-car-for-bob.html (built from content/gifts/ann-car-for-bob.yaml)" in err
    assert digest(site) == before
    assert not [p for p in project.iterdir() if p.name.startswith(".site-build-")]

    # Plain `mkdocs build` runs the same audit.
    completed = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--site-dir", str(project / "plain")],
        cwd=project,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        check=False,
    )
    assert completed.returncode != 0
    assert "gifts/ann-car-for-bob.html (built from content/gifts/ann-car-for-bob.yaml)" in (
        completed.stdout + completed.stderr
    )


def test_audit_time_on_the_real_site(built_site: Path) -> None:
    import time

    sources = PageSources(ROOT, ROOT / "content", ROOT / "site_templates")
    started = time.perf_counter()
    findings = audit_site(built_site, sources)
    elapsed = time.perf_counter() - started
    pages = sum(1 for _ in built_site.rglob("*.html"))
    print(f"audit: {pages} pages in {elapsed:.3f} s")
    assert findings == []
    assert elapsed < 5
