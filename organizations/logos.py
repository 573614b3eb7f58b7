"""An organization's logo: a PNG, or an SVG drawing cleaned of anything but drawing.

Logos are served from the site's own address, so, like workshop documents, each upload is
read rather than trusted by its name: a PNG must start with the PNG signature and hold a
header of sane size; an SVG must be well-formed XML whose root is <svg>, with no DOCTYPE
or entity (no billion laughs, no external files). An SVG is then rewritten from an
allow-list of drawing elements and attributes: scripts, event handlers, <foreignObject>,
styles and any link that leaves the file are dropped, so even opened on its own address
it can run nothing and fetch nothing.

The standard library parses both (`struct`, `xml.etree`); the stored name is random.
"""

import re
import secrets
import struct
import xml.etree.ElementTree as ET

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext_lazy as _

LOGO_MAX_SIZE = 512 * 1024
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"

SVG_ELEMENTS = {
    "svg", "g", "path", "rect", "circle", "ellipse", "line", "polyline", "polygon", "text",
    "tspan", "title", "desc", "defs", "use", "lineargradient", "radialgradient", "stop",
    "clippath", "mask", "symbol",
}  # fmt: skip
SVG_ATTRIBUTES = {
    "id", "class", "viewbox", "width", "height", "x", "y", "x1", "y1", "x2", "y2", "cx", "cy",
    "r", "rx", "ry", "d", "points", "fill", "fill-rule", "fill-opacity", "stroke",
    "stroke-width", "stroke-linecap", "stroke-linejoin", "stroke-opacity", "stroke-miterlimit",
    "opacity", "transform", "offset", "stop-color", "stop-opacity", "gradientunits",
    "gradienttransform", "clip-path", "clip-rule", "mask", "font-family", "font-size",
    "font-weight", "text-anchor", "dominant-baseline", "preserveaspectratio", "href", "version",
    "fx", "fy", "spreadmethod", "clippathunits", "maskunits", "lang", "xml:space",
}  # fmt: skip
# url(#id) is a reference inside the file; any other url() would fetch something.
OUTSIDE_URL = re.compile(r"url\(\s*['\"]?\s*(?!#)", re.IGNORECASE)

LOGO_EXTENSIONS = ("png", "svg")


def logo_upload_to(instance, filename):
    extension = filename.rsplit(".", 1)[-1].lower()
    return f"logos/{secrets.token_hex(16)}.{extension}"


def _read(value):
    file = getattr(value, "file", None) or value
    file.seek(0)
    data = file.read(LOGO_MAX_SIZE + 1)
    file.seek(0)
    return data


def _local(tag):
    return tag.rsplit("}", 1)[-1].lower()


def _png_ok(data):
    if not data.startswith(PNG_SIGNATURE) or data[12:16] != b"IHDR":
        return False
    width, height = struct.unpack(">II", data[16:24])
    return 0 < width <= 10000 and 0 < height <= 10000


def _parse_svg(data):
    head = data[:4096].lower()
    if b"<!doctype" in head or b"<!entity" in data.lower():
        return None
    try:
        root = ET.fromstring(data)
    except ET.ParseError:
        return None
    return root if _local(root.tag) == "svg" else None


def sanitised_svg(data):
    """The SVG's bytes with every element and attribute outside the allow-list removed."""
    root = _parse_svg(data)
    if root is None:
        raise ValueError("not an SVG drawing")
    ET.register_namespace("", SVG_NS)
    ET.register_namespace("xlink", XLINK_NS)

    def clean(element):
        for child in list(element):
            if not isinstance(child.tag, str) or _local(child.tag) not in SVG_ELEMENTS:
                element.remove(child)
            else:
                clean(child)
        for name, value in list(element.attrib.items()):
            local = _local(name)
            if name.startswith(f"{{{XLINK_NS}}}"):
                local = "href" if local == "href" else "xlink:" + local
            keep = local in SVG_ATTRIBUTES and not OUTSIDE_URL.search(value)
            if local == "href":
                keep = value.strip().startswith("#")
            if not keep:
                del element.attrib[name]

    clean(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def validate_logo(value):
    """Refuses what is not a PNG or an SVG drawing, with a message staff can act on."""
    if isinstance(value, str) or getattr(value, "_committed", False):
        return  # stored earlier, checked then
    name = (value.name or "").lower()
    extension = name.rsplit(".", 1)[-1] if "." in name else ""
    if extension not in LOGO_EXTENSIONS:
        raise ValidationError(
            _("A logo is a PNG or an SVG file; “%(name)s” is neither."),
            code="logo_extension",
            params={"name": value.name},
        )
    if value.size == 0:
        raise ValidationError(_("The file is empty."), code="empty")
    if value.size > LOGO_MAX_SIZE:
        raise ValidationError(
            _("The logo is %(size)s KB; the largest allowed is %(limit)s KB."),
            code="too_large",
            params={"size": value.size // 1024, "limit": LOGO_MAX_SIZE // 1024},
        )
    data = _read(value)
    if extension == "png" and not _png_ok(data):
        raise ValidationError(
            _("The content of this file is not a PNG image, as its name says."), code="content"
        )
    if extension == "svg" and _parse_svg(data) is None:
        raise ValidationError(
            _(
                "The content of this file is not an SVG drawing, as its name says "
                "(or it declares a DOCTYPE or entities, which a logo does not need)."
            ),
            code="content",
        )


def sanitise_logo(organization):
    """Before saving: an SVG just uploaded is replaced by its cleaned copy."""
    logo = organization.logo
    if not logo or getattr(logo, "_committed", True):
        return
    if logo.name.lower().endswith(".svg"):
        cleaned = sanitised_svg(_read(logo))
        organization.logo = ContentFile(cleaned, name=logo.name)
