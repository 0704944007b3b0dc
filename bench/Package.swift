// swift-tools-version: 6.1
// Benchmarks for fulian, run side by side with the peers a statistician would otherwise use.
// A separate package so the main build never pays for it. Run: bench/run
import PackageDescription

let package = Package(
    name: "fulian-bench",
    platforms: [.macOS(.v14)],
    dependencies: [.package(path: "..")],
    targets: [
        .executableTarget(
            name: "fulian-bench",
            dependencies: [
                .product(name: "FulianSheets", package: "fulian"),
                .product(name: "FulianExcel", package: "fulian"),
                .product(name: "FulianCore", package: "fulian"),
            ],
            swiftSettings: [.unsafeFlags(["-Ounchecked"])]),
    ]
)
