"""YAML loading that remembers line numbers, and JSON Schema validation that reports them."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import fastjsonschema
import jsonschema
import yaml
from mkdocs.plugins import get_plugin_logger

from .errors import content_error, excerpt
from .filecache import cached
from .yamlerrors import entry_column, explain_yaml_error, nested_entry, schema_problem

log = get_plugin_logger("confidant")


class LineDict(dict):
    """A mapping that knows the 1-based line where it starts in its YAML file."""

    line: int = 0


class LineList(list):
    """A sequence that knows the 1-based line where it starts in its YAML file, and where each item starts."""

    line: int = 0
    item_lines: tuple[int, ...] = ()


# PyYAML's C loader (libyaml) parses about seven times faster than its pure-Python SafeLoader and
# yields the same nodes with the same line marks. The pure-Python loader is the fallback where
# PyYAML was installed without libyaml; the build then says so once (it is only slower).
try:
    _BaseLoader: type = yaml.CSafeLoader
    LIBYAML = True
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _BaseLoader = yaml.SafeLoader
    LIBYAML = False
    log.info(
        "PyYAML has no libyaml here, so content YAML is parsed by the slower pure-Python loader "
        "(install libyaml-dev and reinstall PyYAML, or use the PyPI wheel, for the C loader)"
    )

# An anchor (&name) or alias (*name) needs a name character right after its indicator, so text
# without one ("Bus. & Prof. Code") cannot hold either and skips the event pass.
MAYBE_ANCHOR = re.compile(r"[&*][^\s,\[\]{}]")
ANCHOR_MESSAGE = "YAML anchors and aliases (& and *) are not allowed in content files"


class _LineLoader(_BaseLoader):  # type: ignore[misc, valid-type]
    """A safe loader whose mappings and sequences carry their source line."""


def _refuse_anchors(text: str) -> None:
    """Refuse anchors and aliases: content never needs them, and a few nested aliases expand to
    gigabytes. The libyaml composer resolves them without a hook, so the events are read first
    (in C too) when the text could hold one at all; syntax errors before the first anchor surface
    here exactly as they would while loading."""
    if not MAYBE_ANCHOR.search(text):
        return
    for event in yaml.parse(text, Loader=_BaseLoader):
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise yaml.composer.ComposerError(None, None, ANCHOR_MESSAGE, event.start_mark)


def _construct_mapping(loader: Any, node: yaml.MappingNode) -> LineDict:
    loader.flatten_mapping(node)
    result = LineDict()
    result.line = node.start_mark.line + 1
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if key in result:
            raise yaml.constructor.ConstructorError(None, None, f"duplicate key '{key}'", key_node.start_mark)
        result[key] = loader.construct_object(value_node, deep=True)
    return result


def _construct_sequence(loader: Any, node: yaml.SequenceNode) -> LineList:
    result = LineList(loader.construct_object(child, deep=True) for child in node.value)
    result.line = node.start_mark.line + 1
    result.item_lines = tuple(child.start_mark.line + 1 for child in node.value)
    return result


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)


def read_content_file(path: Path, display_path: str) -> str:
    """The text of a content file, read as bytes and decoded as UTF-8, or a located error.

    A symbolic link is refused (it could point anywhere on the machine that builds the site, and
    an error message would then print that file), and so is any path that resolves outside the
    project folder that `display_path` is relative to.
    """
    if path.is_symlink():
        raise content_error(
            display_path, None, None, "the file is a symbolic link", "replace the link with the file itself"
        )
    root = _project_root(path, display_path)
    if root is not None and not path.resolve().is_relative_to(root.resolve()):
        raise content_error(
            display_path, None, None, "the path leads outside the project", "keep content files inside the project"
        )
    try:
        data = path.read_bytes()
    except OSError as error:
        raise content_error(
            display_path, None, None, f"cannot read file ({error.strerror})", "restore the file"
        ) from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        column = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
        raise content_error(
            display_path,
            line,
            None,
            f"the file is not UTF-8 text (byte 0x{data[error.start]:02x} at column {column})",
            "save the file as UTF-8; retype the character on that line (curly quotes and dashes pasted "
            "from a word processor are the usual cause)",
        ) from None


def _project_root(path: Path, display_path: str) -> Path | None:
    """The folder `display_path` is relative to, when `path` ends with it."""
    parts = Path(display_path).parts
    if Path(display_path).is_absolute() or tuple(path.parts[-len(parts) :]) != parts:
        return None
    return Path(*path.parts[: -len(parts)]) if len(path.parts) > len(parts) else Path(".")


def load_yaml(path: Path, display_path: str) -> Any:
    """Parse a YAML file into LineDict/LineList objects, or fail naming file and line."""
    return parse_yaml(read_content_file(path, display_path), display_path)


def parse_yaml(text: str, display_path: str, first_line: int = 1) -> Any:
    """Parse YAML text that starts on line `first_line` of its file."""
    try:
        _refuse_anchors(text)
        return yaml.load(text, Loader=_LineLoader)  # noqa: S506 - _LineLoader is a (C)SafeLoader
    except yaml.YAMLError as error:
        raise yaml_syntax_error(error, text, display_path, first_line) from None
    except ValueError as error:  # a date-like value that is no real date, e.g. 2026-02-30
        raise content_error(
            display_path, None, None, f"a value is not valid ({error})", "write dates as real YYYY-MM-DD dates"
        ) from None


def yaml_syntax_error(error: yaml.YAMLError, text: str, display_path: str, first_line: int = 1) -> Exception:
    """The content error for a YAML parse failure: plain words, the line, and a caret under the spot."""
    problem_mark = getattr(error, "problem_mark", None)
    context_mark = getattr(error, "context_mark", None)
    problem = getattr(error, "problem", None) or str(error)
    explained = explain_yaml_error(
        problem,
        getattr(error, "context", None),
        (problem_mark.line, problem_mark.column) if problem_mark else None,
        (context_mark.line, context_mark.column) if context_mark else None,
        text,
    )
    if explained is None:
        line = problem_mark.line + first_line if problem_mark else None
        shown = excerpt(text, problem_mark.line + 1, problem_mark.column, first_line) if problem_mark else None
        return content_error(
            display_path,
            line,
            None,
            f"the file is not valid YAML here (the parser says: {problem})",
            "check indentation and quoting on that line (quote text containing ': ' or starting with "
            "'-', '*', '[' or '{')",
            shown,
        )
    return content_error(
        display_path,
        explained.line + first_line,
        None,
        explained.rule,
        explained.fix,
        excerpt(text, explained.line + 1, explained.column, first_line),
    )


def check_nesting(document: Any, path: Path, display_path: str, list_key: str, name_key: str) -> None:
    """Fail when a list entry was pasted with too much indentation, so YAML read it as part of
    the entry above it (a schema message would blame the entry above)."""
    found = nested_entry(document, list_key, name_key)
    if found is None:
        return
    entry, parent, field = found
    text = read_content_file(path, display_path)
    line = getattr(entry, "line", None)
    column = entry_column(text, list_key)
    spaces = f"with {column} spaces before it, " if column is not None else ""
    raise content_error(
        display_path,
        line,
        str(entry.get(name_key)),
        f"this entry is indented inside the one above it ({parent.get(name_key)}), so it became part of "
        f"that entry's `{field}`",
        f"start its `- {name_key}:` line {spaces}like the other entries' `- {name_key}:` lines, and indent "
        "its other lines to match",
        excerpt(text, line) if line else None,
    )


def load_schema(path: Path) -> dict[str, Any]:
    """Read a JSON Schema (once while the file is unchanged)."""
    return cached(("schema", path), [path], None, lambda: json.loads(path.read_text(encoding="utf-8")))


def schema_validator(path: Path) -> jsonschema.protocols.Validator:
    """One jsonschema validator per schema (building one checks the schema and its references)."""
    return cached(("validator", path), [path], None, lambda: jsonschema.Draft202012Validator(load_schema(path)))


# The keywords the schemas may use: the same meaning in JSON Schema draft 7, which the fast
# validator implements, as in draft 2020-12 (tests/unit/test_data_schemas.py holds every schema to it).
FAST_KEYWORDS = frozenset(
    {
        "$defs", "$id", "$ref", "$schema", "additionalProperties", "const", "default", "description", "else",
        "enum", "exclusiveMaximum", "exclusiveMinimum", "if", "items", "maxItems", "maxLength", "maximum",
        "minItems", "minLength", "minimum", "pattern", "properties", "required", "then", "title", "type",
        "uniqueItems",
    }
)  # fmt: skip


def fast_check(path: Path) -> Callable[[Any], object]:
    """The schema compiled to Python by fastjsonschema, once per schema: about ten times faster
    than jsonschema on a valid document, which is the usual case. (No defaults are filled in.)"""
    return cached(
        ("fast-validator", path), [path], None, lambda: fastjsonschema.compile(load_schema(path), use_default=False)
    )


def line_of(document: Any, json_path: list[Any]) -> int | None:
    """Line of the deepest node along ``json_path`` that knows its line."""
    node, line = document, getattr(document, "line", None)
    for step in json_path:
        try:
            node = node[step]
        except (KeyError, IndexError, TypeError):
            break
        line = getattr(node, "line", None) or line
    return line


def entry_name(document: Any, json_path: list[Any], list_key: str, name_key: str) -> str | None:
    """The name (for example the question id) of the list entry an error sits in."""
    if len(json_path) >= 2 and json_path[0] == list_key and isinstance(json_path[1], int):
        try:
            entry = document[list_key][json_path[1]]
        except (KeyError, IndexError, TypeError):
            return None
        if isinstance(entry, dict):
            name = entry.get(name_key)
            return str(name) if name is not None else f"entry #{json_path[1] + 1}"
    return None


def validate_against_schema(
    document: Any,
    schema_path: Path,
    display_path: str,
    list_key: str,
    name_key: str,
) -> None:
    """Fail on the first schema violation, naming the line, the entry and the rule."""
    try:
        fast_check(schema_path)(document)
        return
    except fastjsonschema.JsonSchemaException:
        pass  # jsonschema finds every violation and words the first one, as before
    # The first error by position; at one position an unknown (often misspelled) key before a missing one.
    errors = sorted(
        schema_validator(schema_path).iter_errors(document),
        key=lambda e: (list(e.absolute_path), e.validator != "additionalProperties"),
    )
    if not errors:
        return
    error = errors[0]
    path = list(error.absolute_path)
    rule, fix = schema_problem(
        str(error.validator), error.message, path, error.instance, error.schema, schema_path.name
    )
    raise content_error(
        display_path, line_of(document, path), entry_name(document, path, list_key, name_key), rule, fix
    )
