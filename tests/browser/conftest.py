"""Browser tests: Playwright drives Debian's Chromium against pytest-django's live server.

Playwright cannot download its own browser here, so Chromium comes from Debian
(`apt-get install chromium`). Without it these tests are not collected and the
report header says so (see tests/conftest.py).
"""

import os
import re

import pytest
from django.core.management import call_command
from pytest_django.live_server_helper import LiveServer

from tests.conftest import ARTIFACTS, CHROMIUM

# Playwright's sync API keeps an event loop running in the test thread, and Django's
# ORM refuses to run beside one (SynchronousOnlyOperation) unless told it is safe. It
# is: nothing in this project is asynchronous, and the loop only drives the browser.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM_FLAGS = [
    "--no-sandbox",  # CI runs as root, where Chromium's sandbox cannot start
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    # This machine has no network beyond loopback: stop Chromium calling home.
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def pytest_collection_modifyitems(items):
    folder = os.path.dirname(__file__)
    for item in items:
        if str(item.path).startswith(folder):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_FLAGS}


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


@pytest.fixture
def page(page, request):
    """Playwright's page; on failure its screenshot and HTML are kept in test-artifacts/."""
    yield page
    report = getattr(request.node, "report_call", None)
    if report is not None and report.failed and not page.is_closed():
        folder = ARTIFACTS / re.sub(r"[^\w.-]+", "_", request.node.nodeid)
        folder.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=folder / "screenshot.png", full_page=True)
        (folder / "page.html").write_text(page.content(), encoding="utf-8")


def serve_like_production(app):
    """Stands in for the live server's static-file handler: whitenoise, in the middleware,
    serves the collected, hashed files as it does in production. (Django's test handler
    looks files up by their unhashed names and would answer 404, unstyled pages.)"""
    return app


@pytest.fixture(scope="session")
def live_server():
    server = LiveServer("localhost", start=False)
    server.thread.static_handler = serve_like_production
    server.start()
    yield server
    server.stop()


@pytest.fixture
def site(live_server, transactional_db):
    """The live site with the Key Migration Issues series loaded, as a fresh install has it."""
    call_command("loaddata", "fixtures/key_migration_issues.json", verbosity=0)
    return live_server.url


def require_fonts(*languages):
    """Fail, naming what to install, when no installed font covers one of `languages`
    (fontconfig language tags: "en", "ar", "zh-cn"). A printed page set in a font that is
    missing comes out as empty boxes, and a test reading it would fail for the machine's
    sake, not the site's. CI installs fonts-dejavu-core and fonts-noto-cjk (.ci/run)."""
    import shutil
    import subprocess

    if shutil.which("fc-list") is None:
        pytest.fail("fc-list is missing: apt-get install fontconfig")
    missing = [
        language
        for language in languages
        if not subprocess.run(
            ["fc-list", f":lang={language}", "family"], capture_output=True, text=True
        ).stdout.strip()
    ]
    if missing:
        pytest.fail(
            f"no installed font covers {missing}: apt-get install fonts-dejavu-core fonts-noto-cjk"
        )


def print_view_text(page, selector="body"):
    """The text the page shows when printed, read from the page with the print stylesheet
    applied (not from a PDF, whose extracted text order depends on fonts and layout)."""
    page.emulate_media(media="print")
    return " ".join(page.locator(selector).first.inner_text().split())
