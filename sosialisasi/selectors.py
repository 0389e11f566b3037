"""Read-side queries for socialisation content; every one runs a fixed number of queries."""

from dataclasses import dataclass

from django.db.models import (
    Case,
    Count,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
    Value,
    When,
)
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction

from cms.topics import Topik
from evaluasi.models import JenisUnit, UnitKerja
from evaluasi.selectors import in_unit_scope, unit_scope_for

from .models import (
    ModeWorkshop,
    PanduanPage,
    Pendaftaran,
    StatusPendaftaran,
    WorkshopPage,
    registrations_owned_q,
)
from .registration_links import certificate_url, registration_calendar_url, registration_url


def latest_guides(*, limit: int = 3):
    """The `limit` most recently published public PanduanPage (a list), with their topics
    prefetched: the guides the home page shows. Raises nothing."""
    return list(
        PanduanPage.objects.live()
        .public()
        .order_by("-first_published_at")
        .prefetch_related("topik")[:limit]
    )


def guides_by_topic() -> list[tuple[Topik, list[PanduanPage]]]:
    """Topics that have live guides, each with its guides (two queries in all)."""
    guides = PanduanPage.objects.live().public().order_by("title")
    topics = Topik.objects.prefetch_related(
        Prefetch("panduan", queryset=guides, to_attr="live_guides")
    )
    return [(topic, topic.live_guides) for topic in topics if topic.live_guides]


def _restricted_collection_ids() -> set[int]:
    restricted = CollectionViewRestriction.objects.values_list("collection__path", flat=True)
    ids = set()
    for path in restricted:
        ids.update(Collection.objects.filter(path__startswith=path).values_list("id", flat=True))
    return ids


def documents_public(*, query: str = "", collection_id: str = ""):
    """Documents outside view-restricted collections, newest first, optionally searched by title."""
    Document = get_document_model()
    documents = Document.objects.exclude(
        collection_id__in=_restricted_collection_ids()
    ).select_related("collection")
    if collection_id.isdigit():
        documents = documents.filter(collection_id=int(collection_id))
    if query:
        documents = documents.filter(title__icontains=query)
    return documents.order_by("-created_at")


def document_categories():
    """Collections (below the root) that hold public documents: the library's categories."""
    restricted = _restricted_collection_ids()
    return list(
        Collection.objects.filter(depth__gt=1)
        .exclude(id__in=restricted)
        .filter(id__in=get_document_model().objects.values("collection_id"))
        .order_by("path")
    )


def workshops_upcoming(*, limit: int = 3):
    """The first `limit` live public workshops that have not ended yet (a list of WorkshopPage),
    soonest first. Raises nothing."""

    return list(
        WorkshopPage.objects.live()
        .public()
        .filter(selesai__gte=timezone.now())
        .order_by("mulai")[:limit]
    )


def _with_seats(workshops: list) -> list:
    """Attach `sisa_kursi` (WorkshopPage.seats_left) to each workshop with one aggregate query for
    all of them."""
    counts = {
        workshop_id: (confirmed, waiting)
        for workshop_id, confirmed, waiting in Pendaftaran.objects.filter(workshop__in=workshops)
        .values_list("workshop_id")
        .annotate(
            confirmed=Count("id", filter=Q(status=StatusPendaftaran.TERKONFIRMASI)),
            waiting=Count("id", filter=Q(status=StatusPendaftaran.DAFTAR_TUNGGU)),
        )
    }
    for workshop in workshops:
        if workshop.kapasitas:
            workshop._sisa_kursi = workshop.seats_left(*counts.get(workshop.pk, (0, 0)))
    return workshops


def workshops_upcoming_with_seats(*, limit: int = 3) -> list:
    """`workshops_upcoming(limit=limit)`, each with `sisa_kursi` (seats left, when the workshop has
    a capacity) from one aggregate query. Raises nothing."""
    return _with_seats(workshops_upcoming(limit=limit))


def workshops_listing(index_page, params) -> dict:
    """Upcoming and past workshops under `index_page`, filtered by topic, OPD and mode; upcoming
    ones carry their audience (`untuk_opd` prefetched) and `sisa_kursi` (one aggregate query), so
    the listing runs the same number of queries however many workshops it shows."""

    # Audience and seats left are shown for every workshop: prefetched and aggregated, not per row.
    workshops = (
        WorkshopPage.objects.child_of(index_page)
        .live()
        .public()
        .prefetch_related("topik", "untuk_opd")
    )
    topik, opd, mode = params.get("topik", ""), params.get("opd", ""), params.get("mode", "")
    if topik:
        workshops = workshops.filter(topik__slug=topik)
    if mode in ModeWorkshop.values:
        workshops = workshops.filter(mode=mode)
    if opd.isdigit():
        # Open to everyone, or reserved for this OPD.
        workshops = workshops.filter(Q(untuk_opd__isnull=True) | Q(untuk_opd=int(opd))).distinct()
    now = timezone.now()
    return {
        "mendatang": _with_seats(list(workshops.filter(selesai__gte=now).order_by("mulai"))),
        "lalu": list(workshops.filter(selesai__lt=now).order_by("-mulai")[:20]),
        "filter_topik": topik,
        "filter_opd": opd,
        "filter_mode": mode,
        "topik_list": list(Topik.objects.all()),
        "opd_list": list(
            UnitKerja.objects.filter(jenis=JenisUnit.OPD, aktif=True).order_by("nama")
        ),
        "mode_list": ModeWorkshop.choices,
    }


def registrations_visible_to(user):
    """Admin BKD: all; Admin OPD: registrations of pegawai in their subtree; others: none."""

    queryset = Pendaftaran.objects.select_related("workshop", "pegawai__unit_kerja")
    return in_unit_scope(queryset, user, "pegawai__unit_kerja__path")


def _queue_position():
    """The 1-based place of a waiting row in its workshop's whole waiting list (arrival order, ties
    by id) as a correlated COUNT inside the listing's own query; 0 for rows not waiting. Counted
    over the workshop, not the listed rows, so filters and an Admin OPD's scope never renumber
    the queue."""
    up_to_here = (
        Pendaftaran.objects.filter(
            workshop_id=OuterRef("workshop_id"), status=StatusPendaftaran.DAFTAR_TUNGGU
        )
        .filter(
            Q(dibuat__lt=OuterRef("dibuat")) | Q(dibuat=OuterRef("dibuat"), id__lte=OuterRef("id"))
        )
        .order_by()
        .values("workshop_id")
        .annotate(n=Count("id"))
        .values("n")
    )
    return Case(
        When(
            status=StatusPendaftaran.DAFTAR_TUNGGU,
            then=Subquery(up_to_here, output_field=IntegerField()),
        ),
        default=Value(0),
        output_field=IntegerField(),
    )


def registrations_with_queue_visible_to(user):
    """`registrations_visible_to(user)`, each row with `posisi_antrean` (its place on its
    workshop's waiting list, 1 = the next to get a seat; 0 when not waiting) and the admin behind
    a promotion, in the same single query: what the registrations admin lists."""
    return (
        registrations_visible_to(user)
        .select_related("dipromosikan_oleh")
        .annotate(posisi_antrean=_queue_position())
    )


def workshops_visible_to(user):
    """Workshops whose admin screens (check-in, registrations, certificates) the user may open:
    Admin BKD all; Admin OPD the live, public ones and any with a registrant in their scope — never
    the title of a draft or private workshop that none of their pegawai registered for."""

    if unit_scope_for(user).everything:
        return WorkshopPage.objects.all()
    mine = registrations_visible_to(user).values("workshop_id")
    return WorkshopPage.objects.filter(
        Q(pk__in=WorkshopPage.objects.live().public().values("pk")) | Q(pk__in=mine)
    )


def confirmed_registrations_visible_to(user, *, workshop_id: int):
    """Confirmed registrations of one workshop inside the user's scope (`registrations_visible_to`):
    who the "materi tersedia" email goes to when this admin sends it."""

    return registrations_visible_to(user).filter(
        workshop_id=workshop_id, status=StatusPendaftaran.TERKONFIRMASI
    )


def attendees_visible_to(user, *, workshop_id: int):
    """Attendees of one workshop inside the user's scope, by name: whose certificates go into the
    ZIP this admin builds."""
    return (
        registrations_visible_to(user).filter(workshop_id=workshop_id, hadir=True).order_by("nama")
    )


def guides_and_workshops_for_topics(topic_ids, *, limit: int = 3) -> dict:
    """Live guides and upcoming workshops tagged with any of the topics (3 queries)."""

    topic_ids = [t for t in topic_ids if t]
    if not topic_ids:
        return {"panduan": [], "workshop": []}
    guides = list(
        PanduanPage.objects.live()
        .public()
        .filter(topik__in=topic_ids)
        .distinct()
        .order_by("title")[:limit]
    )
    workshops = list(
        WorkshopPage.objects.live()
        .public()
        .filter(topik__in=topic_ids, selesai__gte=timezone.now())
        .distinct()
        .order_by("mulai")[:limit]
    )
    return {"panduan": guides, "workshop": _with_seats(workshops)}


def waiting_position(pendaftaran) -> int | None:
    """1-based place of a waiting registration in its workshop's queue (arrival order, ties by id);
    None when the registration is not on the waiting list. Two COUNT queries."""

    if pendaftaran.status != StatusPendaftaran.DAFTAR_TUNGGU:
        return None
    ahead = Pendaftaran.objects.filter(
        workshop_id=pendaftaran.workshop_id, status=StatusPendaftaran.DAFTAR_TUNGGU
    )
    return (
        ahead.filter(dibuat__lt=pendaftaran.dibuat).count()
        + ahead.filter(dibuat=pendaftaran.dibuat, id__lt=pendaftaran.id).count()
        + 1
    )


@dataclass
class RegistrationRow:
    """One registration on the ASN's own list: the row (with its workshop), its place in the queue
    (waiting only), and the registrant's own signed links (never expiring, registration_links)."""

    pendaftaran: Pendaftaran
    posisi: int | None
    status_url: str
    kalender_url: str
    sertifikat_url: str  # "" unless marked present
    tautan_daring: str  # "" unless confirmed for an online/hybrid workshop not yet over
    lewat: bool  # the workshop is over

    @property
    def workshop(self):
        return self.pendaftaran.workshop


@dataclass
class MyRegistrations:
    """The ASN's registrations in four groups: confirmed and upcoming (soonest first), waiting
    (soonest first), past (latest first: attended or not, with the certificate when attended),
    cancelled (latest first)."""

    mendatang: list[RegistrationRow]
    menunggu: list[RegistrationRow]
    lalu: list[RegistrationRow]
    dibatalkan: list[RegistrationRow]

    def __bool__(self):
        return any((self.mendatang, self.menunggu, self.lalu, self.dibatalkan))

    @property
    def groups(self) -> list[tuple[str, list[RegistrationRow]]]:
        """The four groups with their headings, in the order the account page shows them."""
        return [
            ("Akan datang", self.mendatang),
            ("Daftar tunggu", self.menunggu),
            ("Sudah berlangsung", self.lalu),
            ("Dibatalkan", self.dibatalkan),
        ]


def registrations_of(pegawai, *, user=None) -> MyRegistrations:
    """Every registration of `pegawai` (an evaluasi Pegawai, or None: nothing), in one query:
    those linked to the pegawai (a roster NIP, confirmed at the roster's email, docs/privasi.md
    "Identitas: NIP bukan kunci") or made while logged in as `user`, and those made without an
    account (before it existed or was activated) with the pegawai's NIP — when the NIP was not yet
    in the roster, only if confirmed at the pegawai's own email, since a typed NIP is a claim, not
    a key. Queue positions come from the same query (a subquery per row, `_queue_position`), so the
    count of queries does not grow with the list. Raises nothing."""
    if pegawai is None:
        return MyRegistrations([], [], [], [])
    rows = (
        Pendaftaran.objects.filter(registrations_owned_q(pegawai, user))
        .select_related("workshop")
        .annotate(posisi_antrean=_queue_position())
        .order_by("workshop__mulai", "id")
    )
    now = timezone.now()
    result = MyRegistrations([], [], [], [])
    for p in rows:
        workshop = p.workshop
        over = workshop.selesai <= now
        confirmed = p.status == StatusPendaftaran.TERKONFIRMASI
        row = RegistrationRow(
            pendaftaran=p,
            posisi=p.posisi_antrean or None,
            status_url=registration_url(p),
            kalender_url=registration_calendar_url(p),
            sertifikat_url=certificate_url(p) if p.hadir and p.kode_sertifikat else "",
            tautan_daring=workshop.tautan_daring
            if confirmed and not over and workshop.mode != ModeWorkshop.TATAP_MUKA
            else "",
            lewat=over,
        )
        if p.status == StatusPendaftaran.DIBATALKAN:
            result.dibatalkan.append(row)
        elif over:
            result.lalu.append(row)
        elif confirmed:
            result.mendatang.append(row)
        else:
            result.menunggu.append(row)
    result.lalu.reverse()
    result.dibatalkan.reverse()
    return result
