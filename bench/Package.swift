// swift-tools-version: 6.1
// Benchmarks for fulian, run side by side with the peers a statistician would otherwise use.
// A separate package so the main build never pays for it. Run: bench/run
import Foundation
import PackageDescription

/// SwiftPM names a path dependency after its directory (a checkout in `…/main` is package "main"),
/// so the main package's identity is taken from where it actually is.
let mainPackage = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .lastPathComponent.lowercased()

let package = Package(
    name: "fulian-bench",
    platforms: [.macOS(.v14)],
    dependencies: [.package(path: "..")],
    targets: [
        .executableTarget(
            name: "fulian-bench",
            dependencies: [
                .product(name: "FulianSheets", package: mainPackage),
                .product(name: "FulianExcel", package: mainPackage),
                .product(name: "FulianCore", package: mainPackage),
            ],
            swiftSettings: [.unsafeFlags(["-Ounchecked"])]),
    ]
)
