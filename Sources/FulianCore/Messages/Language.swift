import Foundation

/// The language every word a person reads is written in: Chinese (Simplified) unless asked otherwise.
///
/// The CLI sets ``current`` once from `--lang` or `FULIAN_LANG`; library code renders messages in it when
/// they are printed, and takes a `Language` argument where a caller may want another (a workbook in English).
///
/// ```swift
/// Language(argument: "en")      // .en  (also "english", "en-US")
/// Language.current = .en
/// ```
public enum Language: String, Sendable, Hashable, CaseIterable, Codable {
    /// 简体中文, the default.
    case zh
    /// English.
    case en

    /// Reads a `--lang` value or `FULIAN_LANG`: zh, zh-CN, zh_CN.UTF-8, cn, chinese, 中文 / en, en-US, english.
    public init?(argument: String) {
        let s = argument.lowercased().trimmingCharacters(in: .whitespaces)
        if s == "zh" || s.hasPrefix("zh-") || s.hasPrefix("zh_") || s == "cn" || s == "chinese" || s == "中文" {
            self = .zh
        } else if s == "en" || s.hasPrefix("en-") || s.hasPrefix("en_") || s == "english" || s == "英文" {
            self = .en
        } else {
            return nil
        }
    }

    /// The language of this process: `FULIAN_LANG` when it names one, else Chinese, until set.
    public static var current: Language {
        get { state.withLock { $0 } }
        set { state.withLock { $0 = newValue } }
    }

    private static let state = LockedValue(
        ProcessInfo.processInfo.environment["FULIAN_LANG"].flatMap(Language.init(argument:)) ?? .zh)
}

/// A value behind a lock (Foundation's NSLock; `Synchronization.Mutex` needs newer Apple platforms).
final class LockedValue<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value

    init(_ value: Value) { self.value = value }

    func withLock<R>(_ body: (inout Value) -> R) -> R {
        lock.lock()
        defer { lock.unlock() }
        return body(&value)
    }
}
