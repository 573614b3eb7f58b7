"""Editorial operations on workshops that the admin offers: duplicate, and undo a deletion."""

import datetime

from django.db import transaction
from django.db.models import Max
from django.utils import translation
from django.utils.translation import gettext as _
from modeltranslation.utils import build_localized_fieldname

from core.editorial.translation import languages
from publishing.enums import Status
from workshops.models import Document, Participation, Workshop, WorkshopPartner

# A workshop's partners, speakers and documents are deleted with it, in the same
# transaction, moments before it: the ones deleted this long before it came with it.
CASCADE_WINDOW = datetime.timedelta(minutes=1)


def _free_slug(series, slug):
    taken = set(series.workshops.filter(slug__startswith=slug).values_list("slug", flat=True))
    max_length = Workshop._meta.get_field("slug").max_length
    candidate, counter = f"{slug}-copy"[:max_length], 2
    while candidate in taken:
        candidate = f"{slug}-copy-{counter}"[:max_length]
        counter += 1
    return candidate


@transaction.atomic
def duplicate_workshop(workshop):
    """A copy as a new draft with the series' next number, with its partners and speakers.

    Documents are not copied: an agenda or report belongs to one workshop.
    """
    series = workshop.series
    last_number = series.workshops.aggregate(last=Max("number"))["last"] or 0
    copy = Workshop.objects.get(pk=workshop.pk)
    copy.pk = None
    copy._state.adding = True
    copy.number = last_number + 1
    copy.slug = _free_slug(series, workshop.slug)
    # Every language's title says "(copy)" in that language; the copy is made in
    # whatever language the admin user reads, which must not decide which title changes.
    for code in languages():
        column = build_localized_fieldname("title", code)
        if getattr(workshop, column):
            with translation.override(code):
                setattr(copy, column, _("%(title)s (copy)") % {"title": getattr(workshop, column)})
    copy.status = Status.DRAFT
    copy.publish_at = None
    copy.save()
    # One by one, not bulk_create, so each new row has its history record.
    for partner in workshop.partner_roles.all():
        WorkshopPartner.objects.create(
            workshop=copy,
            organization_id=partner.organization_id,
            role=partner.role,
            order=partner.order,
        )
    for participation in workshop.participations.all():
        Participation.objects.create(
            workshop=copy,
            person_id=participation.person_id,
            role=participation.role,
            order=participation.order,
        )
    return copy


def deleted_workshops():
    """The last record of each workshop that was deleted and is still gone, newest first."""
    existing = Workshop.objects.values("pk")
    records = (
        Workshop.history.filter(history_type="-")
        .exclude(id__in=existing)
        .select_related("history_user")
        .order_by("-history_date")
    )
    latest = {}
    for record in records:
        latest.setdefault(record.id, record)
    return list(latest.values())


def restore_deleted_children(workshop):
    """Brings back the partners, speakers and documents deleted together with `workshop`.

    Called after the workshop itself was restored from its history. Rows deleted on
    purpose earlier, before the workshop was deleted, stay deleted.
    """
    deletion = (
        Workshop.history.filter(id=workshop.pk, history_type="-").order_by("-history_date").first()
    )
    if deletion is None:
        return 0
    restored = 0
    for model in (WorkshopPartner, Participation, Document):
        records = model.history.filter(
            workshop_id=workshop.pk,
            history_type="-",
            history_date__gte=deletion.history_date - CASCADE_WINDOW,
            history_date__lte=deletion.history_date,
        ).order_by("-history_date")
        existing = set(model.objects.filter(workshop=workshop).values_list("pk", flat=True))
        for record in records:
            if record.id in existing:
                continue
            record.instance.save()
            existing.add(record.id)
            restored += 1
    return restored
