/*
 * «Версия для слабовидящих»: toggles the class `a11y` on <html> (larger type, high contrast,
 * no background images, strong focus outline — see style.css) and remembers the choice in
 * localStorage, so it holds on every page of the portal and in other open tabs.
 *
 * Loaded without `defer` from <head>, so the stored setting is applied before the page is first
 * drawn (no flash of the ordinary version). Without JavaScript the button stays `hidden`.
 * The button's label says what it will switch to; a changing label and aria-pressed together
 * would be read out as «Обычная версия, нажата», so there is no aria-pressed.
 */
(function () {
  "use strict";

  var STORAGE_KEY = "nko-a11y";
  var CLASS_NAME = "a11y";
  var root = document.documentElement;

  function readStored() {
    try {
      return window.localStorage.getItem(STORAGE_KEY) === "on";
    } catch (error) {
      return false; // storage disabled (private mode, strict settings)
    }
  }

  function store(enabled) {
    try {
      if (enabled) {
        window.localStorage.setItem(STORAGE_KEY, "on");
      } else {
        window.localStorage.removeItem(STORAGE_KEY);
      }
    } catch (error) {
      // the mode still works on this page, it is just not remembered
    }
  }

  function buttons() {
    return document.querySelectorAll("[data-a11y-toggle]");
  }

  function syncButtons(enabled) {
    var list = buttons();
    for (var i = 0; i < list.length; i++) {
      var button = list[i];
      var label = enabled ? button.getAttribute("data-label-on") : button.getAttribute("data-label-off");
      if (label) {
        button.textContent = label;
      }
    }
  }

  function apply(enabled) {
    root.classList.toggle(CLASS_NAME, enabled);
    syncButtons(enabled);
  }

  // Apply the stored choice first, before anything else.
  apply(readStored());

  function init() {
    var list = buttons();
    for (var i = 0; i < list.length; i++) {
      list[i].addEventListener("click", function () {
        var enabled = !root.classList.contains(CLASS_NAME);
        apply(enabled);
        store(enabled);
      });
      list[i].hidden = false;
    }
    syncButtons(root.classList.contains(CLASS_NAME));
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }

  // Keep other open tabs of the portal in step.
  window.addEventListener("storage", function (event) {
    if (event.key === STORAGE_KEY) {
      apply(event.newValue === "on");
    }
  });
})();
