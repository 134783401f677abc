"""Diagrams drawn at build time: finding mermaid blocks, locating errors, placing the SVG."""

from __future__ import annotations

from confidant.book import namespace_ids
from confidant.diagrams import (
    MIN_SCALE,
    Drawn,
    cache_key,
    diagram_id,
    error_line,
    find_fences,
    fit,
    normalize,
    place_diagrams,
    rendered_blocks,
)

PAGE = """# Title

```mermaid
flowchart TD
    A["Start"] --> B["End"]
```

Text.

!!! note

    ~~~~mermaid
    flowchart TD
        C["Inside a note"]
    ~~~~

```python
print("not a diagram")
```
"""


def test_find_fences_gives_each_diagram_with_its_opening_line() -> None:
    fences = find_fences(PAGE)
    assert [f.line for f in fences] == [3, 12]
    assert fences[0].source == 'flowchart TD\n    A["Start"] --> B["End"]'
    assert fences[1].source == 'flowchart TD\n    C["Inside a note"]'


def test_error_line_points_into_the_markdown_file() -> None:
    assert error_line("Parse error on line 3:\n...", fence_line=20) == 23
    assert error_line("No diagram type detected", fence_line=20) == 20


def test_cache_key_changes_with_the_source_and_the_mermaid_build_only() -> None:
    key = cache_key("flowchart TD\n  A", "build-1")
    assert key == cache_key("flowchart TD\n  A  \n\n", "build-1")
    assert key != cache_key("flowchart TD\n  B", "build-1")
    assert key != cache_key("flowchart TD\n  A", "build-2")


def test_fit_drops_mermaids_fixed_size_and_keeps_the_viewbox() -> None:
    svg = '<svg id="x" width="100%" style="max-width: 400px;" viewBox="0 0 400 300"><text>A</text></svg>'
    drawn = fit(svg)
    assert drawn.width == 400 and drawn.height == 300
    assert drawn.svg == '<svg id="x" viewBox="0 0 400 300"><text>A</text></svg>'


def test_place_diagrams_replaces_each_block_and_gives_a_repeat_its_own_ids() -> None:
    source = normalize('flowchart TD\n    A["Start"]')
    key = cache_key(source, "b")
    svg = f'<svg id="{diagram_id(key)}" viewBox="0 0 800 100"><style>#{diagram_id(key)} text{{}}</style></svg>'
    block = '<pre class="mermaid"><code>flowchart TD\n    A[&quot;Start&quot;]\n</code></pre>'
    html = f"<p>x</p>{block}\n<p><em>The <strong>first</strong> one</em></p><p>y</p>{block}"
    assert rendered_blocks(html) == [source, source]
    placed = place_diagrams(html, {key: Drawn(svg, 800, 100)}, {source: key})
    assert "<pre" not in placed
    assert placed.count('<div class="confidant-diagram" role="region"') == 2
    assert f'id="{diagram_id(key)}"' in placed and f'id="{diagram_id(key)}-2"' in placed
    assert f"--diagram-min-width: {800 * MIN_SCALE:.1f}px" in placed
    assert 'aria-label="The first one"' in placed and 'aria-label="Diagram 2"' in placed
    assert "<p><em>The <strong>first</strong> one</em></p>" in placed


def test_the_book_prefixes_ids_but_not_inside_a_diagram() -> None:
    html = '<h2 id="a">A</h2><svg id="d1"><marker id="m"/></svg><p id="b">B</p>'
    assert namespace_ids(html, "ch") == '<h2 id="ch--a">A</h2><svg id="d1"><marker id="m"/></svg><p id="ch--b">B</p>'
