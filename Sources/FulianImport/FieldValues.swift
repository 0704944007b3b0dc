import Foundation

/// A row's normalised values by field key, kept in the order of its dataset's fields.
///
/// What a `[String: String]` of a dozen keys did for every row of a cleanup run, without hashing: the
/// keys are one array shared by every row of a file (``RowNormalizer``'s, the dataset's field order),
/// the values one array beside it, and a key is found by a scan over a dozen short keys (quicker than
/// hashing one). Equal when both hold the same values for the same keys, whatever the key order.
///
/// ```swift
/// var f: FieldValues = ["name": "张三"]
/// f["org"] = "幸福社区"
/// f["name"]   // "张三"
/// ```
public struct FieldValues: Sendable, Equatable, ExpressibleByDictionaryLiteral {
    /// The keys a value may be stored under; a key set that is not among them is added at the end.
    public private(set) var keys: [String]
    private var values: [String?]

    /// No values, for these keys.
    public init(keys: [String]) {
        self.keys = keys
        values = Array(repeating: nil, count: keys.count)
    }

    /// The values of a dictionary.
    public init(_ dictionary: [String: String]) {
        keys = Array(dictionary.keys)
        values = keys.map { dictionary[$0] }
    }

    /// The values of a literal (`["org": "幸福社区"]`).
    public init(dictionaryLiteral elements: (String, String)...) {
        keys = []
        values = []
        for (k, v) in elements { self[k] = v }
    }

    @inline(__always)
    private func position(_ key: String) -> Int? {
        let n = key.utf8.count
        for i in keys.indices where keys[i].utf8.count == n && keys[i] == key { return i }
        return nil
    }

    /// The value of a field, nil when it has none; setting nil removes it.
    public subscript(key: String) -> String? {
        get { position(key).flatMap { values[$0] } }
        set {
            if let i = position(key) {
                values[i] = newValue
            } else if let newValue {
                keys.append(key)
                values.append(newValue)
            }
        }
    }

    /// The fields that have a value, with it, in key order.
    public var pairs: [(key: String, value: String)] {
        zip(keys, values).compactMap { k, v in v.map { (k, $0) } }
    }

    /// The same values as a dictionary.
    public var dictionary: [String: String] {
        Dictionary(pairs.map { ($0.key, $0.value) }, uniquingKeysWith: { a, _ in a })
    }

    /// Whether no field has a value.
    public var isEmpty: Bool { values.allSatisfy { $0 == nil } }

    /// Whether both hold the same value for every key (key order and unset keys do not count).
    public static func == (a: FieldValues, b: FieldValues) -> Bool {
        if a.keys == b.keys { return a.values == b.values }
        return a.dictionary == b.dictionary
    }
}
