// Autosave for the assessment form: each answer goes to the server as it is given, so a reload or
// another device resumes where the rater left off. Without this script the form still works through
// its "Simpan draf" and "Periksa dan kirim" buttons.
(function () {
  "use strict";
  var form = document.getElementById("form-penilaian");
  if (!form || !window.fetch || !window.FormData) return;
  var url = form.dataset.autosaveUrl;
  var total = parseInt(form.dataset.total, 10) || 0;
  var statusEl = document.getElementById("autosave-status");
  var bar = document.getElementById("kemajuan-bar");
  var text = document.getElementById("kemajuan-teks");
  var timer = null, inflight = false, again = false, retries = 0, dirty = false;

  function show(message, failed) {
    statusEl.textContent = message;
    statusEl.classList.toggle("gagal", !!failed);
  }

  function answered() {
    var names = {};
    form.querySelectorAll("input[type=radio]:checked").forEach(function (input) {
      names[input.name] = true;
    });
    return Object.keys(names).length;
  }

  function updateProgress() {
    var n = answered();
    bar.value = n;
    text.innerHTML = "<strong>" + n + "</strong> dari " + total + " pernyataan dijawab";
  }

  function save() {
    if (inflight) { again = true; return; }
    inflight = true; dirty = false;
    show("Menyimpan…");
    var body = new FormData(form);
    fetch(url, { method: "POST", body: body, credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (response) {
        return response.json().catch(function () { return {}; }).then(function (data) {
          inflight = false;
          if (response.ok) {
            retries = 0;
            show("Tersimpan " + data.waktu);
          } else if (response.status === 429 || response.status >= 500) {
            // Busy or restarting server: not a refusal, so keep the answers and retry (after the
            // pause the server asks for, when it names one).
            retryLater("Server sedang sibuk.", parseInt(response.headers.get("Retry-After"), 10));
            return;
          } else {
            // Refusals (deadline passed, already submitted, session over) are final: say why.
            show(data.pesan || "Jawaban belum tersimpan. Gunakan tombol Simpan draf.", true);
            return;
          }
          if (again) { again = false; save(); }
        });
      })
      .catch(function () {
        // Network dropped: keep the answers in the page and retry with growing pauses.
        inflight = false;
        retryLater("Koneksi terputus.");
      });
  }

  function retryLater(reason, after) {
    dirty = true;
    retries += 1;
    var wait = after > 0 ? Math.min(60, after) : Math.min(30, Math.pow(2, retries));
    show(reason + " Jawaban Anda aman di halaman ini; mencoba menyimpan lagi dalam " + wait + " detik…", true);
    clearTimeout(timer);
    timer = setTimeout(save, wait * 1000);
  }

  form.addEventListener("change", function (event) {
    if (event.target.type === "radio") {
      var fieldset = event.target.closest(".butir");
      if (fieldset) fieldset.classList.remove("butir-kurang");
      updateProgress();
      clearTimeout(timer);
      save();
    }
  });
  form.addEventListener("input", function (event) {
    if (event.target.tagName === "TEXTAREA") {
      dirty = true;
      clearTimeout(timer);
      timer = setTimeout(save, 1200);
    }
  });
  window.addEventListener("beforeunload", function (event) {
    if (dirty || inflight) { event.preventDefault(); event.returnValue = ""; }
  });
  form.addEventListener("submit", function () { dirty = false; });
})();
