"""The settings refuse to start a production server that lacks its configuration.

Each test runs `manage.py check` in a fresh process, since settings are read once at import.
"""

import os
import secrets
import subprocess
import sys

from django.conf import settings

# DJANGO_ALLOW_ASYNC_UNSAFE: the browser tests set it in this process (tests/browser/conftest.py);
# a production process never has it, and check --deploy refuses it (async.E001).
PRODUCTION_KEYS = ("DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "DJANGO_ALLOW_ASYNC_UNSAFE")


def manage(*args, **env):
    base = {
        key: value
        for key, value in os.environ.items()
        if key not in PRODUCTION_KEYS and not key.startswith(("SECURE_", "CSRF_", "SESSION_"))
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        # Empty rather than absent, so that a developer's .env cannot fill them in.
        env=base | {"DEBUG": "false", "SECRET_KEY": "", "ALLOWED_HOSTS": ""} | env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def production_key():
    return secrets.token_urlsafe(50)


def test_settings_without_secret_key_refuse_to_start():
    result = manage("check", ALLOWED_HOSTS="example.org")

    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_settings_without_allowed_hosts_refuse_to_start():
    result = manage("check", SECRET_KEY=production_key())

    assert result.returncode != 0
    assert "ALLOWED_HOSTS is not set" in result.stderr


def test_settings_for_production_pass_deploy_checks():
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        SECRET_KEY=production_key(),
        ALLOWED_HOSTS="example.org",
    )

    assert result.returncode == 0, result.stderr


# The packages only `pip install -e .[dev]` brings (pyproject.toml's dev extra): a
# production install lacks them.
DEV_ONLY_MODULES = [
    "pytest",
    "pytest_django",
    "playwright",
    "axe_playwright_python",
    "pypdf",
    "xdist",
    "factory",
    "faker",
    "feedparser",
    "jsonschema",
    "pyinstrument",
    "granian",
    "polib",
]

PRODUCTION_PROCESS = """
import importlib.abc, os, sys

class NoDevelopmentPackages(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in {dev_only!r}:
            raise ImportError(f"{{name}} is a development package")

sys.meta_path.insert(0, NoDevelopmentPackages())
import django
django.setup()
from django.apps import apps
from django.core.management import get_commands
from django.urls import get_resolver
get_resolver().url_patterns  # every view module the site routes to
print("benchmarks installed:", apps.is_installed("benchmarks"))
print("generate_bench_data:", "generate_bench_data" in get_commands())
"""


def test_production_installs_no_benchmarks_and_imports_no_development_package():
    """Without DEBUG (and without BENCHMARKS=true, which the tests and `make bench` set),
    the benchmark app is not installed, and the site starts with every development-only
    package unimportable, as in a production install."""
    base = {
        key: value
        for key, value in os.environ.items()
        if key not in (*PRODUCTION_KEYS, "BENCHMARKS")
    }
    result = subprocess.run(
        [sys.executable, "-c", PRODUCTION_PROCESS.format(dev_only=set(DEV_ONLY_MODULES))],
        cwd=settings.BASE_DIR,
        env=base
        | {
            "DJANGO_SETTINGS_MODULE": "config.settings",
            "DEBUG": "false",
            "SECRET_KEY": production_key(),
            "ALLOWED_HOSTS": "example.org",
        },
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )

    assert result.returncode == 0, result.stderr
    assert "benchmarks installed: False" in result.stdout
    assert "generate_bench_data: False" in result.stdout
