"""The timeline's layout (series/timeline.py), on plain objects: no database, no template."""

import datetime
import random
from types import SimpleNamespace

import pytest

from series.timeline import WIDTH, build_timeline, short_title

D = datetime.date

KMI_WORKSHOPS = [
    (1, "International Trafficking in Human Beings", D(2005, 10, 18)),
    (2, "Labour Migration", D(2006, 3, 15)),
    (3, "Contributions of Diasporas", D(2006, 5, 11)),
    (4, "HIV, AIDS and Migration", D(2006, 5, 26)),
    (5, "Regional Consultative Processes", D(2006, 6, 20)),
    (6, "Migration and Human Rights", D(2006, 6, 27)),
    (7, "Irregular Migration", D(2006, 8, 30)),
]


MARCH_15 = D(2006, 3, 15)


def workshop(number, title="A workshop", start=MARCH_15, end=None):
    return SimpleNamespace(number=number, title=title, start_date=start, end_date=end)


def milestone(title, start, end=None):
    return SimpleNamespace(title=title, start_date=start, end_date=end)


def kmi_workshops():
    return [workshop(n, title, start) for n, title, start in KMI_WORKSHOPS]


def kmi_milestones():
    return [
        milestone(
            "Global Commission on International Migration presents its Final Report "
            "“Migration in an Interconnected World: New Directions for Action”",
            D(2005, 10, 5),
        ),
        milestone(
            "High Level Dialogue on International Migration and Development",
            D(2006, 9, 14),
            D(2006, 9, 15),
        ),
    ]


def assert_labels_do_not_collide(marks):
    """No two labels of a band overlap on a row, and no leader line crosses a label."""
    labelled = [m for m in marks if m.label]
    for mark in labelled:
        assert 0 <= mark.label.left < mark.label.right <= WIDTH
        for other in labelled:
            if other is mark:
                continue
            if other.label.row == mark.label.row:
                assert (
                    mark.label.right <= other.label.left or other.label.right <= mark.label.left
                ), (mark.title, other.title)
            if other.label.row < mark.label.row:  # mark's leader rises past other's label
                assert not other.label.left <= mark.x <= other.label.right, (
                    mark.title,
                    other.title,
                )


def test_timeline_of_an_empty_series_is_none():
    assert build_timeline([], kmi_milestones(), D(2026, 11, 27)) is None


def test_timeline_of_the_series_orders_workshops_by_date_at_increasing_positions():
    shuffled = kmi_workshops()
    random.Random(10).shuffle(shuffled)

    timeline = build_timeline(shuffled, kmi_milestones(), D(2026, 11, 27))

    assert [m.number for m in timeline.workshops] == [1, 2, 3, 4, 5, 6, 7]
    xs = [m.x for m in timeline.workshops]
    assert xs == sorted(xs)
    assert len(set(xs)) == 7


def test_timeline_of_the_series_runs_from_the_first_milestone_to_the_last():
    timeline = build_timeline(kmi_workshops(), kmi_milestones(), D(2026, 11, 27))

    assert (timeline.start, timeline.end) == (D(2005, 10, 1), D(2006, 10, 1))
    commission, dialogue = timeline.milestones
    assert timeline.axis_start <= commission.x < timeline.workshops[0].x
    assert timeline.workshops[-1].x < dialogue.x < dialogue.x_end <= timeline.axis_end
    assert commission.date_text == "5 October 2005"
    assert dialogue.date_text == "14\u2009–\u200915 September 2006"


def test_timeline_positions_are_proportional_to_dates():
    timeline = build_timeline(kmi_workshops(), [], None)

    first, second = timeline.workshops[0], timeline.workshops[1]
    per_day = (timeline.axis_end - timeline.axis_start) / (timeline.end - timeline.start).days
    assert second.x - first.x == pytest.approx((second.date - first.date).days * per_day, abs=0.2)


def test_timeline_of_the_series_labels_every_mark_without_overlap():
    timeline = build_timeline(kmi_workshops(), kmi_milestones(), D(2026, 11, 27))

    assert not timeline.compact
    assert all(m.label for m in timeline.workshops + timeline.milestones)
    assert [m.label.lines[0] for m in timeline.workshops] == [
        "International Trafficking",
        "Labour Migration",
        "Contributions of",
        "HIV, AIDS and",
        "Regional Consultative",
        "Migration and",
        "Irregular",
    ]
    assert timeline.workshops[0].label.lines[-1] == "18 October 2005"
    assert_labels_do_not_collide(timeline.workshops)
    assert_labels_do_not_collide(timeline.milestones)


def test_timeline_staggers_labels_above_marks_and_milestones_below():
    timeline = build_timeline(kmi_workshops(), kmi_milestones(), D(2026, 11, 27))

    rows = {m.label.row for m in timeline.workshops}
    assert len(rows) > 1
    for mark in timeline.workshops:
        top, bottom = mark.leader
        assert mark.label.top < bottom <= top < timeline.axis_y
    for mark in timeline.milestones:
        assert timeline.axis_y < mark.leader[0] < mark.leader[1] == mark.label.top
    assert timeline.height > max(m.label.top for m in timeline.milestones)


def test_timeline_of_workshops_on_the_same_day_stacks_them_at_one_position():
    same_day = [workshop(n, f"Morning session {n}", D(2006, 3, 15)) for n in (1, 2, 3)]

    timeline = build_timeline([*same_day, workshop(4, start=D(2006, 4, 20))], [], None)

    first, second, third, later = timeline.workshops
    assert first.x == second.x == third.x < later.x
    assert [first.level, second.level, third.level] == [0, 1, 2]
    assert first.cy > second.cy > third.cy
    assert {m.date_text for m in (first, second, third)} == {"15 March 2006"}
    titles = [" ".join(m.label.lines[:-1]) for m in (first, second, third, later)]
    assert titles == [
        "1. Morning session 1",
        "2. Morning session 2",
        "3. Morning session 3",
        "A workshop",
    ]
    assert_labels_do_not_collide(timeline.workshops)


def test_timeline_across_a_year_boundary_puts_the_new_year_between_its_workshops():
    workshops = [workshop(1, start=D(2005, 12, 30)), workshop(2, start=D(2006, 1, 2))]

    timeline = build_timeline(workshops, [], None)

    new_year = [t for t in timeline.ticks if t.kind == "year"]
    assert [t.date for t in new_year] == [D(2006, 1, 1)]
    assert timeline.workshops[0].x < new_year[0].x < timeline.workshops[1].x
    assert [y.text for y in timeline.years] == ["2005", "2006"]
    assert [m.text for m in timeline.months] == ["Dec", "Jan"]


def test_timeline_of_a_single_workshop_spans_its_month():
    timeline = build_timeline([workshop(1, start=D(2006, 3, 15))], [], D(2026, 11, 27))

    (mark,) = timeline.workshops
    assert (timeline.start, timeline.end) == (D(2006, 3, 1), D(2006, 4, 1))
    assert timeline.axis_start < mark.x < timeline.axis_end
    assert mark.label.lines == ["A workshop", "15 March 2006"]
    assert timeline.milestones == []
    assert timeline.first_date_text == timeline.last_date_text == "15 March 2006"


def test_timeline_of_a_workshop_of_several_days_spans_them():
    timeline = build_timeline([workshop(1, start=D(2006, 8, 30), end=D(2006, 9, 2))], [], None)

    (mark,) = timeline.workshops
    assert mark.x < mark.x_end
    assert mark.date_text == "30 August\u2009–\u20092 September 2006"


def test_timeline_has_month_and_year_ticks():
    timeline = build_timeline(kmi_workshops(), kmi_milestones(), None)

    months = [t for t in timeline.ticks if t.kind == "month"]
    assert len(months) == 12  # 1 October 2005 … 1 October 2006, minus 1 January
    assert [t.date for t in timeline.ticks if t.kind == "year"] == [D(2006, 1, 1)]
    assert [m.text for m in timeline.months][:4] == ["Oct", "Nov", "Dec", "Jan"]
    assert len(timeline.months) == 12


def test_timeline_marks_today_only_inside_its_range():
    inside = build_timeline(kmi_workshops(), [], D(2006, 4, 1))
    outside = build_timeline(kmi_workshops(), [], D(2026, 11, 27))

    assert inside.workshops[1].x < inside.today_x < inside.workshops[2].x
    assert outside.today_x is None


def test_timeline_of_200_workshops_over_10_years_thins_labels_and_counts_years():
    rng = random.Random(200)
    workshops = [
        workshop(n, f"Workshop {n}", D(2010, 1, 1) + datetime.timedelta(days=rng.randrange(3652)))
        for n in range(1, 201)
    ]

    timeline = build_timeline(workshops, [milestone("Summit", D(2015, 6, 1))], None)

    assert timeline.compact
    assert len(timeline.workshops) == 200
    assert not any(m.label for m in timeline.workshops)
    assert (timeline.start, timeline.end) == (D(2010, 1, 1), D(2020, 1, 1))
    assert [y.text for y in timeline.years] == [str(y) for y in range(2010, 2020)]
    assert sum(y.count for y in timeline.years) == 200
    assert timeline.months == []
    assert all(t.kind == "year" for t in timeline.ticks[1:-1])
    xs = [m.x for m in timeline.workshops]
    assert xs == sorted(xs)
    assert timeline.milestones[0].label is not None


def test_timeline_right_to_left_mirrors_the_axis():
    ltr = build_timeline(kmi_workshops(), kmi_milestones(), None)
    rtl = build_timeline(kmi_workshops(), kmi_milestones(), None, rtl=True)

    assert rtl.rtl
    assert [m.x for m in rtl.workshops] == [WIDTH - m.x for m in ltr.workshops]
    xs = [m.x for m in rtl.workshops]
    assert xs == sorted(xs, reverse=True)
    assert rtl.workshops[0].label.right > rtl.workshops[0].label.left
    assert [m.label.anchor for m in rtl.workshops] == [m.label.anchor for m in ltr.workshops]
    assert [y.x for y in rtl.years] == [WIDTH - y.x for y in ltr.years]


def test_short_title_wraps_on_two_lines_and_marks_a_cut():
    assert short_title("Labour Migration") == ["Labour Migration"]
    assert short_title(
        "High Level Dialogue on International Migration and Development", chars=24
    ) == ["High Level Dialogue on", "International Migration…"]
