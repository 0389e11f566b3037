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
