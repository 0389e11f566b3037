"""The unit dashboard (selectors/dashboard.py, selectors/unit_rollup.py): small units withheld,
aspect averages and the spreadsheet export."""

from evaluasi.models import PeriodePenilaian
from evaluasi.services.aggregation import aggregate
from evaluasi.tests.factories import PegawaiFactory, admin_opd_account
from evaluasi.tests.ratings import rate


def test_unit_dashboard_hides_small_units_aspect_averages_and_exports(
    client, opd, periode_dibuka, rated
):
    from io import BytesIO

    from openpyxl import load_workbook

    from evaluasi.models import JenisUnit, UnitKerja

    boss, ratee, peers, reports = rated
    small = UnitKerja.objects.create(
        kode="KECIL", nama="Unit Kecil", jenis=JenisUnit.BIDANG, induk=opd
    )
    loner = PegawaiFactory(unit_kerja=small, atasan=boss)
    for peer in peers:
        rate(periode_dibuka, peer, loner, "rekan", 5)
    aggregate(periode_id=periode_dibuka.pk)
    PeriodePenilaian.objects.filter(pk=periode_dibuka.pk).update(status="hasil_dihitung")
    admin = admin_opd_account(reports[0], opd)
    client.force_login(admin)
    url = f"/admin/penilaian/periode/{periode_dibuka.pk}/dasbor/"
    page = client.get(f"{url}?unit={small.pk}").content.decode()
    assert "Unit Kecil" in page and "— (ditahan: selisih &lt; 3 pegawai)" in page  # one ratee
    whole = client.get(url).content.decode()
    assert "<svg" in whole and "Kelengkapan:" in whole
    response = client.get(
        f"/admin/penilaian/periode/{periode_dibuka.pk}/dasbor.xlsx?unit={small.pk}"
    )
    rows = list(load_workbook(BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[1][0] == "Unit Kecil" and rows[1][4] == 1
    assert all(value in ("", None) for value in rows[1][8:])  # aspect averages withheld
