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
