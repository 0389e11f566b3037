// The capacity field of a workshop's edit form: as the number changes, say how many people on the
// waiting list it will promote when the page is published (the same sentences as
// sosialisasi/models/workshop_form.py, which renders the line for the stored value).
(function () {
  function line(kapasitas, terkonfirmasi, menunggu) {
    if (!menunggu) return "Tidak ada orang di daftar tunggu.";
    if (!kapasitas) {
      return "Tanpa batas kapasitas: semua " + menunggu + " orang di daftar tunggu akan dipromosikan.";
    }
    var n = Math.min(menunggu, Math.max(0, kapasitas - terkonfirmasi));
    if (n) {
      return "Menaikkan kapasitas menjadi " + kapasitas + " akan mempromosikan " + n + " orang dari daftar tunggu.";
    }
    return "Kapasitas " + kapasitas + " tidak mempromosikan siapa pun dari daftar tunggu.";
  }

  function wire(input) {
    var out = document.getElementById(input.id + "-promosi");
    if (!out || input.dataset.kapasitasWired) return;
    input.dataset.kapasitasWired = "1";
    var terkonfirmasi = parseInt(input.dataset.kapasitasTerkonfirmasi, 10) || 0;
    var menunggu = parseInt(input.dataset.kapasitasMenunggu, 10) || 0;
    input.addEventListener("input", function () {
      var value = parseInt(input.value, 10);
      var strong = document.createElement("strong");
      strong.textContent = line(isNaN(value) || value < 0 ? 0 : value, terkonfirmasi, menunggu);
      out.replaceChildren(strong);
    });
  }

  function start() {
    document.querySelectorAll("input[data-kapasitas-menunggu]").forEach(wire);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
