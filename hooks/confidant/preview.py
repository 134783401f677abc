"""`mkdocs serve` rebuilds only the pages whose inputs changed.

MkDocs rebuilds every page after every save. Under `serve` (never in `mkdocs build`), each page's
two steps are kept from the last rebuild while their inputs are the same:

* reading the page (its Markdown through every `on_page_markdown`/`on_page_content` handler) is
  keyed by the page's own source and a stamp of every other input the hooks read: mkdocs.yml and
  the watched folders (data/, schemas/, hooks/, overrides/);
* writing the page (`on_page_context`, the theme template, `on_post_page`) is keyed by the reading
  key and the navigation (every page's title and address).

A page that draws on other pages says so: the table of authorities reads every citation of the guide
(its hook declares them with `depends_on`), and writing the glossary ("appears in"), the practice
exam, review and progress pages reads what every page left (its sections and the attributes the
hooks keep on it). A failing step stores nothing, so a content error shows again until it is fixed.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


def tree_stamp(paths: Iterable[Path]) -> str:
    """A digest of the name, size and modification time of every file under `paths` (files or folders)."""
    digest = hashlib.blake2b(digest_size=16)
    for top in paths:
        if top.is_file():
            found = [top]
        elif top.is_dir():
            found = sorted(
                Path(folder) / name
                for folder, folders, names in os.walk(top)
                if "__pycache__" not in folder
                for name in names
            )
        else:
            found = []
        for path in found:
            try:
                info = path.stat()
            except OSError:
                continue
            digest.update(f"{path}\0{info.st_size}\0{info.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def source_digest(path: str | None) -> str:
    """The hash of a page source's bytes ('' when it has none or it cannot be read)."""
    if not path:
        return ""
    try:
        return hashlib.blake2b(Path(path).read_bytes(), digest_size=16).hexdigest()
    except OSError:
        return ""


@dataclass
class ReadPage:
    """What reading a page left on it, enough to stand in for reading it again."""

    markdown: str | None
    content: str | None
    toc: Any
    title_from_render: str | None
    meta: dict[str, Any]
    present_anchor_ids: set[str] | None
    # Links to anchors of other pages, by the linked page's source path (File objects are new each rebuild).
    links_to_anchors: dict[str, dict[str, str]] | None
    extra: dict[str, Any] = field(default_factory=dict)  # attributes hooks keep on the page


@dataclass
class WrittenPage:
    """What writing a page produced: the file, and the search entries it added."""

    output: str
    search_entries: list[dict[str, Any]]


@dataclass
class PreviewCache:
    """Read and written pages by source path, each with the key it was made under."""

    read: dict[str, tuple[Hashable, ReadPage]] = field(default_factory=dict)
    written: dict[str, tuple[Hashable, WrittenPage]] = field(default_factory=dict)

    def get_read(self, src_uri: str, key: Hashable) -> ReadPage | None:
        entry = self.read.get(src_uri)
        return entry[1] if entry is not None and entry[0] == key else None

    def get_written(self, src_uri: str, key: Hashable) -> WrittenPage | None:
        entry = self.written.get(src_uri)
        return entry[1] if entry is not None and entry[0] == key else None


# Lives as long as the server: the `confidant` package stays imported while MkDocs reloads the hooks.
cache = PreviewCache()

# Inputs that hooks compute in the build itself, by name: (the one page they concern, or None for
# every page; a fingerprint). Part of the key of reading those pages; set again by each build
# (in `on_files`) before any page is read.
build_inputs: dict[str, tuple[str | None, Hashable]] = {}


def depends_on(name: str, fingerprint: Hashable, page: str | None = None) -> None:
    """Reading `page` (every page when None) depends on `fingerprint`, computed by this build."""
    build_inputs[name] = (page, fingerprint)


def inputs_of(src_uri: str) -> tuple[tuple[str, Hashable], ...]:
    return tuple(sorted((name, value) for name, (page, value) in build_inputs.items() if page in (None, src_uri)))


def toc_key(items: Iterable[Any]) -> tuple:
    """A table of contents (items with `.id`, `.title`, `.children`) as a comparable value."""
    return tuple((item.id, str(item.title), toc_key(item.children or ())) for item in items)
