import logging
import re
import sys
import time
import uuid

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template import loader
from django.views import defaults

from core.infrastructure.logging import request_id

logger = logging.getLogger("core.requests")

# A request id from the load balancer is kept (to follow one request through both logs)
# when it looks like one; anything else is replaced, so a client cannot forge log lines.
_REQUEST_ID = re.compile(r"[A-Za-z0-9._-]{1,64}")
# Probes answer every few seconds from every load balancer: not worth an INFO line each.
_QUIET_PATHS = {"/healthz", "/readyz"}
RETRY_AFTER_SECONDS = 30


class RequestLogMiddleware:
    """One log line per request, with its id, status and duration; `X-Request-ID` on the response.

    First in MIDDLEWARE so that the duration covers all the others."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.headers.get("X-Request-ID", "")
        current = incoming if _REQUEST_ID.fullmatch(incoming) else uuid.uuid4().hex
        token = request_id.set(current)
        started = time.perf_counter()
        try:
            response = self.get_response(request)
            duration_ms = round((time.perf_counter() - started) * 1000, 1)
            response["X-Request-ID"] = current
            logger.log(
                logging.DEBUG if request.path in _QUIET_PATHS else logging.INFO,
                "%s %s %s %.1f ms",
                request.method,
                request.path,
                response.status_code,
                duration_ms,
                extra={
                    "method": request.method,
                    "path": request.path,
                    "status": response.status_code,
                    "duration_ms": duration_ms,
                },
            )
            return response
        finally:
            request_id.reset(token)


class DatabaseUnavailableMiddleware:
    """The site's own "temporarily unavailable" page (503) when the database does not answer.

    Without it a database outage is a 500 "something went wrong" on every page, which tells
    readers and monitors the wrong thing. The page is rendered without a request context,
    as the 500 page is, because context processors could query the database again.
    Retry-After tells well-behaved clients and crawlers when to come back."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, OperationalError | InterfaceError):
            return None
        logger.error(
            "Database unavailable: %s %s",
            request.method,
            request.path,
            exc_info=(type(exception), exception, exception.__traceback__),
            extra={"status": 503},
        )
        return database_unavailable()


def database_unavailable():
    response = HttpResponse(loader.render_to_string("503.html"), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


def server_error(request):
    """handler500: the 503 page when the error is the database going away, else Django's 500.

    A middleware that reads the database (the session, the signed-in user) fails before
    any view, where `process_exception` never sees it; handler500 runs inside Django's
    `except`, so the exception is still at hand. Django has already logged it."""
    if isinstance(sys.exc_info()[1], OperationalError | InterfaceError):
        return database_unavailable()
    return defaults.server_error(request)
