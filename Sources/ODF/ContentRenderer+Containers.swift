import DocumentTree

/// The blocks of legal Markdown (`::: kind`), laid out as on paper
/// (content/_sources/CONVENTIONS.md). Lines of headers, stamps and signatures are hard breaks
/// in their paragraphs, so every printed line stays a line.
extension ContentRenderer {
    mutating func container(_ container: Container, style: String) {
        if let anchor = container.anchor { pendingBookmarks.append(anchor) }
        switch container.kind {
        case .header:
            blocks(container.blocks, style: StyleName.actHeader)
        case .stamp:
            within(width: placeWidthCM - StylesPart.stampIndentCM) { $0.blocks(container.blocks, style: StyleName.stamp) }
        case .stamps:
            stamps(container)
        case .signature:
            signature(container, style: style)
        case .appendix:
            pendingPageBreak = true
            blocks(container.blocks, style: style)
        case .variant:
            if container.printsTitle, let title = container.title {
                open("text:p", style: StyleName.variantTitle)
                text(title)
                out += "</text:p>\n"
            }
            blocks(container.blocks, style: style)
        default:
            // `::: table NAME` and kinds the writer does not know: their blocks as they are.
            blocks(container.blocks, style: style)
        }
    }

    /// Stamps side by side («УТВЕРЖДАЮ» and «СОГЛАСОВАНО»): a table without rules, a stamp a column.
    private mutating func stamps(_ container: Container) {
        guard !container.blocks.isEmpty else { return }
        let lists = beginTable(columnWeights: Array(repeating: 1, count: container.blocks.count))
        out += "<table:table-row>\n"
        // A table spans the text whatever the place: it leaves lists.
        let width = styles.textWidthCM / Double(container.blocks.count)
        for block in container.blocks {
            layoutCell(.plain, style: StyleName.stampInRow, width: width) { renderer in
                if case let .container(stamp) = block, stamp.kind == .stamp {
                    if let anchor = stamp.anchor { renderer.pendingBookmarks.append(anchor) }
                    renderer.blocks(stamp.blocks, style: StyleName.stampInRow)
                } else {
                    renderer.block(block, style: StyleName.stampInRow)
                }
            }
        }
        out += "</table:table-row>\n"
        endTable(lists)
    }

    /// The sign-off: a table without rules, the position on the left, the name on the right,
    /// level with the position's last line.
    private mutating func signature(_ container: Container, style: String) {
        var lines: [[Inline]] = []
        var others: [Block] = []
        for block in container.blocks {
            if case let .paragraph(paragraph) = block {
                if let anchor = paragraph.anchor { pendingBookmarks.append(anchor) }
                lines += Self.lines(paragraph.content)
            } else {
                others.append(block)
            }
        }
        if let name = lines.popLast() {
            let lists = beginTable(columnWeights: [6, 4], spaceBefore: 0.85)
            out += "<table:table-row>\n"
            let width = styles.textWidthCM
            layoutCell(.plain, style: StyleName.signaturePosition, width: width * 0.6) { renderer in
                guard !lines.isEmpty else { return }
                renderer.open("text:p", style: StyleName.signaturePosition)
                for (index, line) in lines.enumerated() {
                    if index > 0 { renderer.inline(.lineBreak) }
                    renderer.inlines(line)
                }
                renderer.out += "</text:p>\n"
            }
            layoutCell(.plainBottom, style: StyleName.signatureName, width: width * 0.4) { renderer in
                renderer.open("text:p", style: StyleName.signatureName)
                renderer.inlines(name)
                renderer.out += "</text:p>\n"
            }
            out += "</table:table-row>\n"
            endTable(lists)
        }
        // Anything else in the block is not lost.
        blocks(others, style: style)
    }

    /// A paragraph's lines: split at hard breaks, empty ones dropped.
    static func lines(_ content: [Inline]) -> [[Inline]] {
        var lines: [[Inline]] = [[]]
        for inline in content {
            if inline == .lineBreak { lines.append([]) } else { lines[lines.count - 1].append(inline) }
        }
        return lines.filter { !$0.isEmpty }
    }
}
