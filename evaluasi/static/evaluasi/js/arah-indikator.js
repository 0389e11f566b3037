// "Tambah RHK": the arah select's blank option ("Ikuti aspek") names the direction the chosen
// aspect gives, so the user sees what blank means. Progressive: the server resolves a blank arah
// the same way (predikat.default_arah), with or without this script.
(function () {
  const LOWER = ["waktu", "biaya"];
  const LABEL = { naik: "makin tinggi makin baik", turun: "makin rendah makin baik" };

  function update(aspek) {
    const arah = document.getElementById(aspek.id.replace(/_aspek$/, "_arah"));
    if (!arah || !arah.options.length || arah.options[0].value !== "") return;
    const direction = LOWER.includes(aspek.value) ? "turun" : "naik";
    arah.options[0].textContent = `Ikuti aspek (${LABEL[direction]})`;
  }

  document.querySelectorAll("select[id$='_aspek']").forEach((aspek) => {
    update(aspek);
    aspek.addEventListener("change", () => update(aspek));
  });
})();
