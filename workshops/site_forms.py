from django import forms
from django.utils.translation import gettext_lazy as _


class SiteScheduleFilterForm(forms.Form):
    """The site schedule's query string: a series, a year, an organization, each optional.
    Anything that names none of the choices is a 400 with the error beside its field."""

    series = forms.ChoiceField(label=_("Series"), required=False)
    year = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int, empty_value=None)
    organization = forms.ChoiceField(label=_("Organization"), required=False)

    def __init__(self, data, *, series, years, organizations):
        super().__init__(data)
        self.series_by_slug = {s.slug: s for s in series}
        self.organizations_by_slug = {o.slug: o for o in organizations}
        every = [("", _("All"))]
        self.fields["series"].choices = every + [(s.slug, str(s.title)) for s in series]
        self.fields["year"].choices = every + [(str(y), str(y)) for y in years]
        self.fields["organization"].choices = every + [(o.slug, str(o.name)) for o in organizations]

    def filters(self):
        data = self.cleaned_data
        return {
            "series": self.series_by_slug.get(data.get("series") or ""),
            "year": data.get("year"),
            "organization": self.organizations_by_slug.get(data.get("organization") or ""),
        }
