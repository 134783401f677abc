"""YAML mistakes explained in plain words: the parser's jargon ("expected <block end>, but found
'?'") becomes what a contributor did and how to undo it, at the line where they did it."""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

KEY_LINE = re.compile(r"^(?P<indent> *)(?:- +)?(?P<key>[A-Za-z_][\w-]*):(?: |$)")
QUOTE_FIX = (
    "put the whole text in double quotes, or move it to the next lines after `>-` "
    "(as the stems in CONTRIBUTING.md's example)"
)
INDENT_FIX = (
    "line it up with the other lines of its entry: keys of one entry start in the same column, and "
    "each list entry starts `- ` at the same column as the entries before it"
)


@dataclass(frozen=True)
class YamlProblem:
    line: int  # 0-based, in the parsed text
    column: int | None
    rule: str
    fix: str


def _line(text: str, index: int) -> str:
    lines = text.splitlines()
    return lines[index] if 0 <= index < len(lines) else ""


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _previous_content_line(text: str, index: int) -> str:
    for number in range(index - 1, -1, -1):
        line = _line(text, number)
        if line.strip() and not line.lstrip().startswith("#"):
            return line
    return ""


def explain_yaml_error(
    problem: str, context: str | None, problem_at: tuple[int, int] | None, context_at: tuple[int, int] | None, text: str
) -> YamlProblem | None:
    """A plain-words (rule, fix) for PyYAML's `problem`/`context`, at the line the mistake is on.

    `problem_at` and `context_at` are PyYAML's (0-based line, column) marks. None when the
    problem is not one of the common ones (the caller then shows the parser's own words).
    """
    if problem_at is None:
        return None
    line, column = problem_at
    here = _line(text, line)
    # PyYAML's pure-Python parser and libyaml (the C loader) word the same mistakes differently.
    if "'\\t'" in problem or "\t" in problem or "tab character" in problem:
        return YamlProblem(
            line,
            here.find("\t") if "\t" in here else column,
            "a tab character; YAML indents with spaces only",
            "replace the tab with spaces (your editor may insert tabs when you press Tab)",
        )
    if problem.startswith("found character") and "cannot start any token" in problem:
        char = re.search(r"'(.)'", problem)
        found = char[1] if char else (here[column] if 0 <= column < len(here) else "")
        shown = f"`{found}`" if found.strip() else "this character"
        return YamlProblem(line, column, f"a text starts with {shown}, which YAML does not allow unquoted", QUOTE_FIX)
    if problem.startswith("mapping values are not allowed"):
        match = KEY_LINE.match(here)
        above = _previous_content_line(text, line)
        above_match = KEY_LINE.match(above)
        if match and above_match and match.start("key") > above_match.start("key") and not above.rstrip().endswith(":"):
            return YamlProblem(
                line,
                _indent(here),
                f"`{match['key']}:` is indented further than the line above it",
                f"start `{match['key']}:` in the same column as `{above_match['key']}:` above it",
            )
        return YamlProblem(line, column, "a text contains `: ` (a colon and a space) and is not in quotes", QUOTE_FIX)
    if problem == "could not find expected ':'" and context_at is not None:
        return YamlProblem(
            context_at[0],
            context_at[1],
            "a text runs on to a line that is not indented under its key, or a key lacks its `:`",
            "indent the continuation lines of the text further than its key, or write the text "
            "after `>-` on the following lines; a key is written `key: value`",
        )
    if problem == "found unexpected end of stream" and context and "quoted scalar" in context and context_at:
        return YamlProblem(
            context_at[0],
            context_at[1],
            "a quotation mark is opened here and never closed",
            "close the quotation, or remove it; a quote inside a quoted text is written twice ('') "
            "in single quotes, or use the other kind of quote",
        )
    if "expected ',' or ']'" in problem and context_at is not None:
        return YamlProblem(
            context_at[0],
            context_at[1],
            "a list in square brackets `[…]` is not closed, or an item in it contains `:` or `,`",
            "close the bracket, put an item with `:` or `,` in quotes, or write one `- item` per line",
        )
    quoted_then_text = column > _indent(here) and re.match(r"""^ *(?:- +)?[\w-]+: +["']""", here) is not None
    if problem.startswith(("expected <block end>, but found '<scalar>'", "did not find expected key")) and (
        quoted_then_text
    ):
        return YamlProblem(
            line,
            column,
            "text follows a quoted text on the same line",
            "put the whole text in quotes, or write it after `>-` on the next lines "
            "(quotes at the start of a text open a quoted text)",
        )
    if problem.startswith(("expected <block end>", "did not find expected key", "did not find expected '-'")):
        if here.lstrip().startswith("- "):
            return YamlProblem(
                line, _indent(here), "this list entry is not lined up with the entries above it", INDENT_FIX
            )
        return YamlProblem(line, _indent(here), "this line is not lined up with the lines above it", INDENT_FIX)
    if problem.startswith("YAML anchors and aliases"):
        return YamlProblem(
            line,
            column,
            "YAML anchors and aliases (`&name`, `*name`) are not allowed in content files",
            "write the text out; a text that starts with `&` or `*` goes in double quotes",
        )
    duplicate = re.match(r"duplicate key '(?P<key>.*)'$", problem)
    if duplicate:
        return YamlProblem(
            line,
            column,
            f"the key `{duplicate['key']}` appears twice in this entry",
            "keep one of them: each key is written once per entry",
        )
    return None


def nested_entry(document: Any, list_key: str, name_key: str) -> tuple[Any, Any, str] | None:
    """(nested entry, the entry it sits in, the field it landed in) for the first list entry that
    was indented inside the one above it, so YAML read it as part of that entry's last field."""
    if not isinstance(document, Mapping) or not isinstance(document.get(list_key), list):
        return None
    for parent in document[list_key]:
        if not isinstance(parent, Mapping):
            continue
        for field, value in parent.items():
            found = _find_named(value, name_key)
            if found is not None:
                return found, parent, str(field)
    return None


def _find_named(value: Any, name_key: str) -> Any:
    if isinstance(value, Mapping):
        if name_key in value:
            return value
        children = list(value.values())
    elif isinstance(value, list):
        children = value
    else:
        return None
    for child in children:
        found = _find_named(child, name_key)
        if found is not None:
            return found
    return None


def entry_column(text: str, list_key: str) -> int | None:
    """The column where the entries of the top-level list `list_key` start their `- `."""
    lines = text.splitlines()
    for index, line in enumerate(lines):
        if line.startswith(f"{list_key}:"):
            for following in lines[index + 1 :]:
                if following.lstrip().startswith("- "):
                    return _indent(following)
            return None
    return None


TYPE_WORDS = {
    "string": "a text",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "array": "a list (`- item` lines or `[a, b]`)",
    "object": "a set of `key: value` lines",
    "null": "empty",
}


def field_name(path: list[Any]) -> str:
    """A path such as questions/0/choices/1/feedback in words: "choice B's `feedback`"."""
    words: list[str] = []
    steps = list(path[2:]) if len(path) >= 2 and isinstance(path[1], int) else list(path)
    for index, step in enumerate(steps):
        before = steps[index - 1] if index else None
        if isinstance(step, int):
            if before == "choices":
                words[-1] = f"choice {'ABCDEF'[step] if step < 6 else step + 1}"
            else:
                words[-1] = f"{words[-1]} item {step + 1}" if words else f"item {step + 1}"
        else:
            words.append(f"`{step}`")
    return "'s ".join(words) if words else "the entry"


def shown_value(value: Any, limit: int = 60) -> str:
    """A value as a contributor wrote it, cut short: never a whole entry as a Python dict."""
    if isinstance(value, Mapping):
        keys = ", ".join(str(key) for key in list(value)[:3])
        text = f"a set of `key: value` lines ({keys}{', …' if len(value) > 3 else ''})"
        return text if len(text) <= limit + 30 else text[: limit + 29] + "…"
    if isinstance(value, list):
        return f"a list of {len(value)} item{'s' if len(value) != 1 else ''}"
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true" if value else "false"
    flat = " ".join(str(value).split())
    return f"'{flat if len(flat) <= limit else flat[: limit - 1] + '…'}'"


def schema_problem(
    validator: str, message: str, path: list[Any], instance: Any, schema: Mapping[str, Any], schema_name: str
) -> tuple[str, str]:
    """(rule, fix) for one JSON Schema violation, naming the field and showing the value shortened."""
    field = field_name(path)
    value = shown_value(instance)
    example = f"compare with the complete example in CONTRIBUTING.md ({schema_name})"
    if validator == "required":
        missing = re.match(r"'(?P<key>[^']+)' is a required property", message)
        key = missing["key"] if missing else "a required key"
        where = "" if field == "the entry" else f" in {field}"
        return f"`{key}` is missing{where}", f"add a `{key}:` line; {example}"
    if validator == "additionalProperties":
        extra = re.findall(r"'([^']+)'", message.split("(")[-1])
        properties = list(schema.get("properties", {}))
        for key in extra:
            if key.lower() in properties:
                return f"the key `{key}` in {field} is not lower case", f"write `{key.lower()}:`; keys are lower case"
        allowed = ", ".join(f"`{key}`" for key in properties)
        keys = ", ".join(f"`{key}`" for key in extra) or "a key"
        close = difflib.get_close_matches(extra[0], properties, n=1) if extra else []
        fix = f"check its spelling and its indentation; the keys allowed here are {allowed}"
        return f"unknown key {keys} in {field}", f"Did you mean `{close[0]}`? C{fix[1:]}" if close else fix
    if validator == "type":
        wanted = schema.get("type")
        words = " or ".join(TYPE_WORDS.get(t, t) for t in (wanted if isinstance(wanted, list) else [wanted]))
        return f"{field} should be {words}, found {value}", example
    if validator == "enum":
        allowed = ", ".join(str(option) for option in schema.get("enum", []))
        return f"{field} is {value}, which is not one of: {allowed}", "use one of the listed values"
    if validator == "pattern":
        if schema.get("pattern") == "^[a-z0-9]+(-[a-z0-9]+)*$":
            return (
                f"{field} is {value}, which is not lower-case-hyphenated",
                "use lower-case letters, digits and single hyphens, e.g. `abuse-written-deadline`",
            )
        if schema.get("pattern") == "\\S":
            return f"{field} is empty", f"write the text; {example}"
        return f"{field} is {value}, which does not have the expected form", example
    if validator in ("minItems", "maxItems"):
        bound = schema.get(validator)
        word = "at least" if validator == "minItems" else "at most"
        return f"{field} has {value.removeprefix('a list of ')}; it needs {word} {bound}", example
    if validator in ("minimum", "maximum", "minLength", "uniqueItems", "const"):
        return f"{field} is {value}: {message.split(' is ')[-1] if ' is ' in message else message}", example
    return f"{field}: {message}", example
