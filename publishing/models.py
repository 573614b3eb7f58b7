"""The abstract `Publishable` model every piece of public content inherits from.

A subclass gets a `status` (draft or published) and a `publish_at` time, a queryset with
`published()`, `drafts()` and `visible_to(user)`, and `is_published`. A model that is
public only together with another (a workshop with its series) names the foreign key in
`publish_with`; `publish_<model>` is the permission that lets a user publish it
(publishing/permissions.py).
"""

from django.conf import settings
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
        """Drafts never leave this method for anyone but staff who may view the model, who
        preview them."""
        return self if can_preview_drafts(user, self.model) else self.published()


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


class ProposalStatus(models.TextChoices):
    PENDING = "pending", _("waiting for review")
    APPROVED = "approved", _("approved")
    REJECTED = "rejected", _("rejected")


class ProposalQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(status=ProposalStatus.PENDING)

    def for_object(self, obj):
        from django.contrib.contenttypes.models import ContentType

        return self.filter(
            content_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk)
        )


class Proposal(models.Model):
    """A change to public content that an Editor proposed and a Publisher decides on.

    As Wagtail keeps a draft revision of a live page until a moderator approves it, the
    object itself stays as readers see it: the proposal holds the change form as the
    Editor sent it (every field, every language, the inline rows), and approving replays
    it through the same admin form, with the same validation, as the Publisher. Proposals
    are never deleted: approved and rejected ones stay, with who decided and why.
    """

    content_type = models.ForeignKey(
        "contenttypes.ContentType", verbose_name=_("kind"), on_delete=models.CASCADE
    )
    object_id = models.CharField(_("object"), max_length=64)
    object_repr = models.CharField(_("title"), max_length=300)
    # The change form's data: {"title_fr": ["…"], "partner_roles-0-order": ["2"], …}.
    data = models.JSONField(_("proposed change"), default=dict)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("proposed by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="proposals",
    )
    created_at = models.DateTimeField(_("proposed"), auto_now_add=True)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=ProposalStatus.choices,
        default=ProposalStatus.PENDING,
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reviewed_proposals",
    )
    reviewed_at = models.DateTimeField(_("decided"), null=True, blank=True)
    reason = models.TextField(_("reason"), blank=True)

    objects = ProposalQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("proposal")
        verbose_name_plural = _("proposals")
        indexes = [models.Index(fields=["content_type", "object_id", "status"])]

    def __str__(self):
        return _("Change to “%(object)s”") % {"object": self.object_repr}

    @property
    def target(self):
        return self.content_type.get_object_for_this_type(pk=self.object_id)
