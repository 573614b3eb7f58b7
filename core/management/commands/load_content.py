"""`load_content`: Django's `loaddata`, naming the record it cannot load, and checking records
as the admin does. Its own name, so that `manage.py loaddata` stays the command every Django
user knows; `setup_site` loads the shipped series with this one.

Our fixtures use natural keys and no primary keys, so Django's own message for a refused
record, "Could not load workshops.Workshop(pk=None): UNIQUE constraint failed ...", does
not say which of the records it was, and a record it cannot read fails with "WorkshopPartner
has no organization." Here every failure names the record by its natural key and title (or,
when it could not be read, by the fields written in the file) and says which field is wrong.

Loading stays one transaction, as in Django: a fixture with one bad record loads nothing.
"""

import json

from django.apps import apps
from django.core.exceptions import (
    NON_FIELD_ERRORS,
    FieldDoesNotExist,
    ObjectDoesNotExist,
    ValidationError,
)
from django.core.management.base import CommandError
from django.core.management.commands import loaddata
from django.core.serializers.base import DeserializationError
from django.db import DatabaseError, router, transaction


class RecordError(Exception):
    """A record that could not be loaded. Not a CommandError, so that Django's `load_label`
    puts the fixture's file name in front of the message."""


class Command(loaddata.Command):
    help = (
        "Installs the named fixture(s) in the database, checking each record as the admin "
        "would; a bad record is named and nothing is loaded."
    )

    def load_label(self, fixture_label):
        files_before = self.fixture_count
        try:
            super().load_label(fixture_label)
        except RecordError as error:
            # A CommandError prints as one line, without a traceback that hides the message.
            raise CommandError(error) from error
        except DeserializationError as error:
            record = _record_being_read(error)
            problems = _record_problems(record, self.using, self.ignore) if record else []
            if not problems:
                raise
            # load_label counts a fixture file before it reads it: the last one counted failed.
            failed_file = self.find_fixtures(fixture_label)[self.fixture_count - files_before - 1]
            raise CommandError(
                f"Problem installing fixture '{failed_file[0]}': "
                f"Could not load {_describe_record(record)}: {' '.join(problems)}"
            ) from error

    def save_obj(self, obj):
        instance = obj.object
        if (
            instance._meta.app_config in self.excluded_apps
            or type(instance) in self.excluded_models
            or not router.allow_migrate_model(self.using, type(instance))
        ):
            return super().save_obj(obj)  # Django skips it
        try:
            # Django defers a foreign key it cannot find yet and fails at the very end with
            # the record's database id. Our fixtures come in dependency order (dumpdata
            # writes them so, and a natural key made of foreign keys needs it anyway), so a
            # reference that is not there yet is a mistake in this record: say so now.
            if obj.deferred_fields:
                raise ValidationError(
                    {
                        field.name: _missing(field, value)
                        for field, value in obj.deferred_fields.items()
                    }
                )
            # Django saves what the database accepts; choices, time zones and web addresses
            # are only checked by validation, as the admin does. A record that is already in
            # the database (found by its natural key) is an update, not its own duplicate.
            instance._state.db = self.using
            instance._state.adding = (
                instance.pk is None
                or not type(instance)
                ._base_manager.using(self.using)
                .filter(pk=instance.pk)
                .exists()
            )
            instance.full_clean()
            self.models.add(type(instance))
            # A savepoint, so that on PostgreSQL the transaction can still answer the
            # queries that name the record after the database refused it.
            with transaction.atomic(using=self.using):
                obj.save(using=self.using)
        except ValidationError as error:
            raise RecordError(
                f"Could not load {_describe(instance)}: {_messages(error)}"
            ) from error
        # psycopg raises ValueError if data contains NUL characters.
        except (DatabaseError, ValueError) as error:
            raise RecordError(f"Could not load {_describe(instance)}: {error}") from error
        return True


def _describe(instance):
    """The record as a fixture names it: model, natural key as written in the file, title."""
    try:
        key = json.dumps(list(instance.natural_key()), ensure_ascii=False)
    except (AttributeError, ObjectDoesNotExist):  # no natural key, or a part of it is missing
        key = f"pk={instance.pk}"
    try:
        return f"{instance._meta.label} {key} “{instance}”"
    except ObjectDoesNotExist:
        return f"{instance._meta.label} {key}"


def _describe_record(record):
    """A record Django could not read, by the values written in the file (long ones cut)."""
    fields = {
        name: value[:60] + "…" if isinstance(value, str) and len(value) > 60 else value
        for name, value in record.get("fields", {}).items()
        if value not in ("", None)
    }
    pk = f" pk={record['pk']}" if "pk" in record else ""
    return f"{record.get('model')}{pk} {json.dumps(fields, ensure_ascii=False)}"


def _messages(error):
    """Each message after the field it is about, as the admin shows them."""
    if not hasattr(error, "error_dict"):
        return " ".join(error.messages)
    return " ".join(
        " ".join(errors) if name == NON_FIELD_ERRORS else f"{name}: {' '.join(errors)}"
        for name, errors in error
    )


def _missing(field, value):
    label = field.related_model._meta.label
    return (
        f"there is no {label} {json.dumps(value, ensure_ascii=False)} "
        "in the database or earlier in the fixture."
    )


def _record_being_read(error):
    """The raw record (a dict) Django's deserializer was reading when it raised `error`.

    Django's message does not say which record failed. Its deserializers for JSON, JSON
    Lines and YAML read each record in `_handle_object(self, obj)`; that frame is in the
    error's traceback. Without it (another format, another Django) this returns None and
    the caller re-raises Django's own message.
    """
    record = None
    traceback = error.__traceback__
    while traceback is not None:
        frame = traceback.tb_frame
        if frame.f_code.co_name == "_handle_object" and isinstance(frame.f_locals.get("obj"), dict):
            record = frame.f_locals["obj"]
        traceback = traceback.tb_next
    return record


def _record_problems(record, using, ignore_unknown_fields):
    """What is wrong with each field of a raw record, checked as the deserializer does."""
    try:
        model = apps.get_model(record["model"])
    except (KeyError, LookupError, TypeError, ValueError):
        return []
    problems = []
    for name, value in record.get("fields", {}).items():
        try:
            field = model._meta.get_field(name)
            if field.many_to_one and isinstance(value, list):
                manager = field.related_model._default_manager.db_manager(using)
                manager.get_by_natural_key(*value)
            elif not field.is_relation:
                field.to_python(value)
        except FieldDoesNotExist:
            if not ignore_unknown_fields:
                problems.append(f"{model._meta.label} has no field “{name}”.")
        except ObjectDoesNotExist:
            problems.append(f"{name}: {_missing(field, value)}")
        except ValidationError as error:
            problems.append(f"{name}: {' '.join(error.messages)}")
        except (TypeError, ValueError) as error:
            reason = str(error)
            if field.is_relation:  # a natural key with too many or too few parts
                label = field.related_model._meta.label
                reason = f"{json.dumps(value, ensure_ascii=False)} is not a natural key of {label}."
            problems.append(f"{name}: {reason}")
        except DatabaseError:
            return []  # the transaction is unusable; Django's own message will have to do
    return problems
