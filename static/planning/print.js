// The printable budget's "Print" button (no inline script: the admin's CSP forbids it).
document.addEventListener("click", (event) => {
  if (event.target.closest("[data-print]")) window.print();
});
