// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "nko",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "nko", targets: ["nko"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
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
        .target(name: "Markup", dependencies: ["CCmarkGFM"]),
        .target(name: "Content", dependencies: ["Diagnostics", "RussianText", .product(name: "Yams", package: "Yams")]),
        .target(name: "Site", dependencies: [
            "Content", "Markup", "RussianText", "Diagnostics",
            .product(name: "Mustache", package: "swift-mustache"),
        ]),
        .executableTarget(name: "nko", dependencies: [
            "Site", "Diagnostics", "RussianText",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .testTarget(name: "DiagnosticsTests", dependencies: ["Diagnostics"]),
        .testTarget(name: "RussianTextTests", dependencies: ["RussianText"]),
        .testTarget(name: "MarkupTests", dependencies: ["Markup"]),
        .testTarget(name: "ContentTests", dependencies: ["Content", "Diagnostics"]),
        .testTarget(name: "SiteTests", dependencies: ["Site", "Content", "Diagnostics", "nko"]),
    ],
    swiftLanguageModes: [.v6]
)
