import Foundation
import FulianCore

/// Reads a `--map` file: header texts the synonyms miss, mapped to field keys.
///
/// JSON: `{"发放金额（元）": "amount", "受助对象": "name"}`. TOML: one `"header" = "field"` per line,
/// optionally under a `[columns]` table; `#` starts a comment.
public enum HeaderMapFile {
    /// Parses the file at `path`, checking every target is a field of `dataset`.
    public static func load(path: String, dataset: Dataset) throws -> [String: String] {
        let name = (path as NSString).lastPathComponent
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw ImportError(file: name, "the map file cannot be read as UTF-8 text")
        }
        let map: [String: String]
        if text.trimmingWhitespace().hasPrefix("{") {
            guard let obj = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
                throw ImportError(file: name, "not a JSON object of \"header\": \"field\" pairs")
            }
            var m: [String: String] = [:]
            for (k, v) in obj {
                guard let s = v as? String else { throw ImportError(file: name, "the value for \(k) must be a field name (text)") }
                m[k] = s
            }
            map = m
        } else {
            map = try parseTOML(text, file: name)
        }
        let keys = Set(DatasetFields.fields(of: dataset).map(\.key))
        for (header, field) in map where !keys.contains(field) {
            throw ImportError(file: name, "\(header) maps to \(field), which is not a field of \(dataset.rawValue); "
                              + "fields are: \(DatasetFields.fields(of: dataset).map(\.key).joined(separator: ", "))")
        }
        return map
    }

    static func parseTOML(_ text: String, file: String) throws -> [String: String] {
        var out: [String: String] = [:]
        for (i, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") || (line.hasPrefix("[") && line.hasSuffix("]")) { continue }
            guard let eq = line.firstIndex(of: "=") else {
                throw ImportError(file: file, "line \(i + 1): expected \"header\" = \"field\"")
            }
            func unquote(_ s: Substring) -> String? {
                let t = s.trimmingCharacters(in: .whitespaces)
                if t.count >= 2, t.first == "\"", t.last == "\"" { return String(t.dropFirst().dropLast()) }
                if !t.isEmpty, t.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }) { return t }
                return nil
            }
            var value = line[line.index(after: eq)...]
            if let hash = value.firstIndex(of: "#"), value[..<hash].filter({ $0 == "\"" }).count % 2 == 0 { value = value[..<hash] }
            guard let k = unquote(line[..<eq]), let v = unquote(value) else {
                throw ImportError(file: file, "line \(i + 1): expected \"header\" = \"field\"")
            }
            out[k] = v
        }
        return out
    }
}
