import Foundation
import FuzzTargets
import Testing

/// A crash a fuzz target found becomes a file in `Tests/FuzzRegressions/<target>/` (docs/architecture.md,
/// «Фаззинг»); every such file, and every committed seed of `Fuzz/seeds/<target>/`, must go through
/// its target without crashing.
struct FuzzRegressionTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static func inputs(_ folder: String) -> [String] {
        FuzzTarget.allCases.flatMap { target -> [String] in
            let base = repository.appendingPathComponent("\(folder)/\(target.rawValue)")
            let names = (try? FileManager.default.contentsOfDirectory(atPath: base.path)) ?? []
            return names.filter { !$0.hasPrefix(".") }.sorted().map { "\(folder)/\(target.rawValue)/\($0)" }
        }
    }

    static let cases = inputs("Tests/FuzzRegressions") + inputs("Fuzz/seeds")

    @Test("a fuzz target's input does not crash it", arguments: cases)
    func replay(_ path: String) throws {
        let target = try #require(FuzzTarget(rawValue: path.split(separator: "/").dropLast().last.map(String.init) ?? ""))
        let data = try Data(contentsOf: Self.repository.appendingPathComponent(path))
        target.run(data)
    }

    @Test func everyTargetHasSeeds() {
        for target in FuzzTarget.allCases {
            #expect(Self.cases.contains { $0.hasPrefix("Fuzz/seeds/\(target.rawValue)/") }, "\(target.rawValue)")
        }
    }
}
