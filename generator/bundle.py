"""The offline bundle: the built site as one zip, byte-identical for the same site."""

from __future__ import annotations

import zipfile
from pathlib import Path

from .settings import load_settings

# A fixed timestamp (the zip format's earliest) keeps the archive reproducible.
_EPOCH = (1980, 1, 1, 0, 0, 0)


def make_bundle(site_dir: Path, dist_dir: Path) -> Path:
    """Write ``dist_dir/<site-name>-offline.zip`` holding ``site_dir``'s files."""
    if not (site_dir / "index.html").is_file():
        raise FileNotFoundError(f"{site_dir}/index.html not found: build the site first")
    file_name = load_settings(site_dir.parent).offline_zip  # the name the home page links
    name = file_name.removesuffix("-offline.zip")
    dist_dir.mkdir(parents=True, exist_ok=True)
    target = dist_dir / file_name
    temp = target.with_suffix(".zip.tmp")
    folder = f"{name}-offline"
    with zipfile.ZipFile(temp, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(p for p in site_dir.rglob("*") if p.is_file()):
            info = zipfile.ZipInfo(f"{folder}/{path.relative_to(site_dir).as_posix()}", _EPOCH)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, path.read_bytes())
    temp.replace(target)
    return target
