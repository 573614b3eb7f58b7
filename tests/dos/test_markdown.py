"""Markdown at the longest text a field accepts, in each adversarial shape: bounded work."""

import pytest

from tests.security.test_markdown_work import ADVERSARIAL, counted_work

pytestmark = pytest.mark.dos

# Lines of markdown_it per character of input, at most. The worst shape ("![" repeated)
# costs about 930 (docs/benchmarks.md: a quarter of a second for 10,000 characters on a
# quiet core); Python-Markdown's work grew with the square of the length.
LINES_PER_CHARACTER = 1_000


@pytest.mark.parametrize("shape", ADVERSARIAL, ids=list(ADVERSARIAL))
def test_markdown_work_at_the_longest_text_allowed_is_bounded(settings, shape):
    text = ADVERSARIAL[shape](settings.TEXT_MAX_LENGTH)

    work = counted_work(text)

    assert work <= LINES_PER_CHARACTER * settings.TEXT_MAX_LENGTH, work
