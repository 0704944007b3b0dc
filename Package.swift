// swift-tools-version: 6.1
// fulian — spreadsheets from women's federation offices, imported, analysed and exported.
import PackageDescription

let package = Package(
    name: "fulian",
    platforms: [.macOS(.v14)],
    products: [
        .library(name: "FulianCore", targets: ["FulianCore"]),
        .library(name: "FulianSheets", targets: ["FulianSheets"]),
        .library(name: "FulianImport", targets: ["FulianImport"]),
        .library(name: "FulianStore", targets: ["FulianStore"]),
        .library(name: "FulianAnalytics", targets: ["FulianAnalytics"]),
        .library(name: "FulianExcel", targets: ["FulianExcel"]),
        .executable(name: "fulian", targets: ["fulian"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        // C libraries from Debian: libxlsxwriter-dev, libssl-dev.
        .systemLibrary(
            name: "CXlsxWriter", pkgConfig: "xlsxwriter",
            providers: [.apt(["libxlsxwriter-dev"])]),
        // OpenSSL's libcrypto, for SHA-256 with the CPU's SHA instructions: libssl-dev.
        .systemLibrary(
            name: "CCrypto", pkgConfig: "libcrypto",
            providers: [.apt(["libssl-dev"])]),
        // libpq, PostgreSQL's client library, for the PostgreSQL store engine: libpq-dev.
        .systemLibrary(
            name: "CPostgreSQL", pkgConfig: "libpq",
            providers: [.apt(["libpq-dev"])]),

        // UTF-8 validation and CSV field stops with AVX2 or SSE2 (C: Swift does not reach byte shuffles and masks).
        .target(name: "CTextSIMD"),

        // file → cells → records → store → indicators → workbook
        .target(name: "FulianCore", dependencies: ["CCrypto"]),
        .target(
            name: "FulianSheets",
            dependencies: [
                "FulianCore", "CTextSIMD",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]),
        .target(name: "FulianImport", dependencies: ["FulianCore", "FulianSheets"]),
        .target(
            name: "FulianStore",
            dependencies: [
                "FulianCore", "FulianImport", "CPostgreSQL",
                .product(name: "GRDB", package: "GRDB.swift"),
            ]),
        .target(
            name: "FulianAnalytics",
            dependencies: [
                "FulianCore", "FulianImport", "FulianStore",
                .product(name: "GRDB", package: "GRDB.swift"),
            ]),
        .target(name: "FulianExcel", dependencies: ["FulianCore", "FulianImport", "FulianStore", "FulianAnalytics", "CXlsxWriter"]),
        .executableTarget(
            name: "fulian",
            dependencies: [
                "FulianCore", "FulianSheets", "FulianImport", "FulianStore",
                "FulianAnalytics", "FulianExcel",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),

        .target(name: "TestSupport", dependencies: ["FulianCore", "FulianSheets", "FulianStore"], path: "Tests/TestSupport"),
        .testTarget(name: "FulianCoreTests", dependencies: ["FulianCore", "TestSupport"]),
        .testTarget(name: "FulianSheetsTests", dependencies: ["FulianSheets", "CTextSIMD", "TestSupport"]),
        .testTarget(name: "FulianImportTests", dependencies: ["FulianImport", "TestSupport"]),
        .testTarget(
            name: "FulianStoreTests",
            dependencies: ["FulianStore", "TestSupport", .product(name: "GRDB", package: "GRDB.swift")]),
        .testTarget(name: "FulianAnalyticsTests", dependencies: ["FulianAnalytics", "TestSupport"]),
        .testTarget(
            name: "FulianExcelTests",
            dependencies: [
                "FulianExcel", "FulianSheets", "FulianStore", "FulianAnalytics", "TestSupport",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                .product(name: "GRDB", package: "GRDB.swift"),
            ]),
        .testTarget(
            name: "fulianCLITests",
            dependencies: ["fulian", "FulianSheets", "TestSupport", .product(name: "ZIPFoundation", package: "ZIPFoundation")]),
    ]
)
