"""MkDocs hook: the offline copy's search runs from file:// with the self-hosted iframe-worker shim.

Material's offline plugin (enabled by CONFIDANT_OFFLINE=true, see tools/offline.py) writes the
search index as a script and adds iframe-worker's shim from a CDN unless a polyfill already names
iframe-worker. This hook names the copy the site serves itself, before the plugin looks.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority

SHIM = "assets/vendor/iframe-worker/shim.js"


@event_priority(100)
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    if config.extra.get("offline_copy"):
        config.extra["polyfills"] = [SHIM]
    return config
