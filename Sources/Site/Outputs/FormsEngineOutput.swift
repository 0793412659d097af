import Foundation

/// The forms engine (WebAssembly) that form pages load to check and fill a form in the browser:
/// one file for all of them, published when the portal has forms and the build has the engine.
struct FormsEngineOutput: Output {
    static let path = "assets/nko-forms.wasm"

    func plan(_ model: SiteModel) -> [OutputUnit] {
        model.formsEngine == nil || model.forms.forms.isEmpty ? [] : [OutputUnit(subject: .site, key: Self.path)]
    }

    func make(_ unit: OutputUnit, _ reader: ModelReader) -> [String: Data] {
        reader.formsEngine.map { [unit.key: $0] } ?? [:]
    }
}
