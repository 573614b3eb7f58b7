"""How long the series timeline takes to lay out and render, at the size the issue names.

    make bench-timeline        (or: .venv/bin/python benchmarks/timeline.py [workshops] [years])

Builds unsaved workshops and milestones in memory (no database: the timeline never
queries, it reads the lists the page's selector fetched), then times, many times over,
the layout alone (`series.timeline.build_timeline`) and the whole `{% timeline %}` tag
that a page renders (layout + template). Prints the median and the 95th percentile in
milliseconds. The figure for this machine is in docs/benchmarks.md.
"""

import datetime
import os
import pathlib
import random
import statistics
import sys
import time

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("DEBUG", "true")  # for the development SECRET_KEY only

import django

django.setup()

from django.template import Context, Template  # noqa: E402

from series.models import Milestone, Series  # noqa: E402
from series.timeline import build_timeline  # noqa: E402
from workshops.models import Workshop  # noqa: E402

RUNS = 200


def sample(count, years):
    rng = random.Random(10)
    series = Series(title="Benchmark", slug="benchmark")
    first = datetime.date(2010, 1, 1)
    workshops = [
        Workshop(
            series=series,
            number=n,
            title=f"Workshop {n} on a key migration issue",
            slug=f"workshop-{n}",
            start_date=first + datetime.timedelta(days=rng.randrange(365 * years)),
        )
        for n in range(1, count + 1)
    ]
    milestones = [
        Milestone(series=series, title="High Level Dialogue", start_date=first.replace(year=2015)),
        Milestone(series=series, title="Global Commission's report", start_date=first),
    ]
    return workshops, milestones


def timed(function, clock):
    for _ in range(10):  # warm caches: templates, formats, URL resolver
        function()
    times = []
    for _ in range(RUNS):
        start = clock()
        function()
        times.append((clock() - start) * 1000)
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.95) - 1]


def main():
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    years = int(sys.argv[2]) if len(sys.argv) > 2 else 10
    workshops, milestones = sample(count, years)
    template = Template("{% load timeline %}{% timeline workshops milestones %}")
    context = {"workshops": workshops, "milestones": milestones}
    html = template.render(Context(context))

    print(f"timeline of {count} workshops over {years} years, {RUNS} runs, {len(html)} bytes")
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    # Wall time is what a reader waits; CPU time of this thread is what the code costs,
    # and stays honest while other processes share the machine.
    for name, clock in (("wall", time.perf_counter), ("CPU", time.thread_time)):
        layout = timed(
            lambda: build_timeline(workshops, milestones, datetime.date(2026, 11, 27)), clock
        )
        render = timed(lambda: template.render(Context(context)), clock)
        print(f"  {name:4} layout only      median {layout[0]:6.2f} ms   p95 {layout[1]:6.2f} ms")
        print(f"  {name:4} layout + render  median {render[0]:6.2f} ms   p95 {render[1]:6.2f} ms")


if __name__ == "__main__":
    main()
