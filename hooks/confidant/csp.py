"""The Content Security Policy every HTML file of the site carries, as a `<meta>` in its `<head>`.

Scripts run only from this site's own files and from the inline scripts of the theme and the quiz
plugin, each allowed by its SHA-256 hash; never `'unsafe-inline'`, so an inline event handler, a
`javascript:` URL or an injected `<script>` is refused by the browser even if one got past the safe
render path and the post-build scan. No directive names another origin.

Only the inline scripts on the scan's allowlist (confidant.sitescan.INLINE_SCRIPTS) are hashed into
a page's policy: any other stays blocked in the browser, and the post-build scan fails the build.
"""

from __future__ import annotations

import base64
import hashlib
import os
import re

from selectolax.lexbor import LexborHTMLParser

from .sitescan import inline_scripts, is_allowed_inline

# Directive by directive, with the reason for anything beyond this site's own files.
BASE_POLICY = (
    ("default-src", "'none'"),
    ("script-src", "'self'"),  # plus the hashes of the page's allowlisted inline scripts
    # Styles cannot be hash-only: mkdocs-quiz writes style attributes into its markup and sets
    # more from script, and Material and Mermaid set inline styles as they draw. CSS cannot run
    # script in a current browser, and data text never carries a style (the sanitizer drops it).
    ("style-src", "'self' 'unsafe-inline'"),
    # Material's icons in its stylesheet are data: SVG images; pages themselves carry no data: URL
    # (the post-build scan refuses one).
    ("img-src", "'self' data:"),
    ("font-src", "'self'"),
    # The search index (fetched by Material's search worker) and the worker itself.
    ("connect-src", "'self'"),
    ("worker-src", "'self'"),
    ("manifest-src", "'self'"),
    ("base-uri", "'none'"),
    ("form-action", "'self'"),
)

# The offline copy (tools/offline.py, CONFIDANT_OFFLINE=true) runs search from file:// through the
# vendored iframe-worker shim, which starts Material's search worker as an inline script inside a
# srcdoc iframe; that iframe inherits the page's policy. Its hash is fixed by the pinned Material
# search worker and the vendored shim (tests/browser/test_offline_copy.py fails if either changes).
OFFLINE_SEARCH_SCRIPTS = ("'sha256-H5Y6UlQ+zh9IO8YUI9VEKRJxWTZzGbfmipLMFv3CoR4='",)

CSP_META = re.compile(r'<meta\s+http-equiv="?Content-Security-Policy', re.IGNORECASE)
CHARSET_META = re.compile(r"<meta\s+charset=\"?utf-8\"?\s*/?>", re.IGNORECASE)


def hash_source(text: str) -> str:
    """The CSP source that allows exactly this inline script."""
    digest = base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")
    return f"'sha256-{digest}'"


def policy(script_hashes: list[str]) -> str:
    if os.environ.get("CONFIDANT_OFFLINE") == "true":
        script_hashes = [*script_hashes, *OFFLINE_SEARCH_SCRIPTS]
    directives = []
    for name, value in BASE_POLICY:
        if name == "script-src" and script_hashes:
            value = " ".join([value, *dict.fromkeys(script_hashes)])
        directives.append(f"{name} {value}")
    return "; ".join(directives)


def with_policy(html: str) -> str:
    """`html` with its Content Security Policy `<meta>` right after `<meta charset>`.

    Raises ValueError for a document without `<meta charset="utf-8">` or one that has a policy already.
    """
    if CSP_META.search(html):
        raise ValueError("the document already carries a Content Security Policy")
    charset = CHARSET_META.search(html)
    if charset is None:
        raise ValueError('the document has no <meta charset="utf-8"> to put the policy after')
    tree = LexborHTMLParser(html, scripting=True)
    hashes = [hash_source(text) for node in inline_scripts(tree.root) if is_allowed_inline(text := node.text())]
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy(hashes)}">'
    return html[: charset.end()] + meta + html[charset.end() :]
