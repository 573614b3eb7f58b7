"""The signed links of the delegate's e-mails.

A link carries the registration's random token, signed with SECRET_KEY, so nobody can make
one up or reach another delegate's registration by changing a number. The confirmation link
expires (REGISTRATION_CONFIRM_HOURS) and works once: a registration that is no longer
pending cannot be confirmed again. The link to manage one's registration (cancel, see or
delete one's data) lasts as long as the registration does.
"""

from django.conf import settings
from django.core import signing

CONFIRM_SALT = "registrations.confirm"
MANAGE_SALT = "registrations.manage"


def confirm_token(registration):
    return signing.dumps(str(registration.token), salt=CONFIRM_SALT)


def manage_token(registration):
    return signing.dumps(str(registration.token), salt=MANAGE_SALT)


class Expired(Exception):
    pass


def read_confirm_token(value):
    """The registration token, or raises Expired (too old) or signing.BadSignature."""
    try:
        return signing.loads(
            value, salt=CONFIRM_SALT, max_age=settings.REGISTRATION_CONFIRM_HOURS * 3600
        )
    except signing.SignatureExpired as error:
        raise Expired from error


def read_manage_token(value):
    return signing.loads(value, salt=MANAGE_SALT)
