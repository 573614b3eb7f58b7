"""`.env.example` lists every setting the code reads from the environment, and nothing else.

The settings read the environment through django-environ (`env.str("NAME")`, `env.bool`,
`env.db`, …); the code is searched for every such read, so a new setting without its line
in `.env.example` fails here."""

import ast
import pathlib
import re

from django.apps import apps
from django.conf import settings

ENV_EXAMPLE = settings.BASE_DIR / ".env.example"
LISTED = re.compile(r"^#?\s*([A-Z][A-Z0-9_]*)=", re.MULTILINE)


def _names_read(path):
    """NAME for each `env("NAME")`, `env.<kind>("NAME", …)` in a module."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if not isinstance(node, ast.Call) or not node.args:
            continue
        function = node.func
        is_env = (isinstance(function, ast.Name) and function.id == "env") or (
            isinstance(function, ast.Attribute)
            and isinstance(function.value, ast.Name)
            and function.value.id == "env"
        )
        first = node.args[0]
        if is_env and isinstance(first, ast.Constant) and isinstance(first.value, str):
            names.add(first.value)
    return names


def test_env_example_lists_every_setting_the_code_reads():
    # The settings and every app of the project's own (not the libraries').
    folders = [settings.BASE_DIR / "config"] + [
        pathlib.Path(app.path)
        for app in apps.get_app_configs()
        if pathlib.Path(app.path).is_relative_to(settings.BASE_DIR)
    ]
    read = set()
    for folder in folders:
        for path in folder.rglob("*.py"):
            if "migrations" not in path.parts:
                read |= _names_read(path)
    listed = set(LISTED.findall(ENV_EXAMPLE.read_text()))

    assert "SECRET_KEY" in read  # the search finds what it looks for
    assert sorted(read - listed) == [], "missing from .env.example"
    assert sorted(listed - read) == [], "listed in .env.example, read by nothing"
