"""Section boxes: the body of each top-level section of a page in a box (hooks/confidant/sections.py)."""

from confidant.sections import box_sections, top_level_headings


def test_each_body_runs_from_its_heading_to_the_next_heading_and_headings_stay_outside() -> None:
    html = "<p>intro</p><h2 id='a'>A</h2><p>a</p><h3 id='a1'>A1</h3><p>a1</p><h2 id='b'>B</h2><p>b</p>"
    assert box_sections(html, 2, "box", unboxed=0) == (
        "<p>intro</p><h2 id='a'>A</h2>"
        "<div class=\"box\"><p>a</p><h3 id='a1'>A1</h3><p>a1</p></div>"
        "<h2 id='b'>B</h2><div class=\"box\"><p>b</p></div>"
    )


def test_every_heading_up_to_the_level_starts_a_box() -> None:
    html = "<h2>L</h2><h3>t1</h3><p>1</p><h2>M</h2><h3>t2</h3><p>2</p>"
    assert box_sections(html, 3, "e", unboxed=0) == (
        '<h2>L</h2><h3>t1</h3><div class="e"><p>1</p></div><h2>M</h2><h3>t2</h3><div class="e"><p>2</p></div>'
    )


def test_a_heading_inside_a_container_starts_no_box() -> None:
    html = "<h2>A</h2><div class='quiz'><h2>inside</h2><div><p>x</p></div></div><details><h2>d</h2></details>"
    assert [level for _, level in top_level_headings(html)] == [2]
    assert (
        box_sections(html, 2, "box", unboxed=0) == "<h2>A</h2>" + f'<div class="box">{html[len("<h2>A</h2>") :]}</div>'
    )


def test_a_page_without_such_headings_is_unchanged() -> None:
    assert box_sections("<p>only text</p><h3>x</h3>", 2, "box") == "<p>only text</p><h3>x</h3>"


def test_the_first_sections_stay_unboxed_as_they_are_on_screen_when_the_page_opens() -> None:
    html = "<h1>T</h1><p>intro</p><h2>A</h2><p>a</p><h2>B</h2><p>b</p>"
    assert (
        box_sections(html, 2, "box")
        == '<h1>T</h1><p>intro</p><h2>A</h2><div class="box"><p>a</p></div><h2>B</h2><div class="box"><p>b</p></div>'
    )
    assert (
        box_sections(html, 2, "box", unboxed=2)
        == '<h1>T</h1><p>intro</p><h2>A</h2><p>a</p><h2>B</h2><div class="box"><p>b</p></div>'
    )


def test_a_heading_the_table_of_contents_leaves_out_can_go_into_its_box() -> None:
    html = "<h2>L</h2><h3>t1</h3><p>1</p><h3>t2</h3><p>2</p>"
    assert box_sections(html, 3, "e", unboxed=0, heading_inside=True) == (
        '<h2>L</h2><div class="e"><h3>t1</h3><p>1</p></div><div class="e"><h3>t2</h3><p>2</p></div>'
    )
