import DocumentTree
import RussianText

extension ContentRenderer {
    mutating func inlines(_ content: [Inline]) {
        for inline in content { self.inline(inline) }
    }

    mutating func inline(_ inline: Inline) {
        switch inline {
        case .text(let text):
            self.text(text)
        case .emphasis(let content):
            span(StyleName.emphasis) { $0.inlines(content) }
        case .strong(let content):
            span(StyleName.strong) { $0.inlines(content) }
        case .strikethrough(let content):
            span(StyleName.strikethrough) { $0.inlines(content) }
        case .code(let code):
            span(StyleName.sourceText) { $0.text(code) }
        case .link(let url, let content):
            link(url, content)
        case .footnote(let number):
            footnote(number)
        case .lineBreak:
            out += "<text:line-break/>"
            afterSpace = true
        case .softBreak:
            text(" ")
        case .slot(let slot):
            // The blank as published (underscores and caption), marked so that it stands out.
            span(StyleName.slot) { $0.text(slot.raw) }
        case .blank(let blank):
            blankFrame(blank)
        }
    }

    mutating func span(_ style: String, _ body: (inout ContentRenderer) -> Void) {
        out += "<text:span text:style-name=\"\(style)\">"
        body(&self)
        out += "</text:span>"
    }

    /// Writes text as it was typed. ODF collapses runs of white space, so a space that follows
    /// another (or starts a line) is written as `text:s`; tabs and line breaks are elements (CR LF
    /// and a lone CR are one line break, as LF is).
    mutating func text(_ text: String) {
        var spaces = 0
        func flush(_ renderer: inout ContentRenderer) {
            guard spaces > 0 else { return }
            renderer.out += spaces == 1 ? "<text:s/>" : "<text:s text:c=\"\(spaces)\"/>"
            spaces = 0
        }
        // Read as UTF-8: everything that needs care is ASCII except U+FFFE and U+FFFF, which XML
        // cannot carry (lead byte EF). What is copied as it is goes out a run at a time.
        var source = text
        source.withUTF8 { bytes in
            var run = 0
            var i = 0
            func copyRun(_ renderer: inout ContentRenderer) {
                if run < i { renderer.out.append(UnsafeBufferPointer(rebasing: bytes[run..<i])) }
            }
            while i < bytes.count {
                let special = bytes[i] == 0x20 && afterSpace ? i : Self.nextSpecial(in: bytes, from: i)
                if special > i {  // words and the single spaces between them
                    flush(&self)
                    afterSpace = bytes[special - 1] == 0x20
                    i = special
                    continue
                }
                let byte = bytes[i]
                // EF and two continuation bytes: U+F000–U+FFFF (the text is valid UTF-8).
                let scalar = byte == 0xEF ? Unicode.Scalar(0xF000 | UInt32(bytes[i + 1] & 0x3F) << 6 | UInt32(bytes[i + 2] & 0x3F))!
                                          : Unicode.Scalar(byte)
                let length = byte == 0xEF ? 3 : 1
                switch byte {
                case 0x20 where !afterSpace:
                    afterSpace = true
                case 0x20:
                    copyRun(&self)
                    spaces += 1
                    run = i + 1
                case 0x09, 0x0A, 0x0D:
                    copyRun(&self)
                    flush(&self)
                    out += byte == 0x09 ? "<text:tab/>" : "<text:line-break/>"
                    afterSpace = true
                    if byte == 0x0D && i + 1 < bytes.count && bytes[i + 1] == 0x0A { i += 1 }
                    run = i + 1
                case 0x26, 0x3C, 0x3E:  // & < >
                    copyRun(&self)
                    flush(&self)
                    XMLEscaping.append(scalar, to: &out)
                    afterSpace = false
                    run = i + 1
                case _ where XMLEscaping.allowed(scalar):  // another character led by EF
                    flush(&self)
                    afterSpace = false
                default:  // a control character, U+FFFE or U+FFFF
                    copyRun(&self)
                    flush(&self)
                    XMLEscaping.append(scalar, to: &out)
                    afterSpace = false
                    run = i + length
                }
                i += length
            }
            copyRun(&self)
        }
        flush(&self)
    }

    /// The next byte that may need care in `text`: a control, `&`, `<`, `>`, EF (the lead byte of
    /// U+FFFE and U+FFFF), or a space followed by another. A single space between words is
    /// written as it is, so the scan goes on over it, eight bytes at a time.
    private static func nextSpecial(in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        ByteScan.firstIndex(in: bytes, from: start, mayHold: { word in
            let spaces = ByteScan.lanes(of: word, equalTo: 0x20)
            // A space in the last lane may pair with the next word's first byte: read those bytes.
            return ByteScan.lanes(of: word, below: 0x20) | ByteScan.lanes(of: word, equalTo: 0x26)
                | ByteScan.lanes(of: word, equalTo: 0x3C) | ByteScan.lanes(of: word, equalTo: 0x3E)
                | ByteScan.lanes(of: word, equalTo: 0xEF) | spaces & (spaces >> 8) | spaces & 0x8000_0000_0000_0000 != 0
        }, wanted: { at in
            let byte = bytes[at]
            return byte < 0x20 || byte == 0x26 || byte == 0x3C || byte == 0x3E || byte == 0xEF
                || byte == 0x20 && at + 1 < bytes.count && bytes[at + 1] == 0x20
        }) ?? bytes.count
    }

    mutating func link(_ url: String, _ content: [Inline]) {
        guard !inLink, let target = linkTarget(url) else {
            inlines(content)
            return
        }
        inLink = true
        out += "<text:a xlink:type=\"simple\" xlink:href=\"\(XMLEscaping.attribute(target))\" text:style-name=\"\(StyleName.link)\">"
        inlines(content)
        out += "</text:a>"
        inLink = false
    }

    /// Where a link points from inside the file. `#p-7.3` is a bookmark of this document; a link
    /// relative to the page is resolved against its address when known; a link that could run
    /// code or reach the reader's machine is no link at all, as on the site.
    func linkTarget(_ url: String) -> String? {
        let url = String(url.trimmingSpaces)
        guard !url.isEmpty else { return nil }
        let lower = url.lowercased()
        if let colon = lower.firstIndex(of: ":"), !lower[..<colon].contains(where: { "/?#".contains($0) }) {
            return ["http", "https", "mailto", "tel"].contains(String(lower[..<colon])) ? url : nil
        }
        if url.hasPrefix("#") { return url }
        return resolveLink?(url) ?? url
    }

    /// A real footnote, cited by its number. A second reference to the same note points at it;
    /// a reference inside a note (ODF notes do not nest) or to a missing note stays a raised number.
    mutating func footnote(_ number: Int) {
        let id = "ftn\(number)"
        let marker = XMLEscaping.text(markers.indices.contains(number - 1) ? markers[number - 1] : String(number))
        if writtenNotes.contains(number) {
            span(StyleName.footnoteAnchor) {
                $0.out += "<text:note-ref text:note-class=\"footnote\" text:reference-format=\"text\" text:ref-name=\"\(id)\">\(marker)</text:note-ref>"
            }
            afterSpace = false
            return
        }
        guard !inNote, document.footnotes.indices.contains(number - 1) else {
            span(StyleName.footnoteAnchor) { $0.out.append(marker) }
            afterSpace = false
            return
        }
        writtenNotes.insert(number)
        // Applications number notes themselves; a source number that differs is a label of its own.
        let label = marker == String(number) ? "" : " text:label=\"\(marker)\""
        out += "<text:note text:id=\"\(id)\" text:note-class=\"footnote\"><text:note-citation\(label)>\(marker)</text:note-citation><text:note-body>\n"
        // The note is a flow of its own: nothing pending in the text belongs in it.
        let saved = (openLists, pendingBookmarks, pendingPageBreak, inLink)
        (openLists, pendingBookmarks, pendingPageBreak, inLink) = ([], [], false, false)
        inNote = true
        let body = document.footnotes[number - 1].blocks
        if body.isEmpty {
            open("text:p", style: StyleName.footnote)
            out += "</text:p>\n"
        }
        blocks(body, style: StyleName.footnote)
        inNote = false
        (openLists, pendingBookmarks, pendingPageBreak, inLink) = saved
        out += "</text:note-body></text:note>"
        afterSpace = false
    }
}
