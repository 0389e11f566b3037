// The visitor's registration form: show only the fields of the chosen identity (an ASN gives the
// NIP; anyone else name, agency, email and phone). Without JavaScript both parts show and the
// server keeps only the chosen part's fields (sosialisasi/forms.py, RegistrationForm).
document.addEventListener("DOMContentLoaded", () => {
  for (const form of document.querySelectorAll(".registration-form")) {
    const radios = form.querySelectorAll('input[name="identitas"]');
    if (!radios.length) continue;
    const parts = form.querySelectorAll("[data-identitas]");
    const hint = form.querySelector(".choice .help");
    if (hint) hint.hidden = true;
    const show = () => {
      const chosen = form.querySelector('input[name="identitas"]:checked');
      for (const part of parts) part.hidden = !chosen || part.dataset.identitas !== chosen.value;
    };
    radios.forEach((radio) => radio.addEventListener("change", show));
    show();
  }
});
