// Small behaviours declared in markup with data-* attributes: the Content-Security-Policy allows no inline
// script, so no onclick/onchange attributes either.
document.addEventListener("click", (event) => {
  if (event.target.closest("[data-print]")) window.print();
});
document.addEventListener("change", (event) => {
  const field = event.target.closest("[data-autosubmit]");
  if (field && field.form) field.form.submit();
});

// The header menu is a <details>: it opens without JavaScript; this only closes it on Escape (focus back on its
// button) or on a click outside it.
document.addEventListener("keydown", (event) => {
  if (event.key !== "Escape") return;
  const menu = document.querySelector("details.menu[open]");
  if (menu) {
    menu.open = false;
    menu.querySelector("summary").focus();
  }
});
document.addEventListener("click", (event) => {
  const menu = document.querySelector("details.menu[open]");
  if (menu && !menu.contains(event.target)) menu.open = false;
});

// Panels marked data-open-wide (the search filters) start open on a wide screen; on a phone they stay folded
// so the results come first. An open <details> inside a part that HTMX swaps stays open after the swap.
const wide = window.matchMedia("(min-width: 48rem)");
function openWidePanels(root) {
  if (!wide.matches) return;
  root.querySelectorAll("details[data-open-wide]").forEach((panel) => {
    panel.open = true;
  });
}
openWidePanels(document);
let openBeforeSwap = [];
document.addEventListener("htmx:beforeSwap", (event) => {
  openBeforeSwap = [...event.detail.target.querySelectorAll("details[id][open]")].map((panel) => panel.id);
  if (event.detail.target.matches("details[id][open]")) openBeforeSwap.push(event.detail.target.id);
});
document.addEventListener("htmx:afterSettle", () => {
  openBeforeSwap.forEach((id) => {
    const panel = document.getElementById(id);
    if (panel) panel.open = true;
  });
  openBeforeSwap = [];
});
