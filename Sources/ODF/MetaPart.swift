import RussianText

/// `meta.xml`: title, subject, description, keywords, language and the fixed creation date.
enum MetaPart {
    static func xml(_ metadata: ODFMetadata) -> String {
        var meta = ""
        func element(_ name: String, _ value: String) {
            meta += "<\(name)>" + XMLEscaping.text(value) + "</\(name)>\n"
        }
        element("meta:generator", metadata.generator)
        element("dc:title", metadata.title)
        if let description = metadata.description { element("dc:description", description) }
        if let subject = metadata.subject { element("dc:subject", subject) }
        for keyword in metadata.keywords { element("meta:keyword", keyword) }
        element("dc:language", metadata.languageTag)
        let date = timestamp(metadata.creationDate)
        element("meta:creation-date", date)
        // The last change is the creation: a generated document is never edited by us.
        element("dc:date", date)
        return """
            <?xml version="1.0" encoding="UTF-8"?>
            <office:document-meta\(Namespaces.declarations) office:version="\(Namespaces.version)">
            <office:meta>
            \(meta)</office:meta>
            </office:document-meta>

            """
    }

    /// xsd:dateTime in UTC: the day's midnight, the same text in any time zone.
    static func timestamp(_ date: CalendarDate) -> String {
        date.iso + "T00:00:00Z"
    }
}
