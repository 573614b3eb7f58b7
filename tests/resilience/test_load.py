"""The load test (`make loadtest`): wrk sends 50 concurrent readers over a mix of public
pages for 60 seconds while an editor saves a change through the admin every second and
checks that a reader sees it at once. Its figures go to test-artifacts/loadtest.json and,
by hand, to docs/benchmarks.md.

LOADTEST_SECONDS, LOADTEST_CLIENTS and LOADTEST_WORKERS change the run (defaults 60, 50,
and two gunicorn workers per core plus one).
"""

import json
import os
import re
import subprocess
import threading
import time
import uuid
from pathlib import Path

import pytest

from tests.resilience.servers import AppServer, Client

pytestmark = pytest.mark.loadtest

SECONDS = int(os.environ.get("LOADTEST_SECONDS", "60"))
CLIENTS = int(os.environ.get("LOADTEST_CLIENTS", "50"))
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
                {"description_en": marker},  # the English column (issue 5)
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
    server = AppServer(site, artifacts / "loadtest-gunicorn.log", workers=WORKERS).start()
    try:
        warm_up = _wrk(server.port, WARM_UP_SECONDS, artifacts / "wrk-warm-up.json")
        warm_up.communicate(timeout=WARM_UP_SECONDS + 30)
        baseline_kib = server.rss_kib()

        editor = Editor(server.port, admin_path, organization_ids)
        editor.login()
        sampler = MemorySampler(server)
        load = _wrk(server.port, SECONDS, artifacts / "wrk.json")
        editor.start()
        sampler.start()
        wrk_output, _ = load.communicate(timeout=SECONDS + 60)
        editor.stopping.set()
        sampler.stopping.set()
        editor.join(60)
        sampler.join(10)
        final_kib = server.rss_kib()
    finally:
        server.stop()

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
    (artifacts / "loadtest.json").write_text(json.dumps(figures, indent=1))
    print("\n" + wrk_output + "\n" + json.dumps(figures, indent=1))

    assert errors == dict.fromkeys(errors, 0)
    assert editor.failed == []
    assert editor.lost == []
    assert sorted(editor.saved) == list(range(len(editor.edits)))
    assert len(editor.edits) >= SECONDS - 1
    assert peak_kib <= baseline_kib * 1.2
