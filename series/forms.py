from django import forms
from django.utils.translation import gettext_lazy as _


class ScheduleFilterForm(forms.Form):
    """Validates the schedule's query string, so nonsense is a 400, never a 500."""

    year = forms.IntegerField(
        label=_("Year"),
        required=False,
        min_value=1900,
        max_value=2999,
        error_messages={"invalid": _("The year must be a number such as 2006.")},
    )
