"""Delegates registering under load (`make loadtest`): each thread registers, waits for the
e-mail with its confirmation link at the test SMTP server, and confirms, as a delegate
with a browser without JavaScript would. A mail worker beside gunicorn sends the queue."""

import re
import subprocess
import sys
import threading
import time
import urllib.parse

from tests.registrations.smtp import SmtpServer
from tests.resilience.servers import BASE_DIR, Client, form_fields, manage

SEATS = 20  # few, so that the waiting list fills even on a slow machine
# A delegate reads the form before sending it: each registering client pauses this long
# between two registrations, as people do, instead of hammering the form.
PAUSE_SECONDS = 1.0
WORKSHOP_PATH = "/series/key-migration-issues/workshops/load-test-workshop/"

# Made in the site's database through manage.py shell: an upcoming workshop taking
# registrations for SEATS seats, with a waiting list.
SETUP = f"""
import datetime
from django.utils import timezone
from registrations.models import RegistrationSettings
from series.models import Series
from workshops.models import Workshop
series = Series.objects.get(slug="key-migration-issues")
workshop, _ = Workshop.objects.get_or_create(
    series=series, slug="load-test-workshop",
    defaults=dict(number=99, title="Load test workshop", status="published",
                  start_date=timezone.localdate() + datetime.timedelta(days=30)),
)
RegistrationSettings.objects.get_or_create(
    workshop=workshop,
    defaults=dict(is_enabled=True, capacity={SEATS}, waiting_list=True,
                  opens_at=timezone.now() - datetime.timedelta(days=1),
                  closes_at=timezone.now() + datetime.timedelta(days=20)),
)
"""


def mail_environment(environment, smtp):
    return {
        **environment,
        "EMAIL_URL": f"smtp://127.0.0.1:{smtp.port}",
        # Every registering client comes from 127.0.0.1: the per-address limit is for people.
        "REGISTRATION_RATE_PER_ADDRESS": "100000/h",
        "REGISTRATION_RATE_PER_EMAIL": "100/h",
        "MAIL_RETRY_SECONDS": "1",
    }


class MailWorker:
    def __init__(self, environment, log_path):
        self.environment = environment
        self.log_path = log_path
        self.process = None

    def start(self):
        self.log = open(self.log_path, "ab")  # noqa: SIM115 (closed in stop)
        self.process = subprocess.Popen(
            [sys.executable, "manage.py", "send_mail_worker", "--interval", "0.5"],
            cwd=BASE_DIR,
            env=self.environment,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        return self

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(30)
        self.log.close()


def prepare(environment):
    manage(environment, "shell", "-c", SETUP)


class Registrants:
    """`count` threads registering and confirming in turn until stopped."""

    def __init__(self, port, smtp, count):
        self.port = port
        self.smtp = smtp
        self.count = count
        self.stopping = threading.Event()
        self.lock = threading.Lock()
        self.registered, self.confirmed, self.failed = [], [], []
        self.threads = [
            threading.Thread(target=self.run, args=(n,), daemon=True) for n in range(count)
        ]

    def start(self):
        for thread in self.threads:
            thread.start()
        return self

    def stop(self):
        self.stopping.set()
        for thread in self.threads:
            thread.join(120)

    def run(self, number):
        attempt = 0
        while not self.stopping.is_set():
            address = f"load{number}-{attempt}@example.org"
            attempt += 1
            try:
                self.register_and_confirm(address)
            except (OSError, AssertionError, TimeoutError) as error:
                with self.lock:
                    self.failed.append((address, repr(error)))
            self.stopping.wait(PAUSE_SECONDS)

    def register_and_confirm(self, address):
        client = Client(self.port)
        form_path = WORKSHOP_PATH + "register/"
        page = client.get(form_path, timeout=30)
        assert page.status == 200, f"GET form: {page.status}"
        fields = [(k, v) for k, v in form_fields(page.text, "registration-form")]
        token = [v for k, v in fields if k == "csrfmiddlewaretoken"]
        response = client.post(
            form_path,
            [
                ("csrfmiddlewaretoken", token[0]),
                ("name", "Load Test Delegate"),
                ("email", address),
                ("organization", "Permanent Mission"),
                ("country", "GH"),
                ("consent", "on"),
                ("website", ""),
            ],
            timeout=30,
        )
        assert response.status == 302, f"POST form: {response.status} {response.text[:300]}"
        with self.lock:
            self.registered.append(address)
        message = self.wait_for_mail(address, "Confirm your registration", timeout=60)
        body = message.get_body(preferencelist=("plain",)).get_content()
        confirm = urllib.parse.urlsplit(
            re.search(r"https?://\S+/registration/confirm/\S+/", body).group(0)
        ).path
        page = client.get(confirm, timeout=30)
        assert page.status == 200, f"GET confirm: {page.status}"
        token = [v for k, v in form_fields(page.text, "confirm-form") if k == "csrfmiddlewaretoken"]
        done = client.post(confirm, [("csrfmiddlewaretoken", token[0])], timeout=30)
        assert done.status == 200, f"POST confirm: {done.status}"
        with self.lock:
            self.confirmed.append(address)

    def wait_for_mail(self, address, subject, timeout):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for message in self.smtp.to(address):
                if message["Subject"].startswith(subject):
                    return message
            time.sleep(0.2)
        raise TimeoutError(f"no e-mail {subject!r} for {address}")


def start_smtp():
    return SmtpServer().start()
