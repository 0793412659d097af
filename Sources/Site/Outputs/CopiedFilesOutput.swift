import Content
import Diagnostics
import Foundation

/// Files published as they are: the template assets (to `assets/`) and the files of `content/`
/// that are neither items nor schemas (documents, pictures; to the same path below `content/`).
struct CopiedFilesOutput: Output {
    /// Where a copied file goes in the site.
    static func sitePath(of source: String) -> String {
        let templates = Templates.folder + "/"
        return String(source.dropFirst((source.hasPrefix(templates) ? templates : ContentLoader.contentFolder + "/").count))
    }

    func plan(_ model: SiteModel) -> [OutputUnit] {
        model.copied.map { OutputUnit(subject: .source($0), key: Self.sitePath(of: $0)) }
    }

    func make(_ unit: OutputUnit, _ reader: ModelReader) -> [String: Data] {
        guard case let .source(path) = unit.subject else { return [:] }
        guard let data = reader.contents(of: path) else {
            reader.reads.report(.error("write-failed", at: SourceLocation(file: path), "файл не читается, сайт не записан",
                                       hint: "сайт оставлен без изменений; проверьте права на файл"))
            return [:]
        }
        return [unit.key: data]
    }
}
