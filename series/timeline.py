"""The geometry of the series timeline, computed in Python and drawn by a template.

`build_timeline()` takes the workshops and milestones a page has already fetched and
returns plain numbers and strings (`Timeline`); `templates/includes/timeline.svg.html`
turns them into inline SVG. Nothing here touches the database, so the timeline costs
no query, and the layout can be tested without rendering anything.

Geometry is in SVG user units of a fixed-width drawing (`WIDTH`); the stylesheet
scales it to the page. Text widths are estimated from character counts: the server
cannot measure the reader's font, so the estimate is generous (`CHAR_WIDTH`).

Labels are placed greedily in date order on a few rows ("staggered"): each label goes
on the highest free row where it overlaps no other label, its own leader line crosses
no label below it, and it covers no leader line rising past it. A label that finds no
row is left out; its mark keeps its number and a tooltip (`<title>`), and the workshop
list on the page says everything. When the marks themselves are too dense to draw
numbered (200 workshops over 10 years) the timeline turns "compact": small marks with
tooltips, no labels, and a count of workshops per year under each year.
"""

import datetime
import textwrap
import unicodedata
from collections import Counter
from dataclasses import dataclass, field

from django.utils.translation import get_language

from core.text.dates import date_range_text, month_abbreviations

WIDTH = 900
MARGIN = 24
FONT = 13  # label font size, user units: at least 13 px once drawn (site.css)
SMALL_FONT = 12.5
LINE = 16  # label line height
CHAR_WIDTH = 0.56  # average glyph width / font size; system-ui measures 0.47–0.57 in Chromium
# Other scripts: Arabic letters measure about 0.68 in Noto Sans Arabic; Chinese
# characters are a full em wide; bidi isolation marks take no room.
ARABIC_CHAR_WIDTH = 0.7
WIDE_CHAR_WIDTH = 1.0
BIDI_CONTROLS = frozenset("\u2066\u2067\u2068\u2069")
GAP = 4  # between a leader line and its label
LABEL_PAD = 6  # between two labels on one row
TITLE_CHARS = 26  # a label's title wraps at this many characters…
TITLE_LINES = 2  # …onto at most this many lines, then ends with "…"
FULL_TITLE_CHARS = 40  # a milestone's whole name, shown on hover and focus, wraps here
NARROW_TITLE_CHARS = 16  # or this many, when that keeps the whole title or saves a label
WORKSHOP_ROWS = 4
MILESTONE_ROWS = 2
ROW_HEIGHT = (TITLE_LINES + 1) * LINE + 6
RADIUS = 10  # a numbered workshop mark
COMPACT_RADIUS = 4
MAX_STACK = 3  # same-day (or nearly) marks stack up to this many; more makes it compact
MILESTONE_SIZE = 8  # half the diagonal of a milestone's diamond
MONTH_LABEL_MIN = 28  # a month needs this much room to carry its name…
MONTH_TICK_MIN = 10  # …and this much to get a tick at all (10 years: years only)
YEARS_AS_UNIT = 4  # beyond this many years, the axis runs from January to January


@dataclass
class Label:
    lines: list[str]
    x: float  # where the text is anchored
    anchor: str  # "start" or "end", logical: in right-to-left, start is on the right
    row: int
    top: float = 0.0  # top of the label's block
    left: float = 0.0  # extent of the text, for tests and for the leader check
    right: float = 0.0

    @property
    def box(self):
        """x, y, width, height of a backdrop a little larger than the text."""
        return (
            round(self.left - 4, 1),
            round(self.top - 2, 1),
            round(self.right - self.left + 8, 1),
            len(self.lines) * LINE + 4,
        )

    @property
    def baselines(self):
        """(y, text) for each line, the last one (the date) smaller."""
        return [(self.top + (i + 1) * LINE - 3, line) for i, line in enumerate(self.lines)]


@dataclass
class Mark:
    item: object  # the workshop or milestone itself, for its URL
    title: str
    date_text: str
    date: datetime.date
    x: float
    cy: float = 0.0
    level: int = 0  # 0 on the axis; stacked marks of nearby dates go up
    x_end: float | None = None  # last day of an event of several days
    label: Label | None = None
    full: Label | None = None  # a milestone's whole name, shown on hover and focus
    leader: tuple[float, float] | None = None  # y1, y2 of the vertical leader line
    number: int | None = None
    url: str = ""  # set by the template tag, which knows about URLs and translations
    tooltip: str = ""

    @property
    def diamond(self):
        """The SVG path of a milestone's mark: a diamond, so that it differs in shape too."""
        x, y, s = self.x, self.cy, MILESTONE_SIZE
        return f"M{x} {y - s}L{x + s} {y}L{x} {y + s}L{x - s} {y}Z"


@dataclass
class Tick:
    x: float
    date: datetime.date
    kind: str  # "year" or "month"


@dataclass
class Segment:
    """A year or a month of the axis: where its name is written."""

    x: float
    text: str
    count: int | None = None  # workshops in that year, on a compact timeline


@dataclass
class Timeline:
    width: float
    height: float
    axis_y: float
    axis_start: float
    axis_end: float
    start: datetime.date
    end: datetime.date
    rtl: bool
    compact: bool
    radius: float
    workshops: list[Mark]
    milestones: list[Mark]
    ticks: list[Tick] = field(default_factory=list)
    months: list[Segment] = field(default_factory=list)
    years: list[Segment] = field(default_factory=list)
    month_label_y: float = 0.0
    year_label_y: float = 0.0
    count_label_y: float = 0.0
    today_x: float | None = None
    top: float = 0.0
    first_date_text: str = ""
    last_date_text: str = ""

    @property
    def month_tick_end(self):
        return self.axis_y + 6

    @property
    def labelled(self):
        return [mark for mark in self.workshops + self.milestones if mark.label]


class DateText:
    """Dates and date ranges as plain text, as `{% date_range %}` writes them without
    markup, and month abbreviations for the axis: both from CLDR (core/text/dates.py), read
    for the language active when the timeline is built."""

    def __init__(self):
        self.language = get_language()
        self.abbreviations = month_abbreviations(self.language)

    def month_abbr(self, number):
        return self.abbreviations[number]

    def __call__(self, start, end=None):
        return date_range_text(start, end, self.language)


def date_text(start, end=None):
    return DateText()(start, end)


def short_title(title, chars=TITLE_CHARS, lines=TITLE_LINES):
    wrapped = textwrap.wrap(title, chars) or [""]
    if len(wrapped) > lines:
        wrapped = wrapped[:lines]
        wrapped[-1] = wrapped[-1][: chars - 1].rstrip(" ,:;–—") + "…"
    return wrapped


def _title_options(title):
    """Ways to write a label's title, best first: the narrowest wrap that keeps the whole
    title (narrow labels leave room for their neighbours), else the title cut short;
    last, for a crowded spot, cut shorter."""
    whole = [
        lines
        for chars in (NARROW_TITLE_CHARS, 20, TITLE_CHARS)
        if len(lines := textwrap.wrap(title, chars)) <= TITLE_LINES
    ]
    return [whole[0] if whole else short_title(title), short_title(title, NARROW_TITLE_CHARS)]


def text_width(text, size=FONT):
    if text.isascii():  # the common case, and the fast one for a long series
        return len(text) * size * CHAR_WIDTH
    return sum(_char_width(char) for char in text) * size


def _char_width(char):
    if char in BIDI_CONTROLS:
        return 0
    if "\u0600" <= char <= "\u06ff" or "\u0750" <= char <= "\u077f":
        return ARABIC_CHAR_WIDTH
    if unicodedata.east_asian_width(char) in "WF":
        return WIDE_CHAR_WIDTH
    return CHAR_WIDTH


def _month_start(day):
    return day.replace(day=1)


def _next_month(day):
    return datetime.date(day.year + day.month // 12, day.month % 12 + 1, 1)


def _axis_range(first, last):
    """Whole months around the events (whole years for a long series), never empty."""
    if last.year - first.year >= YEARS_AS_UNIT:
        return datetime.date(first.year, 1, 1), datetime.date(last.year + 1, 1, 1)
    return _month_start(first), _next_month(last)


def build_timeline(workshops, milestones=(), today=None, *, rtl=False, width=WIDTH):
    """The layout of a series' timeline, or None when it has no workshop to show.

    `workshops` need `number`, `title`, `start_date` and `end_date`; `milestones`
    need `title`, `start_date` and `end_date`. Both are read as given, never queried.
    """
    workshops = sorted(workshops, key=lambda w: (w.start_date, w.number))
    if not workshops:
        return None
    milestones = sorted(milestones, key=lambda m: (m.start_date, m.title))
    events = workshops + milestones
    first = min(e.start_date for e in events)
    last = max(e.end_date or e.start_date for e in events)
    start, end = _axis_range(first, last)
    left, right = MARGIN, width - MARGIN
    dates = DateText()
    scale = (right - left) / (end - start).days

    def x_of(day):
        # One decimal is finer than any screen or printer, and keeps the markup short.
        return round(left + (day - start).days * scale, 1)

    w_marks = [
        Mark(
            item=w,
            title=w.title,
            date_text=dates(w.start_date, w.end_date),
            date=w.start_date,
            x=x_of(w.start_date),
            x_end=x_of(w.end_date) if w.end_date and w.end_date > w.start_date else None,
            number=w.number,
        )
        for w in workshops
    ]
    m_marks = [
        Mark(
            item=m,
            title=m.title,
            date_text=dates(m.start_date, m.end_date),
            date=m.start_date,
            x=x_of(m.start_date),
            x_end=x_of(m.end_date) if m.end_date and m.end_date > m.start_date else None,
        )
        for m in milestones
    ]

    levels = _stack([mark.x for mark in w_marks], 2 * RADIUS + 2)
    compact = max(levels) >= MAX_STACK
    radius = COMPACT_RADIUS if compact else RADIUS
    for mark, level in zip(w_marks, levels, strict=True):
        mark.level = 0 if compact else level

    w_rows = 0
    if not compact:
        w_rows = _place_labels(w_marks, WORKSHOP_ROWS, left - MARGIN + 2, width - 2)
    m_rows = _place_labels(m_marks, MILESTONE_ROWS, left - MARGIN + 2, width - 2)

    # Vertical bands, top to bottom: workshop labels, stacked marks, the axis, month and
    # year names, milestone labels.
    top = 8
    label_bottom = top + w_rows * ROW_HEIGHT
    stack_height = (max(levels) + 1) * (2 * radius + 2) if not compact else radius * 2
    axis_y = label_bottom + stack_height + (4 if w_rows else 10)
    for mark in w_marks:
        mark.cy = axis_y - mark.level * (2 * radius + 2)
        if mark.label:
            block_top = label_bottom - (mark.label.row + 1) * ROW_HEIGHT
            # Short labels sit at the bottom of their row, near their mark.
            mark.label.top = block_top + (TITLE_LINES + 1 - len(mark.label.lines)) * LINE
            mark.leader = (mark.cy - radius, mark.label.top + len(mark.label.lines) * LINE + 1)

    month_label_y = axis_y + 20
    year_label_y = axis_y + 36
    count_label_y = axis_y + 50
    milestone_top = (count_label_y if compact else year_label_y) + 12
    for mark in m_marks:
        mark.cy = axis_y
        if mark.label:
            mark.label.top = milestone_top + mark.label.row * ROW_HEIGHT
            mark.leader = (axis_y + MILESTONE_SIZE, mark.label.top)
        mark.full = _full_label(mark, milestone_top, width)
    height = max(
        [milestone_top + m_rows * ROW_HEIGHT + 6]
        + [mark.full.top + len(mark.full.lines) * LINE + 6 for mark in m_marks]
    )

    ticks, months, years = _ticks(start, end, x_of, w_marks if compact else None, dates)

    today_x = x_of(today) if today is not None and start <= today <= end else None

    timeline = Timeline(
        width=width,
        height=height,
        axis_y=axis_y,
        axis_start=left,
        axis_end=right,
        start=start,
        end=end,
        rtl=rtl,
        compact=compact,
        radius=radius,
        workshops=w_marks,
        milestones=m_marks,
        ticks=ticks,
        months=months,
        years=years,
        month_label_y=month_label_y,
        year_label_y=year_label_y,
        count_label_y=count_label_y,
        today_x=today_x,
        top=top,
        first_date_text=dates(workshops[0].start_date),
        last_date_text=dates(max(w.end_date or w.start_date for w in workshops)),
    )
    if rtl:
        _mirror(timeline)
    return timeline


def _full_label(mark, milestone_top, width):
    """A milestone's whole name and date, wrapped, where its label is (or would be): drawn
    hidden, and shown by the stylesheet while the milestone is hovered or focused."""
    lines = [*(textwrap.wrap(mark.title, FULL_TITLE_CHARS) or [""]), mark.date_text]
    text = max(
        text_width(line, SMALL_FONT if i == len(lines) - 1 else FONT)
        for i, line in enumerate(lines)
    )
    fits_after = mark.x + GAP + text <= width - 2
    anchor = mark.label.anchor if mark.label else ("start" if fits_after else "end")
    if anchor == "start" and not fits_after and mark.x - GAP - text >= 2:
        anchor = "end"
    x = mark.x + GAP if anchor == "start" else mark.x - GAP
    left, right = (x, x + text) if anchor == "start" else (x - text, x)
    top = mark.label.top if mark.label else milestone_top
    return Label(lines=lines, x=x, anchor=anchor, row=0, top=top, left=left, right=right)


def _stack(xs, distance):
    """The level of each mark: the lowest one where it keeps `distance` from the others."""
    levels, last_x_on_level = [], []
    for x in xs:
        level = next(
            (i for i, last_x in enumerate(last_x_on_level) if x - last_x >= distance),
            len(last_x_on_level),
        )
        if level == len(last_x_on_level):
            last_x_on_level.append(None)
        last_x_on_level[level] = x
        levels.append(level)
    return levels


def _place_labels(marks, rows, left, right):
    """Give each mark a label on a row, or none; return the number of rows used."""
    placed = []  # labels already on the drawing
    on_one_day = Counter(mark.x for mark in marks)
    for mark in marks:
        title = mark.title
        if mark.number is not None and on_one_day[mark.x] > 1:
            # Their leader lines coincide: the number says which circle a label belongs to.
            title = f"{mark.number}. {title}"
        for title_lines in _title_options(title):
            lines = [*title_lines, mark.date_text]
            width = max(
                text_width(line, SMALL_FONT if i == len(lines) - 1 else FONT)
                for i, line in enumerate(lines)
            )
            mark.label = _first_free(mark.x, width, lines, rows, placed, left, right)
            if mark.label:
                placed.append((mark.label, mark.x))
                break
    if not placed:
        return 0
    # Rows were filled from the top; only their order matters, so drop the empty ones.
    lowest = min(label.row for label, _ in placed)
    for label, _ in placed:
        label.row -= lowest
    return max(label.row for label, _ in placed) + 1


def _first_free(x, width, lines, rows, placed, left, right):
    for row in reversed(range(rows)):
        for anchor in ("start", "end"):
            if anchor == "start":
                text_left, text_right = x + GAP, x + GAP + width
            else:
                text_left, text_right = x - GAP - width, x - GAP
            if text_left < left or text_right > right:
                continue
            if any(
                _blocks(other, leader_x, row, x, text_left, text_right)
                for other, leader_x in placed
            ):
                continue
            return Label(
                lines=lines,
                x=x + GAP if anchor == "start" else x - GAP,
                anchor=anchor,
                row=row,
                left=text_left,
                right=text_right,
            )
    return None


def _blocks(other, other_x, row, x, text_left, text_right):
    """Whether a placed label (with its leader at other_x) rules out this position."""
    if other.row == row:
        return text_left < other.right + LABEL_PAD and other.left - LABEL_PAD < text_right
    if other.row < row:  # our leader rises past it
        return other.left - 1 <= x <= other.right + 1
    return text_left - 1 <= other_x <= text_right + 1  # its leader rises past us


def _ticks(start, end, x_of, compact_marks, dates):
    months_total = (end.year - start.year) * 12 + end.month - start.month
    month_width = (x_of(end) - x_of(start)) / months_total
    ticks, months, years = [], [], []
    day = start
    while day <= end:
        if day.month == 1 or day in (start, end):
            ticks.append(Tick(x=x_of(day), date=day, kind="year" if day.month == 1 else "month"))
        elif month_width >= MONTH_TICK_MIN:
            ticks.append(Tick(x=x_of(day), date=day, kind="month"))
        if day < end and month_width >= MONTH_LABEL_MIN:
            middle = x_of(day) + month_width / 2
            months.append(Segment(x=middle, text=dates.month_abbr(day.month)))
        day = _next_month(day)
    counts = {}
    for mark in compact_marks or ():
        counts[mark.date.year] = counts.get(mark.date.year, 0) + 1
    for year in range(start.year, end.year + (end.month > 1 or end.day > 1)):
        segment_start = max(start, datetime.date(year, 1, 1))
        segment_end = min(end, datetime.date(year + 1, 1, 1))
        if x_of(segment_end) - x_of(segment_start) < 32:  # no room for "2005"
            continue
        years.append(
            Segment(
                x=x_of(segment_start) + 3,
                text=str(year),
                count=counts.get(year, 0) if compact_marks is not None else None,
            )
        )
    return ticks, months, years


def _mirror(timeline):
    """Right to left: the same drawing, flipped; anchors are logical, so they stay."""
    w = timeline.width

    def flip(x):
        return None if x is None else w - x

    timeline.axis_start, timeline.axis_end = flip(timeline.axis_end), flip(timeline.axis_start)
    timeline.today_x = flip(timeline.today_x)
    for mark in timeline.workshops + timeline.milestones:
        mark.x, mark.x_end = flip(mark.x), flip(mark.x_end)
        if mark.label:
            label = mark.label
            label.x = flip(label.x)
            label.left, label.right = flip(label.right), flip(label.left)
            # Each line in its own direction (FIRST STRONG ISOLATE … POP DIRECTIONAL
            # ISOLATE): an English title shown in its place keeps its "…" and a leading
            # number at its own end instead of the drawing's right-to-left order.
            label.lines = [f"\u2068{line}\u2069" for line in label.lines]
        if mark.full:
            full = mark.full
            full.x = flip(full.x)
            full.left, full.right = flip(full.right), flip(full.left)
            full.lines = [f"\u2068{line}\u2069" for line in full.lines]
    for tick in timeline.ticks:
        tick.x = flip(tick.x)
    for segment in timeline.months:
        segment.x = flip(segment.x)
    for segment in timeline.years:
        segment.x = flip(segment.x)
