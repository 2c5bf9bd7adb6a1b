// Goftar search page: small conveniences only; the page works without JavaScript.
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  const form = document.querySelector("form.search");
  if (!form) return;
  // Changing the result type or the order re-runs the search at once.
  for (const select of form.querySelectorAll("select")) {
    select.addEventListener("change", () => form.requestSubmit());
  }
  // "/" focuses the search box, as on most search sites.
  document.addEventListener("keydown", (event) => {
    if (event.key === "/" && document.activeElement?.tagName !== "INPUT") {
      event.preventDefault();
      form.querySelector("input[type=search]").focus();
    }
  });
});
