"""The roster's columns, declared once as django-import-export resources.

`UnitKerjaResource` and `PegawaiResource` are the one declaration of the unit and pegawai columns:
the roster import matches headers with it (`services.roster_import.columns` derives
`UNIT_COLUMNS`/`PEGAWAI_COLUMNS` from it), the import template is built from it
(`services.roster_template`) and every unit/pegawai export writes it (the Kepegawaian admin list
exports, `viewsets.kepegawaian`). An unedited export therefore imports back with zero changes
(docs/impor-roster.md, "Ekspor dan impor ulang").

Only the declaration is import-export's: the import itself runs through our own fast reader,
planner and writer (`services.roster_import`), not `Resource.import_data`.

Adding a column that is exported and imported is one `RosterField` here (plus the record field
and the stored field the import writes); `importable=False` makes an export-only column, whose
header carries NOT_IMPORTED_SUFFIX and which the import ignores silently.
"""

from import_export import fields, resources, widgets

from .models import JenisJabatan, JenisUnit, Pegawai, StatusKepegawaian, UnitKerja

NOT_IMPORTED_SUFFIX = " (tidak diimpor)"
YA, TIDAK = "Ya", "Tidak"
CPNS = "CPNS"  # written in the Status column: a PNS with the CPNS mark


class ChoiceLabelWidget(widgets.Widget):
    """A choice exported as its label ("Bidang/Bagian", "Fungsional"), read back from the label
    or the stored value, ignoring case."""

    def __init__(self, choices):
        super().__init__()
        self.labels = dict(choices)
        self.values = {str(text).lower(): value for value, text in self.labels.items()} | {
            str(value).lower(): value for value in self.labels
        }

    def render(self, value, obj=None, **kwargs):
        return str(self.labels.get(value, value or ""))

    def clean(self, value, row=None, **kwargs):
        text = str(value or "").strip()
        if not text:
            return ""
        try:
            return self.values[text.lower()]
        except KeyError:
            raise ValueError(f"{text!r} tidak dikenal.") from None


class YaTidakWidget(widgets.Widget):
    """A yes/no column exported as "Ya"/"Tidak". `clean` reads every way people (and older
    exports) write it — Ya/Tidak, Aktif/Nonaktif, True/False, 1/0, Y/T/N — and an empty cell as
    `empty` (True for "Aktif": a row in the file is an active row unless it says otherwise).
    Raises ValueError for anything else."""

    TRUE = frozenset({"ya", "y", "aktif", "true", "1", "benar"})
    FALSE = frozenset({"tidak", "t", "n", "no", "nonaktif", "tidakaktif", "false", "0", "salah"})

    def __init__(self, *, empty: bool):
        super().__init__()
        self.empty = empty

    def render(self, value, obj=None, **kwargs):
        return YA if value else TIDAK

    def clean(self, value, row=None, **kwargs):
        if isinstance(value, bool):
            return value
        if isinstance(value, (int, float)):
            value = int(value) if float(value).is_integer() else value
        key = "".join(str(value if value is not None else "").lower().split()).replace("-", "")
        if not key:
            return self.empty
        if key in self.TRUE:
            return True
        if key in self.FALSE:
            return False
        raise ValueError(f"{str(value).strip()!r} bukan Ya atau Tidak.")


class RosterField(fields.Field):
    """One roster column: `column_name` is its header in the template and every export;
    `spellings` are other headers the import accepts for it (compared ignoring case, spaces and
    punctuation); `required` marks a column every imported row must fill. `importable=False` is
    an export-only column: its header gets NOT_IMPORTED_SUFFIX and the import ignores it."""

    def __init__(
        self,
        *,
        attribute: str,
        column_name: str,
        spellings: tuple[str, ...] = (),
        required: bool = False,
        importable: bool = True,
        widget=None,
    ):
        super().__init__(
            attribute=attribute,
            column_name=column_name if importable else column_name + NOT_IMPORTED_SUFFIX,
            widget=widget or widgets.CharWidget(allow_blank=True),
            readonly=not importable,
        )
        self.label = column_name
        self.spellings = spellings
        self.required = required
        self.importable = importable


def roster_meta(model, namespace: dict, *, key: str) -> type:
    """The `Meta` of a roster resource whose class body is `namespace` (its `locals()`): the
    columns are its RosterFields in the order they are declared, so adding a column is one
    RosterField line; `key` is the column rows are matched by (import_id_fields)."""
    names = tuple(name for name, value in namespace.items() if isinstance(value, RosterField))
    return type(
        "Meta",
        (),
        {"model": model, "fields": names, "export_order": names, "import_id_fields": (key,)},
    )


class RosterResource(resources.ModelResource):
    """A roster resource: its fields are RosterFields; the export reads related rows in the same
    query (`export_related`)."""

    export_related: tuple[str, ...] = ()

    def filter_export(self, queryset, **kwargs):
        return queryset.select_related(*self.export_related)


class UnitKerjaResource(RosterResource):
    kode = RosterField(
        attribute="kode",
        column_name="Kode Unit",
        spellings=("kode", "kode unit kerja"),
        required=True,
    )
    nama = RosterField(
        attribute="nama",
        column_name="Nama Unit",
        spellings=("nama unit kerja", "unit kerja"),
        required=True,
    )
    kode_induk = RosterField(
        attribute="induk__kode", column_name="Kode Induk", spellings=("kode unit induk", "induk")
    )
    jenis = RosterField(
        attribute="jenis",
        column_name="Jenis",
        spellings=("jenis unit",),
        required=True,
        widget=ChoiceLabelWidget(JenisUnit.choices),
    )
    # The head's NIP: the atasan of the unit's pegawai without a NIP Atasan (atasan rule).
    kepala_nip = RosterField(
        attribute="kepala__nip",
        column_name="Kepala Unit",
        spellings=("nip kepala unit", "nip kepala"),
    )
    aktif = RosterField(attribute="aktif", column_name="Aktif", widget=YaTidakWidget(empty=True))

    export_related = ("induk", "kepala")

    Meta = roster_meta(UnitKerja, locals(), key="kode")


class PegawaiResource(RosterResource):
    nip = RosterField(
        attribute="nip",
        column_name="NIP",
        spellings=("NIP/NIPPPK", "NIPPPK", "nomor induk pegawai"),
        required=True,
    )
    nama = RosterField(
        attribute="nama",
        column_name="Nama",
        spellings=("nama pegawai", "nama lengkap"),
        required=True,
    )
    gelar_depan = RosterField(attribute="gelar_depan", column_name="Gelar Depan")
    gelar_belakang = RosterField(attribute="gelar_belakang", column_name="Gelar Belakang")
    status = RosterField(
        attribute="status",
        column_name="Status",
        spellings=("status kepegawaian", "status pegawai"),
        required=True,
        widget=ChoiceLabelWidget(StatusKepegawaian.choices),
    )
    golongan = RosterField(
        attribute="golongan",
        column_name="Golongan",
        spellings=("gol", "golongan kuang", "golongan ruang", "gol ruang"),
    )
    jabatan = RosterField(attribute="jabatan", column_name="Jabatan", spellings=("nama jabatan",))
    jenis_jabatan = RosterField(
        attribute="jenis_jabatan",
        column_name="Jenis Jabatan",
        widget=ChoiceLabelWidget(JenisJabatan.choices),
    )
    kode_unit = RosterField(
        attribute="unit_kerja__kode",
        column_name="Kode Unit",
        spellings=("kode unit kerja",),
        required=True,
    )
    nip_atasan = RosterField(
        attribute="atasan__nip", column_name="NIP Atasan", spellings=("nip atasan langsung",)
    )
    email = RosterField(attribute="email", column_name="Email", spellings=("surel", "alamat email"))
    no_hp = RosterField(
        attribute="no_hp",
        column_name="No HP",
        spellings=("nomor hp", "hp", "no handphone", "telepon", "no telp"),
    )
    pns_id = RosterField(attribute="pns_id", column_name="PNS ID")  # SIASN's id of the ASN
    aktif = RosterField(attribute="aktif", column_name="Aktif", widget=YaTidakWidget(empty=True))
    # Export-only: the pangkat follows from the golongan (docs/aturan.md §4).
    pangkat = RosterField(attribute="pangkat", column_name="Pangkat", importable=False)

    export_related = ("unit_kerja", "atasan")

    Meta = roster_meta(Pegawai, locals(), key="nip")

    def dehydrate_status(self, pegawai: Pegawai) -> str:
        """ "CPNS" for a PNS with the CPNS mark (the import reads it back as PNS + mark), else the
        status' label."""
        if pegawai.cpns and pegawai.status == StatusKepegawaian.PNS:
            return CPNS
        return self.fields["status"].widget.render(pegawai.status)


def roster_fields(resource_class: type[RosterResource]) -> dict[str, RosterField]:
    """Field name -> RosterField of `resource_class` (UnitKerjaResource or PegawaiResource), in
    the order of the template and the exports (export-only columns included)."""
    resource = resource_class()
    return {resource.get_field_name(field): field for field in resource.get_export_fields()}


def export_headings(resource_class: type[RosterResource]) -> dict[str, str]:
    """Field name -> exported header of every column of `resource_class`, in export order: what
    a Wagtail listing's `list_export` and `export_headings` need."""
    return {name: field.column_name for name, field in roster_fields(resource_class).items()}
