import functools

from babel import Locale
from django import forms
from django.utils.translation import get_language, to_locale
from django.utils.translation import gettext_lazy as _

from registrations.enums import QuestionKind
from registrations.models import Registration

# CLDR (through Babel) names more regions than ISO 3166-1 has countries: these are not in
# ISO 3166-1 (Ascension, Clipperton, Sark, Diego Garcia, Ceuta and Melilla, the EU and the
# Eurozone, the Canary Islands, Outlying Oceania, Tristan da Cunha, the UN, the pseudo-locales,
# Kosovo's user-assigned code and "unknown").
NOT_ISO_3166 = {"AC", "CP", "CQ", "DG", "EA", "EU", "EZ", "IC", "QO", "TA", "UN"}
NOT_ISO_3166 |= {"XA", "XB", "XK", "ZZ"}


@functools.cache
def countries(language):
    """[(code, name)] of the ISO 3166-1 countries, named and sorted in `language`."""
    names = Locale.parse(to_locale(language)).territories
    found = [
        (code, name)
        for code, name in names.items()
        if len(code) == 2 and code.isalpha() and code not in NOT_ISO_3166
    ]
    return sorted(found, key=lambda item: item[1].casefold())


def country_name(code, language=None):
    return dict(countries(language or get_language())).get(code, code)


def _country_choices():
    return [("", _("Choose a country")), *countries(get_language())]


class CountrySelect(forms.Select):
    def get_context(self, name, value, attrs):
        self.choices = _country_choices()
        return super().get_context(name, value, attrs)


class RegistrationForm(forms.ModelForm):
    """The delegate's form. GOV.UK-style: a label and a hint for each field, autocomplete
    attributes, and errors listed at the top linking to each field (the template)."""

    # A field people never see, which bots fill in (a honeypot, not a CAPTCHA).
    website = forms.CharField(label=_("Leave this field empty"), required=False, max_length=200)
    consent = forms.BooleanField(
        label=_("I agree that my data is processed to run this registration"),
        error_messages={"required": _("Tick the box to agree, or we cannot register you")},
    )

    class Meta:
        model = Registration
        fields = [
            "name",
            "email",
            "organization",
            "country",
            "job_title",
            "accessibility_needs",
        ]
        labels = {"name": _("Full name")}
        help_texts = {
            "email": _("We send the link to confirm your registration to this address."),
            "organization": _("For example, Permanent Mission of Ghana to the United Nations."),
            "accessibility_needs": _(
                "For example, a sign language interpreter or step-free access."
            ),
        }
        error_messages = {
            "name": {"required": _("Enter your full name")},
            "email": {
                "required": _("Enter your e-mail address"),
                "invalid": _("Enter an e-mail address like name@example.org"),
            },
            "organization": {"required": _("Enter your organization or Permanent Mission")},
            "country": {"required": _("Choose your country")},
        }
        widgets = {
            "name": forms.TextInput(attrs={"autocomplete": "name", "spellcheck": "false"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
            "organization": forms.TextInput(attrs={"autocomplete": "organization"}),
            "country": CountrySelect(attrs={"autocomplete": "country"}),
            "job_title": forms.TextInput(attrs={"autocomplete": "organization-title"}),
            "accessibility_needs": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, questions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].required = True
        self.fields["country"].required = True
        self.fields["website"].widget.attrs.update(autocomplete="off", tabindex="-1")
        self.questions = list(questions)
        for question in self.questions:
            self.fields[f"question_{question.pk}"] = self._question_field(question)
        # Consent last, after the workshop's questions.
        last = ["consent", "website"]
        self.order_fields([name for name in self.fields if name not in last] + last)

    @staticmethod
    def _question_field(question):
        label = question.label
        required = question.required
        message = {"required": _("Answer this question")}
        if question.kind == QuestionKind.YES_NO:
            return forms.ChoiceField(
                label=label,
                required=required,
                choices=[("yes", _("Yes")), ("no", _("No"))],
                widget=forms.RadioSelect,
                error_messages=message,
            )
        if question.kind == QuestionKind.CHOICE:
            return forms.ChoiceField(
                label=label,
                required=required,
                choices=list(enumerate(question.option_list())),
                widget=forms.RadioSelect,
                error_messages=message,
            )
        return forms.CharField(
            label=label, required=required, max_length=1000, error_messages=message
        )

    def full_clean(self):
        super().full_clean()
        # Each input names its hint and its error (GOV.UK's pattern), for screen readers.
        for name, field in self.fields.items():
            bound = self[name]
            described = []
            if field.help_text:
                described.append(f"{bound.auto_id}_helptext")
            if bound.errors:
                described.append(f"{bound.auto_id}_error")
            if described and not isinstance(field.widget, forms.RadioSelect):
                field.widget.attrs["aria-describedby"] = " ".join(described)

    def clean_country(self):
        code = self.cleaned_data["country"]
        if code not in dict(countries("en")):
            raise forms.ValidationError(_("Choose your country"))
        return code

    @property
    def is_bot(self):
        return bool(self.cleaned_data.get("website"))

    def answers(self):
        """{question id: answer}; a choice stored as its English option, as exports show."""
        answers = {}
        for question in self.questions:
            value = self.cleaned_data.get(f"question_{question.pk}")
            if value in (None, ""):
                continue
            if question.kind == QuestionKind.CHOICE:
                english = [
                    line.strip()
                    for line in (question.options_en or question.options).splitlines()
                    if line.strip()
                ]
                index = int(value)
                value = english[index] if index < len(english) else question.option_list()[index]
            answers[str(question.pk)] = value
        return answers

    def registration_fields(self):
        fields = {name: self.cleaned_data[name] for name in self.Meta.fields}
        fields["answers"] = self.answers()
        return fields
