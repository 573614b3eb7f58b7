"""Markdown costs work in proportion to its length, whatever staff paste, and the preview is
for staff who may change the model, on text no longer than a field accepts.

Work is counted, not timed: the Python lines the renderer executes (a trace limited to
markdown_it's own code), which is the same on every machine and every run."""

import sys

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.test import override_settings
from django.urls import reverse

from core.text import markup
from tests.editorial import login_as
from workshops.models import Workshop

pytestmark = pytest.mark.django_db


def _repeat_lines(line, length):
    lines, total, number = [], 0, 0
    while total < length:
        lines.append(line(number))
        total += len(lines[-1])
        number += 1
    return "".join(lines)[:length]


# Inputs that made Python-Markdown's time grow with the square of the length or worse,
# and the shapes CommonMark parsers are known to struggle with (deep nesting, unclosed
# delimiters, link and image openers, HTML-like starts, long tables).
ADVERSARIAL = {
    "nested-brackets": lambda n: "[" * (n // 2) + "a" + "]" * (n // 2),
    "link-openers": lambda n: "[a](" * (n // 4),
    "image-openers": lambda n: "![" * (n // 2),
    "html-starts": lambda n: "<a " * (n // 3),
    "comment-starts": lambda n: "<!--" * (n // 4),
    "emphasis": lambda n: "*a_" * (n // 3),
    "code-spans": lambda n: "`a" * (n // 2),
    "blockquotes": lambda n: ">" * n,
    "nested-lists": lambda n: _repeat_lines(lambda i: " " * (2 * (i % 40)) + "- a\n", n),
    "nested-quotes-and-lists": lambda n: _repeat_lines(lambda i: "> - " * (i % 30) + "a\n", n),
    "table-columns": lambda n: "|a" * (n // 6) + "\n" + "|-" * (n // 6) + "\n" + "|b" * (n // 6),
    "entities": lambda n: "&#" * (n // 2),
    "quotes": lambda n: "\"'" * (n // 2),
}


def counted_work(text):
    """Lines of markdown_it executed to render `text` (nothing cached)."""
    lines = 0

    def local(frame, event, arg):
        nonlocal lines
        if event == "line":
            lines += 1
        return local

    def tracer(frame, event, arg):
        if frame.f_code.co_filename.find("markdown_it") >= 0:
            return local
        return None

    sys.settrace(tracer)
    try:
        markup.render_markdown.__wrapped__(text)
    finally:
        sys.settrace(None)
    return lines


@pytest.mark.parametrize("shape", ADVERSARIAL, ids=list(ADVERSARIAL))
def test_markdown_work_grows_linearly_with_length(shape):
    small = counted_work(ADVERSARIAL[shape](250))
    large = counted_work(ADVERSARIAL[shape](1_000))

    # Four times the text, at most about four times the work (linear, with some slack for
    # what does not depend on the length); Python-Markdown's grew 16 times and more.
    # The bound at the longest text a field accepts is in tests/dos/test_markdown.py.
    assert large <= 5 * small + 2_000, (small, large)


def test_markdown_keeps_tables_smart_quotes_and_dashes():
    html = markup.render_markdown(
        '"Migration" -- and "development"...\n\n| a | b |\n|---|---|\n| 1 | 2 |'
    )

    assert "“Migration” – and “development”…" in html
    assert "<table>" in html
    assert "<td>1</td>" in html


def preview(client, text, model="workshops_workshop"):
    return client.post(
        reverse(f"admin:{model}_markdown_preview"),
        {"_markdown_preview": "summary", "summary": text},
    )


def test_the_preview_is_refused_to_staff_who_may_not_change_the_model(client):
    user = get_user_model().objects.create_user("viewer", password="x", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="view_workshop"))
    client.force_login(user)

    response = preview(client, "**Bold**")

    assert response.status_code == 403


def test_the_preview_is_refused_to_staff_without_any_permission(client):
    client.force_login(get_user_model().objects.create_user("nobody", password="x", is_staff=True))

    response = preview(client, "**Bold**")

    assert response.status_code == 403


@override_settings(TEXT_MAX_LENGTH=1_000)
def test_the_preview_refuses_text_longer_than_a_field_accepts(client):
    login_as(client, "editor")

    response = preview(client, "[" * 1_001)

    assert response.status_code == 400
    assert "This text has 1001 characters; at most 1000 are allowed." in response.content.decode()
    assert not Workshop.objects.exists()


def test_the_preview_refuses_control_characters(client):
    login_as(client, "editor")

    response = preview(client, "Bold\x0b")

    assert response.status_code == 400
    assert "invisible control character (U+000B)" in response.content.decode()
