"""Values a hostile or careless client sends: generated text plus known troublemakers."""

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

TROUBLEMAKERS = [
    "",
    " ",
    "\x00",
    "abc\x00def",
    "١٢٣",  # Arabic-Indic digits: int() reads them
    "１２３",  # full-width digits
    "²",
    "𝟙𝟚",
    "9" * 40,
    "-1",
    "-9" * 20,
    "1e400",
    "NaN",
    "Infinity",
    "1.5",
    "1,5",
    "1.5.5",
    "0001-01-01",
    "9999-12-31",
    "2026-W09-1",
    "20260301",
    "2026-02-30",
    "' OR 1=1 --",
    "<script>alert(1)</script>",
    "\ud7ff\U0010ffff",
    "x" * 5000,
]

hostile_text = st.one_of(
    st.sampled_from(TROUBLEMAKERS),
    st.text(max_size=60),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.dates().map(lambda d: d.isoformat()),
)


def every_troublemaker(fields):
    """Each known troublemaker in each field, deterministically, before the random part."""
    return [(name, value) for name in fields for value in TROUBLEMAKERS]


fuzz = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    database=None,
)
