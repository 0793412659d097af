import Content
import Diagnostics
import Foundation
import Hummingbird
import Logging
import NIOCore
import Site

/// `nko serve`: builds the portal, serves the site on 127.0.0.1, watches `content/`,
/// `templates/` and `portal.yaml`, rebuilds incrementally after each change and tells open
/// pages to reload (server-sent events). A failed build changes nothing in the site, so the last
/// good version stays browsable, with the messages shown over it.
public struct PreviewServer: Sendable {
    public let options: BuildOptions
    public let port: Int
    /// How often the watched files are looked at where the system cannot tell of changes itself.
    public var interval: Duration = .milliseconds(300)
    /// The last build's sources and record, kept between rebuilds.
    private let session = BuildSession(background: true, watched: true)

    public init(options: BuildOptions, port: Int) {
        var options = options
        options.searchIndexLater = true
        self.options = options
        self.port = port
    }

    public func run(log: @escaping @Sendable (String) -> Void) async throws {
        let state = BuildState()
        let site = options.output
        // Watching starts before the first build, so that no edit made during it goes unseen.
        let sources = SourceWatcher(root: options.root, interval: interval)
        let search = SearchRefresh(site: site, log: log)
        await rebuild(state, search: search, log: log)

        let router = Router()
        router.get(RouterPath(LiveReload.scriptPath)) { _, _ in
            Response(status: .ok, headers: [.contentType: "text/javascript; charset=utf-8", .cacheControl: "no-store"],
                     body: ResponseBody(byteBuffer: ByteBuffer(string: LiveReload.script)))
        }
        router.get(RouterPath(LiveReload.eventsPath)) { _, _ in
            let (greeting, events) = await state.subscribe()
            return Response(status: .ok, headers: [.contentType: "text/event-stream", .cacheControl: "no-store"],
                            body: ResponseBody { writer in
                                try await writer.write(ByteBuffer(string: "retry: 500\n\n" + greeting))
                                for await event in events { try await writer.write(ByteBuffer(string: event)) }
                                try await writer.finish(nil)
                            })
        }
        let files: @Sendable (Request, BasicRequestContext) async throws -> Response = { request, _ in
            Self.file(request.uri.path, in: site)
        }
        router.get("/", use: files)
        router.get("**", use: files)

        let watcher = Task.detached {
            await sources.run { changed in
                session.noteChanges(changed)
                await rebuild(state, search: search, log: log)
            }
        }
        defer { watcher.cancel() }
        // The editor's terminal gets our Russian lines only, not the server's English log.
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: port)),
                              onServerRunning: { _ in log("Сайт: http://127.0.0.1:\(port)/ — правки в content/, templates/ и portal.yaml пересобираются сами; остановить — Ctrl+C") },
                              logger: Logger(label: "nko-serve") { _ in SwiftLogNoOpLogHandler() })
        // Ctrl+C or SIGTERM ends the process at once: the pages' event streams never finish, so
        // a graceful shutdown would wait for them forever, and a preview has nothing to save.
        signal(SIGINT) { _ in _exit(0) }
        signal(SIGTERM) { _ in _exit(0) }
        do {
            try await app.runService(gracefulShutdownSignals: [])
        } catch let error as IOError where error.errnoCode == EADDRINUSE {
            throw PortBusy(port: port)
        }
    }

    /// Another program (often another `nko serve`) listens on the port.
    public struct PortBusy: Error, CustomStringConvertible {
        public let port: Int
        public var description: String {
            "порт \(port) занят другой программой (может быть, уже запущен nko serve): остановите её или укажите другой порт, например --port \(port == 65535 ? 8081 : port + 1)"
        }
    }

    /// A file of the site; HTML pages get the live-reload client; anything else is the site's 404 page.
    static func file(_ path: String, in site: URL) -> Response {
        guard let url = SitePath.resolve(path, in: site), let data = FileManager.default.contents(atPath: url.path) else {
            let page = FileManager.default.contents(atPath: site.appendingPathComponent("404.html").path)
                .map { LiveReload.inject(into: String(decoding: $0, as: UTF8.self)) } ?? "Страница не найдена"
            return Response(status: .notFound, headers: [.contentType: "text/html; charset=utf-8"],
                            body: ResponseBody(byteBuffer: ByteBuffer(string: page)))
        }
        let type = SitePath.mediaType(of: url)
        let body = type.hasPrefix("text/html")
            ? ByteBuffer(string: LiveReload.inject(into: String(decoding: data, as: UTF8.self)))
            : ByteBuffer(bytes: data)
        return Response(status: .ok, headers: [.contentType: type, .cacheControl: "no-store"], body: ResponseBody(byteBuffer: body))
    }

    private func rebuild(_ state: BuildState, search: SearchRefresh, log: @Sendable (String) -> Void) async {
        let options = self.options
        let session = self.session
        let start = ContinuousClock.now
        let report = await Task.detached { SiteBuilder.run(options, session: session) }.value
        let milliseconds = (ContinuousClock.now - start).milliseconds
        let failed = report.failed
        if !report.diagnostics.isEmpty { log(DiagnosticFormatter.text(report.diagnostics)) }
        if failed {
            log("Сборка не выполнена: показана последняя удачная версия сайта.")
            await state.fail(report.diagnostics)
        } else {
            log("Собрано заново страниц: \(report.renderedCount) из \(report.pageCount) за \(milliseconds) мс.")
            await state.succeed()
            if report.searchIndexOutdated { await search.request() }
        }
    }
}

/// The latest build's outcome and the pages listening for it.
actor BuildState {
    private var generation = 0
    private var problems: [Diagnostic]?
    private var listeners: [UUID: AsyncStream<String>.Continuation] = [:]

    /// The event a new listener starts with, and the stream of later ones.
    func subscribe() -> (String, AsyncStream<String>) {
        let id = UUID()
        let (stream, continuation) = AsyncStream<String>.makeStream()
        continuation.onTermination = { _ in Task { await self.unsubscribe(id) } }
        listeners[id] = continuation
        return (current, stream)
    }

    private func unsubscribe(_ id: UUID) { listeners[id] = nil }

    private var current: String {
        LiveReload.event("reload", data: String(generation)) + (problems.map(LiveReload.failed) ?? "")
    }

    func succeed() {
        generation += 1
        problems = nil
        for listener in listeners.values { listener.yield(current) }
    }

    func fail(_ diagnostics: [Diagnostic]) {
        problems = diagnostics
        for listener in listeners.values { listener.yield(LiveReload.failed(diagnostics)) }
    }
}

/// For the terminal's «за … мс» and the watcher's poll timeout.
extension Duration {
    var milliseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1000 + attoseconds / 1_000_000_000_000_000
    }
}
