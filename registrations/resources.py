"""The spreadsheet of a workshop's registrations (CSV and XLSX).

Written through django-import-export's formats, which neutralise cells that a spreadsheet
would run as a formula (a name typed as "=HYPERLINK(…)") when
IMPORT_EXPORT_ESCAPE_FORMULAE_ON_EXPORT is on, as it is in settings: the same mechanism as
the site's other exports.
"""

import tablib
from django.utils.translation import gettext as _
from import_export.formats.base_formats import CSV, XLSX

from registrations.forms import country_name

FORMATS = {"csv": CSV, "xlsx": XLSX}


def dataset(registrations, questions):
    headers = [
        _("Arrival"),
        _("Status"),
        _("Full name"),
        _("E-mail address"),
        _("Organization or Permanent Mission"),
        _("Country"),
        _("Title or function"),
        _("Accessibility needs"),
        *(question.label for question in questions),
        _("Attended"),
        _("Registered"),
    ]
    data = tablib.Dataset(headers=headers)
    for registration in registrations:
        data.append(
            [
                registration.position or "",
                registration.get_status_display(),
                registration.name,
                registration.email,
                registration.organization,
                country_name(registration.country, "en") if registration.country else "",
                registration.job_title,
                registration.accessibility_needs,
                *(registration.answers.get(str(question.pk), "") for question in questions),
                _("Yes") if registration.attended else _("No"),
                registration.created_at.strftime("%Y-%m-%d %H:%M"),
            ]
        )
    return data


def export(registrations, questions, file_format):
    """(bytes or text, content type, extension)."""
    fmt = FORMATS[file_format]()
    return (
        fmt.export_data(dataset(registrations, questions)),
        fmt.get_content_type(),
        fmt.get_extension(),
    )
