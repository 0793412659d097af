/*
 * The portal's search page: Pagefind's interface (pagefind-ui.js, built with the site), in
 * Russian, started with the query of the address (?q=…) that the header's search form sends.
 * Pagefind stems Russian words, so «помещение» also finds «помещения».
 */
(function () {
  "use strict";
  function start() {
    var element = document.querySelector("[data-search]");
    if (!element || typeof PagefindUI === "undefined") return;
    var ui = new PagefindUI({
      element: "#search",
      showSubResults: true,
      showImages: false,
      resetStyles: false,
      translations: { placeholder: "Что найти на портале" }
    });
    var query = new URLSearchParams(window.location.search).get("q");
    if (query) ui.triggerSearch(query);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
