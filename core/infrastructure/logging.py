"""Structured logs: one JSON object a line, each carrying the id of the request it belongs to.

Production logs go to a collector that parses them (`jq`, Loki, CloudWatch…); local
development keeps Django's readable text (see LOGGING in config/settings.py).
"""

import contextvars
import datetime
import json
import logging
import traceback

# Set by core.infrastructure.middleware.RequestLogMiddleware for the length of one request;
# "-" outside one (management commands, start-up).
request_id = contextvars.ContextVar("request_id", default="-")

# Attributes every LogRecord has; anything else was passed through `extra=` and is kept.
_STANDARD_ATTRIBUTES = set(vars(logging.makeLogRecord({}))) | {"message", "asctime"}


class RequestIdFilter(logging.Filter):
    def filter(self, record):
        if not hasattr(record, "request_id"):
            record.request_id = request_id.get()
        return True


class ClientErrorFilter(logging.Filter):
    """Django logs a request's bad `Host` header as an ERROR with its traceback. It is the
    client's mistake (a scanner, a misdirected DNS name), answered with a 400, not a fault
    of the site: a WARNING line without the traceback, so that alerts on ERROR stay quiet."""

    def filter(self, record):
        record.levelno, record.levelname = logging.WARNING, "WARNING"
        record.exc_info = record.exc_text = None
        return True


class JsonFormatter(logging.Formatter):
    def format(self, record):
        entry = {
            "time": datetime.datetime.fromtimestamp(record.created, datetime.UTC).isoformat(
                timespec="milliseconds"
            ),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        for name, value in vars(record).items():
            if name not in _STANDARD_ATTRIBUTES and name not in entry:
                entry[name] = value
        if record.exc_info:
            entry["traceback"] = "".join(traceback.format_exception(*record.exc_info))
        elif record.exc_text:
            entry["traceback"] = record.exc_text
        if record.stack_info:
            entry["stack"] = record.stack_info
        # `default=str`: Django passes the request and other objects as `extra`.
        return json.dumps(entry, default=str, ensure_ascii=False)
