"""Each question's Markdown is rendered once per build: mkdocs-quiz takes Confidant's HTML as it is.

`quiz_block` (questions.py) writes every text of a quiz block as final HTML from the safe render path.
mkdocs-quiz lays out the quiz (markup, ids, scripts) and converts each fragment of the block (the
stem, each answer, each feedback, the content after the answers) with a new Markdown instance per
quiz carrying every extension of the page: a second render of text already rendered, the largest
single cost of a build with a big bank.

For a fragment Confidant wrote, that conversion yields the fragment itself when it is raw HTML
blocks (the stem, the content, a feedback that is a list), each top-level block on a line of its
own, or the fragment in a paragraph when it is inline HTML (an answer, a feedback); mkdocs-quiz
then strips that paragraph from answers and feedback itself (`converted`). `KnownFragments` holds those fragments with that HTML;
`convert_known` wraps mkdocs-quiz's `_convert_fragment_markdown` to return it for a known fragment
and to call mkdocs-quiz's own conversion for any other text (a quiz written by hand in a page), and
`lazy_markdown` wraps `_create_fragment_markdown` so that no Markdown instance is made for a quiz
whose fragments are all known. tests/unit/test_quiz_fragments.py holds the HTML of the two ways
equal for every question of the bank.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable
from typing import Any

# The block tags the safe render path keeps (safehtml.ALLOWED_TAGS); `li` only appears inside a list.
BLOCK_TAG = re.compile(r"<(/?)(?:p|ul|ol)(?=[\s>])[^>]*>")


def converted(fragment: str) -> str | None:
    """What mkdocs-quiz's Markdown conversion yields for a fragment of safe HTML from `quiz_block`,
    or None for a fragment of another shape (left to that conversion).

    Inline HTML (no block tag) becomes a paragraph. Blocks of raw HTML pass through as they are,
    each top-level block on a line of its own (Markdown's line break, where the safe render path
    leaves a space)."""
    tags = list(BLOCK_TAG.finditer(fragment))
    if not tags:
        return f"<p>{fragment}</p>"
    if tags[0].start() != 0:
        return None  # inline text before a block
    blocks: list[str] = []
    depth = start = 0
    for tag in tags:
        if depth == 0 and fragment[start : tag.start()].strip():
            return None  # text between top-level blocks
        depth += -1 if tag[1] else 1
        if depth < 0:
            return None
        if depth == 0:
            blocks.append(fragment[start : tag.end()].strip())
            start = tag.end()
    if depth != 0 or fragment[start:].strip():
        return None
    return "\n".join(blocks)


def _key(text: str) -> str:
    # mkdocs-quiz passes the content section with the blank line that precedes it; Markdown ignores
    # blank lines around a text.
    return text.strip("\n")


class KnownFragments:
    """The fragments Confidant wrote into the quiz blocks of this build, with their HTML."""

    def __init__(self) -> None:
        self._html: dict[str, str] = {}

    def clear(self) -> None:
        self._html.clear()

    def add(self, fragments: Iterable[str]) -> None:
        for fragment in fragments:
            html = converted(fragment)
            if html is not None:
                self._html[_key(fragment)] = html

    def html(self, text: str) -> str | None:
        """The HTML for a fragment Confidant wrote, or None for any other text."""
        return self._html.get(_key(text))

    def __len__(self) -> int:
        return len(self._html)


# One per process: the quiz hook's module is loaded again for each build of `mkdocs serve`, this
# package is not, so the wrapped methods (installed once) and the hook share this one.
known = KnownFragments()


def convert_known(convert: Callable[..., str], fragments: KnownFragments) -> Callable[..., str]:
    """mkdocs-quiz's `_convert_fragment_markdown`, answered from `fragments` when it knows the text."""

    @functools.wraps(convert)
    def convert_fragment(plugin: Any, text: str, page: Any, config: Any, files: Any, md_inst: Any = None) -> str:
        found = fragments.html(text)
        return found if found is not None else convert(plugin, text, page, config, files, md_inst=md_inst)

    return convert_fragment


class LazyMarkdown:
    """A Markdown instance made on its first use (mkdocs-quiz calls only `reset` and `convert`)."""

    def __init__(self, make: Callable[[], Any]) -> None:
        self._make = make
        self._instance: Any = None

    @property
    def instance(self) -> Any:
        if self._instance is None:
            self._instance = self._make()
        return self._instance

    @property
    def made(self) -> bool:
        return self._instance is not None

    def reset(self) -> LazyMarkdown:
        if self._instance is not None:
            self._instance.reset()
        return self

    def convert(self, text: str) -> str:
        return self.instance.convert(text)

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        return getattr(self.instance, name)


def lazy_markdown(create: Callable[..., Any]) -> Callable[..., LazyMarkdown]:
    """mkdocs-quiz's `_create_fragment_markdown`, made only when a fragment is converted."""

    @functools.wraps(create)
    def create_on_use(plugin: Any, page: Any, config: Any, files: Any) -> LazyMarkdown:
        return LazyMarkdown(lambda: create(plugin, page, config, files))

    return create_on_use
