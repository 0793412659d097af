import RussianText

/// What `meta.xml` says about a document. The creation date is passed in, never read from the
/// clock, so that the same input always gives the same bytes.
public struct ODFMetadata: Sendable, Equatable {
    public var title: String
    /// `dc:subject`: what the document is about, e.g. the kind of act.
    public var subject: String?
    /// `dc:description`: a sentence or two, e.g. the page's description.
    public var description: String?
    public var keywords: [String]
    /// BCP 47 tag: `dc:language` and the language of the default style (hyphenation, spelling).
    public var language: String
    public var creationDate: CalendarDate
    public var generator: String

    public init(title: String, subject: String? = nil, description: String? = nil, keywords: [String] = [],
                language: String = "ru-RU", creationDate: CalendarDate, generator: String = "nko") {
        self.title = title
        self.subject = subject
        self.description = description
        self.keywords = keywords
        self.language = language
        self.creationDate = creationDate
        self.generator = generator
    }

    /// `fo:language` and `fo:country` of the language tag ("ru-RU" → ru, RU). A tag that is not
    /// one falls back to Russian rather than making the package invalid.
    var languageAndCountry: (language: String, country: String?) {
        let parts = language.split(whereSeparator: { $0 == "-" || $0 == "_" }).map(String.init)
        let isLetters = { (s: String) in !s.isEmpty && s.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("A"..."Z").contains($0) } }
        guard let first = parts.first, isLetters(first), first.count <= 8 else { return ("ru", "RU") }
        let country = parts.dropFirst().first.flatMap { $0.count == 2 && isLetters($0) ? $0.uppercased() : nil }
        return (first.lowercased(), country)
    }

    /// `dc:language`: the tag as `fo:language` and `fo:country` understand it.
    var languageTag: String {
        let (language, country) = languageAndCountry
        return country.map { "\(language)-\($0)" } ?? language
    }
}
