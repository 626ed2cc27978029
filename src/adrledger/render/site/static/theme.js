/* Apply the saved theme before the page paints (no flash); the toggle lives in app.js. */
(function () {
  try {
    var saved = localStorage.getItem("adrledger-theme");
    if (saved === "light" || saved === "dark") document.documentElement.dataset.theme = saved;
  } catch (e) { /* storage may be disabled: the system preference still applies */ }
})();
