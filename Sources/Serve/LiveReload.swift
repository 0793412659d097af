import Diagnostics
import Foundation

/// The live-reload client every served HTML page gets before `</body>`: it listens to the
/// server's events (server-sent events), reloads the page after a successful rebuild, and shows
/// the messages of a failed build over the page (the last good site stays shown under it).
enum LiveReload {
    static let eventsPath = "/_nko/events"
    static let scriptPath = "/_nko/live.js"
    static let tag = "<script src=\"\(scriptPath)\"></script>"

    /// The page with the client added (pages without `</body>` get it at the end).
    static func inject(into html: String) -> String {
        guard let range = html.range(of: "</body>", options: .backwards) else { return html + tag }
        return html.replacingCharacters(in: range, with: tag + "</body>")
    }

    /// An event of the stream: `reload` with the build number, or `failed` with the messages.
    static func event(_ name: String, data: String) -> String {
        "event: \(name)\n" + data.split(separator: "\n", omittingEmptySubsequences: false).map { "data: \($0)" }.joined(separator: "\n") + "\n\n"
    }

    static func failed(_ problems: [Diagnostic]) -> String {
        event("failed", data: DiagnosticFormatter.json(problems))
    }

    static let script = """
    // nko serve: reloads the page after a rebuild; shows a failed build's messages over it.
    (function () {
      "use strict";
      var shown = null, overlay = null;
      function hide() { if (overlay) { overlay.remove(); overlay = null; } }
      function show(problems) {
        hide();
        overlay = document.createElement("div");
        overlay.id = "nko-error-overlay";
        overlay.setAttribute("role", "alert");
        overlay.style.cssText = "position:fixed;inset:0;z-index:2147483647;overflow:auto;background:rgba(20,20,20,.94);" +
          "color:#fff;font:16px/1.5 monospace;padding:2rem;white-space:pre-wrap";
        var title = document.createElement("h2");
        title.textContent = "Сборка не выполнена — показана последняя удачная версия";
        title.style.cssText = "color:#ffdd00;font:bold 20px sans-serif;margin:0 0 1rem";
        overlay.appendChild(title);
        problems.forEach(function (p) {
          var item = document.createElement("p");
          var at = p.file ? p.file + (p.line ? ":" + p.line + (p.column ? ":" + p.column : "") : "") + ": " : "";
          item.textContent = at + (p.severity === "error" ? "ошибка: " : "предупреждение: ") + p.message +
            (p.hint ? "\\n    подсказка: " + p.hint : "");
          overlay.appendChild(item);
        });
        document.body.appendChild(overlay);
      }
      var source = new EventSource("\(eventsPath)");
      source.addEventListener("reload", function (e) {
        if (shown === null) { shown = e.data; return; }
        if (e.data !== shown) { window.location.reload(); }
        hide();
      });
      source.addEventListener("failed", function (e) { show(JSON.parse(e.data)); });
    })();
    """
}
