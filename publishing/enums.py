from django.db import models
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    """Publication status shared by series and workshops: drafts never reach the public."""

    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
