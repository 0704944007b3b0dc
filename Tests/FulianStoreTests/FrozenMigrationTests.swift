import FulianCore
@testable import FulianStore
import Testing

/// Shipped migrations are never edited: a store that applied one must keep meaning what it meant. Each
/// migration's SQL is pinned by its SHA-256, taken from the commit that shipped it; a new migration gets
/// its line when it ships.
@Suite struct FrozenMigrationTests {
    /// PostgreSQL's v1–v4 as shipped (v4 in 88bece3), and v5.
    static let postgres: [Int: String] = [
        1: "28ba65e8c5d3bea43c063e306b660a007c5358bb6168125d69826245f267db62",
        2: "8407e2da8af97af7de5c1e32e9408436a796dd9e77c2364ca857fbabc5bae21b",
        3: "2d80be84d991a4279611f4377a7c430bd2b58250dd405b81f205b0bb2f601b05",
        4: "32d8ca2282d5d67f72bb661d1f38f96dd0d24be581280f13dc8ee8cb6680c205",
        5: "9bdaec4d02c972477e0f2ffdfbcd138680d00b8264f8abab9574b9a0ddd8621e",
    ]

    /// The SQL texts of SQLite's migrations v1–v7 (each migration may also run code around its text).
    static let sqlite: [(String, String, String)] = [
        ("v1", Schema.v1, "f6a83da5ba9efcbe48d2da4cde243617fc6530a20d8c86aab8c4b5e20a92bde8"),
        ("v2", Schema.v2, "0fd4d4f524255c47b55ca9ccf5715f40f1942b5fd977e6e488720dea238175f3"),
        ("v3", Schema.v3, "06bf53ce4f4d6d14ae7252e2f6668547012ca3988fc93c1460735b64a4af21a1"),
        ("v4", Schema.v4, "6f898c93287a47b27b559236cc8c5654d338ed1156c915a5670389736e6f5fda"),
        ("v5", Schema.v5, "901a966773c5601b1b311c87fa6ba3099757f643edfd99b3f49e1a1126de32cf"),
        ("v6", Schema.v6, "8407e2da8af97af7de5c1e32e9408436a796dd9e77c2364ca857fbabc5bae21b"),
        ("v7", Schema.v7, "a0b35410e1907f6182f3a179f464b8992fb4fa607dfd7c6a94dfbfd945701c5e"),
    ]

    @Test func postgresMigrationsAreAsShipped() {
        for m in PostgresSchema.migrations {
            #expect(SHA256.hex(Array(m.sql.utf8)) == Self.postgres[m.version], "PostgreSQL v\(m.version)")
        }
        #expect(PostgresSchema.migrations.map(\.version) == Self.postgres.keys.sorted())
    }

    @Test func sqliteMigrationTextsAreAsShipped() {
        for (name, sql, pinned) in Self.sqlite {
            #expect(SHA256.hex(Array(sql.utf8)) == pinned, "SQLite \(name)")
        }
    }
}
