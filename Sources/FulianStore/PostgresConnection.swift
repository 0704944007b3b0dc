import CPostgreSQL
import Foundation
import FulianCore

/// An error the PostgreSQL server (or libpq) reported: its SQLSTATE and its text, with every password removed.
package struct PostgresError: Error, CustomStringConvertible, Sendable {
    /// The five-character SQLSTATE (`25006` read-only transaction, `23505` unique violation …); `08000` for libpq's own errors.
    package var sqlState: String
    /// The server's primary message, passwords replaced by `***`.
    package var message: String

    package var description: String { "\(message) (\(sqlState))" }

    /// The error as the store reports it.
    package var storeError: StoreError { StoreError(.serverRefused(code: sqlState, reason: message)) }
}

/// Store locations that are PostgreSQL connection strings, and how they are shown.
public enum PostgresURI {
    /// Whether `location` (a `--db` value) names a PostgreSQL database: `postgresql://…` or `postgres://…`.
    public static func isPostgres(_ location: String) -> Bool {
        location.hasPrefix("postgresql://") || location.hasPrefix("postgres://")
    }

    /// The URI with its password replaced by `***` (in the user part and in a `password=` parameter):
    /// `postgresql://stats:***@db.example/fulian`. Everything fulian prints shows a location this way.
    public static func redacted(_ uri: String) -> String {
        var s = uri
        if let scheme = s.range(of: "://") {
            let rest = s[scheme.upperBound...]
            let authorityEnd = rest.firstIndex { $0 == "/" || $0 == "?" } ?? rest.endIndex
            if let at = rest[..<authorityEnd].lastIndex(of: "@"), let colon = rest[..<at].firstIndex(of: ":") {
                s.replaceSubrange(s.index(after: colon)..<at, with: "***")
            }
        }
        // `password=…` in the query string, or in a key=value connection string.
        var out = ""
        var rest = s[...]
        while let r = rest.range(of: "password=", options: .caseInsensitive) {
            out += rest[..<r.upperBound]
            out += "***"
            rest = rest[r.upperBound...]
            if rest.first == "'" {
                // A quoted key=value value: up to the closing quote, backslash escapes included.
                var i = rest.index(after: rest.startIndex)
                while i < rest.endIndex, rest[i] != "'" { i = rest.index(i, offsetBy: rest[i] == "\\" ? 2 : 1, limitedBy: rest.endIndex) ?? rest.endIndex }
                rest = i < rest.endIndex ? rest[rest.index(after: i)...] : rest[rest.endIndex...]
            } else {
                let end = rest.firstIndex { $0 == "&" || $0 == " " } ?? rest.endIndex
                rest = rest[end...]
            }
        }
        return out + rest
    }
}

/// One libpq connection to a PostgreSQL server, with the few calls the store needs: statements with
/// parameters (`PQexecParams`, every value as text), rows read as text, and `COPY … FROM STDIN`.
///
/// Not thread-safe: one connection serves one thread at a time, as a GRDB `Database` does.
package final class PostgresConnection {
    private let handle: OpaquePointer
    /// Where it is connected, password redacted (for messages).
    package let location: String
    /// Texts never to show: the password from the URI, the environment or ~/.pgpass.
    private let secrets: [String]

    /// OIDs of the types read back as integers, floats and booleans.
    private static let integerTypes: Set<UInt32> = [20, 21, 23, 26]
    private static let numericType: UInt32 = 1700
    private static let floatTypes: Set<UInt32> = [700, 701]
    private static let boolType: UInt32 = 16
    private static let byteaType: UInt32 = 17
    private static let int8Type: UInt32 = 20
    private static let float8Type: UInt32 = 701

    /// Connects to `uri` (libpq's URI or key=value form; `PGHOST`, `PGPASSWORD`, `~/.pgpass`, `sslmode` apply).
    /// A refusal is a ``StoreError`` naming the location without its password.
    package init(uri: String) throws {
        location = PostgresURI.redacted(uri)
        var secrets: [String] = []
        var parseError: UnsafeMutablePointer<CChar>?
        if let options = PQconninfoParse(uri, &parseError) {
            var o = options
            while let keyword = o.pointee.keyword {
                if String(cString: keyword) == "password", let v = o.pointee.val { secrets.append(String(cString: v)) }
                o += 1
            }
            PQconninfoFree(options)
        }
        if let parseError {
            let reason = String(cString: parseError)
            PQfreemem(parseError)
            throw StoreError(.cannotOpen(path: location, reason: Self.redact(reason, secrets)))
        }
        guard let conn = PQconnectdb(uri) else {
            throw StoreError(.cannotOpen(path: location, reason: "out of memory"))
        }
        if let p = PQpass(conn) { secrets.append(String(cString: p)) }
        self.secrets = secrets.filter { !$0.isEmpty }
        guard PQstatus(conn) == CONNECTION_OK else {
            let reason = Self.redact(String(cString: PQerrorMessage(conn)), self.secrets)
            PQfinish(conn)
            throw StoreError(.cannotOpen(path: location, reason: reason))
        }
        handle = conn
        // Server notices (`NOTICE: table does not exist, skipping`) are not for the user's terminal.
        PQsetNoticeProcessor(conn, { _, _ in }, nil)
    }

    deinit { PQfinish(handle) }

    /// `text` with every secret replaced by `***`, trimmed.
    private static func redact(_ text: String, _ secrets: [String]) -> String {
        var t = text
        for s in secrets { t = t.replacingOccurrences(of: s, with: "***") }
        return t.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    private func error(_ result: OpaquePointer?) -> PostgresError {
        var state = "08000"
        var message = String(cString: PQerrorMessage(handle))
        if let result {
            if let s = PQresultErrorField(result, Int32(UInt8(ascii: "C"))) { state = String(cString: s) }
            if let m = PQresultErrorField(result, Int32(UInt8(ascii: "M"))) { message = String(cString: m) }
        }
        return PostgresError(sqlState: state, message: Self.redact(message, secrets))
    }

    /// `?` placeholders outside quotes and comments numbered `$1`, `$2` … (the store's own SQL is written
    /// once with `?`; statements that already use `$n` pass unchanged).
    package static func numbered(_ sql: String) -> String {
        guard sql.contains("?") else { return sql }
        var out = ""
        var n = 0
        var quote: Character?
        for c in sql {
            if let q = quote {
                if c == q { quote = nil }
                out.append(c)
            } else if c == "'" || c == "\"" {
                quote = c
                out.append(c)
            } else if c == "?" {
                n += 1
                out += "$\(n)"
            } else {
                out.append(c)
            }
        }
        return out
    }

    /// Runs one statement with `arguments` bound to `?`/`$n` and returns its rows (empty for a command).
    @discardableResult
    package func query(_ sql: String, _ arguments: [StoreValue] = []) throws -> [StoreRow] {
        let result = try run(sql, arguments)
        defer { PQclear(result) }
        return rows(result)
    }

    /// Runs one statement and returns its column names (also when it returns no row) and rows.
    package func queryWithColumns(_ sql: String, _ arguments: [StoreValue]) throws -> ([String], [StoreRow]) {
        let result = try run(sql, arguments)
        defer { PQclear(result) }
        let columns = (0..<PQnfields(result)).map { String(cString: PQfname(result, $0)) }
        return (columns, rows(result))
    }

    /// Runs one statement with `arguments`, returning nothing.
    package func execute(_ sql: String, _ arguments: [StoreValue] = []) throws {
        PQclear(try run(sql, arguments))
    }

    /// Runs one command with `arguments` and returns how many rows it inserted, updated or deleted.
    package func executeCounting(_ sql: String, _ arguments: [StoreValue] = []) throws -> Int64 {
        let result = try run(sql, arguments)
        defer { PQclear(result) }
        return Int64(String(cString: PQcmdTuples(result))) ?? 0
    }

    /// Runs several statements (no parameters) in one round trip: migrations and transaction control.
    package func executeScript(_ sql: String) throws {
        let result = PQexec(handle, sql)
        defer { PQclear(result) }
        let status = PQresultStatus(result)
        guard status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK else { throw error(result) }
    }

    private func run(_ sql: String, _ arguments: [StoreValue]) throws -> OpaquePointer {
        let result = Self.withParameters(arguments) { n, types, values, lengths, formats in
            PQexecParams(handle, Self.numbered(sql), n, types, values, lengths, formats, 0)
        }
        let status = PQresultStatus(result)
        guard let result, status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK else {
            let e = error(result)
            PQclear(result)
            throw e
        }
        return result
    }

    /// Calls `body` with libpq's parameter arrays for `arguments` (every value as text; nil arrays for none).
    private static func withParameters<T>(_ arguments: [StoreValue], _ body: (Int32, UnsafePointer<UInt32>?, UnsafePointer<UnsafePointer<CChar>?>?,
                                                                        UnsafePointer<Int32>?, UnsafePointer<Int32>?) -> T) -> T {
        var types: [UInt32] = []
        var values: [UnsafeMutablePointer<CChar>?] = []
        var lengths: [Int32] = []
        var formats: [Int32] = []
        defer { for v in values { free(v) } }
        for a in arguments {
            switch a {
            case .null: types.append(0); values.append(nil); lengths.append(0); formats.append(0)
            case .bool(let b): types.append(Self.boolType); values.append(strdup(b ? "t" : "f")); lengths.append(0); formats.append(0)
            case .int(let i): types.append(Self.int8Type); values.append(strdup(String(i))); lengths.append(0); formats.append(0)
            case .double(let d): types.append(Self.float8Type); values.append(strdup(String(d))); lengths.append(0); formats.append(0)
            // Text goes untyped: the server infers it from the context (a DATE column compared with '2024-03-31').
            case .text(let s): types.append(0); values.append(strdup(s)); lengths.append(0); formats.append(0)
            case .blob(let b):
                // bytea's hex text form.
                let hex = "\\x" + b.map { String(format: "%02x", $0) }.joined()
                types.append(Self.byteaType); values.append(strdup(hex)); lengths.append(0); formats.append(0)
            }
        }
        return values.withUnsafeBufferPointer { v in
            v.baseAddress!.withMemoryRebound(to: UnsafePointer<CChar>?.self, capacity: max(v.count, 1)) { vp in
                arguments.isEmpty ? body(0, nil, nil, nil, nil) : body(Int32(arguments.count), types, vp, lengths, formats)
            }
        }
    }

    /// Runs one query and calls `body` with each row, fetched through a cursor ``rowsPerFetch`` at a time,
    /// so a long result is never held whole (in a transaction, as every read of the store is; outside one,
    /// the whole result is read first). Should `body` throw, the cursor is closed and the error rethrown.
    package func forEachRow(_ sql: String, _ arguments: [StoreValue], _ body: (StoreRow) throws -> Void) throws {
        guard PQtransactionStatus(handle) == PQTRANS_INTRANS else {
            for r in try query(sql, arguments) { try body(r) }
            return
        }
        try execute("DECLARE fulian_rows NO SCROLL CURSOR FOR " + sql, arguments)
        do {
            while true {
                let result = try run("FETCH \(Self.rowsPerFetch) FROM fulian_rows", [])
                defer { PQclear(result) }
                if PQntuples(result) == 0 { break }
                for r in rows(result) { try body(r) }
            }
        } catch {
            // A failed statement has ended the transaction's use; otherwise free the cursor for the next query.
            if PQtransactionStatus(handle) == PQTRANS_INTRANS { try? executeScript("CLOSE fulian_rows") }
            throw error
        }
        try executeScript("CLOSE fulian_rows")
    }

    /// Rows a cursor hands over per round trip in ``forEachRow(_:_:_:)``.
    static let rowsPerFetch = 10_000

    private func rows(_ result: OpaquePointer) -> [StoreRow] {
        let n = PQntuples(result), width = PQnfields(result)
        guard width > 0 else { return [] }
        let columns = (0..<width).map { String(cString: PQfname(result, $0)) }
        let types = (0..<width).map { PQftype(result, $0) }
        var out: [StoreRow] = []
        out.reserveCapacity(Int(n))
        for r in 0..<n {
            var values: [StoreValue] = []
            values.reserveCapacity(Int(width))
            for c in 0..<width {
                if PQgetisnull(result, r, c) == 1 { values.append(.null); continue }
                let s = String(cString: PQgetvalue(result, r, c))
                let t = types[Int(c)]
                if Self.integerTypes.contains(t) {
                    values.append(Int64(s).map(StoreValue.int) ?? .text(s))
                } else if t == Self.numericType {
                    values.append(Int64(s).map(StoreValue.int) ?? Double(s).map(StoreValue.double) ?? .text(s))
                } else if Self.floatTypes.contains(t) {
                    values.append(Double(s).map(StoreValue.double) ?? .text(s))
                } else if t == Self.boolType {
                    values.append(.int(s == "t" ? 1 : 0))
                } else {
                    values.append(.text(s))
                }
            }
            out.append(StoreRow(columns: columns, values: values))
        }
        return out
    }

    /// Runs `body` in a savepoint of the open transaction and returns its result; when it fails with
    /// `sqlState`, rolls back to the savepoint (the transaction goes on as before `body`) and returns nil.
    package func attempt<T>(unless sqlState: String, _ body: () throws -> T) throws -> T? {
        try executeScript("SAVEPOINT fulian_attempt")
        do {
            let result = try body()
            try executeScript("RELEASE SAVEPOINT fulian_attempt")
            return result
        } catch let e as PostgresError where e.sqlState == sqlState {
            try executeScript("ROLLBACK TO SAVEPOINT fulian_attempt; RELEASE SAVEPOINT fulian_attempt")
            return nil
        }
    }

    /// Runs `COPY … FROM STDIN` (text format): `body` appends rows to the writer, which sends them in
    /// 256 KiB pieces. The rows are in the server's table when this returns; any error ends the COPY.
    package func copy(_ sql: String, _ body: (inout PostgresCopyWriter) throws -> Void) throws {
        let start = PQexec(handle, sql)
        let status = PQresultStatus(start)
        guard status == PGRES_COPY_IN else {
            let e = error(start)
            PQclear(start)
            throw e
        }
        PQclear(start)
        var writer = PostgresCopyWriter(connection: self)
        do {
            try body(&writer)
            try writer.flush()
        } catch {
            _ = PQputCopyEnd(handle, "aborted")
            while let r = PQgetResult(handle) { PQclear(r) }
            throw error
        }
        guard PQputCopyEnd(handle, nil) == 1 else { throw self.error(nil) }
        var failure: PostgresError?
        while let r = PQgetResult(handle) {
            if PQresultStatus(r) != PGRES_COMMAND_OK, failure == nil { failure = self.error(r) }
            PQclear(r)
        }
        if let failure { throw failure }
    }

    /// Runs `COPY … FROM STDIN` with rows gathered beforehand in a detached writer (``PostgresCopyWriter/init()``),
    /// so the connection stays free for other statements while they are gathered.
    package func copy(_ sql: String, rows: PostgresCopyWriter) throws {
        try copy(sql) { w in try w.append(rows) }
    }

    fileprivate func send(_ bytes: [UInt8]) throws {
        let ok = bytes.withUnsafeBufferPointer { b in
            b.baseAddress!.withMemoryRebound(to: CChar.self, capacity: b.count) { PQputCopyData(handle, $0, Int32(b.count)) }
        }
        guard ok == 1 else { throw error(nil) }
    }
}

/// Rows of a text-format `COPY … FROM STDIN`, escaped as PostgreSQL reads them (`\N` for NULL; backslash,
/// tab, newline and carriage return escaped).
package struct PostgresCopyWriter {
    /// Where full buffers go; nil for a detached writer, which keeps every row until it is sent whole.
    fileprivate let connection: PostgresConnection?
    private var buffer: [UInt8] = []
    private var fieldsInRow = 0
    /// Rows ended so far (a detached writer's rows waiting to be sent).
    package private(set) var rows = 0
    private static let limit = 1 << 18

    fileprivate init(connection: PostgresConnection) {
        self.connection = connection
        buffer.reserveCapacity(Self.limit + 4096)
    }

    /// A detached writer: rows are kept (in COPY's text form) until ``PostgresConnection/copy(_:rows:)`` sends them.
    package init() {
        connection = nil
    }

    /// Bytes gathered and not sent yet.
    package var byteCount: Int { buffer.count }

    /// Forgets the rows gathered, keeping the buffer's capacity.
    package mutating func removeAll() {
        buffer.removeAll(keepingCapacity: true)
        fieldsInRow = 0
        rows = 0
    }

    /// Appends the rows of a detached writer.
    fileprivate mutating func append(_ other: PostgresCopyWriter) throws {
        if buffer.isEmpty, let connection {
            try connection.send(other.buffer)
        } else {
            buffer += other.buffer
            if buffer.count >= Self.limit { try flush() }
        }
        rows += other.rows
    }

    private mutating func separate() {
        if fieldsInRow > 0 { buffer.append(0x09) }
        fieldsInRow += 1
    }

    /// Appends NULL.
    package mutating func null() {
        separate()
        buffer += [0x5C, 0x4E]
    }

    /// Appends an integer (NULL when nil).
    package mutating func int(_ v: Int64?) {
        guard let v else { return null() }
        separate()
        if v < 0 { buffer.append(0x2D) }
        var m = v.magnitude
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        withUnsafeMutableBytes(of: &digits) { d in
            var n = 0
            repeat {
                d[19 - n] = UInt8(truncatingIfNeeded: 48 + m % 10)
                m /= 10
                n += 1
            } while m > 0
            buffer.append(contentsOf: UnsafeRawBufferPointer(rebasing: d[(20 - n)...]))
        }
    }

    /// Appends an integer.
    package mutating func int(_ v: Int) { int(Int64(v)) }

    /// Appends a date as ISO text (NULL when nil).
    package mutating func date(_ v: CivilDate?) {
        guard let v else { return null() }
        separate()
        v.withISOBytes { buffer.append(contentsOf: $0) }
    }

    /// Appends text (NULL when nil).
    package mutating func text(_ v: String?) {
        guard let v else { return null() }
        separate()
        for b in v.utf8 {
            switch b {
            case 0x5C: buffer += [0x5C, 0x5C]
            case 0x09: buffer += [0x5C, 0x74]
            case 0x0A: buffer += [0x5C, 0x6E]
            case 0x0D: buffer += [0x5C, 0x72]
            default: buffer.append(b)
            }
        }
    }

    /// Ends a row; sends the buffer once it is large.
    package mutating func endRow() throws {
        buffer.append(0x0A)
        fieldsInRow = 0
        rows += 1
        if buffer.count >= Self.limit, connection != nil { try flush() }
    }

    fileprivate mutating func flush() throws {
        guard !buffer.isEmpty, let connection else { return }
        try connection.send(buffer)
        buffer.removeAll(keepingCapacity: true)
    }
}

/// Statements a test suite runs on a server outside any store (`CREATE DATABASE` for a test's own database).
@_spi(Testing) public enum PostgresAdmin {
    /// Connects to `server`, runs `sql` and disconnects; a failure is a ``StoreError``.
    public static func execute(server: String, _ sql: String) throws {
        let c = try PostgresConnection(uri: server)
        do { try c.executeScript(sql) } catch let e as PostgresError { throw e.storeError }
    }
}
