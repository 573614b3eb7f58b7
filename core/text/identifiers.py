"""Stable identifiers for rows that other programs remember: calendar UIDs, Atom entry ids.

A subscribed calendar or a feed reader recognises an event or entry by its id, so the
id must survive every edit (a new title, a new slug, a moved date). The primary key
and the creation time never change; hashing them into a name-based UUID (RFC 4122
version 5, the form RFC 7986 recommends for calendar UIDs) gives the same id on every
download and different ids on two sites that happen to reuse a primary key.
"""

import uuid

# Fixed for ever: changing it would change every id and duplicate every subscribed event.
NAMESPACE = uuid.UUID("6f1f6b1e-2f4c-5d0a-9a51-7a3c1f0e8b42")


def stable_uuid(obj):
    """The same UUID for a row for its whole life, whatever is edited."""
    name = f"{obj._meta.label_lower}:{obj.pk}:{obj.created_at.isoformat()}"
    return uuid.uuid5(NAMESPACE, name)
