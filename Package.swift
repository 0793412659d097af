// swift-tools-version:6.0
import PackageDescription

// Built and tested on Linux only (Debian 12, x86_64): the code reads Glibc's file times (st_mtim)
// and watches files with inotify. No other platform is claimed.
let package = Package(
    name: "nko",
    products: [
        .executable(name: "nko", targets: ["nko"]),
        .executable(name: "nko-fuzz", targets: ["nko-fuzz"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
    ],
    targets: [
        // cmark-gfm from Debian (libcmark-gfm-dev, libcmark-gfm-extensions-dev).
        .systemLibrary(
            name: "CCmarkGFM",
            pkgConfig: "libcmark-gfm",
            providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]
        ),
        .target(name: "Diagnostics"),
        .target(name: "RussianText"),
        // The document tree and its HTML: Foundation-free, like ODF's parts (the forms engine in the browser).
        .target(name: "DocumentTree", dependencies: ["RussianText"]),
        .target(name: "Markup", dependencies: ["CCmarkGFM", "RussianText", "DocumentTree"]),
        .target(name: "ODF", dependencies: ["DocumentTree", "RussianText"]),
        // zlib from Debian (zlib1g-dev): the deflate of the .odt's parts.
        .systemLibrary(name: "ZlibC", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        // The parts zipped into an .odt (zlib); the browser zips them itself.
        .target(name: "ODFPackage", dependencies: ["ODF", "DocumentTree", "RussianText", "ZlibC"]),
        // Typed values of fields, their checks and the data trees they are read from: Foundation-free.
        .target(name: "Values", dependencies: ["Diagnostics", "RussianText"]),
        .target(name: "Content", dependencies: ["Diagnostics", "RussianText", "Values", .product(name: "Yams", package: "Yams")]),
        // The forms engine: definitions, checks, computed values, filling, the document's parts —
        // Foundation-free, run natively by nko and as WebAssembly by the portal's form pages.
        .target(name: "FormEngine", dependencies: ["Diagnostics", "RussianText", "Values", "DocumentTree", "ODF"]),
        // Support competitions: commissions, scores, ranking, allocation and their rules —
        // Foundation-free, like the forms engine, so the portal's pages can run it too.
        .target(name: "Competitions", dependencies: ["Diagnostics", "RussianText", "Values"]),
        // Forms read from files (Yams, cmark-gfm), data files (YAML, JSON, CSV), and packaged.
        .target(name: "Forms", dependencies: [
            "FormEngine", "Content", "Markup", "ODFPackage", "RussianText", "Diagnostics", .product(name: "Yams", package: "Yams"),
        ]),
        // The Mustache templates of the portal's theme: parsed once, rendered for every page.
        .target(name: "TemplateEngine", dependencies: ["DocumentTree"]),
        // Russian hyphenation (Liang's algorithm over the system's hyphen-ru patterns) for the pages' tables.
        .target(name: "Hyphenation", dependencies: ["RussianText"]),
        .target(name: "Site", dependencies: [
            "Hyphenation", "Competitions", "Content", "FormEngine", "Forms", "Markup", "ODFPackage", "RussianText", "Diagnostics", "Values",
            "TemplateEngine",
        ]),
        // `nko serve`: the local preview server with live reload (Hummingbird).
        .target(name: "Serve", dependencies: [
            "Site", "Content", "Diagnostics", .product(name: "Hummingbird", package: "hummingbird"),
        ]),
        .executableTarget(name: "nko", dependencies: [
            "Site", "Serve", "Forms", "Competitions", "Content", "Values", "Diagnostics", "RussianText",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        // Fuzz targets (make fuzz): built plainly, nko-fuzz replays input files through them.
        .target(name: "FuzzTargets", dependencies: [
            "Content", "Forms", "Markup", "Site", "Diagnostics", "TemplateEngine",
        ], path: "Fuzz/Targets"),
        .executableTarget(name: "nko-fuzz", dependencies: ["FuzzTargets"], path: "Fuzz/Entry"),
        .testTarget(name: "DiagnosticsTests", dependencies: ["Diagnostics"]),
        .testTarget(name: "RussianTextTests", dependencies: ["RussianText", "TestSupport"]),
        .testTarget(name: "ValuesTests", dependencies: ["Values", "TestSupport", .product(name: "Yams", package: "Yams")]),
        .testTarget(name: "CompetitionsTests", dependencies: ["Competitions", "Values", "RussianText", "Diagnostics"]),
        // swift-mustache: the engine the portal's templates were written for, to compare with.
        .testTarget(name: "TemplateEngineTests", dependencies: ["TemplateEngine", .product(name: "Mustache", package: "swift-mustache")]),
        .testTarget(name: "MarkupTests", dependencies: ["Markup", "TestSupport"]),
        .testTarget(name: "HyphenationTests", dependencies: ["Hyphenation", "TestSupport"]),
        .testTarget(name: "ODFTests", dependencies: ["ODF", "ODFPackage", "ODFValidation", "Markup", "TestSupport", .product(name: "ZIPFoundation", package: "ZIPFoundation")]),
        .testTarget(name: "ContentTests", dependencies: ["Content", "Diagnostics", .product(name: "Yams", package: "Yams")]),
        // Shared by the test targets: running nko, LibreOffice and pdftotext.
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        // libxml2 from Debian (libxml2-dev), for the tests only: nothing the nko program runs parses XML.
        .systemLibrary(name: "CLibXML2", path: "Tests/CLibXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),
        // The ODF package checker of the tests: zip rules, manifest, RelaxNG schemas of ODF 1.3 (libxml2).
        .target(name: "ODFValidation", dependencies: ["CLibXML2", .product(name: "ZIPFoundation", package: "ZIPFoundation")],
                path: "Tests/ODFValidation"),
        .testTarget(name: "FormsTests", dependencies: [
                        "Forms", "FormEngine", "Content", "Diagnostics", "ODFValidation", "Markup", "RussianText", "TestSupport", "nko",
                        .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                    ],
                    exclude: ["Samples"]),
        .testTarget(name: "SiteTests", dependencies: ["Site", "Competitions", "Values", "Content", "Diagnostics", "ODFValidation", "RussianText", "TestSupport", "nko",
                                                .product(name: "ZIPFoundation", package: "ZIPFoundation")]),
        .testTarget(name: "ServeTests", dependencies: ["Serve"]),
        // Every input a fuzz target once crashed on (Tests/FuzzRegressions/<target>/), replayed.
        .testTarget(name: "FuzzRegressionTests", dependencies: ["FuzzTargets"]),
    ],
    swiftLanguageModes: [.v6]
)
