"""The abstract `Publishable` model every piece of public content inherits from.

A subclass gets a `status` (draft or published) and a `publish_at` time, a queryset with
`published()`, `drafts()` and `visible_to(user)`, and `is_published`. A model that is
public only together with another (a workshop with its series) names the foreign key in
`publish_with`; `publish_<model>` is the permission that lets a user publish it
(publishing/permissions.py).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from publishing.enums import Status
from publishing.permissions import can_preview_drafts
from publishing.rules import is_public, is_scheduled, public_q

PUBLISHING_FIELDS = ("status", "publish_at")


class PublishableQuerySet(models.QuerySet):
    def published(self, now=None):
        """Public rows: published, due, and published with what they belong to."""
        return self.filter(public_q(self.model, now=now))

    def drafts(self):
        return self.filter(status=Status.DRAFT)

    def visible_to(self, user):
        """Drafts never leave this method for anyone but staff, who preview them."""
        return self if can_preview_drafts(user) else self.published()


def publish_at_field(help_text):
    """The publish-at field; each model says in its help text what appears at that time."""
    return models.DateTimeField(_("publish at"), null=True, blank=True, help_text=help_text)


class Publishable(models.Model):
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    # Each model re-declares it with a help text that says what appears at that time.
    publish_at = publish_at_field("")

    # The foreign key to the object this one is public only with, if any.
    publish_with = None

    class Meta:
        abstract = True

    @property
    def is_published(self):
        return is_public(self)

    @property
    def is_scheduled(self):
        return is_scheduled(self)
