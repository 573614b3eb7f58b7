from django import forms
from django.utils.translation import gettext_lazy as _

# Long enough for any real question; a 2,000-character paste gets a message, not a query.
MAX_QUERY_LENGTH = 200


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=MAX_QUERY_LENGTH,
        error_messages={
            "max_length": _(
                "That search is %(show_value)d characters long. Use at most %(limit_value)d: "
                "a few words work best."
            )
        },
    )
    # One kind of result, paged (?q=…&kind=workshops&page=2); none: the first few of each.
    kind = forms.ChoiceField(
        label=_("Kind of result"),
        required=False,
        choices=[
            ("", _("All")),
            ("series", _("Series")),
            ("workshops", _("Workshops")),
            ("organizations", _("Organizations")),
            ("people", _("People")),
        ],
        error_messages={
            "invalid_choice": _("There is no kind of result called “%(value)s”."),
        },
    )
