"""Who may publish, change, restore or delete content, as plain functions.

Editors draft; Publishers publish, unpublish, schedule, delete and restore. A published
object (or a part of one: a workshop's partner, a series' milestone) changes the public
site when it changes, so only a user who may publish it may change it. The admin enforces
these on the server (core/editorial/admin.py); nothing else decides them.
"""

from publishing.enums import Status


def _perm(obj_or_model, action):
    opts = obj_or_model._meta
    return f"{opts.app_label}.{action}_{opts.model_name}"


def can_publish(user, obj_or_model):
    """Publish, unpublish or schedule: change `status` or `publish_at`."""
    return user.has_perm(_perm(obj_or_model, "publish"))


def can_change(user, obj):
    """Change `obj` as it is now, given the change permission: anyone while it is a draft,
    only a user who may publish it once it is published (or scheduled)."""
    return obj.status != Status.PUBLISHED or can_publish(user, obj)


def can_restore(user, obj_or_model):
    """Restore an earlier version from the history, a deleted object included."""
    return user.has_perm(_perm(obj_or_model, "delete"))


def can_delete(user, obj_or_model):
    return user.has_perm(_perm(obj_or_model, "delete"))


def can_import(user, model):
    """Import a spreadsheet: a Publisher's task, as it can create and change many rows."""
    return can_publish(user, model)


def can_preview_drafts(user, model):
    """See drafts and scheduled rows of `model` on the public pages (and download their
    documents), marked as a preview: staff with the permission to view that model and what
    it is published with (a workshop's series). A staff account without it gets a 403 in
    the admin, so it gets only what the public gets here too."""
    if not user.is_staff:
        return False
    while model is not None:
        if not user.has_perm(_perm(model, "view")):
            return False
        relation = getattr(model, "publish_with", None)
        model = model._meta.get_field(relation).related_model if relation else None
    return True


def needs_review(user, obj):
    """Whether `user`'s change to the existing `obj` must wait for a Publisher (becomes a
    proposal): a published series or workshop, or any organization or person (public
    as soon as published content names them), changed by someone who may not publish it."""
    if obj is None or obj.pk is None or can_publish(user, obj):
        return False
    status = getattr(obj, "status", None)
    return status is None or status == Status.PUBLISHED


def can_review(user, model):
    """Approve or reject proposed changes to `model`: whoever may publish it."""
    return can_publish(user, model)
