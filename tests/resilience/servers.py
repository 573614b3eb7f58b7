"""Real servers for the resilience and load tests: PostgreSQL, Redis, gunicorn, and an HTTP
client that signs in to the admin and saves forms as a browser does.

Everything listens on 127.0.0.1 on free ports and lives in a temporary folder. As root
(CI), PostgreSQL runs as the postgres user, since it refuses to run as root.
"""

import glob
import http.client
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.parse
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent.parent
BIN = Path(sys.executable).parent
STAFF_USERNAME = "resilience-editor"
STAFF_PASSWORD = "resilience-Passw0rd-not-secret"


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _is_root():
    return os.geteuid() == 0


def wait_for(condition, timeout, message):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.1)
    raise TimeoutError(message)


class Postgres:
    """A throwaway PostgreSQL server that a test can stop and start again."""

    def __init__(self, folder):
        found = sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: int(p.split("/")[4]))
        self.bin = Path(os.environ.get("PG_BIN") or (found[-1] if found else "/nonexistent"))
        if not (self.bin / "pg_ctl").exists():
            raise RuntimeError("PostgreSQL is not installed: run .ci/ensure-packages")
        self.folder = Path(folder)
        self.data = self.folder / "data"
        self.port = free_port()

    def _run(self, *command):
        if _is_root():
            command = ("runuser", "-u", "postgres", "--", *command)
        result = subprocess.run(command, cwd=self.folder, capture_output=True, text=True)
        if result.returncode:
            raise subprocess.CalledProcessError(
                result.returncode, command, result.stdout, f"{result.stderr}\n{self.log()}"
            )

    def log(self):
        path = self.folder / "log"
        return path.read_text()[-3000:] if path.exists() else ""

    def init(self):
        self.folder.mkdir(parents=True, exist_ok=True)
        if _is_root():
            if subprocess.run(["id", "postgres"], capture_output=True).returncode:
                subprocess.run(["useradd", "--system", "--user-group", "postgres"], check=True)
            shutil.chown(self.folder, "postgres", "postgres")
        self._run(
            str(self.bin / "initdb"),
            f"--pgdata={self.data}",
            "--username=postgres",
            "--auth=trust",
            "--encoding=UTF8",
            "--no-locale",
            "--no-sync",
        )
        return self

    def start(self):
        options = (
            f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.folder} -c fsync=off "
            "-c synchronous_commit=off -c full_page_writes=off -c max_connections=200"
        )
        self._run(
            str(self.bin / "pg_ctl"), "-D", str(self.data), "-l", str(self.folder / "log"),
            "-w", "-t", "60", "-o", options, "start",
        )  # fmt: skip

    def stop(self):
        # "fast": disconnects every client at once, as a crash or a failover would.
        self._run(str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", "fast", "-w", "stop")

    def url(self, database):
        return f"postgres://postgres@127.0.0.1:{self.port}/{database}"

    def create_database(self, name, template="template1"):
        import psycopg

        with psycopg.connect(self.url("postgres"), autocommit=True) as connection:
            connection.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')

    def query(self, database, sql, *params):
        import psycopg

        with psycopg.connect(self.url(database), autocommit=True) as connection:
            return connection.execute(sql, params).fetchall()


class Redis:
    def __init__(self, folder):
        self.folder = Path(folder)
        self.port = free_port()
        self.process = None

    def start(self):
        self.folder.mkdir(parents=True, exist_ok=True)
        executable = shutil.which("redis-server")
        if not executable:
            raise RuntimeError("redis-server is not installed: run .ci/ensure-packages")
        self.process = subprocess.Popen(
            [
                executable, "--bind", "127.0.0.1", "--port", str(self.port), "--save", "",
                "--appendonly", "no", "--dir", str(self.folder),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.STDOUT,
        )  # fmt: skip
        wait_for(self._answers, 10, "redis-server did not start")
        return self

    def _answers(self):
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=1) as sock:
                sock.sendall(b"PING\r\n")
                return sock.recv(16).startswith(b"+PONG")
        except OSError:
            return False

    def url(self, db=0):
        return f"redis://127.0.0.1:{self.port}/{db}"

    def calls(self, command):
        """How many times clients have run `command` (e.g. "set") on this server."""
        import redis

        with redis.Redis(port=self.port) as client:
            stats = client.info("commandstats")
        return stats.get(f"cmdstat_{command}", {}).get("calls", 0)

    def stop(self):
        if self.process:
            self.process.terminate()
            self.process.wait(10)


def site_environment(database_url, cache_url, media_root):
    """The environment of a production app server, as docs/deployment.md describes it."""
    environment = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("PYTEST", "DJANGO_"))
    }
    environment.update(
        DEBUG="false",
        SECRET_KEY="resilience-tests-only-" + "x" * 40,
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_SSL_REDIRECT="false",
        DATABASE_URL=database_url,
        CACHE_URL=cache_url,
        MEDIA_ROOT=str(media_root),
        CONN_MAX_AGE="60",
        LOG_LEVEL="INFO",
        LOG_FORMAT="json",
        PYTHONUNBUFFERED="1",
    )
    return environment


def manage(environment, *arguments):
    return subprocess.run(
        [sys.executable, "manage.py", *arguments],
        cwd=BASE_DIR,
        env=environment,
        check=True,
        capture_output=True,
        text=True,
    ).stdout


def prepare_site(environment):
    """A migrated database with the shipped series and one staff account."""
    manage(environment, "migrate", "--noinput")
    manage(environment, "setup_site")
    manage(
        environment,
        "shell",
        "-c",
        "from django.contrib.auth import get_user_model; "
        f"get_user_model().objects.create_superuser({STAFF_USERNAME!r}, '', {STAFF_PASSWORD!r})",
    )


class AppServer:
    """gunicorn serving config.wsgi, as in production; its log in `log_path`."""

    def __init__(self, environment, log_path, workers=2):
        self.environment = environment
        self.log_path = Path(log_path)
        self.workers = workers
        self.port = free_port()
        self.process = None

    def start(self):
        self.log = self.log_path.open("ab")
        self.process = subprocess.Popen(
            [
                str(BIN / "gunicorn"), "config.wsgi", "--bind", f"127.0.0.1:{self.port}",
                "--workers", str(self.workers), "--timeout", "30", "--graceful-timeout", "5",
            ],
            cwd=BASE_DIR,
            env=self.environment,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip
        wait_for(self._answers, 30, f"gunicorn did not start: see {self.log_path}")
        return self

    def _answers(self):
        if self.process.poll() is not None:
            raise RuntimeError(f"gunicorn exited: see {self.log_path}")
        try:
            return Client(self.port).get("/healthz", timeout=2).status == 200
        except OSError:
            return False

    def pids(self):
        """The master and its workers."""
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        return [self.process.pid, *map(int, children.read_text().split())]

    def rss_kib(self):
        total = 0
        for pid in self.pids():
            status = Path(f"/proc/{pid}/status").read_text()
            total += int(re.search(r"^VmRSS:\s+(\d+) kB", status, re.M).group(1))
        return total

    def kill(self):
        """As a crash would: no graceful shutdown, workers included."""
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(10)

    def stop(self):
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(15)
            except subprocess.TimeoutExpired:
                self.kill()
        if self.process:
            self.log.close()


@dataclass
class Response:
    status: int
    headers: dict
    text: str
    seconds: float


@dataclass
class Client:
    """A browser without JavaScript: keeps cookies (Secure ones too: the tests speak plain
    HTTP to the app server, as a load balancer that terminates HTTPS does)."""

    port: int
    cookies: dict = field(default_factory=dict)

    def request(self, method, path, body=None, timeout=10, headers=None):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        all_headers = {"Host": "127.0.0.1", **(headers or {})}
        if self.cookies:
            all_headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if body is not None:
            all_headers["Content-Type"] = "application/x-www-form-urlencoded"
        started = time.monotonic()
        try:
            connection.request(method, path, body=body, headers=all_headers)
            response = connection.getresponse()
            text = response.read().decode("utf-8", "replace")
        finally:
            connection.close()
        seconds = time.monotonic() - started
        for cookie in response.headers.get_all("Set-Cookie") or []:
            name, _, rest = cookie.partition("=")
            value = rest.split(";")[0]
            if "max-age=0" in cookie.lower() or value in ("", '""'):
                self.cookies.pop(name, None)
            else:
                self.cookies[name] = value
        return Response(response.status, dict(response.headers), text, seconds)

    def get(self, path, **options):
        return self.request("GET", path, **options)

    def post(self, path, fields, **options):
        return self.request("POST", path, body=urllib.parse.urlencode(fields), **options)

    def login(self, admin_path, **options):
        login = f"{admin_path}login/"
        page = self.get(login, **options)
        fields = [
            (name, value)
            for name, value in form_fields(page.text, form_id="login-form")
            if name not in ("username", "password")
        ]
        fields += [("username", STAFF_USERNAME), ("password", STAFF_PASSWORD)]
        response = self.post(login, fields, **options)
        if response.status != 302:
            raise AssertionError(f"login failed with {response.status}: {response.text[:2000]}")
        return response

    def save_admin_form(self, path, changes, **options):
        """Opens an admin change form, changes some fields, saves it; the response."""
        page = self.get(path, **options)
        if page.status != 200:
            raise AssertionError(f"GET {path}: {page.status}")
        current = form_fields(page.text)
        # A change to a field the form does not have would be dropped by Django unseen.
        unknown = set(changes) - {name for name, _value in current}
        if unknown:
            raise AssertionError(f"{path} has no field {sorted(unknown)}")
        fields = [(k, v) for k, v in current if k not in changes]
        fields += [*changes.items(), ("_save", "Save")]
        return self.post(path, fields, **options)


class _FormParser(HTMLParser):
    def __init__(self, form_id):
        super().__init__(convert_charrefs=True)
        self.form_id = form_id
        self.in_form = False
        self.fields = []
        self.textarea = None
        self.select = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            form_id = attrs.get("id") or ""
            self.in_form = form_id == self.form_id if self.form_id else form_id.endswith("_form")
        if not self.in_form or (not attrs.get("name") and tag != "option"):
            return
        if tag == "input":
            kind = attrs.get("type", "text")
            if kind in ("submit", "button", "image", "file", "reset"):
                return
            if kind in ("checkbox", "radio") and "checked" not in attrs:
                return
            self.fields.append(
                (attrs["name"], attrs.get("value", "on" if kind == "checkbox" else ""))
            )
        elif tag == "textarea":
            self.textarea = [attrs["name"], ""]
        elif tag == "select":
            self.select = {"name": attrs["name"], "multiple": "multiple" in attrs, "options": []}
        elif tag == "option" and self.select is not None:
            self.select["options"].append((attrs.get("value", ""), "selected" in attrs))

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self.in_form = False
        elif tag == "textarea" and self.textarea is not None:
            name, text = self.textarea
            self.fields.append((name, text[1:] if text.startswith("\n") else text))
            self.textarea = None
        elif tag == "select" and self.select is not None:
            chosen = [value for value, selected in self.select["options"] if selected]
            if not chosen and not self.select["multiple"] and self.select["options"]:
                chosen = [self.select["options"][0][0]]
            self.fields += [(self.select["name"], value) for value in chosen]
            self.select = None


def form_fields(page, form_id=None):
    """What a browser would submit from the admin's form (or the form with `form_id`)."""
    parser = _FormParser(form_id)
    parser.feed(page)
    return parser.fields
