from django.db import models
from django.utils.translation import gettext_lazy as _


class OrganizationKind(models.TextChoices):
    UN_ENTITY = "un", _("UN entity")
    # Outside the UN system: IOM was one until it joined the system in 2016.
    INTERGOVERNMENTAL = "igo", _("Intergovernmental organization")
    GOVERNMENT = "government", _("Government")
    ACADEMIC = "academic", _("Academic institution")
    NGO = "ngo", _("Non-governmental organization")
    OTHER = "other", _("Other")
