import pytest

from evaluasi.nip import NipError, nip_normalise, nip_validate

VALID_PNS = "198503122010012005"  # born 1985-03-12, TMT 2010-01, female, seq 005


def test_valid_pns_nip_passes():
    assert nip_validate(VALID_PNS, status="PNS") == VALID_PNS


@pytest.mark.parametrize(
    "raw",
    [
        "1985 0312 201001 2 005",
        "19850312.201001.2.005",
        "'198503122010012005",
        " 198503122010012005 ",
    ],
)
def test_normalise_strips_what_people_type(raw):
    assert nip_normalise(raw) == VALID_PNS


@pytest.mark.parametrize(
    ("nip", "fragment"),
    [
        ("19850312201001200", "18 digit"),
        ("19850312201001200X", "18 digit"),
        ("198513122010012005", "tanggal lahir"),  # month 13
        ("198502302010012005", "tanggal lahir"),  # 30 February
        ("198503122010132005", "bulan TMT"),
        ("198503122002012005", "18 tahun"),  # TMT at 16
        ("198503122010013005", "jenis kelamin"),
    ],
)
def test_invalid_pns_nip_says_which_part_is_wrong(nip, fragment):
    with pytest.raises(NipError, match=fragment):
        nip_validate(nip, status="PNS")


def test_tmt_in_the_month_of_the_18th_birthday_is_allowed():
    assert nip_validate("200001152018011001", status="PNS")


def test_pppk_checks_only_length_digits_and_birth_date():
    assert nip_validate("199001012021219999", status="PPPK")  # TMT/gender not checked
    with pytest.raises(NipError, match="tanggal lahir"):
        nip_validate("199013012021211001", status="PPPK")
