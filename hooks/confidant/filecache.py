"""Content loaded once and kept across `mkdocs serve` rebuilds while its files are unchanged.

MkDocs reloads the hooks on every rebuild of `mkdocs serve`, but the `confidant` package stays
imported, so a cache here lives as long as the server. A value is kept under a name (for example
the question file it came from) together with a stamp of its input files (modification time, size
and a hash of the bytes, so an edit within one clock tick is never missed): saving a chapter does
not re-parse the question bank, and saving a question file re-parses only that file. A load that
fails is not kept, so a content error shows again on every rebuild until it is fixed, and a symbolic
link is never stamped (the loader refuses it with its own message).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Hashable, Iterable
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")

Stamp = tuple[tuple[str, int, int, bytes], ...]

_entries: dict[Hashable, tuple[Stamp, Hashable, Any]] = {}


def stamp(paths: Iterable[Path]) -> Stamp | None:
    """What identifies this version of the files; None when one of them cannot be read."""
    stamps = []
    for path in paths:
        try:
            if path.is_symlink():
                return None
            info = path.stat()
            digest = hashlib.blake2b(path.read_bytes(), digest_size=16).digest()
        except OSError:
            return None
        stamps.append((str(path), info.st_mtime_ns, info.st_size, digest))
    return tuple(stamps)


def cached(name: Hashable, paths: Iterable[Path], settings: Hashable, load: Callable[[], T]) -> T:
    """`load()`, or the value it returned last time for `name` if the files and settings are the same."""
    current = stamp(paths)
    entry = _entries.get(name)
    if current is not None and entry is not None and entry[0] == current and entry[1] == settings:
        return entry[2]
    value = load()
    if current is not None:
        _entries[name] = (current, settings, value)
    return value


def clear() -> None:
    _entries.clear()
