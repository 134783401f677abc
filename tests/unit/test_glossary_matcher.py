"""The glossary linker: one matcher, first occurrence only, never inside code, links or headings."""

from __future__ import annotations

from confidant.glossary import Term, build_matcher, link_terms


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
