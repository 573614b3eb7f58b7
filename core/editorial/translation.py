"""The admin side of translated content (django-modeltranslation).

`TranslatedAdminMixin` goes before django-modeltranslation's `TranslationAdmin` (or its
`TranslationTabularInline`/`TranslationStackedInline`) in an admin's bases. Each translated
field then shows as one input per language, side by side ("Title [en]", "Title [ar]", …),
English first, because it is the required source every other language falls back to. We use
the plain admin classes, not the "tabbed" ones: those load jQuery UI from a CDN, which the
Content-Security-Policy forbids and which nothing here may fetch.

`TranslationStatusMixin` adds "which languages are complete" to a changelist and a change
form, computed from the row's own columns (no query), and `MissingTranslationFilter` lists
the rows that miss a language.

Nothing here imports from the apps; they import from here.
"""

from django import forms
from django.conf import settings
from django.contrib import admin
from django.contrib.admin.options import InlineModelAdmin
from django.core.exceptions import FieldDoesNotExist
from django.db.models import Q
from django.templatetags.static import static
from django.utils.html import format_html, format_html_join
from django.utils.text import capfirst
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _
from import_export import fields, widgets
from modeltranslation import settings as mt_settings
from modeltranslation.translator import NotRegistered, translator
from modeltranslation.utils import build_localized_fieldname

SOURCE_LANGUAGE = mt_settings.DEFAULT_LANGUAGE


def languages():
    """Language codes, the source language first, then the others in the UN's order."""
    others = [code for code in mt_settings.AVAILABLE_LANGUAGES if code != SOURCE_LANGUAGE]
    return [SOURCE_LANGUAGE, *others]


def translated_fields(model):
    """The names of `model`'s fields that are entered per language, or () if none are."""
    try:
        return tuple(translator.get_options_for_model(model).all_fields)
    except NotRegistered:
        return ()


def localized_fields(name):
    """`title` -> [`title_en`, `title_ar`, `title_zh_hans`, …], English first."""
    return [build_localized_fieldname(name, code) for code in languages()]


def language_name(code):
    """The language's name as settings.LANGUAGES gives it ("Chinese"), translated."""
    return dict(settings.LANGUAGES)[code]


def translation_state(obj):
    """(complete, missing): the language codes in which every translated field of `obj`
    that has English text also has text, and those in which at least one has none.

    Reads only the object's own columns, so it costs no query. English is complete by
    definition: a field without English text has nothing to translate.
    """
    fields = translated_fields(type(obj))
    sources = [
        name
        for name in fields
        if str(getattr(obj, build_localized_fieldname(name, SOURCE_LANGUAGE)) or "").strip()
    ]
    complete, missing = [], []
    for code in languages():
        done = all(
            str(getattr(obj, build_localized_fieldname(name, code)) or "").strip()
            for name in sources
        )
        (complete if done else missing).append(code)
    return complete, missing


class TranslatedSearchMixin:
    """The admin search finds a row by its text in any language: a search field naming a
    translated field, here or across a relation ("series__title"), searches every
    language's column. (modeltranslation alone would search the admin user's language.)"""

    def get_search_fields(self, request):
        return [
            expanded
            for name in super().get_search_fields(request)
            for expanded in search_lookups(self.model, name)
        ]


class TranslatedAdminMixin(TranslatedSearchMixin):
    """Per-language inputs grouped per field with English first, `lang`/`dir` on each input
    (an Arabic field is typed right to left), and a search that finds text in any language.
    """

    def replace_orig_field(self, option):
        # modeltranslation's own version orders the languages as settings.LANGUAGES does
        # (Arabic first); editors write the English source first.
        if not option:
            return option
        replaced = []
        for item in option:
            if isinstance(item, list | tuple):
                # A row of fields with a translated one is flattened, as modeltranslation
                # does: six inputs per field do not fit on one line.
                if any(name in self.trans_opts.all_fields for name in item):
                    replaced.extend(self.replace_orig_field(item))
                else:
                    replaced.append(item)
            elif item in self.trans_opts.all_fields:
                replaced.extend(localized_fields(item))
            else:
                replaced.append(item)
        return replaced

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        code = getattr(db_field, "language", None)
        if formfield is not None and code:
            widget = self._get_widget_from_field(formfield)
            widget.attrs["lang"] = code
            widget.attrs["dir"] = "rtl" if get_language_info(code)["bidi"] else "ltr"
            # "Title (French)", in the staff member's language, not modeltranslation's
            # "Title [fr]": a code is not a name.
            formfield.label = field_label(db_field.translated_field, code)
        return formfield

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if isinstance(self, InlineModelAdmin):
            return fieldsets  # a row keeps its languages side by side (tabs hide columns)
        return group_by_language(fieldsets, self.trans_opts.all_fields)

    @property
    def media(self):
        # The language tabs: a static script of ours, no inline script or style.
        return super().media + forms.Media(js=["js/admin-language-tabs.js"])


def field_label(field, code):
    return _("%(field)s (%(language)s)") % {
        "field": capfirst(field.verbose_name),
        "language": language_name(code),
    }


def group_by_language(fieldsets, translated):
    """The fieldsets with every translated field taken out of its own fieldset and put in
    one fieldset per language, English first, placed where the first translated field
    was. Each language's fieldset is headed by the language's own name ("Français") and
    carries the classes the tab script reads; without script, the headings group them.
    A fieldset left empty is dropped."""
    by_language = {code: [] for code in languages()}
    names = {
        build_localized_fieldname(name, code): code for name in translated for code in languages()
    }
    result, position = [], None
    for name, options in fieldsets:
        kept = []
        for line in options.get("fields", ()):
            items = list(line) if isinstance(line, list | tuple) else [line]
            for item in items:
                if item in names:
                    by_language[names[item]].append(item)
            rest = [item for item in items if item not in names]
            if rest:
                kept.append(rest[0] if len(rest) == 1 else tuple(rest))
        had_translated = any(
            item in names
            for line in options.get("fields", ())
            for item in (line if isinstance(line, list | tuple) else [line])
        )
        if kept:
            result.append((name, {**options, "fields": kept}))
        if had_translated and position is None:
            position = len(result)
    if position is None:
        return fieldsets
    groups = [
        (
            format_html(
                '<span lang="{}" dir="{}">{}</span>',
                code,
                "rtl" if get_language_info(code)["bidi"] else "ltr",
                get_language_info(code)["name_local"],
            ),
            {
                "fields": fields,
                "classes": ["translation-group", f"translation-{code}"],
                "description": language_description(code),
            },
        )
        for code, fields in by_language.items()
        if fields
    ]
    return result[:position] + groups + result[position:]


def language_description(code):
    if code == SOURCE_LANGUAGE:
        return _("English is required: a text left empty in another language shows it.")
    return _("Text in %(language)s. Left empty, readers see the English text.") % {
        "language": language_name(code)
    }


def search_lookups(model, lookup):
    """A search field naming a translated field ("title", "series__title", "^title") as
    the same lookup on each language's column; any other search field unchanged."""
    prefix = lookup[0] if lookup[:1] in ("^", "=", "@") else ""
    path = lookup[len(prefix) :].split("__")
    current = model
    for part in path[:-1]:
        try:
            current = current._meta.get_field(part).related_model
        except FieldDoesNotExist:
            return [lookup]
        if current is None:
            return [lookup]
    if path[-1] not in translated_fields(current):
        return [lookup]
    head = "__".join(path[:-1])
    return [
        f"{prefix}{head}__{name}" if head else f"{prefix}{name}"
        for name in localized_fields(path[-1])
    ]


class TranslationStatusMixin:
    """A "Languages" column for the changelist (`translation_languages` in `list_display`)
    and a read-only line for the change form (`translation_status` in `readonly_fields`
    and a fieldset). Both read the row's own columns: no query per row."""

    @admin.display(description=_("languages"))
    def translation_languages(self, obj):
        complete, _missing = translation_state(obj)
        # A mark and its text for each language, not colour alone: the icon's alt text says
        # "complete" or "missing" to a screen reader, and the shapes differ (tick, cross).
        return format_html_join(
            " ",
            '<span class="nowrap">{}&nbsp;<img src="{}" alt="{}" title="{}"></span>',
            (
                (
                    code,
                    static(f"admin/img/icon-{'yes' if code in complete else 'no'}.svg"),
                    _("complete") if code in complete else _("missing"),
                    language_name(code),
                )
                for code in languages()
            ),
        )

    @admin.display(description=_("translations"))
    def translation_status(self, obj):
        if obj is None or obj.pk is None:
            return None  # the add form: nothing written yet, shown as the admin's "-"
        complete, missing = translation_state(obj)
        if not missing:
            return _("Complete in all six languages.")
        return format_html(
            "{} {}<br>{} {}",
            _("Complete:"),
            ", ".join(str(language_name(code)) for code in complete),
            _("Missing:"),
            ", ".join(str(language_name(code)) for code in missing),
        )


class MissingTranslationFilter(admin.SimpleListFilter):
    """Rows with English text in a translated field that has none in the chosen language."""

    title = _("missing a translation in")
    parameter_name = "missing_translation"

    def lookups(self, request, model_admin):
        return [(code, language_name(code)) for code in languages() if code != SOURCE_LANGUAGE]

    def queryset(self, request, queryset):
        code = self.value()
        if code not in dict(settings.LANGUAGES) or code == SOURCE_LANGUAGE:
            return queryset
        missing = Q()
        for name in translated_fields(queryset.model):
            source = build_localized_fieldname(name, SOURCE_LANGUAGE)
            target = build_localized_fieldname(name, code)
            missing |= Q(**{f"{source}__gt": ""}) & (
                Q(**{f"{target}__isnull": True}) | Q(**{target: ""})
            )
        return queryset.filter(missing)


def translation_columns(*names):
    """The spreadsheet columns of the other languages' text (`title_ar`, `title_zh_hans`, …)
    for a resource's `Meta.fields`. The English text keeps its plain column (`title`), so a
    file written before the site had other languages imports as before."""
    return [column for name in names for column in localized_fields(name)[1:]]


def source_language_field(name, **kwargs):
    """A resource field whose column (`title`) holds the English text (`title_en`), whatever
    the language of the admin user who imports it: without this, modeltranslation would
    write the column into the importing user's language."""
    return fields.Field(
        attribute=build_localized_fieldname(name, SOURCE_LANGUAGE),
        column_name=name,
        widget=widgets.CharWidget(),
        **kwargs,
    )


class TranslatedResourceMixin:
    """For django-import-export resources of a model with translated fields: an empty cell
    of a language stores what the admin stores for "not translated yet" (NULL for the
    fields that are NULL when empty, such as titles), so a re-import of an export finds
    every row unchanged."""

    def import_instance(self, instance, row, **kwargs):
        super().import_instance(instance, row, **kwargs)
        for name in translated_fields(type(instance)):
            for column in localized_fields(name):
                if instance._meta.get_field(column).null and getattr(instance, column) == "":
                    setattr(instance, column, None)
