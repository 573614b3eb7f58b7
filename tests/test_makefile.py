"""What `make` runs, read with `make -n` (nothing is executed): the port of `make run`, and
the one install path (uv, pip as the fallback, both hash-checked) of run, test and CI."""

import subprocess

from django.conf import settings


def dry_run(*arguments):
    result = subprocess.run(
        ["make", "-n", "-B", *arguments],
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=30,
        check=True,
    )
    return result.stdout


def test_make_run_serves_on_the_port_it_is_given():
    commands = dry_run("run", "PORT=8001")

    assert "runserver 127.0.0.1:8001" in commands
    assert "setup_site --port 8001" in commands


def test_make_run_serves_on_8000_by_default():
    assert "runserver 127.0.0.1:8000" in dry_run("run")


def test_run_and_test_install_the_lock_with_uv_or_pip_both_checking_hashes():
    for target in ("run", "test", "venv"):
        commands = dry_run(target)
        assert "uv pip install --quiet --python .venv/bin/python --require-hashes" in commands
        assert "pip install --quiet --require-hashes -r requirements-dev.txt" in commands
