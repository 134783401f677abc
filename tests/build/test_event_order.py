"""The order in which MkDocs calls the hooks and plugins for one page, where the order is what
keeps a step cheap or correct (read from the configuration the build loads, not from the code)."""

from __future__ import annotations

import os
import subprocess
import sys

from tests.conftest import PROJECT_ROOT

LIST_EVENTS = """
from mkdocs.config import load_config
config = load_config("mkdocs.yml")
for handler in config.plugins.events["page_context"]:
    owner = getattr(handler, "__self__", None)
    print(type(owner).__module__ if owner is not None else handler.__module__, handler.__name__)
"""


def page_context_handlers() -> list[str]:
    completed = subprocess.run(
        [sys.executable, "-c", LIST_EVENTS],
        cwd=PROJECT_ROOT,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    return completed.stdout.splitlines()


def test_the_glossary_is_boxed_only_after_search_has_indexed_it() -> None:
    # With each term's heading inside a box, Material's search parser walks back over the letter's
    # earlier terms at every box's end: quadratic in the terms (`make bench`, "Search on glossary").
    handlers = page_context_handlers()
    search = handlers.index("material.plugins.search.plugin on_page_context")
    boxing = handlers.index("hooks/glossary.py _box_entries")
    assert boxing > search, handlers
