"""The load test (`make loadtest`): wrk sends 50 concurrent readers over a mix of public
pages for 60 seconds while an editor saves a change through the admin every second and
checks that a reader sees it at once, and 10 delegates register for a workshop of 50 seats
and confirm from the e-mail that a mail worker beside gunicorn sends to an SMTP server on
loopback. Its figures go to test-artifacts/loadtest.json and, by hand, to
docs/benchmarks.md.

LOADTEST_SECONDS, LOADTEST_CLIENTS, LOADTEST_REGISTRANTS and LOADTEST_WORKERS change the
run (defaults 60, 50, 10, and two gunicorn workers per core plus one).
"""

import collections
import json
import os
import re
import subprocess
import threading
import time
import uuid
from pathlib import Path

import pytest

from tests.resilience import registrants as registration
from tests.resilience.servers import AppServer, Client, wait_for

pytestmark = pytest.mark.loadtest

SECONDS = int(os.environ.get("LOADTEST_SECONDS", "60"))
CLIENTS = int(os.environ.get("LOADTEST_CLIENTS", "50"))
REGISTRANTS = int(os.environ.get("LOADTEST_REGISTRANTS", "10"))
WORKERS = int(os.environ.get("LOADTEST_WORKERS", str(2 * os.cpu_count() + 1)))
WARM_UP_SECONDS = 10
SCRIPT = Path(__file__).with_name("loadtest.lua")
# Organizations whose pages show their description; edits go round them.
EDITED = ["unitar", "unfpa", "iom", "unu", "unodc", "ilo", "who", "ola", "unhcr"]


def _wrk(port, seconds, summary_path):
    return subprocess.Popen(
        [
            "wrk", "--threads", "2", "--connections", str(CLIENTS), "--duration", f"{seconds}s",
            "--timeout", "10s", "--script", str(SCRIPT), f"http://127.0.0.1:{port}",
        ],
        env={**os.environ, "WRK_SUMMARY": str(summary_path)},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )  # fmt: skip


class Editor(threading.Thread):
    """Every second, saves an organization's description through the admin and then reads
    its public page as an anonymous reader would, recording whether the edit is there.

    Each edit runs in a thread of its own: under full load one edit (three requests) takes
    longer than a second, and the editor does not wait for it before starting the next.
    When edits of one organization overlap, the page may already show a later one: that
    edit was superseded, not lost. It is lost when the page shows an earlier edit or none."""

    def __init__(self, port, admin_path, organization_ids):
        super().__init__(daemon=True)
        self.port = port
        self.staff = Client(port)
        self.admin_path = admin_path
        self.organization_ids = organization_ids
        self.stopping = threading.Event()
        self.edits = []
        self.saved, self.superseded, self.failed, self.lost, self.seconds = [], [], [], [], []

    def login(self):
        self.staff.login(self.admin_path, timeout=30)

    def run(self):
        number = 0
        while not self.stopping.is_set():
            started = time.monotonic()
            slug = EDITED[number % len(EDITED)]
            edit = threading.Thread(target=self.edit, args=(number, slug), daemon=True)
            edit.start()
            self.edits.append(edit)
            number += 1
            self.stopping.wait(max(0.0, 1.0 - (time.monotonic() - started)))
        for edit in self.edits:
            edit.join(60)

    def edit(self, number, slug):
        staff, reader = Client(self.port, cookies=dict(self.staff.cookies)), Client(self.port)
        marker = f"Load test edit {number}, {uuid.uuid4().hex}."
        started = time.monotonic()
        try:
            response = staff.save_admin_form(
                f"{self.admin_path}organizations/organization/{self.organization_ids[slug]}/change/",
                {"description_en": marker},  # the English column
                timeout=30,
            )
            if response.status != 302:
                self.failed.append((number, response.status))
                return
            self.saved.append(number)
            page = reader.get(f"/organizations/{slug}/", timeout=30)
            shown = [int(n) for n in re.findall(r"Load test edit (\d+), [0-9a-f]{32}\.", page.text)]
            if page.status == 200 and marker in page.text:
                return
            if page.status == 200 and shown and shown[0] > number:
                self.superseded.append(number)
            else:
                self.lost.append((number, page.status, shown))
        except (OSError, AssertionError) as error:  # a timeout, or the form did not open
            self.failed.append((number, repr(error)))
        finally:
            self.seconds.append(time.monotonic() - started)


class MemorySampler(threading.Thread):
    def __init__(self, server):
        super().__init__(daemon=True)
        self.server = server
        self.stopping = threading.Event()
        self.samples = []

    def run(self):
        while not self.stopping.wait(2):
            self.samples.append(self.server.rss_kib())


def test_load_of_50_readers_and_an_editor_gives_no_error_no_lost_edit_and_stable_memory(
    postgres, site, artifacts, admin_path
):
    organization_ids = dict(
        postgres.query(
            "site",
            "SELECT slug, id FROM organizations_organization WHERE slug = ANY(%s)",
            EDITED,
        )
    )
    smtp = registration.start_smtp()
    environment = registration.mail_environment(site, smtp)
    registration.prepare(environment)
    server = AppServer(environment, artifacts / "loadtest-gunicorn.log", workers=WORKERS).start()
    worker = registration.MailWorker(environment, artifacts / "loadtest-mail-worker.log").start()
    try:
        warm_up = _wrk(server.port, WARM_UP_SECONDS, artifacts / "wrk-warm-up.json")
        warm_up.communicate(timeout=WARM_UP_SECONDS + 30)
        baseline_kib = server.rss_kib()

        editor = Editor(server.port, admin_path, organization_ids)
        editor.login()
        sampler = MemorySampler(server)
        delegates = registration.Registrants(server.port, smtp, REGISTRANTS)
        load = _wrk(server.port, SECONDS, artifacts / "wrk.json")
        editor.start()
        sampler.start()
        delegates.start()
        wrk_output, _ = load.communicate(timeout=SECONDS + 60)
        editor.stopping.set()
        sampler.stopping.set()
        delegates.stop()
        editor.join(60)
        sampler.join(10)
        final_kib = server.rss_kib()
        # The worker empties the queue: every e-mail of a committed change goes out.
        wait_for(
            lambda: (
                not postgres.query(
                    "site",
                    "SELECT 1 FROM post_office_email WHERE status IN (2, 3) LIMIT 1",  # queued
                )
            ),
            60,
            "the mail queue was not emptied",
        )
    finally:
        worker.stop()
        server.stop()
        smtp.stop()

    summary = json.loads((artifacts / "wrk.json").read_text())
    errors = {
        name: summary[name]
        for name in ("connect_errors", "read_errors", "write_errors", "status_errors", "timeouts")
    }
    peak_kib = max([*sampler.samples, final_kib])
    figures = {
        "seconds": SECONDS,
        "clients": CLIENTS,
        "gunicorn_workers": WORKERS,
        "cores": os.cpu_count(),
        "requests": summary["requests"],
        "requests_per_second": round(summary["requests"] / (summary["duration_us"] / 1e6), 1),
        **{k: v for k, v in summary.items() if k.startswith("latency")},
        **errors,
        "edits_started": len(editor.edits),
        "edits_saved": len(editor.saved),
        "edits_failed": editor.failed,
        "edits_superseded_by_a_later_edit": len(editor.superseded),
        "edits_lost": editor.lost,
        "edit_round_trip_p50_s": round(sorted(editor.seconds)[len(editor.seconds) // 2], 3),
        "edit_round_trip_max_s": round(max(editor.seconds), 3),
        "memory_after_warm_up_mib": round(baseline_kib / 1024, 1),
        "memory_peak_mib": round(peak_kib / 1024, 1),
        "memory_growth_percent": round(100 * (peak_kib - baseline_kib) / baseline_kib, 1),
    }
    statuses = dict(
        postgres.query(
            "site",
            "SELECT r.status, count(*) FROM registrations_registration r "
            "JOIN workshops_workshop w ON w.id = r.workshop_id "
            "WHERE w.slug = 'load-test-workshop' GROUP BY r.status",
        )
    )
    mail = collections.Counter(
        (rcpt, message["Subject"].split(":")[0])
        for rcpts, message in smtp.messages
        for rcpt in rcpts
    )
    figures.update(
        registrations_made=len(delegates.registered),
        registrations_confirmed_by_delegates=len(delegates.confirmed),
        registration_failures=delegates.failed[:20],
        registrations_by_status=statuses,
        seats=registration.SEATS,
        e_mails_received=sum(mail.values()),
        e_mails_received_twice=[key for key, n in mail.items() if n > 1][:20],
    )
    (artifacts / "loadtest.json").write_text(json.dumps(figures, indent=1))
    print("\n" + wrk_output + "\n" + json.dumps(figures, indent=1))

    assert errors == dict.fromkeys(errors, 0)
    assert editor.failed == []
    assert editor.lost == []
    assert sorted(editor.saved) == list(range(len(editor.edits)))
    assert len(editor.edits) >= SECONDS - 1
    assert peak_kib <= baseline_kib * 1.2
    # Registration under load: no error, nobody overbooked, every e-mail exactly once.
    assert delegates.failed == []
    assert len(delegates.confirmed) >= REGISTRANTS
    assert statuses.get("confirmed", 0) <= registration.SEATS
    assert statuses.get("confirmed", 0) + statuses.get("waiting", 0) == len(delegates.confirmed)
    assert figures["e_mails_received_twice"] == []
    requests = [key for key in mail if key[1] == "Confirm your registration"]
    assert sorted(rcpt for rcpt, _subject in requests) == sorted(delegates.registered)
    outcomes = [
        key for key in mail if key[1] in ("You are registered", "You are on the waiting list")
    ]
    assert sorted(rcpt for rcpt, _subject in outcomes) == sorted(delegates.confirmed)
