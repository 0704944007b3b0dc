import Foundation
import FulianCore

/// Reads a `--map` file: header texts the synonyms miss, mapped to field keys, and confirmed spellings.
///
/// JSON: `{"发放金额（元）": "amount", "受助对象": "name", "org": {"石马和": "石马河街道"}}` — string values name
/// headers, object values (keyed by a field) map values as typed to the value to use.
/// TOML: one `"header" = "field"` per line, optionally under a `[columns]` table; under a table named after
/// a field (`[org]`, `[program]`, `[kind]` …) one `"as typed" = "value to use"` per line (the mapping a
/// clerk confirms from the 名称归并 sheet of `fulian clean`); `#` starts a comment.
public enum HeaderMapFile {
    /// What a map file says.
    public struct Mapping: Sendable, Hashable {
        /// Header → field key.
        public var headers: [String: String] = [:]
        /// Field key → (value as typed → value to use).
        public var values: [String: [String: String]] = [:]

        /// Creates a mapping.
        public init(headers: [String: String] = [:], values: [String: [String: String]] = [:]) {
            self.headers = headers
            self.values = values
        }
    }

    /// Parses the file at `path`, checking every header target and value table is a field of `dataset`.
    public static func loadMapping(path: String, dataset: Dataset) throws -> Mapping {
        let name = (path as NSString).lastPathComponent
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw ImportError(file: name, .mapNotUTF8)
        }
        var mapping = Mapping()
        if text.trimmingWhitespace().hasPrefix("{") {
            guard let obj = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
                throw ImportError(file: name, .mapNotObject)
            }
            for (k, v) in obj {
                if let s = v as? String { mapping.headers[k] = s; continue }
                guard let table = v as? [String: Any] else {
                    throw ImportError(file: name, .mapValueNotField(key: k))
                }
                var m: [String: String] = [:]
                for (typed, to) in table {
                    guard let to = to as? String else { throw ImportError(file: name, .mapSpellingNotText(key: k, typed: typed)) }
                    m[typed] = to
                }
                if k == "columns" { mapping.headers.merge(m) { a, _ in a } } else { mapping.values[k] = m }
            }
        } else {
            mapping = try parseTOMLSections(text, file: name)
        }
        let keys = Set(DatasetFields.fields(of: dataset).map(\.key))
        for (header, field) in mapping.headers where !keys.contains(field) {
            throw ImportError(file: name, .mapUnknownField(header: header, field: field, dataset: dataset.rawValue,
                                                           fields: DatasetFields.fields(of: dataset).map(\.key)))
        }
        for field in mapping.values.keys where !keys.contains(field) {
            throw ImportError(file: name, .mapUnknownTable(field: field, dataset: dataset.rawValue, fields: DatasetFields.fields(of: dataset).map(\.key)))
        }
        return mapping
    }

    /// The header part of a map file (see ``loadMapping(path:dataset:)``).
    public static func load(path: String, dataset: Dataset) throws -> [String: String] {
        try loadMapping(path: path, dataset: dataset).headers
    }

    /// TOML with `[columns]` (or no table) for headers and `[field]` tables for spellings.
    static func parseTOMLSections(_ text: String, file: String) throws -> Mapping {
        var mapping = Mapping()
        var section = "columns"
        for (i, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            if line.hasPrefix("[") && line.hasSuffix("]") {
                section = String(line.dropFirst().dropLast()).trimmingCharacters(in: .whitespaces)
                continue
            }
            guard let (k, v) = pair(line) else {
                throw ImportError(file: file, section == "columns" ? .mapBadColumnLine(line: i + 1) : .mapBadValueLine(line: i + 1, table: section))
            }
            if section == "columns" { mapping.headers[k] = v } else { mapping.values[section, default: [:]][k] = v }
        }
        return mapping
    }

    /// The headers of a TOML map (every table read as `[columns]`), for tests of the line syntax.
    static func parseTOML(_ text: String, file: String) throws -> [String: String] {
        let m = try parseTOMLSections(text, file: file)
        return m.values.values.reduce(into: m.headers) { $0.merge($1) { a, _ in a } }
    }

    /// `"key" = "value"` (bare keys of letters, digits, `_` and `-` allowed), with a trailing `# comment`.
    static func pair(_ line: String) -> (String, String)? {
        guard let eq = line.firstIndex(of: "=") else { return nil }
        func unquote(_ s: Substring) -> String? {
            let t = s.trimmingCharacters(in: .whitespaces)
            if t.count >= 2, t.first == "\"", t.last == "\"" { return String(t.dropFirst().dropLast()) }
            if !t.isEmpty, t.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }) { return t }
            return nil
        }
        var value = line[line.index(after: eq)...]
        if let hash = value.firstIndex(of: "#"), value[..<hash].filter({ $0 == "\"" }).count % 2 == 0 { value = value[..<hash] }
        guard let k = unquote(line[..<eq]), let v = unquote(value) else { return nil }
        return (k, v)
    }
}
