import ArgumentParser
import Foundation
import Serve
import Site

struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Показать сайт на этом компьютере и пересобирать его после каждой правки.",
        discussion: """
        Собирает сайт в site/ и показывает его по адресу http://127.0.0.1:ПОРТ/ (только на этом \
        компьютере). Правки в content/, templates/ и portal.yaml пересобирают изменившиеся страницы, \
        и открытые страницы обновляются сами; в терминале видно, сколько страниц собрано заново и за \
        сколько миллисекунд. Если в правке ошибка, сайт остаётся прежним, а \
        сообщения об ошибке видны поверх страницы в браузере и в терминале.
        """
    )

    @OptionGroup var options: CommonOptions

    @Option(name: .long, help: ArgumentHelp("Порт на 127.0.0.1.", valueName: "N"))
    var port: Int = 8080

    func validate() throws {
        guard (1...65535).contains(port) else {
            throw ValidationError("--port: нужен номер порта от 1 до 65535, а указано \(port)")
        }
    }

    /// The server runs until stopped (Ctrl+C); the command waits for it.
    func run() throws {
        var build = BuildOptions(root: options.rootURL, output: options.rootURL.appendingPathComponent("site"),
                                 now: options.today, jobs: options.jobs, strict: options.strict, write: true)
        build.formsEngine = options.formsEngineURL
        let server = PreviewServer(options: build, port: port)
        let outcome = Outcome()
        let done = DispatchSemaphore(value: 0)
        Task {
            do {
                try await server.run { message in
                    FileHandle.standardError.write(Data((message.hasSuffix("\n") ? message : message + "\n").utf8))
                }
            } catch {
                outcome.error = error
            }
            done.signal()
        }
        done.wait()
        if let error = outcome.error { throw error }
    }

    private final class Outcome: @unchecked Sendable {
        var error: Error?
    }
}
