import pytest

from evaluasi.golongan import GolonganError, golongan_normalise, pangkat


@pytest.mark.parametrize("raw", ["III/b", "III b", "IIIb", "III-B", "3b", "3/B", " iii / b "])
def test_pns_spellings_normalise(raw):
    assert golongan_normalise(raw, status="PNS") == "III/b"


@pytest.mark.parametrize(
    ("raw", "expected"), [("IX", "IX"), ("9", "IX"), ("xvii", "XVII"), ("1", "I")]
)
def test_pppk_spellings_normalise(raw, expected):
    assert golongan_normalise(raw, status="PPPK") == expected


@pytest.mark.parametrize(
    ("raw", "status"),
    [("V/a", "PNS"), ("III/f", "PNS"), ("IX", "PNS"), ("III/b", "PPPK"), ("XVIII", "PPPK")],
)
def test_unknown_golongan_is_an_error(raw, status):
    with pytest.raises(GolonganError):
        golongan_normalise(raw, status=status)


def test_blank_is_allowed_and_pangkat_follows_regulation():
    assert golongan_normalise("  ", status="PNS") == ""
    assert pangkat("III/a") == "Penata Muda"
    assert pangkat("III/b") == "Penata Muda Tingkat I"
    assert pangkat("IV/e") == "Pembina Utama"
    assert pangkat("IX") == ""


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Penata Muda Tingkat I, III/b", "III/b"),
        ("III/a - Penata Muda", "III/a"),
        ("Gol. III/a", "III/a"),
        ("Golongan III/a", "III/a"),
        ("golongan ruang iv/b", "IV/b"),
        ("III / c", "III/c"),
        ("IIIa", "III/a"),
        ("Pembina", "IV/a"),
        ("Penata", "III/c"),
        ("penata  muda   tingkat i", "III/b"),
        ("Penata Muda Tk. I", "III/b"),
        ("Pembina Utama Muda (IV/c)", "IV/c"),
        ("Juru Muda Tingkat I, I/b", "I/b"),
    ],
)
def test_golongan_written_with_or_as_its_pangkat(raw, expected):
    assert golongan_normalise(raw, status="PNS") == expected


def test_text_naming_two_golongan_is_refused_naming_both():
    with pytest.raises(GolonganError) as refused:
        golongan_normalise("III/a Pembina", status="PNS")
    assert "III/a" in str(refused.value) and "IV/a" in str(refused.value)
    with pytest.raises(GolonganError) as refused:
        golongan_normalise("Penata Muda, III/b", status="PNS")  # the pangkat of III/a
    assert "III/a" in str(refused.value) and "III/b" in str(refused.value)


@pytest.mark.parametrize("raw", ["Penata Madya", "Pembina III/a IV/b", "Kepala", "III"])
def test_unknown_pangkat_or_incomplete_golongan_is_refused(raw):
    with pytest.raises(GolonganError):
        golongan_normalise(raw, status="PNS")


@pytest.mark.parametrize("raw", ["Golongan IX", "Gol. IX", "IX", "gol 9"])
def test_pppk_golongan_with_its_prefix(raw):
    assert golongan_normalise(raw, status="PPPK") == "IX"


def test_pppk_has_no_pangkat():
    with pytest.raises(GolonganError):
        golongan_normalise("Penata Muda", status="PPPK")
