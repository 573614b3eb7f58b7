"""A delegate registers in French and in Arabic, confirms and cancels from the e-mails (real
SMTP to a server on loopback); the form's error summary; axe on the form, the confirmation
and the cancellation; the form reflows at 320 px; reference screenshots."""

import os
import pathlib
import urllib.parse

import pytest

from registrations.enums import QuestionKind, RegistrationStatus
from registrations.models import Question, Registration
from tests.browser.test_accessibility import violations
from tests.conftest import ARTIFACTS

# The SMTP server on loopback, and a clean slate for the rate limits and attachments.
from tests.registrations.conftest import (
    attachments_in_a_temporary_folder as attachments_in_a_temporary_folder,
)
from tests.registrations.conftest import deliver, link, open_workshop
from tests.registrations.conftest import no_rate_limit_left_over as no_rate_limit_left_over
from tests.registrations.conftest import smtp as smtp

pytestmark = pytest.mark.django_db(transaction=True)

SCREENSHOTS = pathlib.Path(os.environ.get("SCREENSHOT_DIR", ARTIFACTS / "screenshots"))
LABELS = {
    "fr": {
        "name": "Nom complet",
        "email": "Adresse électronique",
        "organization": "Organisation ou Mission permanente",
        "country": "Pays",
        "consent": "J’accepte que mes données soient traitées",
        "submit": "S’inscrire",
        "sent": "Consultez vos courriels",
        "confirm": "Confirmer mon inscription",
        "confirmed": "Vous êtes inscrit",
        "cancel": "Annuler mon inscription",
        "cancelled": "Votre inscription est annulée",
        "country_name": "Sénégal",
    },
    "ar": {
        "name": "الاسم الكامل",
        "email": "عنوان البريد الإلكتروني",
        "organization": "المنظمة أو البعثة الدائمة",
        "country": "البلد",
        "consent": "أوافق على معالجة بياناتي",
        "submit": "سجّل",
        "sent": "تحقّق من بريدك الإلكتروني",
        "confirm": "تأكيد تسجيلي",
        "confirmed": "تم تسجيلك",
        "cancel": "إلغاء تسجيلي",
        "cancelled": "أُلغي تسجيلك",
        "country_name": "السنغال",
    },
}


@pytest.fixture
def workshop(site):
    registration_settings = open_workshop(capacity=30)
    Question.objects.create(
        settings=registration_settings,
        kind=QuestionKind.CHOICE,
        label="Which session will you attend?",
        label_fr="À quelle séance assisterez-vous ?",
        label_ar="أي جلسة ستحضر؟",
        options="Morning\nAfternoon",
        options_fr="Matin\nAprès-midi",
        options_ar="الصباحية\nالمسائية",
        required=True,
    )
    return registration_settings.workshop


def _register_path(workshop, language=""):
    prefix = f"/{language}" if language and language != "en" else ""
    return f"{prefix}/series/{workshop.series.slug}/workshops/{workshop.slug}/register/"


def _path(url):
    return urllib.parse.urlsplit(url).path


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_a_delegate_registers_confirms_and_cancels_from_the_e_mails(
    site, page, workshop, smtp, language
):
    words = LABELS[language]
    page.goto(site + _register_path(workshop, language))
    assert page.locator("html").get_attribute("dir") == ("rtl" if language == "ar" else "ltr")
    assert violations(page) == []

    page.get_by_label(words["name"]).fill("Amina Diallo")
    page.get_by_label(words["email"]).fill(f"amina.{language}@example.org")
    page.get_by_label(words["organization"]).fill("Mission permanente du Sénégal")
    page.get_by_label(words["country"]).select_option(label=words["country_name"])
    page.get_by_role("radio").first.check()
    page.get_by_label(words["consent"]).check()
    page.get_by_role("button", name=words["submit"]).click()

    assert page.get_by_role("heading", level=1).inner_text() == words["sent"]
    deliver()
    [message] = smtp.to(f"amina.{language}@example.org")
    page.goto(site + _path(link(message, "confirm")))
    assert violations(page) == []
    page.get_by_role("button", name=words["confirm"]).click()
    assert page.get_by_role("heading", level=1).inner_text() == words["confirmed"]
    assert violations(page) == []

    deliver()
    confirmed = smtp.to(f"amina.{language}@example.org")[1]
    assert [part.get_content_type() for part in confirmed.iter_attachments()] == ["text/calendar"]
    page.goto(site + _path(link(confirmed, "manage")))
    page.get_by_role("button", name=words["cancel"]).click()
    assert page.get_by_role("heading", level=1).inner_text() == words["cancelled"]
    assert violations(page) == []
    registration = Registration.objects.get()
    assert (registration.status, registration.language, registration.country) == (
        RegistrationStatus.CANCELLED,
        language,
        "SN",
    )


def test_bad_input_shows_the_error_summary_linking_to_each_field(site, page, workshop):
    page.goto(site + _register_path(workshop))

    page.get_by_label("E-mail address").fill("not an address")
    page.get_by_role("button", name="Register").click()

    summary = page.get_by_role("alert")
    assert summary.get_by_role("heading").inner_text() == "There is a problem"
    links = summary.get_by_role("link")
    assert "Enter your full name" in links.all_inner_texts()
    assert "Enter an e-mail address like name@example.org" in links.all_inner_texts()
    summary.get_by_role("link", name="Enter an e-mail address like name@example.org").click()
    assert page.evaluate("document.activeElement.id") == "id_email"
    assert page.get_by_label("E-mail address").input_value() == "not an address"
    assert violations(page) == []
    assert Registration.objects.count() == 0


@pytest.mark.parametrize("language", ["en", "ar"])
def test_the_form_reflows_at_320_px(site, page, workshop, language):
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(site + _register_path(workshop, language))
    page.get_by_role("button").last.click()  # with errors shown, the widest state
    # The click posts the form: measure the page that comes back, not the one leaving.
    page.get_by_role("alert").wait_for()

    assert page.evaluate("document.documentElement.scrollWidth") <= 320


@pytest.mark.parametrize("width", [360, 1280])
@pytest.mark.parametrize("language", ["en", "ar"])
def test_screenshot_of_the_registration_form(site, page, workshop, language, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(site + _register_path(workshop, language))
    path = SCREENSHOTS / f"registration-{language}-{width}.png"
    path.parent.mkdir(parents=True, exist_ok=True)

    page.screenshot(path=path, full_page=True)

    assert path.stat().st_size > 10_000
    assert page.evaluate("document.documentElement.scrollWidth") <= width
