import Foundation
import Testing

/// `access: internal` (seed 001: some information is for the authorities only): the public build
/// is the portal without those fields — byte for byte the build of the same portal with the
/// fields deleted — and `nko build --audience internal` shows them, on pages marked as internal,
/// into a folder of its own.
@Suite struct AudienceTests {
    static let restricted = "  - {name: contact, label: Контакт для органов власти, type: string, access: internal}\n"
    static let secret = "Ответственный Иванов, +7 900 000-00-00"

    static func files(restricted: Bool) -> [String: String] {
        var files = Fixture.files
        files["content/orgs/_schema.yaml"] = """
            title: Организации
            fields:
              - {name: city, label: Город, type: string}
            \(restricted ? Self.restricted : "")registry:
              columns: [title, city]

            """
        files["content/orgs/orgs.yaml"] = "- title: Ассоциация «Ёлка»\n  city: Казань\n"
            + (restricted ? "  contact: \(Self.secret)\n" : "") + "- title: Фонд «Доброе дело»\n  slug: fund\n"
        return files
    }

    @Test func thePublicBuildIsThePortalWithoutTheRestrictedFields() throws {
        let portal = try Fixture(files: Self.files(restricted: true))
        let without = try Fixture(files: Self.files(restricted: false))
        defer { portal.remove(); without.remove() }
        #expect(try portal.build().status == 0)
        #expect(try without.build().status == 0)
        let published = try snapshot(portal.site), expected = try snapshot(without.site)
        #expect(published.keys.sorted() == expected.keys.sorted())
        #expect(published.filter { expected[$0.key] != $0.value }.keys.sorted() == [], "files that differ")
        #expect(published.values.allSatisfy { String(decoding: $0, as: UTF8.self).range(of: "Иванов") == nil })
    }

    @Test func theInternalBuildShowsThemIntoItsOwnFolder() throws {
        let portal = try Fixture(files: Self.files(restricted: true))
        defer { portal.remove() }
        let run = try portal.build(["--audience", "internal"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: portal.site.path), "the public folder is not touched")
        let internalSite = portal.root.appendingPathComponent("site-internal")
        let page = try String(contentsOf: internalSite.appendingPathComponent("orgs/assotsiatsiia-elka/index.html"), encoding: .utf8)
        #expect(page.contains(Self.secret) && page.contains("Контакт для органов власти"))
        #expect(try String(contentsOf: internalSite.appendingPathComponent("orgs/data.csv"), encoding: .utf8).contains(Self.secret))
        for (path, data) in try snapshot(internalSite) where path.hasSuffix(".html") {
            let html = String(decoding: data, as: UTF8.self)
            #expect(html.contains("Служебная версия портала") && html.contains("<meta name=\"robots\" content=\"noindex, nofollow\">"), "\(path)")
        }
        #expect(try String(contentsOf: internalSite.appendingPathComponent("robots.txt"), encoding: .utf8).contains("Disallow: /\n"))
    }

    @Test func anUnknownAccessOrARestrictedSubfieldIsAnError() throws {
        var files = Fixture.files
        files["content/orgs/_schema.yaml"] = """
            title: Организации
            fields:
              - {name: city, label: Город, type: string, access: secret}
              - name: head
                label: Руководитель
                type: object
                fields:
                  - {name: phone, label: Телефон, type: string, access: internal}

            """
        let portal = try Fixture(files: files)
        defer { portal.remove() }
        let run = try portal.build()
        #expect(run.status == 1)
        #expect(run.stderr.contains("_schema.yaml:3:") && run.stderr.contains("access: secret — неизвестный доступ"), "\(run.stderr)")
        #expect(run.stderr.contains("_schema.yaml:8:") && run.stderr.contains("access — только у полей раздела верхнего уровня"), "\(run.stderr)")
    }
}
