"""Addresses on the project's repository host."""

from __future__ import annotations

from urllib.parse import urlencode

from mkdocs.config.defaults import MkDocsConfig

# The issue form a reader uses to report a wrong statement (.github/ISSUE_TEMPLATE/).
CONTENT_ERROR_FORM = "content-error.yml"


def edit_url(config: MkDocsConfig, path: str) -> str | None:
    """The "edit this file" address of a repository file, built like Material's page edit links.

    `edit_uri` is "edit/main/docs/" for pages; other files sit beside docs/, under "edit/main/".
    """
    if not (config.repo_url and config.edit_uri):
        return None
    branch_path = config.edit_uri.strip("/").rsplit("/", 1)[0]
    return f"{config.repo_url.rstrip('/')}/{branch_path}/{path}"


def report_url(repo_url: str | None, question_id: str, page_address: str = "") -> str | None:
    """The content-error issue form, opened with the question's id (and page) filled in."""
    if not repo_url:
        return None
    fields = {
        "template": CONTENT_ERROR_FORM,
        "title": f"Content error: question {question_id}",
        "statement": f"Question {question_id}",
    }
    if page_address:
        fields["page"] = page_address
    return f"{repo_url.rstrip('/')}/issues/new?{urlencode(fields)}"
