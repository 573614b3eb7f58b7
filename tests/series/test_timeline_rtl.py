"""The timeline in a right-to-left language: mirrored, its labels isolated."""

import datetime
from types import SimpleNamespace

from series.timeline import build_timeline, text_width

FSI, PDI = "\u2068", "\u2069"


def workshop(number, title, start):
    return SimpleNamespace(number=number, title=title, start_date=start, end_date=None)


def test_rtl_timeline_isolates_each_label_line_in_its_own_direction():
    title = "Global Commission on International Migration presents"
    workshops = [
        workshop(1, title, datetime.date(2005, 10, 5)),
        workshop(2, "Labour Migration", datetime.date(2006, 3, 15)),
    ]

    timeline = build_timeline(workshops, [], None, rtl=True)

    lines = [line for mark in timeline.workshops for line in mark.label.lines]
    assert lines
    assert all(line.startswith(FSI) and line.endswith(PDI) for line in lines)
    assert timeline.workshops[0].label.lines[0] == f"{FSI}Global Commission on{PDI}"


def test_ltr_timeline_labels_carry_no_bidi_controls():
    labour = workshop(1, "Labour Migration", datetime.date(2006, 3, 15))

    timeline = build_timeline([labour], [], None)

    assert timeline.workshops[0].label.lines == ["Labour Migration", "15 March 2006"]


def test_text_width_allows_for_wider_arabic_and_chinese_glyphs():
    assert text_width("劳工移民", 12) == 4 * 12  # a full em each
    assert text_width("30 أغسطس، 2006") > text_width("30 August 2006")
    assert text_width("\u2068Labour\u2069") == text_width("Labour")
