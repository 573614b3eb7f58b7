"""The denial-of-service suite: what one request can make the site do, counted (lines of
parser, rows, queries) at the size of the benchmark's large site (`generate_bench_data
--size large`). Slow to set up, so `make test` leaves it out; `make test-dos` runs it (and
.ci/run does). docs/security.md says which boundary each test guards."""

MARKER = "dos"


def pytest_configure(config):
    config.addinivalue_line(
        "markers", f"{MARKER}: bounded work at the benchmark's large size (make test-dos)"
    )


def pytest_collection_modifyitems(config, items):
    """Leaves these tests out unless `-m` names their marker."""
    if MARKER in (config.getoption("markexpr") or ""):
        return
    left_out = [item for item in items if item.get_closest_marker(MARKER)]
    if left_out:
        config.hook.pytest_deselected(items=left_out)
        items[:] = [item for item in items if not item.get_closest_marker(MARKER)]
