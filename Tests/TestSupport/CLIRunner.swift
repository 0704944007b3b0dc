import Foundation

/// Runs the built `fulian` binary the way a user does, for end-to-end tests.
public enum CLIRunner {
    /// The result of one run.
    public struct Output: Sendable {
        /// Standard output.
        public var stdout: String
        /// Standard error.
        public var stderr: String
        /// Exit status.
        public var status: Int32
    }

    /// The directory holding the built products (`.build/debug`).
    public static var productsDirectory: URL {
        for bundle in Bundle.allBundles where bundle.bundlePath.hasSuffix(".xctest") {
            return bundle.bundleURL.deletingLastPathComponent()
        }
        return Bundle.main.bundleURL
    }

    /// The `fulian` executable.
    public static var binary: URL { productsDirectory.appendingPathComponent("fulian") }

    /// Runs a shell command line (`/bin/sh -c`) with the binary's directory first on PATH, in English
    /// (`FULIAN_LANG=en`) unless `environment` names another language.
    public static func shell(_ command: String, in directory: URL, environment extra: [String: String] = [:]) throws -> Output {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/sh")
        p.arguments = ["-c", command]
        p.currentDirectoryURL = directory
        var env = ProcessInfo.processInfo.environment
        env["PATH"] = productsDirectory.path + ":" + (env["PATH"] ?? "/usr/bin:/bin")
        env.removeValue(forKey: "FULIAN_DB")
        env["LC_ALL"] = "C.UTF-8"
        // Tests that pin English wording say so once here; tests of the Chinese default pass FULIAN_LANG=zh.
        env["FULIAN_LANG"] = "en"
        for (k, v) in extra { env[k] = v }
        p.environment = env
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        // Read both pipes concurrently so a large output cannot deadlock.
        nonisolated(unsafe) var errData = Data()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async {
            errData = err.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        p.waitUntilExit()
        return Output(stdout: String(decoding: outData, as: UTF8.self), stderr: String(decoding: errData, as: UTF8.self),
                      status: p.terminationStatus)
    }

    /// Runs `fulian` with arguments (no shell).
    public static func run(_ arguments: [String], in directory: URL, environment extra: [String: String] = [:]) throws -> Output {
        let quoted = arguments.map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }.joined(separator: " ")
        return try shell("fulian " + quoted, in: directory, environment: extra)
    }

    /// A fresh temporary directory with `fixtures` linked to the repository's fixtures.
    public static func workspace() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("fulian-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(at: dir.appendingPathComponent("fixtures"),
                                                   withDestinationURL: FixturePaths.root.appendingPathComponent("fixtures"))
        if FileManager.default.fileExists(atPath: FixturePaths.samples.path) {
            try FileManager.default.createSymbolicLink(at: dir.appendingPathComponent("samples"), withDestinationURL: FixturePaths.samples)
        }
        return dir
    }
}
