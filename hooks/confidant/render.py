"""Markdown fragments (question stems, choices, rationales) rendered outside a page."""

from __future__ import annotations

import markdown as markdown_lib
from mkdocs.config.defaults import MkDocsConfig


def fragment_converter(config: MkDocsConfig) -> markdown_lib.Markdown:
    """A Markdown converter with the site's extensions, reused for many small fragments."""
    return markdown_lib.Markdown(extensions=config.markdown_extensions, extension_configs=config.mdx_configs)


def inline_markdown(converter: markdown_lib.Markdown, text: str) -> str:
    """HTML for a short fragment; a single paragraph loses its <p> wrapper so it can sit inline."""
    html = converter.reset().convert(text)
    if html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
        html = html[3:-4]
    return html
