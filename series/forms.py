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

    def clean_year(self):
        # "02006" or "+2006" would be other URLs of the 2006 schedule, each kept apart in
        # the page cache: only the way the site writes a year is accepted.
        raw = self.data.get("year", "")
        if raw and raw != str(self.cleaned_data["year"]):
            raise forms.ValidationError(
                self.fields["year"].error_messages["invalid"], code="invalid"
            )
        return self.cleaned_data["year"]
