import datetime

import pytest
from django.template import Context, Template

from core.text.markup import render_markdown


def test_render_markdown_keeps_formatting_and_links():
    html = render_markdown("**Delegates** read [the report](https://example.org/report).")

    assert html == (
        '<p><strong>Delegates</strong> read <a href="https://example.org/report" '
        'rel="noopener noreferrer">the report</a>.</p>'
    )


@pytest.mark.parametrize(
    "text",
    [
        "<script>alert(1)</script>",
        '<img src="x" onerror="alert(1)">',
        "[click](javascript:alert(1))",
        '<a href="#" onclick="alert(1)">x</a>',
        "<iframe src='https://evil.example'></iframe>",
        '<p style="position:fixed">x</p>',
    ],
)
def test_render_markdown_strips_anything_that_can_run(text):
    html = render_markdown(text)

    # As markup: the text itself may stay, shown as text ("[click](javascript:…)" is not
    # a link for CommonMark, whose parser refuses that scheme before nh3 would).
    for dangerous in ("<script", "onerror=", 'href="javascript:', "onclick=", "<iframe", "style="):
        assert dangerous not in html


def test_render_markdown_of_empty_text_is_empty():
    assert render_markdown("") == ""


def render_date_range(start, end=None):
    template = Template("{% load dates %}{% date_range start end %}")
    return template.render(Context({"start": start, "end": end}))


def test_date_range_of_one_day_is_the_un_style_date():
    assert render_date_range(datetime.date(2005, 10, 18)) == (
        '<time datetime="2005-10-18">18 October 2005</time>'
    )


def test_date_range_within_a_month_names_the_month_once():
    html = render_date_range(datetime.date(2006, 9, 14), datetime.date(2006, 9, 15))

    assert html == (
        '<time datetime="2006-09-14">14</time>\u2009–\u2009'
        '<time datetime="2006-09-15">15 September 2006</time>'
    )


def test_date_range_across_months_names_the_year_once():
    html = render_date_range(datetime.date(2006, 8, 30), datetime.date(2006, 9, 2))

    assert html == (
        '<time datetime="2006-08-30">30 August</time>\u2009–\u2009'
        '<time datetime="2006-09-02">2 September 2006</time>'
    )


def test_date_range_across_years_names_both_years():
    html = render_date_range(datetime.date(2005, 12, 30), datetime.date(2006, 1, 2))

    assert html == (
        '<time datetime="2005-12-30">30 December 2005</time>\u2009–\u2009'
        '<time datetime="2006-01-02">2 January 2006</time>'
    )
