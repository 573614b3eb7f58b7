"""A real SMTP server on loopback (aiosmtpd) that keeps what it receives, for the tests."""

import email
import email.policy
import logging
import socket
import threading

from aiosmtpd.controller import Controller


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class _Inbox:
    def __init__(self):
        self.messages = []
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        with self.lock:
            self.messages.append((list(envelope.rcpt_tos), message))
        return "250 Message accepted for delivery"


# aiosmtpd logs every command of every session, addresses included: the test server's
# chatter, not the site's log.
logging.getLogger("mail.log").setLevel(logging.WARNING)


class SmtpServer:
    """Starts and stops on the same port, so a test can take the server away and bring it
    back while the site's settings still point at it."""

    def __init__(self):
        self.port = free_port()
        self.inbox = _Inbox()
        self.controller = None

    def start(self):
        self.controller = Controller(self.inbox, hostname="127.0.0.1", port=self.port)
        self.controller.start()
        return self

    def stop(self):
        if self.controller is not None:
            self.controller.stop()
            self.controller = None

    @property
    def messages(self):
        with self.inbox.lock:
            return list(self.inbox.messages)

    def to(self, address):
        return [message for rcpts, message in self.messages if address in rcpts]
