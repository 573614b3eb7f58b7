from django.db import models
from django.utils.translation import gettext_lazy as _


class WorkshopFormat(models.TextChoices):
    WORKSHOP = "workshop", _("Workshop")
    BRIEFING = "briefing", _("Briefing")
    PANEL = "panel", _("Panel discussion")
    SEMINAR = "seminar", _("Seminar")


class PartnerRole(models.TextChoices):
    ORGANIZED_WITH = "organized_with", _("organized with")
    HOSTED_BY = "hosted_by", _("hosted by")
    SUPPORTED_BY = "supported_by", _("supported by")


class ParticipationRole(models.TextChoices):
    MODERATOR = "moderator", _("Moderator")
    PANELLIST = "panellist", _("Panellist")
    SPEAKER = "speaker", _("Speaker")


class DocumentKind(models.TextChoices):
    AGENDA = "agenda", _("Agenda")
    PRESENTATION = "presentation", _("Presentation")
    REPORT = "report", _("Report")
    OTHER = "other", _("Other document")


class DocumentLanguage(models.TextChoices):
    """The six official languages of the United Nations."""

    ARABIC = "ar", "العربية"
    CHINESE = "zh-hans", "中文"
    ENGLISH = "en", "English"
    FRENCH = "fr", "Français"
    RUSSIAN = "ru", "Русский"
    SPANISH = "es", "Español"
