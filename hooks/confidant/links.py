"""Addresses on the project's repository host."""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig


def edit_url(config: MkDocsConfig, path: str) -> str | None:
    """The "edit this file" address of a repository file, built like Material's page edit links.

    `edit_uri` is "edit/main/docs/" for pages; other files sit beside docs/, under "edit/main/".
    """
    if not (config.repo_url and config.edit_uri):
        return None
    branch_path = config.edit_uri.strip("/").rsplit("/", 1)[0]
    return f"{config.repo_url.rstrip('/')}/{branch_path}/{path}"
