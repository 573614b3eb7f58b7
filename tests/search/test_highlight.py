from search.templatetags.highlight import excerpt, highlight


def test_highlight_marks_whole_words_case_insensitively():
    assert highlight("Trafficking in Human Beings", ["trafficking"]) == (
        "<mark>Trafficking</mark> in Human Beings"
    )


def test_highlight_marks_words_sharing_a_stem():
    assert highlight("Trafficking and migrants", ["trafficked", "migrant"]) == (
        "<mark>Trafficking</mark> and <mark>migrants</mark>"
    )


def test_highlight_escapes_the_text_and_the_match():
    assert highlight("<b>UNHCR</b> & co", ["unhcr"]) == (
        "&lt;b&gt;<mark>UNHCR</mark>&lt;/b&gt; &amp; co"
    )


def test_highlight_without_words_only_escapes():
    assert highlight("a < b", []) == "a &lt; b"


def test_excerpt_starts_near_the_first_match():
    text = " ".join(f"word{n}" for n in range(100)) + " Trafficking " + "tail " * 50

    result = excerpt(text, ["trafficking"], size=10)

    assert result.startswith("… word97 word98 word99 Trafficking")
    assert result.endswith(" …")
