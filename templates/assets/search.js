/*
 * The portal's search page over Pagefind's index (pagefind/pagefind.js, built with the site):
 * the query of the address (?q=…, sent by the header's search box or by this page's form) is
 * searched at once; results come ten at a time, each a title, its address and an excerpt with
 * the found words marked. Pagefind stems Russian words, so «помещение» also finds «помещения».
 * An excerpt is rebuilt from its text and <mark> elements only: page text never becomes markup.
 */
(function () {
  "use strict";
  var PAGE = 10;

  function plural(n, one, few, many) {
    var m10 = n % 10, m100 = n % 100;
    if (m10 === 1 && m100 !== 11) return one;
    if (m10 >= 2 && m10 <= 4 && (m100 < 12 || m100 > 14)) return few;
    return many;
  }

  function excerpt(html) {
    var p = document.createElement("p");
    p.className = "search-result__excerpt";
    var parsed = new DOMParser().parseFromString("<body>" + html + "</body>", "text/html").body;
    parsed.childNodes.forEach(function (node) {
      if (node.nodeType === Node.ELEMENT_NODE && node.tagName === "MARK") {
        var mark = document.createElement("mark");
        mark.textContent = node.textContent;
        p.appendChild(mark);
      } else {
        p.appendChild(document.createTextNode(node.textContent));
      }
    });
    return p;
  }

  function start() {
    var form = document.querySelector("[data-search]");
    if (!form) return;
    var base = form.getAttribute("data-base") || "/";
    var input = form.querySelector("[data-search-query]");
    var status = document.querySelector("[data-search-status]");
    var list = document.querySelector("[data-search-results]");
    var more = document.querySelector("[data-search-more]");
    var header = document.getElementById("site-search-input");
    var pagefind = null, results = [], shown = 0, generation = 0;

    function load() {
      if (!pagefind) {
        pagefind = import(base + "pagefind/pagefind.js").then(function (module) {
          return module.options({ baseUrl: base }).then(function () { return module; });
        });
      }
      return pagefind;
    }

    function showMore() {
      var batch = results.slice(shown, shown + PAGE);
      shown += batch.length;
      more.hidden = shown >= results.length;
      return Promise.all(batch.map(function (r) { return r.data(); })).then(function (pages) {
        pages.forEach(function (page) {
          var item = document.createElement("li");
          item.className = "search-result";
          var heading = document.createElement("h2");
          heading.className = "search-result__title";
          var link = document.createElement("a");
          link.href = page.url;
          link.textContent = (page.meta && page.meta.title) || page.url;
          heading.appendChild(link);
          item.appendChild(heading);
          item.appendChild(excerpt(page.excerpt || ""));
          list.appendChild(item);
        });
      });
    }

    function search(query) {
      var mine = ++generation;
      list.textContent = "";
      more.hidden = true;
      results = [];
      shown = 0;
      query = query.trim();
      if (!query) {
        status.textContent = "Введите, что найти.";
        return;
      }
      status.textContent = "Ищем…";
      load().then(function (module) { return module.search(query); }).then(function (found) {
        if (mine !== generation) return;
        results = found.results;
        var n = results.length;
        status.textContent = n === 0
          ? "По запросу «" + query + "» ничего не найдено. Проверьте написание или задайте другие слова."
          : "По запросу «" + query + "» " + plural(n, "найдена", "найдены", "найдено") + " " + n + " " +
            plural(n, "страница", "страницы", "страниц") + ".";
        return showMore();
      }).catch(function () {
        if (mine === generation) status.textContent = "Поиск сейчас не работает: не удалось загрузить индекс. Обновите страницу.";
      });
    }

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var query = input.value;
      history.replaceState(null, "", "?q=" + encodeURIComponent(query.trim()));
      if (header) header.value = query;
      search(query);
    });
    more.addEventListener("click", function () {
      var first = list.children.length;
      showMore().then(function () {
        var next = list.children[first];
        if (next) next.querySelector("a").focus();
      });
    });

    var query = new URLSearchParams(window.location.search).get("q") || "";
    input.value = query;
    if (header) header.value = query;
    if (query.trim()) search(query);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
