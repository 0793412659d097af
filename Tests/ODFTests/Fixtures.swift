import RussianText
import Foundation
import Markup
import ODFPackage
import ZIPFoundation

/// Documents that use every block and inline kind, and helpers to look inside a package.
enum Fixtures {
    /// Text that would change the structure if it were not escaped, in every syntax nearby.
    static let hostile = "<b>&amp; * | _ # [x](javascript:alert(1))"

    static let creationDate = CalendarDate(iso: "2026-11-23")!

    static let metadata = ODFMetadata(
        title: "Положение о ресурсном центре <&>", subject: "Нормативный акт",
        description: "Описание \"в кавычках\" & <теги>", keywords: ["НКО", "ресурсный центр"],
        language: "ru-RU", creationDate: creationDate)

    static func paragraph(_ text: String, alignment: Alignment? = nil, role: ParagraphRole = .body,
                          anchor: String? = nil) -> Block {
        .paragraph(Paragraph(content: [.text(text)], alignment: alignment, role: role, anchor: anchor))
    }

    /// `Footnote` has no public initialiser: take one from the parser and set its parts.
    static func footnote(label: String, blocks: [Block]) -> Footnote {
        var note = Markdown.parse("x[^1]\n\n[^1]: y\n").document.footnotes[0]
        note.label = label
        note.blocks = blocks
        return note
    }

    /// A regulation as the legal Markdown gives it: header, stamp, articles, a table, an appendix.
    static let regulation: Document = {
        let slot = Slot(key: "region", grammaticalCase: "genitive", raw: "________ (наименование субъекта Российской Федерации)")
        let table = Table(columns: [.center, nil, nil, .right], rows: [
            TableRow(kind: .header, cells: [TableCell(text: "№ п/п"), TableCell(text: "Мероприятие"),
                                            TableCell(text: "Срок"), TableCell(text: "Ответственный")]),
            TableRow(kind: .section, cells: [TableCell(text: "1. Организационные мероприятия", columnSpan: 4)]),
            TableRow(cells: [TableCell(text: "1.1"), TableCell(text: "Создать ресурсный центр"),
                             TableCell(text: "до 1 марта", rowSpan: 2), TableCell(text: "Министерство экономики")]),
            TableRow(cells: [TableCell(text: "1.2"), TableCell([[.text("Утвердить план")], [.strong([.text("второй абзац")])]]),
                             TableCell(text: "Ресурсный центр")]),
            TableRow(kind: .section, cells: [TableCell(text: "2. Информационная поддержка")]),
            TableRow(cells: [TableCell(text: "2.1"), TableCell(text: "Ячейка со сноской"), TableCell(text: "ежегодно", columnSpan: 2)]),
        ])
        return Document(blocks: [
            .container(Container(kind: .stamps, blocks: [
                .container(Container(kind: .stamp, blocks: [.paragraph(Paragraph(content: [
                    .text("УТВЕРЖДАЮ"), .lineBreak, .text("Министр"), .lineBreak, .text("«__» ______ 2026 г.")]))])),
                .container(Container(kind: .stamp, blocks: [.paragraph(Paragraph(content: [
                    .text("СОГЛАСОВАНО"), .lineBreak, .text("Председатель Совета")]))])),
            ])),
            .container(Container(kind: .header, blocks: [.paragraph(Paragraph(content: [
                .text("КАБИНЕТ МИНИСТРОВ РЕСПУБЛИКИ ТАТАРСТАН"), .lineBreak, .text("ПОСТАНОВЛЕНИЕ"), .lineBreak,
                .text("от "), .slot(Slot(key: "act-date", raw: "_______")), .text(" № "), .slot(Slot(key: "act-number", raw: "____")),
            ])), paragraph("(в ред. Постановления КМ РТ от 28.04.2023 N 544)", role: .amendment)])),
            .heading(Heading(level: 2, content: [.text("ПОЛОЖЕНИЕ О РЕСУРСНОМ ЦЕНТРЕ")], anchor: "polozhenie")),
            .heading(Heading(level: 3, content: [.text("I. Общие положения")])),
            .paragraph(Paragraph(content: [
                .text("1.1. Центр создаётся в "), .slot(slot), .text(" для поддержки НКО"), .footnote(1),
                .text(". Порядок — в "), .link(url: "#p-7.3", content: [.text("пункте 7.3")]),
                .text(", см. также "), .link(url: "https://nko.tatarstan.ru/", content: [.emphasis([.text("портал")])]),
                .text(" и "), .link(url: "../model-acts/", content: [.text("типовые акты")]),
                .text("; "), .link(url: "javascript:alert(1)", content: [.text("не ссылка")]), .text("."),
            ], anchor: "p-1.1")),
            .paragraph(Paragraph(content: [.text(hostile), .lineBreak, .text("вторая  строка\tс табуляцией\nи переводом"),
                                           .softBreak, .code("  code  "), .strikethrough([.text("зачёркнуто")])])),
            paragraph("Текст по центру", alignment: .center),
            paragraph("Текст справа", alignment: .right),
            .list(List(ordered: true, start: 3, items: [
                [paragraph("третий")],
                [paragraph("четвёртый"), .list(List(ordered: false, items: [[paragraph("вложенный")], [paragraph("ещё")]]))],
            ])),
            .list(List(ordered: false, items: [[paragraph("пункт с таблицей"), .table(Table(columns: [nil], rows: [
                TableRow(cells: [TableCell(text: "таблица в пункте")])])), paragraph("продолжение пункта")], [paragraph("следующий")]])),
            .quote([paragraph("Цитата"), .paragraph(Paragraph(content: [.text("со сноской"), .footnote(2), .footnote(1)]))]),
            .code("let x = 1\n    return x < 2 && y\n"),
            .rule,
            .table(table),
            .heading(Heading(level: 4, content: [.text("Статья 7. Порядок")])),
            paragraph("7.3. Пункт, на который ссылаются.", anchor: "p-7.3"),
            .container(Container(kind: .variant, argument: "Вариант 1", blocks: [paragraph("Текст варианта")], anchor: "variant-1")),
            .container(Container(kind: .signature, blocks: [.paragraph(Paragraph(content: [
                .text("Премьер-министр"), .lineBreak, .text("Республики Татарстан"), .lineBreak, .text("А.В. Песошин")]))])),
            .container(Container(kind: .appendix, argument: "1", blocks: [
                .container(Container(kind: .stamp, blocks: [.paragraph(Paragraph(content: [
                    .text("Приложение 1"), .lineBreak, .text("к постановлению")]))])),
                .heading(Heading(level: 2, content: [.text("СОСТАВ")], anchor: "pril-1")),
                .container(Container(kind: .variant, argument: "Вариант <2> & «три»", blocks: [
                    paragraph("Вложенный вариант в приложении", anchor: "pril-1-p-1"),
                ])),
            ], anchor: "prilozhenie-1")),
            .container(Container(kind: .table, argument: "composition", blocks: [])),
        ], footnotes: [
            footnote(label: "1", blocks: [.paragraph(Paragraph(content: [.text("Текст сноски "), .footnote(2), .text(" & <сноска>")]))]),
            footnote(label: "s1", blocks: [paragraph("Вторая сноска"), paragraph("её второй абзац")]),
        ])
    }()

    /// The entries of a zip in the order of its central directory, with their contents.
    static func entries(_ package: Data) throws -> [(entry: Entry, data: Data)] {
        let archive = try Archive(data: package, accessMode: .read)
        return try archive.map { entry in
            var data = Data()
            _ = try archive.extract(entry) { data.append($0) }
            return (entry, data)
        }
    }

    static func part(_ name: String, of package: Data) throws -> String {
        guard let data = try entries(package).first(where: { $0.entry.path == name })?.data else {
            throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: name])
        }
        return String(decoding: data, as: UTF8.self)
    }

    /// Legal Markdown as editors write it (content/_sources/CONVENTIONS.md), for the real parser.
    static let legalMarkdown = """
        ::: stamp

        Утверждено\\
        постановлением Кабинета Министров\\
        Республики Татарстан\\
        от {{act-date|_______}} № {{act-number|____}}

        :::

        ## ПОЛОЖЕНИЕ О ПОРЯДКЕ ПРЕДОСТАВЛЕНИЯ СУБСИДИЙ

        ### 1\\. Общие положения

        1.1. Субсидии предоставляются из бюджета {{region:genitive|________________ (наименование субъекта Российской Федерации)}}
        социально ориентированным НКО[^1].

        (в ред. Постановления КМ РТ от 28.04.2023 N 544)

        | № | Критерий | Баллы |
        | :-: | --- | --: |
        | 1 | Актуальность *проекта* | 0–10 |
        | 2 | Реалистичность | 0–5 |

        1. первый пункт списка
        2. второй пункт

        > цитата

        ::: variant Вариант 1

        Текст первого варианта.

        :::

        ::: signature

        Премьер-министр\\
        Республики Татарстан\\
        А.В. Песошин

        :::

        [^1]: Текст сноски.

        """
}
