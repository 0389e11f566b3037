"""The seven BerAKHLAK core values of ASN and their standard behaviour guides (panduan perilaku),
as PermenPANRB 6/2022 lists them in its lampiran for the *perilaku kerja* part of the SKP (after
UU 20/2023 ps. 4 and SE MenPANRB 20/2021). The atasan adds an *ekspektasi khusus pimpinan* per
value (`EkspektasiPerilaku`); these texts are the shared standard every SKP shows beside it.

A rule module: no imports from the app. The names are those of `services.evaluations.BERAKHLAK`
(the rating rows); a test keeps the two equal."""

PANDUAN_PERILAKU: dict[str, str] = {
    "Berorientasi Pelayanan": (
        "Memahami dan memenuhi kebutuhan masyarakat; ramah, cekatan, solutif, dan dapat "
        "diandalkan; melakukan perbaikan tiada henti."
    ),
    "Akuntabel": (
        "Melaksanakan tugas dengan jujur, bertanggung jawab, cermat, disiplin, dan berintegritas "
        "tinggi; menggunakan kekayaan dan barang milik negara secara bertanggung jawab, efektif, "
        "dan efisien; tidak menyalahgunakan kewenangan jabatan."
    ),
    "Kompeten": (
        "Meningkatkan kompetensi diri untuk menjawab tantangan yang selalu berubah; membantu "
        "orang lain belajar; melaksanakan tugas dengan kualitas terbaik."
    ),
    "Harmonis": (
        "Menghargai setiap orang apa pun latar belakangnya; suka menolong orang lain; membangun "
        "lingkungan kerja yang kondusif."
    ),
    "Loyal": (
        "Memegang teguh ideologi Pancasila, UUD 1945, setia kepada NKRI serta pemerintahan yang "
        "sah; menjaga nama baik sesama ASN, pimpinan, instansi, dan negara; menjaga rahasia "
        "jabatan dan negara."
    ),
    "Adaptif": (
        "Cepat menyesuaikan diri menghadapi perubahan; terus berinovasi dan mengembangkan "
        "kreativitas; bertindak proaktif."
    ),
    "Kolaboratif": (
        "Memberi kesempatan kepada berbagai pihak untuk berkontribusi; terbuka dalam bekerja sama "
        "untuk menghasilkan nilai tambah; menggerakkan pemanfaatan berbagai sumber daya untuk "
        "tujuan bersama."
    ),
}

NILAI: tuple[str, ...] = tuple(PANDUAN_PERILAKU)
