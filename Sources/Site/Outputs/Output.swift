import Content
import Foundation

/// What a unit is made from.
enum Subject: Sendable {
    /// The whole portal (the home page, the sitemap, the calendar).
    case site
    case collection(Int)
    /// A registry's listing in another order than the default.
    case sorted(collection: Int, order: SortOrder)
    case item(collection: Int, item: Int)
    /// A file of the sources published as it is.
    case source(String)
}

/// One thing a build makes: a page with what goes beside it, a registry's open data, a copied
/// file. Its key, the path of its main file in the site, names it in the build record.
struct OutputUnit: Sendable {
    /// Its output's position in the build's list of outputs.
    var output = 0
    let subject: Subject
    let key: String
    /// For pages: the address below the base URL ("" for home, "press/news/", "404.html"), the
    /// template, and whether people and search engines are given it (not 404, search, or a
    /// listing in another order).
    var path = ""
    var layout = ""
    var isListedPage = false

    var isPage: Bool { !layout.isEmpty }
}

/// Everything a build writes comes from an output: it plans its units from the model and makes
/// each unit's files reading the model through a `ModelReader`, which records the unit's
/// inputs. A full build and an incremental one are the same loop over the units; the latter
/// skips those whose inputs did not change.
protocol Output: Sendable {
    func plan(_ model: SiteModel) -> [OutputUnit]
    /// The files a unit writes that are known before it is made (checked against each other
    /// before anything is made): its key, unless the output says more.
    func files(of unit: OutputUnit) -> [String]
    /// The unit's files by path in the site.
    func make(_ unit: OutputUnit, _ reader: ModelReader) -> [String: Data]
}

extension Output {
    func files(of unit: OutputUnit) -> [String] { [unit.key] }
}

/// The outputs of a portal, in the order their messages are reported. A new page kind or output
/// is one file and one line here.
enum Outputs {
    static let standard: [any Output] = [
        PageOutput(HomePage()),
        PageOutput(SectionPage()),
        PageOutput(RegistryPage()),
        PageOutput(ItemPage()),
        PageOutput(LegalDocumentPage()),
        PageOutput(SearchPage()),
        PageOutput(SitemapPage()),
        PageOutput(FeedbackPage()),
        PageOutput(NotFoundPage()),
        OpenDataOutput(),
        LegalTableDataOutput(),
        ContestResultsOutput(),
        AtomFeedOutput(),
        ItemCalendarOutput(),
        FormFilesOutput(),
        FormsEngineOutput(),
        PortalCalendarOutput(),
        SitemapOutput(),
        RobotsOutput(),
        CopiedFilesOutput(),
    ]
}
