"""The interface catalogues: complete in the six languages, compiled, current.

The .mo files are committed (compiled by `make messages`), so a fresh install needs no
gettext tools; these tests make sure they say what the .po files say.
"""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.utils.translation import to_locale

BASE_DIR = Path(settings.BASE_DIR)
LOCALES = [to_locale(code) for code, _name in settings.LANGUAGES]
HAVE_GETTEXT = shutil.which("xgettext") is not None or os.environ.get("CI") == "true"


def catalogue(locale):
    return polib.pofile(str(BASE_DIR / "locale" / locale / "LC_MESSAGES" / "django.po"))


def test_there_is_a_catalogue_for_each_of_the_six_languages():
    assert sorted(LOCALES) == ["ar", "en", "es", "fr", "ru", "zh_Hans"]
    for locale in LOCALES:
        assert len(catalogue(locale)) > 300, locale


@pytest.mark.parametrize("locale", LOCALES)
def test_catalogue_has_no_untranslated_or_fuzzy_entry(locale):
    po = catalogue(locale)

    untranslated = [entry.msgid for entry in po.untranslated_entries()]
    fuzzy = [entry.msgid for entry in po.fuzzy_entries()]
    # Plural entries need every form the language has (Arabic six, Russian three).
    missing_forms = [
        entry.msgid
        for entry in po.translated_entries()
        if entry.msgid_plural and not all(entry.msgstr_plural.values())
    ]

    assert untranslated == []
    assert fuzzy == []
    assert missing_forms == []
    assert not po.metadata_is_fuzzy  # a fuzzy header would be skipped, charset and all


@pytest.mark.parametrize("locale", LOCALES)
def test_compiled_catalogue_matches_its_source(locale):
    po = catalogue(locale)
    mo = polib.mofile(str(BASE_DIR / "locale" / locale / "LC_MESSAGES" / "django.mo"))

    def entries(catalogue):
        return {
            (entry.msgctxt, entry.msgid): entry.msgstr or tuple(sorted(entry.msgstr_plural.items()))
            for entry in catalogue
            if entry.msgid and not entry.obsolete
        }

    assert entries(mo) == entries(po), "run `make messages` to compile the catalogues"


@pytest.mark.skipif(not HAVE_GETTEXT, reason="xgettext is missing: apt-get install gettext")
def test_catalogues_hold_every_string_the_code_marks(tmp_path):
    """A string marked in a template or in Python but missing from the catalogues would
    show in English on every page: extract them afresh, from a copy of the code."""
    for name in os.listdir(BASE_DIR):
        source = BASE_DIR / name
        if name.startswith(".") or name in {"staticfiles", "test-artifacts", "media", "tests"}:
            continue
        if source.is_dir():
            shutil.copytree(source, tmp_path / name, ignore=shutil.ignore_patterns("*.pyc"))
        elif source.suffix == ".py":
            shutil.copy(source, tmp_path / name)

    subprocess.run(
        [sys.executable, "manage.py", "makemessages", *MAKEMESSAGES_ARGS],
        cwd=tmp_path,
        check=True,
        capture_output=True,
        env={**os.environ, "DEBUG": "true"},
    )

    for locale in LOCALES:
        expected = {
            (e.msgctxt, e.msgid)
            for e in polib.pofile(str(tmp_path / "locale" / locale / "LC_MESSAGES" / "django.po"))
            if not e.obsolete
        }
        shipped = {(e.msgctxt, e.msgid) for e in catalogue(locale) if not e.obsolete}
        assert sorted(expected - shipped, key=str) == [], f"{locale}: run `make messages`"


# The same arguments as `make messages` (Makefile).
MAKEMESSAGES_ARGS = [
    *[f"--locale={locale}" for locale in LOCALES],
    "--add-location=file",
    "--ignore=.venv/*",
    "--ignore=staticfiles/*",
    "--ignore=tests/*",
    "--ignore=test-artifacts/*",
]
