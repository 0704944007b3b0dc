import FulianAnalytics
import FulianCore
import FulianStore
import GRDB

/// A small synthetic register with aid, members and activities, inserted with plain SQL.
///
/// Tree (ids in brackets; kind in parentheses):
///
///     测试区 [1] (district)
///     ├── 东街道 [2] (street)
///     │   ├── 东一社区 [10]  federation 0001-01-01, 妇女之家 2024-02-10
///     │   │   └── 东方公司 [20] (enterprise) federation 2023-01-01
///     │   ├── 东二社区 [11]  federation 2024-05-01, workCovered
///     │   └── 东三社区 [12]  federation 2020-01-01, dissolved 2024-02-15
///     ├── 西街道 [3] (street)
///     │   ├── 西一社区 [13]  established 2024-04-10 with federation and 妇女之家 the same day
///     │   ├── 西二社区 [14]  nothing
///     │   └── 西山公司 [21] (enterprise) workCovered
///     ├── 南镇 [4] (town)
///     │   ├── 南一村 [15] (village) federation 2023-06-01, 妇女之家 0001-01-01
///     │   ├── 南二村 [16] (village) workCovered
///     │   └── 南风协会 [22] (social_org) 妇女之家 2024-01-20
///     └── 北街道 [5] (street) — no units at all
enum SyntheticStore {
    static let register = """
        INSERT INTO importBatch (id, fileName, sha256, dataset, format, headerRows, rowsRead, loaded, rejected, duplicates, warnings, importedAt)
        VALUES (1, '登记表.xlsx', 'a1', 'orgs', 'xlsx', '1', 14, 14, 0, 0, 0, '2024-04-01T00:00:00Z'),
               (2, '救助.csv', 'a2', 'aid', 'csv', '1', 14, 13, 1, 0, 1, '2024-04-02T00:00:00Z'),
               (3, '名册.xlsx', 'a3', 'members', 'xlsx', '2', 10, 10, 0, 0, 0, '2024-04-03T00:00:00Z'),
               (4, '活动.xlsx', 'a4', 'activities', 'xlsx', '2', 9, 9, 0, 0, 0, '2024-04-04T00:00:00Z');
        INSERT INTO importIssue (batchId, severity, row, category, message) VALUES
            (2, 'error', 5, 'bad-check-digit', 'x'), (2, 'warning', 9, 'footer-mismatch', 'y'),
            (4, 'warning', 3, 'gender-mismatch', 'z'), (4, 'warning', 4, 'gender-mismatch', 'z');
        INSERT INTO org (id, name, parentId, kind, federationOn, womensHomeOn, workCovered, establishedOn, dissolvedOn) VALUES
            (1, '测试区', NULL, 'district', NULL, NULL, 0, NULL, NULL),
            (2, '东街道', 1, 'street', NULL, NULL, 0, NULL, NULL),
            (3, '西街道', 1, 'street', NULL, NULL, 0, NULL, NULL),
            (4, '南镇', 1, 'town', NULL, NULL, 0, NULL, NULL),
            (5, '北街道', 1, 'street', NULL, NULL, 0, NULL, NULL),
            (10, '东一社区', 2, 'community', '0001-01-01', '2024-02-10', 0, NULL, NULL),
            (11, '东二社区', 2, 'community', '2024-05-01', NULL, 1, NULL, NULL),
            (12, '东三社区', 2, 'community', '2020-01-01', NULL, 0, NULL, '2024-02-15'),
            (13, '西一社区', 3, 'community', '2024-04-10', '2024-04-10', 0, '2024-04-10', NULL),
            (14, '西二社区', 3, 'community', NULL, NULL, 0, '2010-01-01', NULL),
            (15, '南一村', 4, 'village', '2023-06-01', '0001-01-01', 0, NULL, NULL),
            (16, '南二村', 4, 'village', NULL, NULL, 1, NULL, NULL),
            (20, '东方公司', 10, 'enterprise', '2023-01-01', NULL, 0, NULL, NULL),
            (21, '西山公司', 3, 'enterprise', NULL, NULL, 1, NULL, NULL),
            (22, '南风协会', 4, 'social_org', NULL, '2024-01-20', 0, NULL, NULL);
        INSERT INTO person (id, personKey, name, birthDate) VALUES
            (1, 'name:甲@10', '甲', '1990-04-01'),
            (2, 'name:乙@10', '乙', '1994-03-31'),
            (3, 'name:丙@11', '丙', '1980-01-01'),
            (4, 'name:丁@2', '丁', '1994-04-01'),
            (5, 'name:戊@15', '戊', '1964-03-31'),
            (6, 'name:己@15', '己', NULL),
            (7, 'name:庚@13', '庚', '2000-05-05'),
            (8, 'name:辛@20', '辛', '1975-12-12');
        INSERT INTO program (id, name) VALUES (1, '春蕾计划'), (2, '贫困母亲救助');
        """

    static let aid = """
        INSERT INTO disbursement (id, personId, programId, orgId, paidOn, amountFen, source, batchId, sourceRow) VALUES
            (1, 1, 1, 10, '2024-01-15', 100000, '区财政', 2, 2),
            (2, 2, 1, 11, '2024-02-20', 150050, '区财政', 2, 3),
            (3, 1, 2, 10, '2024-03-31', 80000, '省妇联', 2, 4),
            (4, 3, 2, 2, '2024-03-01', 50000, NULL, 2, 5),
            (5, 4, 1, 15, '2024-01-01', 120000, '社会捐赠', 2, 6),
            (6, 4, 1, 21, '2024-02-10', 30000, '区财政', 2, 7),
            (7, 5, 1, 12, '2024-01-20', 20000, '区财政', 2, 8),
            (8, 1, 1, 10, '2024-04-10', 100000, '区财政', 2, 9),
            (9, 6, 2, 13, '2024-05-05', 60000, '省妇联', 2, 10),
            (10, 2, 1, 11, '2023-12-31', 70000, '区财政', 2, 11),
            (11, 3, 2, 16, '2023-02-14', 40000, '区财政', 2, 12),
            (12, 1, 1, 10, '2023-03-01', 90000, '区财政', 2, 13),
            (13, 7, 2, 16, '2024-09-09', 25000, '区财政', 2, 14);
        """

    static let members = """
        INSERT INTO membership (id, personId, orgId, role, termStart, termEnd, tags, batchId, sourceRow) VALUES
            (1, 1, 10, '主席', NULL, NULL, '党员、巾帼志愿者', 3, 2),
            (2, 2, 10, '副主席', '2024-01-01', NULL, '党员', 3, 3),
            (3, 3, 11, '执委', NULL, '2024-02-29', '党员', 3, 4),
            (4, 4, 2, '主席', NULL, NULL, NULL, 3, 5),
            (5, 5, 15, '主席', '2023-06-01', NULL, '村干部', 3, 6),
            (6, 6, 15, '志愿者', '2024-03-31', NULL, '巾帼志愿者、 党员', 3, 7),
            (7, 1, 16, '委员', NULL, '2024-03-31', '', 3, 8),
            (8, 7, 13, '会员', '2024-05-01', NULL, NULL, 3, 9),
            (9, 8, 20, '执委', NULL, NULL, '党员', 3, 10),
            (10, 1, 11, '主席', NULL, NULL, NULL, 3, 11);
        """

    static let activities = """
        INSERT INTO activity (id, title, kind, orgId, heldOn, participants, employers, positions, seekers, placements, batchId, sourceRow) VALUES
            (1, '春季招聘会', 'job_fair', 10, '2024-01-10', 300, 20, 200, 250, 50, 4, 2),
            (2, '女性就业招聘', 'job_fair', 2, '2024-03-15', 500, 30, 400, 350, 70, 4, 3),
            (3, '镇招聘会', 'job_fair', 15, '2024-02-01', 100, 5, 40, 0, 0, 4, 4),
            (4, '法律讲座', 'lecture', 11, '2024-01-05', 40, NULL, NULL, NULL, NULL, 4, 5),
            (5, '维权咨询', 'rights', 16, '2024-03-08', NULL, NULL, NULL, NULL, NULL, 4, 6),
            (6, '技能培训', 'training', 21, '2024-02-20', 25, NULL, NULL, NULL, NULL, 4, 7),
            (7, '夏季招聘会', 'job_fair', 13, '2024-05-20', 200, 10, 100, 150, 30, 4, 8),
            (8, '春节慰问', 'visit', 10, '2023-12-20', 15, NULL, NULL, NULL, NULL, 4, 9),
            (9, '往年招聘会', 'job_fair', 10, '2023-02-01', 100, 8, 80, 100, 10, 4, 10);
        """

    /// A store holding the whole synthetic data set.
    static func make() throws -> Store {
        let store = try Store(inMemory: ())
        try store.dbQueue.write { db in
            for sql in [register, aid, members, activities] { try db.execute(sql: sql) }
        }
        return store
    }
}

/// Shorthands for the tests.
enum R {
    static func period(_ text: String) -> Period { try! Period(parsing: text) }

    static func run(
        _ store: Store, _ kind: ReportKind, _ period: String, by: OrgLevel = .street, compare: Bool = false,
        kinds: [String] = [], breakdowns: Set<ReportBreakdown> = []
    ) throws -> ReportResult {
        try Reports.run(
            ReportRequest(kind: kind, period: R.period(period), by: by, compare: compare, kinds: kinds, breakdowns: breakdowns),
            in: store)
    }

    /// Each row as `key|key|measure|…` (null shown as `null`).
    static func lines(_ r: ReportResult) -> [String] {
        r.rows.map { row in (Array(row.keys) + Array(row.measures)).map(\.value.description).joined(separator: "|") }
    }

    /// The totals as `measure|measure|…`.
    static func totals(_ r: ReportResult) -> String {
        r.totals.measures.map(\.value.description).joined(separator: "|")
    }

    /// A comparison section of one row as `measure|…`.
    static func section(_ f: ReportFields?) -> String {
        (f ?? []).map(\.value.description).joined(separator: "|")
    }
}
