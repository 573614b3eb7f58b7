"""The revision history keeps every language of a translated field.

django-simple-history builds a model's historical model when the model class is ready,
before django-modeltranslation adds the per-language columns (`title_fr`, …). Registering
the historical model for translation gives it those columns, and simple-history saves them,
but it compares versions and rebuilds an object (to restore it) from the fields it saw at
first. `track_translated_fields` adds the per-language fields to both, so the history page
shows a change of the French title and restoring a version brings every language back.
"""

import dataclasses

from modeltranslation.translator import translator


def track_translated_fields(model):
    """Call once for a model whose historical model is registered for translation."""
    history_model = model.history.model
    columns = [
        field.name
        for fields in translator.get_options_for_model(model).all_fields.values()
        for field in fields
    ]
    tracked = {field.name for field in history_model.tracked_fields}
    history_model.tracked_fields = [
        *history_model.tracked_fields,
        *(model._meta.get_field(name) for name in columns if name not in tracked),
    ]
    rebuild = history_model.instance.fget

    def get_instance(record):
        instance = rebuild(record)
        for name in columns:
            setattr(instance, name, getattr(record, name))
        return instance

    history_model.instance = property(get_instance)


def history_delta(new_record, old_record, **kwargs):
    """`new_record.diff_against(old_record)` as the history page shows it: each translated
    field per language (`title_en`, `title_fr`), not also its source column (`title`, which
    repeats one language), and no change between two kinds of empty (NULL, "") in a
    language nobody has translated yet."""
    model = new_record.instance_type
    delta = new_record.diff_against(
        old_record,
        excluded_fields=list(translator.get_options_for_model(model).all_fields),
        **kwargs,
    )
    changes = [
        change
        for change in delta.changes
        if not (change.old in (None, "") and change.new in (None, ""))
    ]
    return dataclasses.replace(
        delta, changes=changes, changed_fields=[change.field for change in changes]
    )
