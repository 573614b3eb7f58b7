"""What a workshop document may be, checked by its content, and where it is stored.

Staff upload agendas, presentations and reports. A file that claims to be one of these and
is something else (a web page renamed report.pdf, a macro-laden workbook) would be served
from the site's own address, so each upload is read, not trusted by its name:

- its name ends in one of DOCUMENT_TYPES' extensions, and contains no path;
- it is not empty, and not larger than settings.DOCUMENT_MAX_UPLOAD_SIZE;
- its bytes are that type: a PDF starts with %PDF-; DOCX, XLSX and PPTX are ZIP packages
  holding the part their format requires (and no macros); an ODT package names its type in
  its `mimetype` member (and has no Basic or script macros); plain text is UTF-8 without
  NUL bytes and without markup;
- a package is no ZIP bomb: before any member is read, its number of members, their
  declared uncompressed sizes (each and in all) and each one's compression ratio are
  checked, and a member is then read only up to a few kilobytes, which zipfile stops at
  the declared size (a member that expands further fails its CRC check).

The standard library reads all of this (`zipfile`), so no libmagic or other system library
is needed. The stored name is random, with the extension of the type found, so nothing a
client wrote ends up in a path; downloads get a name made from the document's title.
"""

import os
import secrets
import struct
import zipfile

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# extension: (MIME type sent with the download, what staff call it)
DOCUMENT_TYPES = {
    "pdf": ("application/pdf", "PDF"),
    "docx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "Word (.docx)",
    ),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "Excel (.xlsx)"),
    "pptx": (
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        "PowerPoint (.pptx)",
    ),
    "odt": ("application/vnd.oasis.opendocument.text", "OpenDocument text (.odt)"),
    "txt": ("text/plain; charset=utf-8", "plain text (.txt)"),
}
DOCUMENT_EXTENSIONS = list(DOCUMENT_TYPES)

# The part each Office Open XML format cannot do without.
OOXML_MAIN_PARTS = {
    "docx": "word/document.xml",
    "xlsx": "xl/workbook.xml",
    "pptx": "ppt/presentation.xml",
}
ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"
# Text that starts like markup would be a web page or an SVG image if a browser took it for
# one; a text document for delegates has no reason to.
MARKUP_STARTS = (b"<",)
MARKUP_INSIDE = (b"<script", b"<html", b"<svg", b"<iframe", b"<!doctype", b"javascript:")
CHUNK = 64 * 1024

# What a document package may expand to. Real agendas and reports hold a few hundred members
# and compress XML about 5 to 20 times; a ZIP bomb expands a small file thousands of times.
PACKAGE_MAX_MEMBERS = 5_000
PACKAGE_MAX_UNCOMPRESSED = 256 * 1024 * 1024
PACKAGE_MAX_RATIO = 100
PACKAGE_RATIO_FROM = 1024 * 1024  # smaller members may compress as well as they like
# The most of one member read to learn the package's type (`mimetype`, the content types).
MEMBER_READ_LIMIT = 64 * 1024
# Office Open XML keeps macros in vbaProject.bin and says so in the content types;
# OpenDocument keeps them under Basic/ or Scripts/.
OOXML_MACRO_MARKERS = (b"macroEnabled", b"vbaProject")
ODF_MACRO_DIRECTORIES = ("basic/", "scripts/")
_END_OF_CENTRAL_DIRECTORY = b"PK\x05\x06"


def extension(name):
    return os.path.splitext(name)[1].lower().lstrip(".")


def document_upload_to(instance, filename):
    """documents/<year>/<32 random hex digits>.<extension of the checked type>."""
    return f"documents/{timezone.now():%Y}/{secrets.token_hex(16)}.{extension(filename)}"


def _opened(value):
    """The readable file behind a model FieldFile or a form's UploadedFile."""
    return getattr(value, "file", None) or value


def _read_all(file):
    file.seek(0)
    while chunk := file.read(CHUNK):
        yield chunk
    file.seek(0)


def sniff(file):
    """The type in DOCUMENT_TYPES that the content is, "html", "zip", or None."""
    file.seek(0)
    head = file.read(2048)
    file.seek(0)
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return _sniff_package(file)
    return _sniff_text(file, head)


def _declared_member_count(file):
    """The number of members the archive's end record declares, read before zipfile builds
    an object for each (millions of tiny entries would fill memory on their own); None when
    there is no end record (not a ZIP). ZIP64 (which no document of ours needs) counts as
    more than any limit."""
    file.seek(0, os.SEEK_END)
    size = file.tell()
    tail_start = max(0, size - (22 + 65535))  # the record, then a comment of at most 64 KiB
    file.seek(tail_start)
    tail = file.read()
    file.seek(0)
    at = tail.rfind(_END_OF_CENTRAL_DIRECTORY)
    if at < 0 or len(tail) - at < 22:
        return None
    total = struct.unpack("<H", tail[at + 10 : at + 12])[0]
    return PACKAGE_MAX_MEMBERS + 1 if total == 0xFFFF else total


def _is_bomb(infos):
    if len(infos) > PACKAGE_MAX_MEMBERS:
        return True
    if sum(info.file_size for info in infos) > PACKAGE_MAX_UNCOMPRESSED:
        return True
    return any(
        info.file_size > PACKAGE_RATIO_FROM
        and info.file_size > PACKAGE_MAX_RATIO * max(info.compress_size, 1)
        for info in infos
    )


def _read_member(package, name):
    """At most MEMBER_READ_LIMIT bytes of a member: what its type needs, never all of it."""
    with package.open(name) as member:
        return member.read(MEMBER_READ_LIMIT)


def _sniff_package(file):
    try:
        count = _declared_member_count(file)
        if count is None:
            return None
        if count > PACKAGE_MAX_MEMBERS:
            return "bomb"
        with zipfile.ZipFile(file) as package:
            infos = package.infolist()
            if _is_bomb(infos):
                return "bomb"
            names = {info.filename for info in infos}
            lowered = {name.lower() for name in names}
            if any(name.endswith("vbaproject.bin") for name in lowered):
                return "zip"  # macros: not a plain document, whatever its name says
            if "mimetype" in names:
                if any(name.startswith(ODF_MACRO_DIRECTORIES) for name in lowered):
                    return "zip"
                return "odt" if _read_member(package, "mimetype").strip() == ODT_MIMETYPE else "zip"
            if "[Content_Types].xml" in names:
                content_types = _read_member(package, "[Content_Types].xml")
                if any(marker in content_types for marker in OOXML_MACRO_MARKERS):
                    return "zip"
                for kind, part in OOXML_MAIN_PARTS.items():
                    if part in names:
                        return kind
            return "zip"
    except (zipfile.BadZipFile, KeyError, OSError, EOFError, RuntimeError, NotImplementedError):
        return None
    finally:
        file.seek(0)


def _sniff_text(file, head):
    stripped = head.removeprefix(b"\xef\xbb\xbf").lstrip()
    if stripped.lower().startswith(MARKUP_STARTS):
        return "html"
    decoder_input = b"".join(_read_all(file))
    if b"\x00" in decoder_input:
        return None
    try:
        decoder_input.decode("utf-8")
    except UnicodeDecodeError:
        return None
    lowered = decoder_input.lower()
    if any(marker in lowered for marker in MARKUP_INSIDE):
        return "html"
    return "txt"


def validate_document_file(value):
    """Refuses a file that is not what DOCUMENT_TYPES allows; see the module's docstring.

    Raises one ValidationError with a message staff can act on; never stores anything.
    """
    if isinstance(value, str) or getattr(value, "_committed", False):
        # A stored file (or the history's copy of its name) was checked when it was uploaded.
        return
    name = value.name or ""
    # A path in the name never comes from a browser (Django keeps only the last part of an
    # uploaded file's name) but may from code that builds files itself.
    if "/" in name or "\\" in name or "\x00" in name or name.startswith("."):
        raise ValidationError(
            _("The file name “%(name)s” contains a path; upload the file itself."),
            code="path_in_name",
            params={"name": name},
        )
    size = value.size
    if size == 0:
        raise ValidationError(_("The file is empty."), code="empty")
    limit = settings.DOCUMENT_MAX_UPLOAD_SIZE
    if size > limit:
        raise ValidationError(
            _("The file is %(size)s MB; the largest allowed is %(limit)s MB."),
            code="too_large",
            params={"size": f"{size / 1024 / 1024:.1f}", "limit": f"{limit / 1024 / 1024:g}"},
        )
    claimed = extension(name)
    allowed = ", ".join(label for _type, label in DOCUMENT_TYPES.values())
    if claimed not in DOCUMENT_TYPES:
        raise ValidationError(
            _("Files ending in “.%(extension)s” cannot be uploaded. Allowed: %(allowed)s."),
            code="extension",
            params={"extension": claimed, "allowed": allowed},
        )
    found = sniff(_opened(value))
    if found != claimed:
        if found == "html":
            what = _("a web page or other markup (HTML, SVG or XML)")
        elif found in DOCUMENT_TYPES:
            what = DOCUMENT_TYPES[found][1]
        elif found == "zip":
            what = _("a ZIP archive or a document with macros")
        elif found == "bomb":
            what = _("an archive that expands far beyond its size (a ZIP bomb)")
        else:
            what = _("another kind of file")
        raise ValidationError(
            _(
                "The content of this file is not %(claimed)s, as its name says, but "
                "%(found)s. Upload the document itself: %(allowed)s."
            ),
            code="content",
            params={"claimed": DOCUMENT_TYPES[claimed][1], "found": what, "allowed": allowed},
        )
