"""The theme's templates for the hooks: one environment per build, templates compiled once per process.

MkDocs makes a new Jinja environment on every `config.theme.get_env()`, and each compiles the templates
it loads again; the hooks share one per build instead. Compiled templates are kept in memory
(Jinja checks each template's source before it reuses one), which also spares `mkdocs serve` compiling
the theme again on every rebuild.
"""

from __future__ import annotations

from typing import Any

import jinja2
import jinja2.bccache


class TemplateCache(jinja2.BytecodeCache):
    """Compiled templates in memory, for as long as the process runs."""

    def __init__(self) -> None:
        self.compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        data = self.compiled.get(bucket.key)
        if data is not None:
            bucket.bytecode_from_string(data)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.compiled[bucket.key] = bucket.bytecode_to_string()


compiled = TemplateCache()
_current: list[Any] = [None, None]  # [config, environment]


def theme_env(config: Any) -> jinja2.Environment:
    """The theme's environment for this build's `config` (a MkDocs config: anything with `.theme.get_env()`)."""
    if _current[0] is not config:
        env = config.theme.get_env()
        env.bytecode_cache = compiled
        _current[:] = [config, env]
    return _current[1]
