import GRDB

/// The store's schema, as frozen migrations of plain SQL.
///
/// Migrations are never edited once shipped: a change is a new migration. They use plain SQL (no
/// app types) so analysts can read them, and so a PostgreSQL port can translate them one to one.
/// Conventions: singular table names, `id` keys, `…Id` foreign keys, money in integer fen in columns
/// ending in `Fen`, dates as ISO `YYYY-MM-DD` text. The full description for analysts is in
/// `notebooks-docs/03-your-own-sql.md`.
public enum Schema {
    /// The date stored for "yes, but the date is unknown" (是 without a date): before any period.
    public static let unknownPastDate = "0001-01-01"

    /// The disbursement table's identity index as v3 leaves it. A bulk load drops it and builds it again
    /// from this; a test checks it against a migrated store.
    static let disbursementIndex = (name: "disbursement_identity",
                                    sql: "CREATE UNIQUE INDEX disbursement_identity ON disbursement(paidOn, personId, programId, amountFen)")

    /// The disbursement index v7 adds for the reports. A bulk load drops it and builds it again from
    /// this; a test checks it against a migrated store.
    static let disbursementUnitIndex = (name: "disbursement_unitProgram",
                                        sql: "CREATE INDEX disbursement_unitProgram ON disbursement(orgId, programId, paidOn, personId, amountFen)")

    /// Registers every migration, in order.
    public static func migrator() -> DatabaseMigrator {
        var m = DatabaseMigrator()
        m.registerMigration("v1") { db in
            try db.execute(sql: v1)
        }
        // Foreign keys are off while it runs (GRDB's deferred checks), as rebuilding a table needs.
        m.registerMigration("v2") { db in
            try db.execute(sql: v2)
        }
        m.registerMigration("v3") { db in
            try db.execute(sql: v3)
        }
        m.registerMigration("v4") { db in
            try db.execute(sql: v4)
        }
        m.registerMigration("v5") { db in
            try db.execute(sql: v5)
        }
        m.registerMigration("v6") { db in
            try db.execute(sql: v6)
        }
        m.registerMigration("v7") { db in
            try db.execute(sql: v7)
        }
        return m
    }

    /// The person table's unique index as v2 creates it. A bulk load into a store without persons
    /// drops it and builds it again from this (a test checks it against ``v2``).
    static let personIndex = (name: "person_personKey", sql: "CREATE UNIQUE INDEX person_personKey ON person(personKey)")

    static let v1 = """
    CREATE TABLE importBatch (
        id INTEGER PRIMARY KEY AUTOINCREMENT,  -- never reused, even after --replace
        fileName TEXT NOT NULL,          -- as given, without directory
        sha256 TEXT NOT NULL,            -- of the file's bytes
        dataset TEXT NOT NULL,           -- orgs | members | aid | activities
        format TEXT NOT NULL,            -- csv | xlsx | xls
        encoding TEXT,                   -- for text files
        sheet TEXT,                      -- the data sheet taken
        headerRows TEXT NOT NULL,        -- e.g. '2' or '2-3'
        rowsRead INTEGER NOT NULL,       -- data rows (not title, header, blank or footer rows)
        loaded INTEGER NOT NULL,
        rejected INTEGER NOT NULL,
        duplicates INTEGER NOT NULL,
        warnings INTEGER NOT NULL,
        importedAt TEXT NOT NULL         -- UTC, ISO 8601
    );
    CREATE UNIQUE INDEX importBatch_sha ON importBatch(sha256, dataset);

    CREATE TABLE importIssue (
        id INTEGER PRIMARY KEY,
        batchId INTEGER NOT NULL REFERENCES importBatch(id) ON DELETE CASCADE,
        severity TEXT NOT NULL,          -- error | warning
        sheet TEXT,
        row INTEGER,                     -- 1-based, as Excel shows it
        "column" INTEGER,                -- 1-based
        field TEXT,
        category TEXT NOT NULL,          -- bad-check-digit, lost-digits, duplicate, footer-mismatch …
        message TEXT NOT NULL            -- ID numbers and phones masked
    );
    CREATE INDEX importIssue_batch ON importIssue(batchId);

    CREATE TABLE org (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,       -- canonical name from the register
        parentId INTEGER REFERENCES org(id),
        kind TEXT NOT NULL,              -- district, street, town, community, village, enterprise, social_org, agency, other
        code TEXT,
        federationOn TEXT,               -- women's federation organisation set up; 0001-01-01 = yes, date unknown
        womensHomeOn TEXT,               -- 妇女之家 built; 0001-01-01 = yes, date unknown
        workCovered INTEGER NOT NULL DEFAULT 0,  -- women's work otherwise covered (工作覆盖)
        establishedOn TEXT,
        dissolvedOn TEXT,
        women INTEGER,                   -- female population
        batchId INTEGER REFERENCES importBatch(id) ON DELETE SET NULL,
        sourceRow INTEGER
    );
    CREATE INDEX org_parent ON org(parentId);

    CREATE TABLE person (
        id INTEGER PRIMARY KEY,
        personKey TEXT NOT NULL UNIQUE,  -- 'id:<18-digit ID>' or, without an ID, 'name:<name>@<orgId>'
        idNumber TEXT UNIQUE,            -- 18 characters, upper-case X
        name TEXT NOT NULL,
        gender TEXT,                     -- F | M
        birthDate TEXT,
        ethnicity TEXT,
        education TEXT,
        phone TEXT
    );

    CREATE TABLE membership (
        id INTEGER PRIMARY KEY,
        personId INTEGER NOT NULL REFERENCES person(id),
        orgId INTEGER NOT NULL REFERENCES org(id),
        role TEXT NOT NULL,              -- 主席 副主席 兼职副主席 常委 执委 委员 会员 志愿者
        termStart TEXT,                  -- NULL = since before any period
        termEnd TEXT,                    -- NULL = still serving
        tags TEXT,                       -- '、'-separated labels as written (身份标签)
        batchId INTEGER NOT NULL REFERENCES importBatch(id) ON DELETE CASCADE,
        sourceRow INTEGER NOT NULL
    );
    CREATE UNIQUE INDEX membership_identity ON membership(personId, orgId, role, COALESCE(termStart, ''));
    CREATE INDEX membership_org ON membership(orgId);

    CREATE TABLE program (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE
    );

    CREATE TABLE disbursement (
        id INTEGER PRIMARY KEY,
        personId INTEGER NOT NULL REFERENCES person(id),
        programId INTEGER NOT NULL REFERENCES program(id),
        orgId INTEGER NOT NULL REFERENCES org(id),
        paidOn TEXT NOT NULL,
        amountFen INTEGER NOT NULL,
        source TEXT,                     -- 资金来源 as written
        household INTEGER,
        note TEXT,
        batchId INTEGER NOT NULL REFERENCES importBatch(id) ON DELETE CASCADE,
        sourceRow INTEGER NOT NULL
    );
    CREATE UNIQUE INDEX disbursement_identity ON disbursement(personId, programId, paidOn, amountFen);
    CREATE INDEX disbursement_paidOn ON disbursement(paidOn);

    CREATE TABLE activity (
        id INTEGER PRIMARY KEY,
        title TEXT,
        kind TEXT NOT NULL,              -- job_fair lecture training rights volunteer visit other
        orgId INTEGER NOT NULL REFERENCES org(id),
        heldOn TEXT NOT NULL,
        participants INTEGER,
        employers INTEGER,
        positions INTEGER,
        seekers INTEGER,
        placements INTEGER,
        trainees INTEGER,
        batchId INTEGER NOT NULL REFERENCES importBatch(id) ON DELETE CASCADE,
        sourceRow INTEGER NOT NULL
    );
    CREATE INDEX activity_heldOn ON activity(heldOn);
    """

    /// v2: one identity index on person instead of two. v1 had `personKey UNIQUE` and `idNumber UNIQUE`,
    /// two random-order index writes for every new person; `personKey` already holds the ID number
    /// (`id:<ID>`), so a CHECK ties the two together and the single named index keeps both unique. A
    /// named index (not an inline constraint) can be dropped and rebuilt by a bulk load.
    static let v2 = """
    CREATE TABLE person_v2 (
        id INTEGER PRIMARY KEY,
        personKey TEXT NOT NULL,         -- 'id:<18-digit ID>' or, without an ID, 'name:<name>@<orgId>'; unique
        idNumber TEXT,                   -- 18 characters, upper-case X; unique, since personKey = 'id:' || idNumber
        name TEXT NOT NULL,
        gender TEXT,                     -- F | M
        birthDate TEXT,
        ethnicity TEXT,
        education TEXT,
        phone TEXT,
        CHECK (idNumber IS NULL OR personKey = 'id:' || idNumber)
    );
    INSERT INTO person_v2 (id, personKey, idNumber, name, gender, birthDate, ethnicity, education, phone)
        SELECT id, personKey, idNumber, name, gender, birthDate, ethnicity, education, phone FROM person;
    DROP TABLE person;
    ALTER TABLE person_v2 RENAME TO person;
    CREATE UNIQUE INDEX person_personKey ON person(personKey);
    """

    /// v3: one index on disbursement instead of two. The identity (person, program, date, amount) is
    /// unique whatever its column order; led by `paidOn`, the same index serves the date-range scans
    /// of every report that v1's `disbursement_paidOn` served, and each new disbursement writes one
    /// index instead of two.
    static let v3 = """
    DROP INDEX disbursement_paidOn;
    DROP INDEX disbursement_identity;
    CREATE UNIQUE INDEX disbursement_identity ON disbursement(paidOn, personId, programId, amountFen);
    """

    /// v4: workbooks with several data sheets, and batches told apart by the path they came from.
    /// `importBatch.path` is the path as the user gave it (two streets' 一季度救助发放表.csv from two
    /// folders are two batches that `--replace` tells apart); `importSheet` holds one row per data
    /// sheet of a batch with its counts; every stored row names its sheet (`sourceSheet`, NULL for CSV).
    static let v4 = """
    ALTER TABLE importBatch ADD COLUMN path TEXT;   -- as given on the command line; NULL before v4
    CREATE TABLE importSheet (
        batchId INTEGER NOT NULL REFERENCES importBatch(id) ON DELETE CASCADE,
        position INTEGER NOT NULL,       -- 0-based, among the batch's data sheets
        name TEXT NOT NULL,              -- sheet name (the file name for CSV)
        headerRows TEXT NOT NULL,        -- e.g. '2' or '2-3'
        sheetRows INTEGER NOT NULL,      -- every row from 1 to the last: title + header + data + blank + footer + note
        titleRows INTEGER NOT NULL,
        dataRows INTEGER NOT NULL,       -- loaded + rejected + duplicates
        loaded INTEGER NOT NULL,
        rejected INTEGER NOT NULL,
        duplicates INTEGER NOT NULL,
        blankRows INTEGER NOT NULL,
        footerRows INTEGER NOT NULL,
        noteRows INTEGER NOT NULL,
        PRIMARY KEY (batchId, position)
    );
    ALTER TABLE org ADD COLUMN sourceSheet TEXT;
    ALTER TABLE membership ADD COLUMN sourceSheet TEXT;
    ALTER TABLE disbursement ADD COLUMN sourceSheet TEXT;
    ALTER TABLE activity ADD COLUMN sourceSheet TEXT;
    """

    /// v5: a store for a whole city or province. A unit is identified by its code when it has one
    /// (the 12-digit 统计用区划代码, 9- and 6-digit town and county forms padded with zeros; the 18-character
    /// 统一社会信用代码 upper-cased), else by its place: names are unique among siblings
    /// (`org_place`), no longer across the store, so 幸福社区 may exist in every district. The view
    /// `orgPath` gives every unit's path from the top (江北区/石马河街道/南桥寺社区), computed from the tree
    /// so it is never stale (and the org rows every report looks up stay as narrow as before); `orgName`
    /// keeps former names, which still resolve for rows dated before the change. The table is rebuilt
    /// (SQLite cannot drop an inline UNIQUE); every row keeps its id.
    /// The view of every unit's path from the top (江北区/石马河街道/南桥寺社区), as v5 creates it (and the
    /// PostgreSQL schema, where the same SQL holds). Part of a shipped migration: never edit it.
    static let orgPathView = """
        CREATE VIEW orgPath(id, path) AS
            WITH RECURSIVE up(id, path, depth) AS (
                SELECT id, name, 0 FROM org WHERE parentId IS NULL
                UNION ALL
                SELECT o.id, up.path || '/' || o.name, up.depth + 1 FROM org o JOIN up ON o.parentId = up.id WHERE up.depth < 64
            )
            SELECT id, path FROM up;
        """

    /// v6: the rows of a sheet that head a group (一、城南街道), counted beside its footer and note rows.
    static let v6 = """
    ALTER TABLE importSheet ADD COLUMN sectionRows INTEGER NOT NULL DEFAULT 0;
    """

    /// v7: the aid report's index. Led by the unit and the programme, then the date, it holds every column
    /// the report reads: the report walks the units of each group and each programme, reads each one's
    /// rows of the period as one range of this index (so a quarter costs the quarter's rows, whatever
    /// the store holds), and gets them already grouped, without sorting them or visiting the table.
    static let v7 = """
    CREATE INDEX disbursement_unitProgram ON disbursement(orgId, programId, paidOn, personId, amountFen);
    """

    static let v5 = """
    CREATE TABLE org_v5 (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,              -- canonical name from the register; unique among the units of one parent
        parentId INTEGER REFERENCES org(id),
        kind TEXT NOT NULL,              -- city, district, street, town, community, village, enterprise, social_org, agency, other
        code TEXT,                       -- 12-digit 统计用区划代码 or 18-character 统一社会信用代码: identifies the unit when set
        federationOn TEXT,               -- women's federation organisation set up; 0001-01-01 = yes, date unknown
        womensHomeOn TEXT,               -- 妇女之家 built; 0001-01-01 = yes, date unknown
        workCovered INTEGER NOT NULL DEFAULT 0,  -- women's work otherwise covered (工作覆盖)
        establishedOn TEXT,
        dissolvedOn TEXT,
        women INTEGER,                   -- female population
        batchId INTEGER REFERENCES importBatch(id) ON DELETE SET NULL,
        sourceRow INTEGER,
        sourceSheet TEXT
    );
    INSERT INTO org_v5 (id, name, parentId, kind, code, federationOn, womensHomeOn, workCovered, establishedOn, dissolvedOn,
                        women, batchId, sourceRow, sourceSheet)
        SELECT id, name, parentId, kind, code, federationOn, womensHomeOn, workCovered, establishedOn, dissolvedOn,
               women, batchId, sourceRow, sourceSheet FROM org;
    DROP TABLE org;
    ALTER TABLE org_v5 RENAME TO org;
    UPDATE org SET code = NULL WHERE trim(code) = '';
    UPDATE org SET code = code || '000000' WHERE length(code) = 6 AND code NOT GLOB '*[^0-9]*';
    UPDATE org SET code = code || '000' WHERE length(code) = 9 AND code NOT GLOB '*[^0-9]*';
    UPDATE org SET code = upper(code) WHERE length(code) = 18;
    CREATE INDEX org_parent ON org(parentId);
    CREATE UNIQUE INDEX org_place ON org(COALESCE(parentId, 0), name);
    CREATE INDEX org_code ON org(code) WHERE code IS NOT NULL;
    CREATE INDEX org_name ON org(name);
    \(orgPathView)
    CREATE TABLE orgName (
        id INTEGER PRIMARY KEY,
        orgId INTEGER NOT NULL REFERENCES org(id) ON DELETE CASCADE,
        name TEXT NOT NULL,              -- a former name of the unit
        until TEXT NOT NULL,             -- the day it changed: rows dated before it may still use this name
        batchId INTEGER REFERENCES importBatch(id) ON DELETE SET NULL
    );
    CREATE INDEX orgName_org ON orgName(orgId);
    """
}
