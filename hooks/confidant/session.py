"""How MkDocs runs in this process: `build` or `serve`, dirty or not.

MkDocs calls `on_startup` once per process, but `mkdocs serve` loads the hooks again for every
rebuild, so the hooks keep this here, in the package that stays imported.
"""

from __future__ import annotations

command = "build"
dirty = False


def start(new_command: str, new_dirty: bool) -> None:
    global command, dirty
    command, dirty = new_command, new_dirty


def serving() -> bool:
    """`mkdocs serve` (without --clean, which MkDocs reports as a build)."""
    return command == "serve"
