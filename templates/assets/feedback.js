/*
 * The feedback form without a service of the region: the browser's mailto: form sends its fields
 * as an unreadable text/plain body in some mail programs, so the page composes the letter itself
 * — subject, the fields and the consent — and opens it in the reader's mail program. The status
 * line gives the same letter as a link, and the address, for when no mail program opens.
 */
(function () {
  "use strict";
  function start() {
    var form = document.querySelector("form[data-feedback][data-mailto]");
    if (!form) return;
    var status = form.querySelector("[data-feedback-status]");
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var field = function (name) { return form.elements[name].value.trim(); };
      var body = [
        "Тема: " + field("topic"),
        field("name") ? "Имя: " + field("name") : "",
        field("email") ? "Электронная почта для ответа: " + field("email") : "",
        "",
        field("message"),
        "",
        "Согласие на обработку персональных данных дано на странице обратной связи портала."
      ].filter(function (line, i) { return line !== "" || i === 3 || i === 5; }).join("\n");
      var address = form.getAttribute("data-mailto");
      var href = "mailto:" + address + "?subject=" + encodeURIComponent("Обращение с портала: " + field("topic")) +
        "&body=" + encodeURIComponent(body);
      status.textContent = "";
      status.append("Письмо с обращением открыто в вашей почтовой программе: отправьте его. Если программа не открылась, ");
      var link = document.createElement("a");
      link.href = href;
      link.textContent = "откройте письмо по этой ссылке";
      status.append(link, " или напишите на адрес " + address + ".");
      window.location.href = href;
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
