"""Hypothesis strategies and the "db" profile shared by the property-based input tests
(evaluasi/tests/test_input_properties.py, cms/tests/test_form_properties.py).

The profile keeps database-backed properties fast and repeatable: a fixed number of examples,
no deadline (a request plus a PDF can take a few hundred ms), no shrinking (a failing example is printed
as found), no example database written into the repository, and the function-scoped fixtures (client, db) shared by the examples of one test
on purpose: what earlier examples stored must still render for later ones.
"""

from hypothesis import HealthCheck, Phase, settings
from hypothesis import strategies as st

settings.register_profile(
    "db",
    max_examples=20,
    deadline=None,
    database=None,
    # No shrinking: each example costs requests and PDFs, and a failure prints its example.
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
)
DB = settings.get_profile("db")


def db_examples(n: int):
    """The db profile with its own fixed number of examples."""
    return settings(DB, max_examples=n)


NASTY_TEXT = st.sampled_from(
    [
        "",
        " ",
        "<script>alert(1)</script>",
        "\x00",
        "a\x00b",
        "' OR 1=1 --",
        "{{ 7|add:7 }}{% now 'Y' %}",
        "%s %(x)s {0}",
        "\u202eterbalik",
        "🙂" * 300,
        "ẞ" * 600,
        "A" * 5001,
        "B" * 501,
        "\r\n" * 50,
    ]
)
TEXT = st.one_of(
    st.text(max_size=40),
    st.text(max_size=4).map(lambda t: t * 400),
    NASTY_TEXT,
)
NUMBER = st.one_of(
    st.sampled_from(
        [
            "abc",
            "NaN",
            "-NaN",
            "sNaN",
            "Infinity",
            "-Infinity",
            "inf",
            "1e400",
            "-1e400",
            "1e-400",
            "12345678901234567890",
            "9999999999,99",
            "99999999999",
            "0,005",
            "1.000,25",
            " 7 ",
            "-0",
            "1_000",
            "٣",
            "0x10",
        ]
    ),
    st.decimals(allow_nan=True, allow_infinity=True).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.integers(min_value=-(10**25), max_value=10**25).map(str),
    st.decimals(min_value=-(10**9), max_value=10**9, places=2).map(
        lambda d: str(d).replace(".", ",")
    ),
)
DATE = st.one_of(
    st.sampled_from(
        [
            "0001-01-01",
            "0001-01-01 00:00",
            "0000-00-00",
            "9999-12-31 23:59",
            "2026-02-30 10:00",
            "31/12/2026",
            "2026-13-01",
            "1949-12-31 23:59",
            "2101-01-01 00:00",
        ]
    ),
    st.datetimes().map(lambda d: d.strftime("%Y-%m-%d %H:%M")),
    st.dates().map(lambda d: d.isoformat()),
)
URL = st.one_of(
    st.sampled_from(
        [
            "javascript:alert(1)",
            "JaVaScRiPt:alert(document.cookie)",
            " javascript:alert(1)",
            "java\tscript:alert(1)",
            "data:text/html,<script>alert(1)</script>",
            "vbscript:msgbox(1)",
            "ftp://example.com/a",
            "//evil.example/x",
            "http://",
            "https://drive.example.go.id/bukti?id=1",
            "https://" + "a" * 250 + ".example",
        ]
    ),
    st.text(max_size=30).map(lambda t: "https://example.com/" + t),
)
ANYTHING = st.one_of(TEXT, NUMBER, DATE, URL)


def of(valid, nasty=ANYTHING):
    """Mostly `valid` (so examples reach deep into the flow), sometimes anything at all."""
    return st.one_of(valid, valid, nasty)
