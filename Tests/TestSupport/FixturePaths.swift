import Foundation

/// Where tests find their input files.
public enum FixturePaths {
    /// The repository root (three levels above this file: Tests/TestSupport/FixturePaths.swift).
    public static var root: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    /// The repository's `fixtures/` folder.
    public static var fixtures: URL { root.appendingPathComponent("fixtures") }

    /// A file under `fixtures/`.
    public static func fixture(_ relative: String) -> URL { fixtures.appendingPathComponent(relative) }

    /// The shared sample corpus beside the checkout (`../shared/samples`); absent on CI's clean clone,
    /// so tests that use it are enabled only when it exists.
    public static var samples: URL {
        root.deletingLastPathComponent().appendingPathComponent("shared/samples").standardizedFileURL
    }

    /// Whether the shared sample corpus is present.
    public static var hasSamples: Bool { FileManager.default.fileExists(atPath: samples.appendingPathComponent("manifest.json").path) }
}
