import Foundation
import TemplateEngine

/// The search page: the portal's interface over the index built beside the pages (`SearchIndex`).
struct SearchPage: PageKind {
    func pages(_ model: SiteModel) -> [OutputUnit] {
        [OutputUnit(subject: .site, key: "search/index.html", path: "search/", layout: "search")]
    }

    func context(_ unit: OutputUnit, _ reader: ModelReader, files: inout [String: Data]) -> PlainPage {
        PlainPage(head: PageHead(url: reader.url(unit.path), title: "Поиск по порталу", noIndex: true))
    }
}

/// A page with nothing but its head, and a flag for its template.
final class PlainPage: PageContent {
    let head: PageHead
    var flag: String?

    init(head: PageHead, flag: String? = nil) {
        self.head = head
        self.flag = flag
    }

    var trail: [Link] { [] }

    func child(named name: String) -> Any? {
        name == "page" ? View(page: self) : nil
    }

    struct View: TemplateObject {
        let page: PlainPage
        func child(named name: String) -> Any? {
            name == page.flag ? true : page.head.child(named: name)
        }
    }
}
