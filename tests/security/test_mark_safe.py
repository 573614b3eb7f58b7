"""Everything the site shows is escaped by the templates, except HTML that a sanitiser or
escaper produced. This guards that: a new mark_safe, |safe or autoescape off fails here
until it is added below with the reason it is sound."""

import ast
import re
from pathlib import Path

from django.conf import settings

# path: (number of mark_safe calls, why each is sound)
ALLOWED_MARK_SAFE = {
    "core/templatetags/markup.py": (1, "render_markdown's output, sanitised by nh3"),
    "core/editorial/views.py": (1, "render_markdown's output, sanitised by nh3 (admin preview)"),
    "core/templatetags/meta.py": (1, "json_script's output, with <, > and & escaped"),
    "core/templatetags/translated.py": (1, "render_markdown's output, sanitised by nh3"),
}
SOURCE_DIRS = ["config", "core", "organizations", "series", "workshops", "search"]
UNSAFE_TEMPLATE = re.compile(r"\|\s*safe(seq)?\b|\{%\s*autoescape\s+off")


def python_files():
    base = Path(settings.BASE_DIR)
    for folder in SOURCE_DIRS:
        for path in sorted((base / folder).rglob("*.py")):
            if "migrations" not in path.parts:
                yield path.relative_to(base).as_posix(), path


def marks_safe(tree):
    """Calls of mark_safe, and SafeString built by hand, which is the same thing."""
    names = {"mark_safe", "SafeString", "SafeText"}
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
            if name in names:
                yield node.lineno


def test_mark_safe_only_on_sanitiser_or_escaper_output():
    found = {}
    for relative, path in python_files():
        lines = list(marks_safe(ast.parse(path.read_text(), filename=relative)))
        if lines:
            found[relative] = len(lines)

    assert found == {path: count for path, (count, _why) in ALLOWED_MARK_SAFE.items()}


def test_templates_never_turn_escaping_off():
    base = Path(settings.BASE_DIR)
    templates = [*base.glob("templates/**/*.html"), *base.glob("*/templates/**/*.html")]

    offenders = [
        path.relative_to(base).as_posix()
        for path in templates
        if UNSAFE_TEMPLATE.search(path.read_text())
    ]

    assert templates
    assert offenders == []
