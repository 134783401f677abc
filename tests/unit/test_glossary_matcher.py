"""The glossary linker: one matcher, first occurrence only, never inside code, links or headings."""

from __future__ import annotations

from types import SimpleNamespace

from confidant.glossary import (
    Occurrence,
    Term,
    build_matcher,
    in_page_order,
    link_terms,
    linked_slugs,
    toc_for_glossary_page,
    wrap_glossary_entries,
)


def term(name: str, slug: str, *aliases: str) -> Term:
    return Term(name, slug, tuple(aliases), f"Definition of {name}.", (), (), 1)


TERMS = [
    term("Privilege", "privilege", "privileges"),
    term("Psychotherapist-patient privilege", "pp-privilege"),
    term("Child Abuse and Neglect Reporting Act", "canra", "CANRA"),
    term("Dual relationship", "dual-relationship", "dual relationships"),
    term("Tarasoff", "tarasoff"),
    term("Health & Safety Code", "hsc"),
]
MATCHER = build_matcher(TERMS)


def link(html: str) -> str:
    return link_terms(html, MATCHER, lambda t, text: f"[{t.slug}:{text}]").html


def test_first_occurrence_only() -> None:
    assert link("<p>privilege and privilege</p>") == "<p>[privilege:privilege] and privilege</p>"


def test_longest_term_wins_over_its_tail() -> None:
    assert link("<p>the psychotherapist-patient privilege applies</p>") == (
        "<p>the [pp-privilege:psychotherapist-patient privilege] applies</p>"
    )


def test_overlapping_terms_each_link_once() -> None:
    html = link("<p>Psychotherapist-patient privilege. Later, privilege alone.</p>")
    assert html == "<p>[pp-privilege:Psychotherapist-patient privilege]. Later, [privilege:privilege] alone.</p>"


def test_case_insensitive_and_keeps_original_text() -> None:
    assert link("<p>CANRA or canra</p>") == "<p>[canra:CANRA] or canra</p>"


def test_plural_alias_and_multi_word_across_line_break() -> None:
    assert link("<p>Avoid dual\nrelationships.</p>") == "<p>Avoid [dual-relationship:dual\nrelationships].</p>"


def test_possessive_and_punctuation() -> None:
    assert link("<p>Tarasoff's rule (Tarasoff).</p>") == "<p>[tarasoff:Tarasoff]'s rule (Tarasoff).</p>"


def test_word_boundaries_including_hyphens() -> None:
    assert link("<p>privileged unprivilege non-privilege</p>") == "<p>privileged unprivilege non-privilege</p>"


def test_start_and_end_of_paragraph() -> None:
    assert link("<p>Privilege</p><p>Tarasoff</p>") == "<p>[privilege:Privilege]</p><p>[tarasoff:Tarasoff]</p>"


def test_never_inside_code_spans_or_fences() -> None:
    html = "<p><code>privilege</code></p><pre><code>Tarasoff\n</code></pre><p>privilege</p>"
    assert link(html) == "<p><code>privilege</code></p><pre><code>Tarasoff\n</code></pre><p>[privilege:privilege]</p>"


def test_never_inside_existing_links_or_headings() -> None:
    html = '<h2 id="privilege-basics">Privilege basics</h2><p><a href="x">privilege</a> then privilege</p>'
    assert link(html) == (
        '<h2 id="privilege-basics">Privilege basics</h2><p><a href="x">privilege</a> then [privilege:privilege]</p>'
    )


def test_never_inside_attributes_images_or_comments() -> None:
    html = '<p title="privilege"><img alt="privilege" src="privilege.png"><!-- privilege --> end</p>'
    assert link(html) == html


def test_entities_in_terms_match_escaped_html() -> None:
    assert link("<p>the Health &amp; Safety Code</p>") == "<p>the [hsc:Health &amp; Safety Code]</p>"


def test_each_quiz_links_its_own_first_occurrence() -> None:
    html = (
        "<p>privilege</p>"
        '<div class="quiz"><div class="quiz-question">privilege?</div>'
        '<label for="a">privilege label</label><section class="content">Why: privilege.</section></div>'
        '<div class="quiz"><section class="content">privilege</section></div>'
        "<p>privilege</p>"
    )
    result = link(html)
    assert result.count("[privilege:") == 3
    assert '<label for="a">privilege label</label>' in result
    assert result.endswith("<p>privilege</p>")


def test_occurrences_record_the_section() -> None:
    html = '<p>CANRA</p><h2 id="reporting">Reporting <a class="headerlink" href="#r">¶</a></h2><p>CANRA again</p>'
    result = link_terms(html, MATCHER, lambda t, text: text)
    places = [(o.slug, o.section_id, o.section_title) for o in result.occurrences]
    assert places == [("canra", "", ""), ("canra", "reporting", "Reporting")]


def test_a_section_title_is_plain_text_so_it_is_escaped_only_once_where_shown() -> None:
    html = '<h2 id="lps">Welf. &amp; Inst. Code <a class="headerlink" href="#lps">¶</a></h2><p>CANRA</p>'
    result = link_terms(html, MATCHER, lambda t, text: text)
    assert [o.section_title for o in result.occurrences] == ["Welf. & Inst. Code"]


def test_linking_prose_then_quizzes_gives_what_one_pass_gives() -> None:
    """The build links a page's prose before mkdocs-quiz and its quizzes after: same links."""
    html = (
        "<p>privilege</p>"
        '<div class="quiz"><div class="quiz-question">privilege and CANRA?</div></div>'
        "<p>privilege and CANRA</p>"
    )
    render = lambda t, text: f"[{t.slug}:{text}]"  # noqa: E731
    prose = link_terms(html.replace("privilege and CANRA?", "QUIZ"), MATCHER, render).html
    both = link_terms(prose.replace("QUIZ", "privilege and CANRA?"), MATCHER, render, only_in_quizzes=True).html
    assert both == link(html)
    assert both.count("[privilege:") == 2 and both.count("[canra:") == 2


def test_only_in_quizzes_leaves_the_prose_alone() -> None:
    html = '<p>privilege</p><div class="quiz"><p>privilege</p></div><p>CANRA</p>'
    assert link_terms(html, MATCHER, lambda t, text: f"[{t.slug}]", only_in_quizzes=True).html == (
        '<p>privilege</p><div class="quiz"><p>[privilege]</p></div><p>CANRA</p>'
    )


def test_a_page_can_be_linked_piece_by_piece() -> None:
    seen = linked_slugs('<p><a class="glossary-term" href="../../glossary/#privilege">privilege</a></p>')
    assert seen == {"privilege"}
    render = lambda t, text: f"[{t.slug}]"  # noqa: E731
    first = link_terms("<p>privilege and CANRA</p>", MATCHER, render, seen=seen).html
    second = link_terms("<p>CANRA and Tarasoff</p>", MATCHER, render, seen=seen).html
    assert (first, second) == ("<p>privilege and [canra]</p>", "<p>CANRA and [tarasoff]</p>")


def test_occurrences_of_two_passes_in_page_order() -> None:
    toc = [
        SimpleNamespace(id="top", children=[SimpleNamespace(id="a", children=[]), SimpleNamespace(id="b", children=[])])
    ]
    found = [Occurrence("canra", "b", "B"), Occurrence("canra", "", ""), Occurrence("canra", "a", "A")]
    found += [Occurrence("canra", "a", "A"), Occurrence("tarasoff", "b", "B")]
    assert [(o.slug, o.section_id) for o in in_page_order(found, toc)] == [
        ("canra", ""),
        ("canra", "a"),
        ("canra", "b"),
        ("tarasoff", "b"),
    ]


def test_the_glossary_table_of_contents_stops_at_the_letters() -> None:
    term_item = SimpleNamespace(id="privilege", level=3, children=[])
    letter = SimpleNamespace(id="letter-p", level=2, children=[term_item])
    page = SimpleNamespace(id="glossary", level=1, children=[letter])
    assert toc_for_glossary_page([page]) == [page]
    assert page.children == [letter] and letter.children == []


def test_each_glossary_entry_is_boxed_with_its_heading_but_the_first_few() -> None:
    html = '<p>A · B</p><h2 id="letter-a">A</h2><h3 id="a1">A1</h3><p>one</p><h3 id="a2">A2</h3><p>two</p>'
    html += '<h2 id="letter-b">B</h2><h3 id="b1">B1</h3><p>three</p>'
    assert wrap_glossary_entries(html, unboxed=0) == (
        '<p>A · B</p><h2 id="letter-a">A</h2>'
        '<div class="glossary-entry"><h3 id="a1">A1</h3><p>one</p></div>'
        '<div class="glossary-entry"><h3 id="a2">A2</h3><p>two</p></div>'
        '<h2 id="letter-b">B</h2><div class="glossary-entry"><h3 id="b1">B1</h3><p>three</p></div>'
    )
    assert wrap_glossary_entries(html, unboxed=3).count("glossary-entry") == 1  # only B1
    assert "glossary-entry" not in wrap_glossary_entries(html)  # the default keeps six unboxed
