"""The smaller holes: passwords with the username, endless staff sessions, how documents may
be cached, and the cross-origin resource policy."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from publishing.enums import Status
from tests.factories import DocumentFactory, SeriesFactory, WorkshopFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "password", ["alice-secure-passphrase-2026", "My ALICE horse staple", "zq-jsmith-77-bridge"]
)
def test_a_password_containing_the_username_is_refused(password):
    user = get_user_model()(username="alice", email="jsmith@example.org")

    with pytest.raises(ValidationError) as refused:
        validate_password(password, user)

    assert "may not contain your username" in " ".join(refused.value.messages)


def test_a_password_without_the_username_passes():
    user = get_user_model()(username="alice", email="jsmith@example.org")

    validate_password("correct horse battery staple 2026", user)


def age_session(client, **seconds_ago):
    session = client.session
    now = int(timezone.now().timestamp())
    for key, ago in seconds_ago.items():
        session[key] = now - ago
    session.save()


@pytest.mark.parametrize(
    ("ages", "signed_out"),
    [
        ({"staff_seen": 30 * 60}, False),
        ({"staff_seen": 61 * 60}, True),  # idle for more than an hour
        ({"staff_started": 11 * 3600}, False),
        ({"staff_started": 13 * 3600}, True),  # twelve hours after sign-in, however busy
    ],
)
def test_staff_sessions_end_when_idle_or_too_old(admin_client, ages, signed_out):
    admin_client.get(reverse("admin:index"))
    age_session(admin_client, **ages)

    response = admin_client.get(reverse("admin:index"))

    if signed_out:
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("admin:login"))
        assert "_auth_user_id" not in admin_client.session
    else:
        assert response.status_code == 200


@pytest.fixture
def documents(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    urls = {}
    for status in (Status.PUBLISHED, Status.DRAFT):
        workshop = WorkshopFactory(series=SeriesFactory(status=Status.PUBLISHED), status=status)
        document = DocumentFactory(
            workshop=workshop, url="", file=SimpleUploadedFile("a.txt", b"Agenda.\n")
        )
        urls[status] = reverse(
            "workshops:document", args=[workshop.series.slug, workshop.slug, document.pk]
        )
    return urls


def test_document_downloads_say_how_they_may_be_cached(client, admin_user, documents):
    public = client.get(documents[Status.PUBLISHED])
    b"".join(public.streaming_content)  # read to the end, which closes the file
    client.force_login(admin_user)
    draft = client.get(documents[Status.DRAFT])
    b"".join(draft.streaming_content)

    assert public["Cache-Control"] == "public, max-age=60, s-maxage=60"
    assert draft["Cache-Control"] == "private, no-store"


@pytest.mark.parametrize("path", ["/", "/series/", "/robots.txt", "/admin/login/"])
def test_every_response_forbids_cross_origin_embedding(client, path):
    assert client.get(path)["Cross-Origin-Resource-Policy"] == "same-origin"
