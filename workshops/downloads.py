"""Uploaded documents, served so that no browser runs them.

A PDF opens in the browser's viewer; anything else is a download (`Content-Disposition:
attachment`). Each is sent with the type its content was checked to be (workshops/uploads.py)
and, like every response, `X-Content-Type-Options: nosniff` and the site's CSP. Drafts'
documents stay as private as the drafts.
"""

from django.conf import settings
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404

from publishing.rules import is_public
from workshops.models import Document, Workshop
from workshops.uploads import DOCUMENT_TYPES, extension


def document_download(request, series_slug, slug, pk):
    document = get_object_or_404(
        Document.objects.filter(workshop__in=Workshop.objects.visible_to(request.user))
        .exclude(file="")
        .select_related("workshop__series"),
        pk=pk,
        workshop__series__slug=series_slug,
        workshop__slug=slug,
    )
    kind = extension(document.file.name)
    if kind not in DOCUMENT_TYPES:
        # Stored before uploads were checked by content: not served from this address.
        raise Http404("Not a document type this site serves.")
    try:
        opened = document.file.open("rb")
    except FileNotFoundError as error:
        raise Http404("The file is missing from storage.") from error
    response = FileResponse(
        opened,
        as_attachment=kind != "pdf",
        filename=document.download_name,
        content_type=DOCUMENT_TYPES[kind][0],
    )
    response["X-Content-Type-Options"] = "nosniff"
    # Say how it may be kept: a public document like a public page; a draft's, previewed by
    # staff, nowhere (no shared cache, and not on the staff member's disk).
    if is_public(document.workshop):
        response["Cache-Control"] = (
            f"public, max-age={settings.PUBLIC_CACHE_MAX_AGE}, "
            f"s-maxage={settings.PUBLIC_CACHE_S_MAXAGE}"
        )
    else:
        response["Cache-Control"] = "private, no-store"
    return response
