"""`make bench`: the public pages against the static-file limit (docs/benchmarks.md).

Starts a throwaway PostgreSQL (unless DATABASE_URL names an empty database), migrates,
collects the static files into a folder of its own, loads the shipped series, and then
measures three sets of pages: the seed data's (the Key Migration Issues series, the
largest page of each type in the fixture); the same URLs again after `generate_bench_data`
has added the large data set (same content, a database 500 times larger: the issue's
"differ by less than 20 %"); and the largest page of each type in the large data set.
For each set it

- picks the page of each type (summary report, schedule, workshop, organization, feed,
  calendar, JSON) and writes its bytes as a static file of the same size;
- starts gunicorn with the production settings (DEBUG off), warms it, and measures each
  page with wrk: cold (the cache disabled), cached, and its static twin through
  whitenoise, in the same app server;
- then compares app servers (gunicorn sync, gunicorn gthread, granian) on the large data
  set, profiles the slowest cold pages with pyinstrument, prints the tables and writes
  them into docs/benchmarks.md between its markers.

Everything is tunable from the environment (defaults in brackets):

    BENCH_DURATION [5]       seconds of wrk per measurement
    BENCH_COMPARE_DURATION [4] seconds per measurement in the app-server comparison
    BENCH_WARMUP [1]         seconds of wrk per page before measuring
    BENCH_CONNECTIONS [10]   wrk connections;  BENCH_WRK_THREADS [1] wrk threads
    BENCH_SERVER [gthread]   app server of the main measurements: sync, gthread or granian
    BENCH_WORKERS [2 x cores + 1]  processes;  BENCH_THREADS [4] threads of a gthread worker
    BENCH_COMPARE [sync,gthread,granian]  app servers to compare ("" for none)
    BENCH_SCALE [1], BENCH_SEED [1]       the large data set (generate_bench_data)
    BENCH_COLD_ENV [PAGE_CACHE=false]  settings of a cold run (space-separated)
    BENCH_CACHED_ENV []      settings of a cached run (the default: local memory)
    BENCH_PROFILE [1]        profile the slowest cold pages, of all and of the seed (0: no)
    BENCH_DOCS [docs/benchmarks.md]  where the tables go ("" to write none)
    BENCH_SMOKE [0]          1: a one-minute check that it all works (tiny data, 1-second
                             runs, no comparison, no profile, docs untouched)

`run.py --report test-artifacts/bench/results.json` writes the tables again from a run's
figures (after a change to how they are checked or shown).

A script, not a test: throughput means something only on a quiet machine, so neither
`make test` nor CI runs it. Results also go to test-artifacts/bench/results.json.
"""

import datetime
import json
import os
import platform
import re
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))

# The throwaway PostgreSQL of the resilience tests (it knows how to run as root, too).
from tests.resilience.servers import Postgres, free_port, wait_for  # noqa: E402

BIN = Path(sys.executable).parent
ARTIFACTS = BASE_DIR / "test-artifacts" / "bench"
LUA = BASE_DIR / "benchmarks" / "wrk.lua"
DOCS_START = "<!-- make bench: start -->"
DOCS_END = "<!-- make bench: end -->"

SMOKE = os.environ.get("BENCH_SMOKE", "0") == "1"
CORES = os.cpu_count() or 1


def setting(name, default):
    return os.environ.get(f"BENCH_{name}", default)


DURATION = int(setting("DURATION", 1 if SMOKE else 5))
COMPARE_DURATION = int(setting("COMPARE_DURATION", 4))
WARMUP = int(setting("WARMUP", 1))
CONNECTIONS = int(setting("CONNECTIONS", 10))
WRK_THREADS = int(setting("WRK_THREADS", 1))
# The default that docs/deployment.md recommends, chosen from this benchmark's comparison.
SERVER = setting("SERVER", "gthread")
WORKERS = int(setting("WORKERS", 2 * CORES + 1))
THREADS = int(setting("THREADS", 4))
COMPARE = [s for s in setting("COMPARE", "" if SMOKE else "sync,gthread,granian").split(",") if s]
SCALE = float(setting("SCALE", 0.01 if SMOKE else 1))
SEED = int(setting("SEED", 1))
# PAGE_CACHE=false turns off the page cache of core/infrastructure/cache.py; nothing else is
# cached whole.
COLD_ENV = dict(v.split("=", 1) for v in setting("COLD_ENV", "PAGE_CACHE=false").split())
CACHED_ENV = dict(v.split("=", 1) for v in setting("CACHED_ENV", "").split())
PROFILE = setting("PROFILE", "0" if SMOKE else "1") == "1"
DOCS = setting("DOCS", "" if SMOKE else "docs/benchmarks.md")

# The targets, as ratios measured in one run.
CACHED_RATIO, COLD_RATIO, CACHED_P99_MS, DRIFT = 0.80, 0.15, 50.0, 0.20


def log(message):
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


def load_average():
    return os.getloadavg()[0]


# --- The site -----------------------------------------------------------------------


def site_environment(database_url, folder):
    """Production settings, as docs/deployment.md describes them, for plain HTTP on loopback."""
    environment = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("PYTEST", "DJANGO_", "BENCH_"))
    }
    environment.update(
        DEBUG="false",
        # generate_bench_data is a command only where the benchmarks app is installed.
        BENCHMARKS="true",
        SECRET_KEY=secrets.token_urlsafe(50),
        # testserver: benchmarks/pages.py renders the pages once through Django's test client.
        ALLOWED_HOSTS="127.0.0.1,localhost,testserver",
        SECURE_SSL_REDIRECT="false",
        DATABASE_URL=database_url,
        STATIC_ROOT=str(folder / "static"),
        MEDIA_ROOT=str(folder / "media"),
        # The page cache's content version, of this run only: another process (a test suite
        # on the same checkout) that saves content must not empty the benchmark's cache.
        CONTENT_VERSION_DIR=str(folder / "content-version"),
        CONN_MAX_AGE="600",
        LOG_LEVEL="INFO",
        LOG_FORMAT="json",
        PYTHONUNBUFFERED="1",
    )
    return environment


def manage(environment, *arguments):
    result = subprocess.run(
        [sys.executable, "manage.py", *arguments],
        cwd=BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
    )
    if result.returncode:
        raise SystemExit(f"manage.py {' '.join(arguments)} failed:\n{result.stderr[-3000:]}")
    return result.stdout


def pages_helper(environment, *arguments):
    result = subprocess.run(
        [sys.executable, str(BASE_DIR / "benchmarks" / "pages.py"), *arguments],
        cwd=BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
    )
    if result.returncode:
        raise SystemExit(f"benchmarks/pages.py {arguments[0]} failed:\n{result.stderr[-3000:]}")
    return result.stdout


class AppServer:
    """gunicorn (sync or gthread workers) or granian, serving config.wsgi on a free port."""

    def __init__(self, kind, environment, log_path):
        self.kind = kind
        self.environment = environment
        self.log_path = log_path
        self.port = free_port()
        self.process = None

    def command(self):
        bind = f"127.0.0.1:{self.port}"
        if self.kind == "granian":
            return [
                str(BIN / "granian"), "--interface", "wsgi", "--host", "127.0.0.1",
                "--port", str(self.port), "--workers", str(WORKERS), "--no-ws",
                "--log-level", "warning", "config.wsgi:application",
            ]  # fmt: skip
        command = [
            str(BIN / "gunicorn"), "config.wsgi", "--bind", bind, "--workers", str(WORKERS),
            "--worker-class", self.kind, "--timeout", "30", "--graceful-timeout", "3",
            "--backlog", "2048",
        ]  # fmt: skip
        if self.kind == "gthread":
            command += ["--threads", str(THREADS)]
        return command

    def describe(self):
        if self.kind == "granian":
            return f"granian {WORKERS} workers (WSGI)"
        if self.kind == "gthread":
            return f"gunicorn {WORKERS} gthread workers × {THREADS} threads"
        return f"gunicorn {WORKERS} sync workers"

    def __enter__(self):
        self.log = open(self.log_path, "ab")  # closed in __exit__
        self.process = subprocess.Popen(
            self.command(),
            cwd=BASE_DIR,
            env=self.environment,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        wait_for(self.answers, 60, f"{self.kind} did not start: see {self.log_path}")
        return self

    def answers(self):
        if self.process.poll() is not None:
            raise SystemExit(f"{self.kind} exited: see {self.log_path}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/healthz", timeout=2) as r:
                return r.status == 200
        except OSError:
            return False

    def __exit__(self, *exc):
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(10)
        self.log.close()


def wrk(port, path, duration):
    summary = ARTIFACTS / "wrk-summary.json"
    summary.unlink(missing_ok=True)
    load = load_average()
    subprocess.run(
        [
            "wrk", f"-t{WRK_THREADS}", f"-c{CONNECTIONS}", f"-d{duration}s", "--timeout", "5s",
            "-s", str(LUA), f"http://127.0.0.1:{port}{path}",
        ],
        env={**os.environ, "WRK_SUMMARY": str(summary)},
        check=True,
        capture_output=True,
    )  # fmt: skip
    data = json.loads(summary.read_text())
    # wrk closes its connections at the end, but the requests already queued are still
    # served: wait for them, so that the next figure starts on an idle server.
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=120):
        pass
    errors = sum(
        data[k]
        for k in ("connect_errors", "read_errors", "write_errors", "status_errors", "timeouts")
    )
    return {
        "rps": data["requests"] / (data["duration_us"] / 1e6),
        "p50": data["latency_p50_ms"],
        "p99": data["latency_p99_ms"],
        # No answer at all within the run (a page slower than the run is long): every
        # connection's request went unanswered, which counts as that many errors.
        "errors": errors if data["requests"] else CONNECTIONS,
        "requests": data["requests"],
        "load": round(load, 1),
    }


def page_cache_header(server, path):
    with urllib.request.urlopen(f"http://127.0.0.1:{server.port}{path}", timeout=60) as response:
        return response.headers.get("X-Page-Cache", "")


def warm(server, paths, cached=False):
    """wrk on each path for a moment; for a cached run, then until every worker has the
    page in its cache (local memory is per process): consecutive hits, one per request."""
    for path in paths:
        wrk(server.port, path, WARMUP)
        if not cached:
            continue
        deadline, hits = time.monotonic() + 60, 0
        while hits < 4 * WORKERS and time.monotonic() < deadline:
            answer = page_cache_header(server, path)
            if not answer:
                break  # no page cache in front of this page: nothing to wait for
            hits = hits + 1 if answer == "hit" else 0


# --- Measuring ----------------------------------------------------------------------


def measure_dataset(name, environment, pages):
    """Cold, cached and static figures for each page; {key: {"cold": …, …}}."""
    results = {page["key"]: {} for page in pages}
    for mode, extra in (("cold", COLD_ENV), ("cached", CACHED_ENV)):
        with AppServer(SERVER, environment | extra, ARTIFACTS / f"{SERVER}.log") as server:
            warm(server, [p["url"] for p in pages], cached=mode == "cached")
            for page in pages:
                results[page["key"]][mode] = figures = wrk(server.port, page["url"], DURATION)
                log(f"{name} {page['key']:12} {mode:6} {format_figures(figures)}")
                if mode == "cached":
                    # What the page cache said about this page (its X-Page-Cache header).
                    results[page["key"]]["cache_header"] = page_cache_header(server, page["url"])
                    warm(server, [page["static_url"]])
                    figures = wrk(server.port, page["static_url"], DURATION)
                    results[page["key"]]["static"] = figures
                    log(f"{name} {page['key']:12} static {format_figures(figures)}")
    return results


def compare_servers(environment, page):
    """Each app server on one page (cold and cached) and on its static twin."""
    results = {}
    for kind in COMPARE:
        row = {}
        for mode, extra in (("cold", COLD_ENV), ("cached", CACHED_ENV)):
            with AppServer(kind, environment | extra, ARTIFACTS / f"{kind}.log") as server:
                row["server"] = server.describe()
                warm(server, [page["url"]], cached=mode == "cached")
                warm(server, [page["static_url"]])
                row[mode] = wrk(server.port, page["url"], COMPARE_DURATION)
                if mode == "cached":
                    row["static"] = wrk(server.port, page["static_url"], COMPARE_DURATION)
        log(f"compare {kind:8} " + "  ".join(f"{m} {row[m]['rps']:.0f}/s" for m in MODES))
        results[kind] = row
    return results


MODES = ("cold", "cached", "static")


def format_figures(f):
    return (
        f"{f['rps']:7.0f} req/s  p50 {f['p50']:6.1f} ms  p99 {f['p99']:6.1f} ms  "
        f"{f['errors']} errors"
    )


# --- Report -------------------------------------------------------------------------


def machine(environment):
    cpu = "unknown CPU"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    memory = re.search(r"MemTotal:\s+(\d+) kB", Path("/proc/meminfo").read_text())
    versions = manage(
        environment,
        "shell",
        "--verbosity",
        "0",
        "-c",
        "import django, gunicorn; from django.db import connection; "
        "c = connection.cursor(); c.execute('SHOW server_version'); "
        "print(django.get_version(), gunicorn.__version__, c.fetchone()[0])",
    ).split()
    wrk_version = subprocess.run(["wrk", "-v"], capture_output=True, text=True).stdout.split()
    return {
        "cpu": cpu,
        "cores": CORES,
        "ram_gb": round(int(memory.group(1)) / 1024 / 1024, 1) if memory else None,
        "python": platform.python_version(),
        "django": versions[0],
        "gunicorn": versions[1],
        "postgresql": versions[2],
        "wrk": wrk_version[1] if len(wrk_version) > 1 else "?",
        "kernel": platform.release(),
    }


def ratio(figures, static):
    return figures["rps"] / static["rps"] if static["rps"] else 0.0


def check_targets(report):
    """Each of the issue's targets: (target, met?, what was measured)."""
    checks = []
    for name, dataset in report["datasets"].items():
        results = dataset["results"]
        cached = {k: ratio(r["cached"], r["static"]) for k, r in results.items()}
        cold = {k: ratio(r["cold"], r["static"]) for k, r in results.items()}
        p99 = {
            k: r["cached"]["p99"] if r["cached"]["requests"] else float("inf")
            for k, r in results.items()
        }
        errors = sum(r[m]["errors"] for r in results.values() for m in MODES)

        def worst(values, lowest=True):
            key = (min if lowest else max)(values, key=values.get)
            return key, values[key]

        key, value = worst(cached)
        checks.append(
            (f"{name}: cached ≥ 80 % of static", value >= CACHED_RATIO, f"lowest {key} {value:.0%}")
        )
        key, value = worst(cold)
        checks.append(
            (f"{name}: cold ≥ 15 % of static", value >= COLD_RATIO, f"lowest {key} {value:.0%}")
        )
        key, value = worst(p99, lowest=False)
        checks.append(
            (
                f"{name}: cached p99 < 50 ms",
                value < CACHED_P99_MS,
                f"highest {key} {value:.1f} ms",
            )
        )
        checks.append((f"{name}: no errors", errors == 0, f"{errors} errors"))
    if {"seed", "large"} <= report["datasets"].keys():
        seed = report["datasets"]["seed"]["results"]
        large = report["datasets"]["large"]["results"]
        # Each page's share of its static twin, not its raw requests per second: the twins
        # have the same bytes in both sets, so this takes out how busy the machine was.
        for mode in ("cold", "cached"):
            drift = {}
            for k in seed:
                before, after = (
                    ratio(seed[k][mode], seed[k]["static"]),
                    ratio(large[k][mode], large[k]["static"]),
                )
                drift[k] = after / before - 1 if before else float("inf")
            key = max(drift, key=lambda k: abs(drift[k]))
            checks.append(
                (
                    f"seed → large within 20 % ({mode}, share of static)",
                    abs(drift[key]) < DRIFT,
                    f"largest change {key} {drift[key]:+.0%}",
                )
            )
    return checks


def markdown(report):
    m = report["machine"]
    cold = " ".join(f"{k}={v}" for k, v in COLD_ENV.items())
    cached = " ".join(f"{k}={v}" for k, v in CACHED_ENV.items())
    cached = f"`{cached}`" if cached else "the default cache (local memory)"
    lines = [
        f"Run of {report['finished']} UTC, {report['minutes']:.1f} minutes: {m['cpu']}, "
        f"{m['cores']} cores, {m['ram_gb']} GB RAM, Linux {m['kernel']}; Python {m['python']}, "
        f"Django {m['django']}, PostgreSQL {m['postgresql']} (throwaway, fsync off, same "
        f"machine), gunicorn {m['gunicorn']}, wrk {m['wrk']}. Load average "
        f"{report['load_before']:.1f} before, {report['load_after']:.1f} after "
        f"(range during the measurements {report['load_min']:.1f}–{report['load_max']:.1f}).",
        "",
        f"App server: {report['server']}. wrk: {WRK_THREADS} thread, {CONNECTIONS} "
        f"connections, {DURATION} s per figure after {WARMUP} s of warm-up per page, on "
        f"the same machine. Cold: `{cold}`; cached: {cached}. "
        "Static: the page's own bytes, written to a file and served by whitenoise from the "
        "same gunicorn. Errors: connection, read, write, timeout and status ≥ 400.",
    ]  # fmt: skip
    if report.get("generated"):
        lines += ["", f"Large data set: {report['generated']}"]
    for dataset in report["datasets"].values():
        lines += ["", f"**{dataset['title']}**", ""]
        lines += [
            "| page | URL | bytes | mode | req/s | p50 ms | p99 ms | errors | of static |",
            "|---|---|---:|---|---:|---:|---:|---:|---:|",
        ]
        for page in dataset["pages"]:
            r = dataset["results"][page["key"]]
            for mode in MODES:
                f = r[mode]
                share = "" if mode == "static" else f"{ratio(f, r['static']):.0%}"
                first = mode == "cold"
                url = f"`{page['url']}`" if first else ""
                label = mode
                if mode == "cached" and r.get("cache_header"):
                    label = f"cached ({r['cache_header']})"
                if f["requests"]:
                    latency = f"{f['p50']:.1f} | {f['p99']:.1f}"
                else:
                    latency = f"none answered in {DURATION} s | —"
                lines.append(
                    f"| {page['label'] if first else ''} | {url} "
                    f"| {page['bytes'] if first else ''} | {label} | {f['rps']:,.0f} "
                    f"| {latency} | {f['errors']} | {share} |"
                )
    if report.get("compare"):
        page = report["compare_page"]
        lines += [
            "",
            f"**App servers** (large data set, {page['label']} `{page['url']}`, "
            f"{COMPARE_DURATION} s per figure)",
            "",
            "| app server | cold req/s | cold p99 ms | cached req/s | cached p99 ms "
            "| static req/s | static p99 ms |",
            "|---|---:|---:|---:|---:|---:|---:|",
        ]
        for row in report["compare"].values():
            lines.append(
                f"| {row['server']} | {row['cold']['rps']:,.0f} | {row['cold']['p99']:.1f} "
                f"| {row['cached']['rps']:,.0f} | {row['cached']['p99']:.1f} "
                f"| {row['static']['rps']:,.0f} | {row['static']['p99']:.1f} |"
            )
    lines += ["", "**Targets**", "", "| target | met | measured |", "|---|---|---|"]
    for target, met, measured in report["checks"]:
        lines.append(f"| {target} | {'yes' if met else '**no**'} | {measured} |")
    for profile in report.get("profiles", []):
        lines += [
            "",
            f"Profiled: {profile['label']} `{profile['url']}`, cold, {profile['requests']} "
            f"in one process (`test-artifacts/bench/{profile['file']}`, and `.html`).",
        ]
    return "\n".join(lines)


def write_docs(text):
    path = BASE_DIR / DOCS
    content = path.read_text()
    block = f"{DOCS_START}\n{text}\n{DOCS_END}"
    if DOCS_START in content and DOCS_END in content:
        before, rest = content.split(DOCS_START, 1)
        after = rest.split(DOCS_END, 1)[1]
        content = before + block + after
    else:
        content = content.rstrip("\n") + "\n\n## Pages against the static-file limit\n\n"
        content += block + "\n"
    path.write_text(content)


# --- Main ---------------------------------------------------------------------------


def main():
    if not shutil.which("wrk"):
        raise SystemExit("wrk is not installed: run .ci/ensure-packages (apt-get install wrk)")
    started = time.monotonic()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp(prefix="bench-"))
    folder.chmod(0o755)  # as root, PostgreSQL runs as the postgres user, who must get in
    postgres = None
    database_url = os.environ.get("DATABASE_URL", "")
    try:
        if not database_url:
            postgres = Postgres(folder / "postgres").init()
            postgres.start()
            database_url = postgres.url("postgres")
            log(f"throwaway PostgreSQL on port {postgres.port}")
        environment = site_environment(database_url, folder)
        manage(environment, "migrate", "--noinput")
        count = "from series.models import Series; print(Series.objects.count())"
        if manage(environment, "shell", "--verbosity", "0", "-c", count).strip() != "0":
            raise SystemExit("DATABASE_URL has content: give the benchmark an empty database.")
        manage(environment, "collectstatic", "--noinput", "--verbosity", "0")
        manage(environment, "setup_site")
        report = {
            "machine": machine(environment),
            "load_before": load_average(),
            "server": AppServer(SERVER, environment, None).describe(),
            "datasets": {},
        }
        generated = f"generate_bench_data --seed {SEED} --scale {SCALE:g}"
        datasets = [
            ("seed", "Seed data: the Key Migration Issues series alone (the shipped fixture)"),
            ("large", f"Large data set, the same pages: the fixture plus {generated}"),
            ("largest", "Large data set, the largest page of each type"),
        ]
        seed_urls = None
        for name, title in datasets:
            if name == "large":
                log(f"generating the large data set ({generated})")
                output = manage(environment, *generated.split(), "--allow-existing")
                report["generated"] = output.strip().splitlines()[-1]
            given = [json.dumps(seed_urls)] if name == "large" else []
            output = pages_helper(environment, "pick", name, environment["STATIC_ROOT"], *given)
            # The last line: the request log's lines come before it on the same output.
            pages = json.loads(output.strip().splitlines()[-1])
            if name == "seed":
                seed_urls = {page["key"]: page["url"] for page in pages}
            results = measure_dataset(name, environment, pages)
            report["datasets"][name] = {"title": title, "pages": pages, "results": results}
        if COMPARE:
            page = report["datasets"]["large"]["pages"][0]
            report["compare_page"] = page
            report["compare"] = compare_servers(environment, page)
        if PROFILE:
            # The slowest cold page of all, and the slowest of the seed data's (a typical page).
            report["profiles"] = []
            for name in ("largest", "seed"):
                dataset = report["datasets"][name]
                slowest = min(
                    dataset["pages"], key=lambda p: dataset["results"][p["key"]]["cold"]["rps"]
                )
                log(f"profiling {slowest['url']} (cold)")
                out = ARTIFACTS / f"profile-{name}"
                output = pages_helper(
                    environment | COLD_ENV, "profile", slowest["url"], str(out), "15"
                )
                report["profiles"].append(
                    slowest
                    | {"requests": output.strip().splitlines()[-1], "file": f"{out.name}.txt"}
                )
        loads = [
            row[mode]["load"]
            for dataset in report["datasets"].values()
            for row in dataset["results"].values()
            for mode in MODES
        ]
        report.update(
            load_after=load_average(),
            load_min=min(loads),
            load_max=max(loads),
            finished=datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M"),
            minutes=(time.monotonic() - started) / 60,
        )
        report["checks"] = check_targets(report)
        (ARTIFACTS / "results.json").write_text(json.dumps(report, indent=2, default=str))
        text = markdown(report)
        print("\n" + text + "\n")
        if DOCS:
            write_docs(text)
            log(f"written to {DOCS}")
    finally:
        if postgres:
            postgres.stop()
        shutil.rmtree(folder, ignore_errors=True)


def rewrite(path):
    """`run.py --report results.json`: the tables and targets again from a run's figures."""
    report = json.loads(Path(path).read_text())
    report["checks"] = check_targets(report)
    text = markdown(report)
    print(text)
    if DOCS:
        write_docs(text)


if __name__ == "__main__":
    if sys.argv[1:2] == ["--report"]:
        rewrite(sys.argv[2])
    else:
        main()
