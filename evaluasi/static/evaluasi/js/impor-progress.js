// Live progress of a roster import running as a background job: polls the status endpoint and
// reloads the page once the job has finished, so the preview or result is shown.
(function () {
  const root = document.querySelector(".impor-detail");
  if (!root || root.dataset.running !== "1") return;
  const bar = document.getElementById("impor-progress");
  const stage = document.getElementById("impor-tahap");
  const rows = document.getElementById("impor-baris");
  const status = document.getElementById("impor-status");

  async function poll() {
    try {
      const response = await fetch(root.dataset.statusUrl, { headers: { Accept: "application/json" } });
      if (response.ok) {
        const data = await response.json();
        if (!data.berjalan) {
          window.location.reload();
          return;
        }
        bar.value = data.persen;
        bar.textContent = data.persen + "%";
        stage.textContent = data.tahap || "Menunggu giliran";
        rows.textContent = data.selesai + " dari " + data.total + " baris";
        status.textContent = data.label;
      }
    } catch (error) {
      // A dropped connection is retried on the next tick.
    }
    window.setTimeout(poll, 1000);
  }
  window.setTimeout(poll, 1000);
})();
