"""`make lighthouse`: Lighthouse's scores for the home page, a summary report, the schedule
and a workshop page, with the production settings (docs/benchmarks.md).

Builds a throwaway SQLite site (migrations, the shipped series, and a second series with
upcoming, timed workshops so the home page has something next), collects the static files,
serves it with gunicorn and DEBUG off, and runs Lighthouse (the npm package, installed with
`--ignore-scripts` into tools/lighthouse/node_modules by `make lighthouse`) against each page
with Debian's Chromium (CHROME_PATH), on its mobile profile. It prints the scores, writes
them into docs/benchmarks.md between its markers, keeps each report in
test-artifacts/lighthouse/, and exits 1 when accessibility, best practices or SEO is under
100 on any page, naming the audits that failed. Performance is reported, not enforced: it
depends on how busy the machine is.

    LIGHTHOUSE_DOCS [docs/benchmarks.md]   where the table goes ("" to write none)
"""

import datetime
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
LIGHTHOUSE = BASE_DIR / "tools" / "lighthouse" / "node_modules" / ".bin" / "lighthouse"
ARTIFACTS = BASE_DIR / "test-artifacts" / "lighthouse"
CHROME = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
PAGES = {
    "home": "/",
    "summary report": "/series/key-migration-issues/",
    "schedule": "/schedule/",
    "workshop": "/series/migration-and-climate/workshops/disaster-displacement/",
}
ENFORCED = ("accessibility", "best-practices", "seo")
CATEGORIES = ("performance", *ENFORCED)
START, END = "<!-- lighthouse:start -->", "<!-- lighthouse:end -->"

DEMO = """
import datetime
from django.utils import timezone
from organizations.models import Organization
from publishing.enums import Status
from series.models import Series
from workshops.models import Workshop, WorkshopPartner

PUBLIC = Status.PUBLISHED

today = timezone.localdate()
series = Series.objects.create(
    slug="migration-and-climate", title="Migration and Climate Change",
    label="Briefing Series", status=PUBLIC,
    summary="Briefings for delegates on human mobility in a changing climate.",
)
for number, (slug, title, days, venue, zone, partner) in enumerate([
    ("disaster-displacement", "Disaster Displacement", 20,
     "Conference Room 6, UN Headquarters", "America/New_York", "unhcr"),
    ("planned-relocation", "Planned Relocation", 48,
     "Palais des Nations, Room XXIV", "Europe/Zurich", "iom"),
], start=1):
    workshop = Workshop.objects.create(
        series=series, number=number, slug=slug, title=title,
        start_date=today + datetime.timedelta(days=days), start_time=datetime.time(10),
        end_time=datetime.time(13), venue=venue, time_zone=zone,
        summary="What delegates need to know before the negotiations.",
    )
    workshop.status = series.status
    workshop.save()
    WorkshopPartner.objects.create(
        workshop=workshop, organization=Organization.objects.get(slug=partner)
    )
"""


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def manage(env, *args):
    subprocess.run([sys.executable, "manage.py", *args], cwd=BASE_DIR, env=env, check=True)


def wait_for(url, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.5)
    raise SystemExit(f"{url} did not answer within {seconds} s")


# Chromium's own background traffic is refused by a closed network and can upset a trace.
CHROME_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --no-first-run --disable-quic "
    "--disable-background-networking --disable-component-update --disable-sync"
)
# Lighthouse sometimes loses the trace of a page load on a busy machine (NO_NAVSTART) and
# asks to be run again; a page is scored on the first run that completes.
ATTEMPTS = 3


def run_lighthouse(url, name):
    output = ARTIFACTS / f"{name.replace(' ', '-')}.json"
    for attempt in range(1, ATTEMPTS + 1):
        completed = subprocess.run(
            [
                str(LIGHTHOUSE),
                url,
                "--quiet",
                "--output=json",
                f"--output-path={output}",
                f"--only-categories={','.join(CATEGORIES)}",
                f"--chrome-flags={CHROME_FLAGS}",
            ],
            env={**os.environ, "CHROME_PATH": CHROME},
            check=False,
        )
        if completed.returncode == 0:
            break
        print(f"{name}: Lighthouse failed (run {attempt} of {ATTEMPTS})", file=sys.stderr)
    else:
        raise SystemExit(f"Lighthouse could not score {url} in {ATTEMPTS} runs")
    report = json.loads(output.read_text(encoding="utf-8"))
    scores = {c: round(report["categories"][c]["score"] * 100) for c in CATEGORIES}
    failed = [
        f"{audit_id}: {report['audits'][audit_id]['title']}"
        for category in ENFORCED
        for ref in report["categories"][category]["auditRefs"]
        if ref["weight"] > 0
        and (audit_id := ref["id"]) in report["audits"]
        and report["audits"][audit_id]["score"] is not None
        and report["audits"][audit_id]["score"] < 1
    ]
    return scores, failed, report["lighthouseVersion"]


def table(results, version):
    load = os.getloadavg()
    lines = [
        START,
        f"Lighthouse {version}, mobile profile, Debian's Chromium, gunicorn with DEBUG off and "
        f"SQLite; {datetime.date.today().isoformat()}, load average "
        f"{load[0]:.1f} on {os.cpu_count()} cores (performance depends on it).",
        "",
        "| page | performance | accessibility | best practices | SEO |",
        "|---|---|---|---|---|",
    ]
    for name, scores in results.items():
        lines.append(
            f"| {name} | {scores['performance']} | {scores['accessibility']} | "
            f"{scores['best-practices']} | {scores['seo']} |"
        )
    lines.append(END)
    return "\n".join(lines)


def write_docs(text):
    docs = os.environ.get("LIGHTHOUSE_DOCS", str(BASE_DIR / "docs" / "benchmarks.md"))
    if not docs:
        return
    path = Path(docs)
    content = path.read_text(encoding="utf-8")
    if START in content:
        before, rest = content.split(START, 1)
        after = rest.split(END, 1)[1]
        content = before + text + after
    else:
        content += "\n## Lighthouse (`make lighthouse`)\n\n" + text + "\n"
    path.write_text(content, encoding="utf-8")


def main():
    if not LIGHTHOUSE.exists():
        raise SystemExit(f"{LIGHTHOUSE} is missing: run `make lighthouse`, which installs it")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="lighthouse-"))
    port = free_port()
    env = {
        **os.environ,
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DATABASE_URL": f"sqlite:///{work / 'db.sqlite3'}",
        "STATIC_ROOT": str(work / "static"),
        "MEDIA_ROOT": str(work / "media"),
        "CONTENT_VERSION_DIR": str(work / "version"),
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_HSTS_SECONDS": "0",
        "LOG_LEVEL": "WARNING",
    }
    server = None
    try:
        manage(env, "migrate", "--noinput", "-v0")
        manage(env, "collectstatic", "--noinput", "-v0")
        manage(env, "setup_site")
        manage(env, "shell", "-c", DEMO)
        server = subprocess.Popen(
            [
                str(Path(sys.executable).parent / "gunicorn"),
                "config.wsgi",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                "2",
            ],
            cwd=BASE_DIR,
            env=env,
            start_new_session=True,
        )
        base = f"http://127.0.0.1:{port}"
        wait_for(base + "/healthz")
        results, failures, version = {}, {}, ""
        for name, path in PAGES.items():
            results[name], failures[name], version = run_lighthouse(base + path, name)
            print(f"{name:15} " + "  ".join(f"{c} {s}" for c, s in results[name].items()))
    finally:
        if server is not None:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=30)
        shutil.rmtree(work, ignore_errors=True)
    text = table(results, version)
    print(text)
    write_docs(text)
    below = {
        name: failed
        for name, failed in failures.items()
        if any(results[name][c] < 100 for c in ENFORCED)
    }
    for name, failed in below.items():
        print(f"{name}: under 100 because of " + "; ".join(failed or ["(see its report)"]))
    return 1 if below else 0


if __name__ == "__main__":
    sys.exit(main())
