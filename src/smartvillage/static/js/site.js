/* Small enhancements only: every page works without this file. */
(function () {
  "use strict";
  function menus() {
    return document.querySelectorAll("details.menu[open]");
  }
  // Close an open menu with Escape (focus goes back to its button) or by clicking elsewhere.
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    menus().forEach(function (menu) {
      menu.open = false;
      menu.querySelector("summary").focus();
    });
  });
  document.addEventListener("click", function (event) {
    menus().forEach(function (menu) {
      if (!menu.contains(event.target)) menu.open = false;
    });
    // "Print" buttons (statements, confirmations): <button type="button" data-print>.
    if (event.target.closest && event.target.closest("[data-print]")) window.print();
  });
})();
