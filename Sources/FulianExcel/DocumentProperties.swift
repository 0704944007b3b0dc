import CXlsxWriter
import Foundation

/// The workbook's File ▸ Properties: title, subject, author, company and creation time (`docProps/core.xml`, `app.xml`).
///
/// ```swift
/// let props = DocumentProperties(
///     title: "2024年第一季度妇女工作统计",
///     subject: "季度报表",
///     company: "某市妇联",
///     created: Date(timeIntervalSince1970: 1_711_843_200))  // fixed: byte-repeatable output
/// let wb = try Workbook(path: "q1.xlsx", properties: props)
/// ```
///
/// `created` nil means "now" (the library's default). With a fixed `created`, the same content gives a
/// byte-identical file (libxlsxwriter fixes the zip entry dates itself), which golden-file tests rely on.
public struct DocumentProperties: Hashable, Sendable {
    /// Title (core.xml `dc:title`).
    public var title: String?
    /// Subject (`dc:subject`).
    public var subject: String?
    /// Author (`dc:creator`); defaults to "fulian".
    public var author: String?
    /// Manager (app.xml `Manager`).
    public var manager: String?
    /// Company (app.xml `Company`).
    public var company: String?
    /// Category (`cp:category`).
    public var category: String?
    /// Keywords (`cp:keywords`).
    public var keywords: String?
    /// Comments (`dc:description`).
    public var comments: String?
    /// Status (`cp:contentStatus`).
    public var status: String?
    /// Creation time, whole seconds; nil is the time of writing.
    public var created: Date?

    /// Creates properties; only `author` has a default ("fulian").
    public init(
        title: String? = nil, subject: String? = nil, author: String? = "fulian", manager: String? = nil,
        company: String? = nil, category: String? = nil, keywords: String? = nil, comments: String? = nil,
        status: String? = nil, created: Date? = nil
    ) {
        self.title = title
        self.subject = subject
        self.author = author
        self.manager = manager
        self.company = company
        self.category = category
        self.keywords = keywords
        self.comments = comments
        self.status = status
        self.created = created
    }

    /// The text fields with their names, for validation.
    var textFields: [(String, String?)] {
        [("title", title), ("subject", subject), ("author", author), ("manager", manager), ("company", company),
         ("category", category), ("keywords", keywords), ("comments", comments), ("status", status)]
    }

    /// Whether any field is set (the library writes defaults otherwise).
    var isEmpty: Bool { textFields.allSatisfy { $0.1 == nil } && created == nil }
}

/// Owns C copies of strings that must outlive the call they are passed to (doc properties, tmpdir, chart text).
///
/// The C library keeps some `char *` it is given until `workbook_close`; Swift's temporary C strings die
/// when the call returns. Every copy made here is freed when the pool is drained after close.
final class CStringPool {
    private var pointers: [UnsafeMutablePointer<CChar>] = []

    /// A `strdup` copy, owned by the pool.
    func copy(_ s: String) -> UnsafeMutablePointer<CChar> {
        let p = strdup(s)!
        pointers.append(p)
        return p
    }

    /// A copy, or nil for nil.
    func copy(_ s: String?) -> UnsafeMutablePointer<CChar>? {
        guard let s else { return nil }
        return copy(s)
    }

    /// Frees every copy. Call only once the C library can no longer read them.
    func drain() {
        for p in pointers { free(p) }
        pointers.removeAll()
    }

    deinit { drain() }
}
