// Small behaviours declared in markup with data-* attributes: the Content-Security-Policy allows no inline
// script, so no onclick/onchange attributes either.
document.addEventListener("click", (event) => {
  if (event.target.closest("[data-print]")) window.print();
});
document.addEventListener("change", (event) => {
  const field = event.target.closest("[data-autosubmit]");
  if (field && field.form) field.form.submit();
});
