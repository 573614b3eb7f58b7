"""`/readyz` and its checks: the database answers, every migration is applied, the cache answers.

Each check raises on failure. `run_checks` runs them in a separate thread with a deadline,
because a database that accepts connections but never answers would otherwise hold the
probe (and the load balancer waiting on it) for as long as the operating system allows.
"""

import logging
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FuturesTimeout

from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

# The load balancer gives up on a probe after a few seconds; answer well before that.
DEADLINE_SECONDS = 1.5
# Server side, so that a slow query is cancelled by PostgreSQL itself, not only abandoned.
STATEMENT_TIMEOUT_MS = 1000

_migrations_applied = threading.Event()
logger = logging.getLogger("core.health")


def check_database():
    connection = connections[DEFAULT_DB_ALIAS]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # Not SET LOCAL: without a transaction it would not last to the next statement.
            cursor.execute(f"SET statement_timeout = {STATEMENT_TIMEOUT_MS}")
            try:
                cursor.execute("SELECT 1")
            finally:
                cursor.execute("SET statement_timeout = DEFAULT")
        else:
            cursor.execute("SELECT 1")


def check_migrations():
    # Loading the migration graph reads every migration file: once all are applied they
    # stay applied for the life of this process (new code means a new process).
    if _migrations_applied.is_set():
        return
    executor = MigrationExecutor(connections[DEFAULT_DB_ALIAS])
    pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
    if pending:
        names = ", ".join(f"{migration.app_label}.{migration.name}" for migration, _ in pending)
        raise RuntimeError(f"{len(pending)} migrations not applied: {names}")
    _migrations_applied.set()


def check_cache():
    key = f"readyz:{uuid.uuid4().hex}"
    cache.set(key, "ok", timeout=10)
    try:
        if cache.get(key) != "ok":
            raise RuntimeError("the cache did not return the value just stored")
    finally:
        cache.delete(key)


CHECKS = {"database": check_database, "migrations": check_migrations, "cache": check_cache}


def _run_all():
    failures = {}
    try:
        for name, check in CHECKS.items():
            if name == "migrations" and "database" in failures:
                failures[name] = "not checked: the database does not answer"
                continue
            try:
                check()
            except Exception as error:  # any failure means "not ready"; it is named
                failures[name] = f"{type(error).__name__}: {error}".strip()
    finally:
        # This thread's own connection: close it, or every probe would leave one open.
        connections.close_all()
    return failures


def run_checks(deadline=None):
    """{check name: why it failed} for the checks that failed; empty when all passed.

    Returns within `deadline` seconds whatever the database or cache does; a check still
    running then is reported as timed out (its thread ends on the connect or statement
    timeout)."""
    deadline = DEADLINE_SECONDS if deadline is None else deadline
    started = time.monotonic()
    executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="readyz")
    future = executor.submit(_run_all)
    executor.shutdown(wait=False)
    try:
        return future.result(timeout=deadline)
    except FuturesTimeout:
        waited = time.monotonic() - started
        return dict.fromkeys(CHECKS, f"no answer within {waited:.1f} s")


@never_cache
@require_GET
def readyz(request):
    """Ready for traffic: the database and cache answer and the migrations are applied.

    Anyone can call it, so a 503 says only "unavailable": a driver's error names the
    database's host and port, which strangers have no business knowing. What failed, and
    why, goes to the log (one ERROR line per failed check, with the request's id)."""
    failures = run_checks()
    if failures:
        for name, reason in failures.items():
            logger.error("Readiness check %s failed: %s", name, reason, extra={"check": name})
        return JsonResponse({"status": "unavailable"}, status=503)
    return JsonResponse({"status": "ok", "checks": list(CHECKS)})
