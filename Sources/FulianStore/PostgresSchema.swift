/// The store's schema on PostgreSQL, as frozen migrations of plain SQL in PostgreSQL's own types.
///
/// The same tables, columns and meanings as the SQLite schema after its v5 (``Schema``): `BIGINT` identity
/// keys, `DATE` dates, `BIGINT` fen, `BOOLEAN` flags, unique indexes that settle a unit's place, a person's
/// key and a disbursement's identity. Applied versions are rows of `fulianSchema`; a store holding a
/// version this fulian does not know is refused. Migrations are never edited once shipped.
enum PostgresSchema {
    /// Every migration, in order: version number and SQL.
    static let migrations: [(version: Int, sql: String)] = [(1, v1), (2, v2), (3, v3), (4, v4), (5, v5)]

    /// v2: SQLite's v6, the rows of a sheet that head a group (一、城南街道).
    static let v2 = """
    ALTER TABLE importSheet ADD COLUMN sectionRows INTEGER NOT NULL DEFAULT 0;
    """

    /// The tables a login's write rights are checked on, with the condition a new row must meet
    /// (the rows of a batch: under a unit the login may write, in a batch of its own).
    static let scopedTables: [(table: String, check: String)] = [
        ("membership", "orgId IN (SELECT fulian_writable_units(current_user)) AND batchId IN (SELECT fulian_batches_of(current_user))"),
        ("disbursement", "orgId IN (SELECT fulian_writable_units(current_user)) AND batchId IN (SELECT fulian_batches_of(current_user))"),
        ("activity", "orgId IN (SELECT fulian_writable_units(current_user)) AND batchId IN (SELECT fulian_batches_of(current_user))"),
    ]

    /// Row-level security on every table of v3: everyone who may read reads every row; writes are checked
    /// against the writing login (`current_user`).
    static var v3Policies: String {
        var out: [String] = []
        func readable(_ t: String) {
            out.append("ALTER TABLE \(t) ENABLE ROW LEVEL SECURITY;")
            out.append("CREATE POLICY fulian_read ON \(t) FOR SELECT USING (true);")
        }
        for t in ["fulianSchema", "fulianAccess"] { readable(t) }
        readable("importBatch")
        out.append("CREATE POLICY fulian_insert ON importBatch FOR INSERT WITH CHECK (owner = current_user);")
        out.append("CREATE POLICY fulian_update ON importBatch FOR UPDATE USING (owner = current_user) WITH CHECK (owner = current_user);")
        out.append("CREATE POLICY fulian_delete ON importBatch FOR DELETE USING (owner = current_user);")
        for t in ["importIssue", "importSheet"] {
            readable(t)
            out.append("CREATE POLICY fulian_insert ON \(t) FOR INSERT WITH CHECK (batchId IN (SELECT fulian_batches_of(current_user)));")
        }
        readable("org")
        let writable = "IN (SELECT fulian_writable_units(current_user))"
        out.append("""
            CREATE POLICY fulian_insert ON org FOR INSERT WITH CHECK (
                parentId \(writable) OR (parentId IS NULL AND fulian_writes_everywhere(current_user)));
            """)
        out.append("""
            CREATE POLICY fulian_update ON org FOR UPDATE USING (id \(writable)) WITH CHECK (
                parentId \(writable) OR id IN (SELECT orgId FROM fulianAccess WHERE login = current_user)
                OR (parentId IS NULL AND fulian_writes_everywhere(current_user)));
            """)
        readable("orgName")
        out.append("CREATE POLICY fulian_insert ON orgName FOR INSERT WITH CHECK (orgId \(writable));")
        for t in ["person", "program"] {
            readable(t)
            out.append("CREATE POLICY fulian_insert ON \(t) FOR INSERT WITH CHECK (true);")
        }
        out.append("CREATE POLICY fulian_update ON person FOR UPDATE USING (true) WITH CHECK (true);")
        for (t, check) in scopedTables {
            readable(t)
            out.append("CREATE POLICY fulian_insert ON \(t) FOR INSERT WITH CHECK (\(check));")
            out.append("CREATE POLICY fulian_delete ON \(t) FOR DELETE USING (batchId IN (SELECT fulian_batches_of(current_user)));")
        }
        // A partition read or written directly (not through its table) has policies of its own: it may be read,
        // never written by a login the policies apply to.
        for t in ["disbursement", "activity"] {
            for y in partitionYears.map(String.init) + ["default"] {
                out.append("ALTER TABLE \(t)_\(y) ENABLE ROW LEVEL SECURITY; CREATE POLICY fulian_read ON \(t)_\(y) FOR SELECT USING (true);")
            }
        }
        return out.joined(separator: "\n")
    }

    /// v3: who may write what. Each batch records the login that imported it (`owner`); `fulianAccess` lists
    /// the units each login may write under (a NULL unit: the whole store, new top units included); row-level
    /// security policies on every table let a login insert only rows under those units, into its own
    /// batches, and replace or delete only its own batches. The owner of the tables (who created the schema)
    /// and superusers are not bound by the policies; a login without a row in `fulianAccess` writes nothing.
    /// Rows removed by a batch's `ON DELETE CASCADE` are removed by the database's referential actions,
    /// which no policy restricts.
    static var v3: String {
        """
        ALTER TABLE importBatch ADD COLUMN owner TEXT NOT NULL DEFAULT current_user;
        CREATE INDEX importBatch_owner ON importBatch(owner);

        CREATE TABLE fulianAccess (
            login TEXT NOT NULL,             -- a PostgreSQL role that logs in
            orgId BIGINT REFERENCES org(id) ON DELETE CASCADE,   -- NULL: every unit, and new top units
            grantedAt TIMESTAMPTZ NOT NULL DEFAULT now()
        );
        CREATE UNIQUE INDEX fulianAccess_entry ON fulianAccess(login, COALESCE(orgId, 0));

        -- Run as the owner of the tables (SECURITY DEFINER), so what they read is not filtered by the
        -- policies that call them; each is called once per statement (an IN (SELECT …) is hashed).
        CREATE FUNCTION fulian_writes_everywhere(who TEXT) RETURNS BOOLEAN
            LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
            SELECT EXISTS (SELECT 1 FROM fulianAccess WHERE login = who AND orgId IS NULL)
        $$;
        CREATE FUNCTION fulian_writable_units(who TEXT) RETURNS SETOF BIGINT
            LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
            WITH RECURSIVE s(id) AS (
                SELECT orgId FROM fulianAccess WHERE login = who AND orgId IS NOT NULL
                UNION
                SELECT o.id FROM org o JOIN s ON o.parentId = s.id
            )
            SELECT id FROM s WHERE NOT fulian_writes_everywhere(who)
            UNION ALL
            SELECT id FROM org WHERE fulian_writes_everywhere(who)
        $$;
        CREATE FUNCTION fulian_batches_of(who TEXT) RETURNS SETOF BIGINT
            LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
            SELECT id FROM importBatch WHERE owner = who
        $$;
        \(v3Policies)
        """
    }

    /// A reference from a big table's rows to a unit, person, programme or batch, checked by ``v4``'s triggers
    /// instead of a foreign key.
    struct Reference {
        /// The referring table and column.
        var table: String, column: String
        /// The table referred to (its `id`).
        var parent: String
        /// Whether deleting the parent row deletes the referring rows (else it is refused).
        var cascade: Bool
        /// The foreign key of v1 it replaces.
        var constraint: String { "\(table.lowercased())_\(column.lowercased())_fkey" }
    }

    /// The references of the three big tables, in the order they are checked.
    static let references: [Reference] = [
        .init(table: "disbursement", column: "personId", parent: "person", cascade: false),
        .init(table: "disbursement", column: "programId", parent: "program", cascade: false),
        .init(table: "disbursement", column: "orgId", parent: "org", cascade: false),
        .init(table: "disbursement", column: "batchId", parent: "importBatch", cascade: true),
        .init(table: "membership", column: "personId", parent: "person", cascade: false),
        .init(table: "membership", column: "orgId", parent: "org", cascade: false),
        .init(table: "membership", column: "batchId", parent: "importBatch", cascade: true),
        .init(table: "activity", column: "orgId", parent: "org", cascade: false),
        .init(table: "activity", column: "batchId", parent: "importBatch", cascade: true),
    ]

    /// The id of each unit's district: its nearest ancestor-or-self of kind district, else the top unit of
    /// its tree (a city's own rows, or a tree without districts). `SELECT orgId, districtId FROM (…)`.
    static let districtOfUnit = """
        WITH RECURSIVE up (orgId, at, kind, parentId, depth) AS (
            SELECT id, id, kind, parentId, 0 FROM org
            UNION ALL
            SELECT up.orgId, o.id, o.kind, o.parentId, up.depth + 1 FROM up JOIN org o ON o.id = up.parentId
            WHERE up.kind <> 'district' AND up.depth < 64
        )
        SELECT orgId, at AS districtId FROM up WHERE kind = 'district' OR parentId IS NULL
        """

    /// The statement-level check of one big table's references: every id its new rows name exists, and is
    /// locked `FOR KEY SHARE` until the transaction ends (as a foreign key's check locks it, so a concurrent
    /// delete of the parent waits, then finds the rows that name it), in one query per reference instead of
    /// one per row.
    static func referenceCheck(_ table: String) -> String {
        referenceFunction(table, unlocked: [], replace: false) + "\n" + """
            CREATE TRIGGER \(table)_references_insert AFTER INSERT ON \(table) REFERENCING NEW TABLE AS fulian_new
                FOR EACH STATEMENT EXECUTE FUNCTION fulian_\(table)_references();
            CREATE TRIGGER \(table)_references_update AFTER UPDATE ON \(table) REFERENCING NEW TABLE AS fulian_new
                FOR EACH STATEMENT EXECUTE FUNCTION fulian_\(table)_references();
            """
    }

    /// The trigger function of ``referenceCheck(_:)``. References to a parent in `unlocked` are checked
    /// without locking the parent's rows (``v5``): its deletes lock the referring tables instead.
    static func referenceFunction(_ table: String, unlocked: Set<String>, replace: Bool) -> String {
        let refs = references.filter { $0.table == table }
        let checks = refs.map { r in
            unlocked.contains(r.parent)
                ? """
                    SELECT k.id INTO missing FROM (SELECT DISTINCT \(r.column) AS id FROM fulian_new) k
                    WHERE k.id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM \(r.parent) p WHERE p.id = k.id) LIMIT 1;
                    IF missing IS NOT NULL THEN
                        RAISE EXCEPTION 'insert or update on table "\(table)" violates foreign key constraint "\(r.constraint)"'
                            USING ERRCODE = 'foreign_key_violation',
                                  DETAIL = format('Key (\(r.column.lowercased()))=(%s) is not present in table "\(r.parent.lowercased())".', missing);
                    END IF;
                """
                : """
                WITH k AS (SELECT DISTINCT \(r.column) AS id FROM fulian_new WHERE \(r.column) IS NOT NULL),
                     l AS (SELECT p.id FROM \(r.parent) p WHERE p.id IN (SELECT id FROM k) FOR KEY SHARE OF p)
                SELECT (SELECT count(*) FROM k), (SELECT count(*) FROM l) INTO wanted, locked;
                IF locked < wanted THEN
                    SELECT k.id INTO missing FROM (SELECT DISTINCT \(r.column) AS id FROM fulian_new) k
                    WHERE k.id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM \(r.parent) p WHERE p.id = k.id) LIMIT 1;
                    RAISE EXCEPTION 'insert or update on table "\(table)" violates foreign key constraint "\(r.constraint)"'
                        USING ERRCODE = 'foreign_key_violation',
                              DETAIL = format('Key (\(r.column.lowercased()))=(%s) is not present in table "\(r.parent.lowercased())".', missing);
                END IF;
            """
        }.joined(separator: "\n")
        return """
            CREATE \(replace ? "OR REPLACE " : "")FUNCTION fulian_\(table)_references() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $f$
            DECLARE wanted BIGINT; locked BIGINT; missing BIGINT;
            BEGIN
            \(checks)
                RETURN NULL;
            END $f$;
            """
    }

    /// The parent side of the references to `parent`: deleting its rows deletes (batches) or is refused
    /// while a big table's row names them; changing an id that is named, or TRUNCATE while any is, is refused.
    static func parentCheck(_ parent: String) -> String {
        let refs = references.filter { $0.parent == parent }
        let onTruncate = refs.map { r in
            """
                IF EXISTS (SELECT 1 FROM \(r.table)) THEN
                    RAISE EXCEPTION 'cannot truncate a table referenced in a foreign key constraint'
                        USING ERRCODE = 'feature_not_supported', DETAIL = 'Table "\(r.table)" references "\(parent.lowercased())".';
                END IF;
            """
        }.joined(separator: "\n")
        return parentFunctions(parent, lockFirst: false, replace: false) + "\n" + """
            CREATE TRIGGER \(parent)_referenced_key AFTER UPDATE OF id ON \(parent)
                FOR EACH ROW WHEN (OLD.id IS DISTINCT FROM NEW.id) EXECUTE FUNCTION fulian_\(parent)_rekeyed();
            CREATE FUNCTION fulian_\(parent)_truncated() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $f$
            BEGIN
            \(onTruncate)
                RETURN NULL;
            END $f$;
            CREATE TRIGGER \(parent)_referenced_truncate BEFORE TRUNCATE ON \(parent)
                FOR EACH STATEMENT EXECUTE FUNCTION fulian_\(parent)_truncated();
            """
    }

    /// The delete function and trigger, and the re-key function, of ``parentCheck(_:)`` (the re-key trigger
    /// follows). With `lockFirst` (``v5``), both first lock the referring tables in SHARE mode: that waits
    /// for the transactions writing them to end, so the checks that follow (each a new snapshot) see the
    /// rows those wrote, which checked this parent's rows without locking them.
    static func parentFunctions(_ parent: String, lockFirst: Bool, replace: Bool) -> String {
        let refs = references.filter { $0.parent == parent }
        let create = replace ? "CREATE OR REPLACE FUNCTION" : "CREATE FUNCTION"
        let lock = lockFirst ? "    LOCK TABLE \(refs.map(\.table).joined(separator: ", ")) IN SHARE MODE;\n" : ""
        let onDelete = refs.map { r in
            r.cascade
                ? "    DELETE FROM \(r.table) c WHERE c.\(r.column) IN (SELECT id FROM fulian_old);"
                : """
                    IF EXISTS (SELECT 1 FROM fulian_old o JOIN \(r.table) c ON c.\(r.column) = o.id) THEN
                        RAISE EXCEPTION 'update or delete on table "\(parent.lowercased())" violates foreign key constraint "\(r.constraint)" on table "\(r.table)"'
                            USING ERRCODE = 'foreign_key_violation', DETAIL = 'Key is still referenced from table "\(r.table)".';
                    END IF;
                """
        }.joined(separator: "\n")
        let onKey = refs.map { r in
            """
                IF EXISTS (SELECT 1 FROM \(r.table) c WHERE c.\(r.column) = OLD.id) THEN
                    RAISE EXCEPTION 'update or delete on table "\(parent.lowercased())" violates foreign key constraint "\(r.constraint)" on table "\(r.table)"'
                        USING ERRCODE = 'foreign_key_violation', DETAIL = format('Key (id)=(%s) is still referenced from table "\(r.table)".', OLD.id);
                END IF;
            """
        }.joined(separator: "\n")
        let deleteTrigger = replace ? "" : """

            CREATE TRIGGER \(parent)_referenced_delete AFTER DELETE ON \(parent) REFERENCING OLD TABLE AS fulian_old
                FOR EACH STATEMENT EXECUTE FUNCTION fulian_\(parent)_deleted();
            """
        return """
            \(create) fulian_\(parent)_deleted() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $f$
            BEGIN
            \(lock)\(onDelete)
                RETURN NULL;
            END $f$;\(deleteTrigger)
            \(create) fulian_\(parent)_rekeyed() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $f$
            BEGIN
            \(lock)\(onKey)
                RETURN NULL;
            END $f$;
            """
    }

    /// v5: a bulk import checks its persons (hundreds of thousands in a province's file) without locking
    /// each person row `FOR KEY SHARE` — locking them took longer than inserting them. A delete or re-key of
    /// persons (fulian does neither; an administrator might) locks `disbursement` and `membership` in SHARE
    /// mode first instead, so it waits for imports in progress and then finds the rows they stored: the
    /// database still refuses to orphan a row. Programmes, units and batches (a few per file) stay locked
    /// as in v4.
    static var v5: String {
        """
        \(referenceFunction("disbursement", unlocked: ["person"], replace: true))
        \(referenceFunction("membership", unlocked: ["person"], replace: true))
        \(parentFunctions("person", lockFirst: true, replace: true))
        """
    }

    /// v4: every row of the three big tables carries its district (`districtId`, see ``districtOfUnit``),
    /// filled for the rows already stored and indexed for a district's reports (and, on Citus, the column
    /// the tables are distributed by); and their references are checked once per statement instead of once
    /// per row (``referenceCheck(_:)``, ``parentCheck(_:)``), the foreign keys of v1 dropped: the database
    /// still refuses a row naming a person, unit, programme or batch that does not exist, and a bulk
    /// import no longer spends most of its time in four checks of every row.
    static var v4: String {
        let tables = ["disbursement", "membership", "activity"]
        let drops = references.map { "ALTER TABLE \($0.table) DROP CONSTRAINT \($0.constraint);" }.joined(separator: "\n")
        let fill = tables.map { t in
            """
            ALTER TABLE \(t) ADD COLUMN districtId BIGINT;
            UPDATE \(t) x SET districtId = m.districtId FROM fulian_district m WHERE m.orgId = x.orgId;
            ALTER TABLE \(t) ALTER COLUMN districtId SET NOT NULL;
            """
        }.joined(separator: "\n")
        return """
            CREATE TEMP TABLE fulian_district ON COMMIT DROP AS \(districtOfUnit);
            \(fill)
            CREATE INDEX disbursement_district ON disbursement(districtId, paidOn);
            CREATE INDEX membership_district ON membership(districtId);
            CREATE INDEX activity_district ON activity(districtId, heldOn);
            DROP TABLE fulian_district;
            \(drops)
            \(tables.map(referenceCheck).joined(separator: "\n"))
            \(["person", "program", "org", "importBatch"].map(parentCheck).joined(separator: "\n"))
            """
    }

    /// The table of applied versions.
    static let versionTable = """
    CREATE TABLE IF NOT EXISTS fulianSchema (
        version INTEGER PRIMARY KEY,
        appliedAt TIMESTAMPTZ NOT NULL DEFAULT now()
    )
    """

    /// The years that get a partition of their own in the tables partitioned by date; rows of other
    /// years go to the `…_default` partition.
    static let partitionYears = 2010...2035

    /// One partition a year of `table` and its default partition (a later migration can add years).
    static func yearPartitions(_ table: String) -> String {
        partitionYears.map { y in
            "CREATE TABLE \(table)_\(y) PARTITION OF \(table) FOR VALUES FROM ('\(y)-01-01') TO ('\(y + 1)-01-01');"
        }.joined(separator: "\n    ") + "\n    CREATE TABLE \(table)_default PARTITION OF \(table) DEFAULT;"
    }

    /// v1: the logical schema of SQLite's v1–v5 at once. Disbursements and activities are partitioned by
    /// year (declarative range partitions on `paidOn` / `heldOn`; the keys include the partition column, and
    /// ids come from a sequence, as PostgreSQL 15 allows no identity column on a partitioned table), so
    /// a decade of a province's rows stays fast: a report reads only the partitions of its period.
    static let v1 = """
    CREATE TABLE importBatch (
        id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,  -- never reused, even after --replace
        fileName TEXT NOT NULL,
        sha256 TEXT NOT NULL,
        dataset TEXT NOT NULL,           -- orgs | members | aid | activities
        format TEXT NOT NULL,            -- csv | xlsx | xls
        encoding TEXT,
        sheet TEXT,
        headerRows TEXT NOT NULL,
        rowsRead INTEGER NOT NULL,
        loaded INTEGER NOT NULL,
        rejected INTEGER NOT NULL,
        duplicates INTEGER NOT NULL,
        warnings INTEGER NOT NULL,
        importedAt TEXT NOT NULL,        -- UTC, ISO 8601 (as SQLite keeps it)
        path TEXT
    );
    CREATE UNIQUE INDEX importBatch_sha ON importBatch(sha256, dataset);

    CREATE TABLE importIssue (
        id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
        batchId BIGINT NOT NULL REFERENCES importBatch(id) ON DELETE CASCADE,
        severity TEXT NOT NULL,
        sheet TEXT,
        row INTEGER,
        "column" INTEGER,
        field TEXT,
        category TEXT NOT NULL,
        message TEXT NOT NULL            -- ID numbers and phones masked
    );
    CREATE INDEX importIssue_batch ON importIssue(batchId);

    CREATE TABLE importSheet (
        batchId BIGINT NOT NULL REFERENCES importBatch(id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        name TEXT NOT NULL,
        headerRows TEXT NOT NULL,
        sheetRows INTEGER NOT NULL,
        titleRows INTEGER NOT NULL,
        dataRows INTEGER NOT NULL,
        loaded INTEGER NOT NULL,
        rejected INTEGER NOT NULL,
        duplicates INTEGER NOT NULL,
        blankRows INTEGER NOT NULL,
        footerRows INTEGER NOT NULL,
        noteRows INTEGER NOT NULL,
        PRIMARY KEY (batchId, position)
    );

    CREATE TABLE org (
        id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,  -- ids are given by the import (register order)
        name TEXT NOT NULL,
        parentId BIGINT REFERENCES org(id),
        kind TEXT NOT NULL,
        code TEXT,
        federationOn DATE,               -- 0001-01-01 = yes, date unknown
        womensHomeOn DATE,
        workCovered BOOLEAN NOT NULL DEFAULT false,
        establishedOn DATE,
        dissolvedOn DATE,
        women INTEGER,
        batchId BIGINT REFERENCES importBatch(id) ON DELETE SET NULL,
        sourceRow INTEGER,
        sourceSheet TEXT
    );
    CREATE INDEX org_parent ON org(parentId);
    CREATE UNIQUE INDEX org_place ON org(COALESCE(parentId, 0), name);
    CREATE INDEX org_code ON org(code) WHERE code IS NOT NULL;
    CREATE INDEX org_name ON org(name);
    \(Schema.orgPathView)
    CREATE TABLE orgName (
        id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
        orgId BIGINT NOT NULL REFERENCES org(id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        until DATE NOT NULL,
        batchId BIGINT REFERENCES importBatch(id) ON DELETE SET NULL
    );
    CREATE INDEX orgName_org ON orgName(orgId);

    CREATE TABLE person (
        id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
        personKey TEXT NOT NULL,         -- 'id:<18-digit ID>' or 'name:<name>@<orgId>'
        idNumber TEXT,
        name TEXT NOT NULL,
        gender TEXT,                     -- F | M
        birthDate DATE,
        ethnicity TEXT,
        education TEXT,
        phone TEXT,
        CHECK (idNumber IS NULL OR personKey = 'id:' || idNumber)
    );
    CREATE UNIQUE INDEX person_personKey ON person(personKey);

    CREATE TABLE membership (
        id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
        personId BIGINT NOT NULL REFERENCES person(id),
        orgId BIGINT NOT NULL REFERENCES org(id),
        role TEXT NOT NULL,
        termStart DATE,
        termEnd DATE,
        tags TEXT,
        batchId BIGINT NOT NULL REFERENCES importBatch(id) ON DELETE CASCADE,
        sourceRow INTEGER NOT NULL,
        sourceSheet TEXT
    );
    CREATE UNIQUE INDEX membership_identity ON membership(personId, orgId, role, COALESCE(termStart, DATE '0001-01-01'));
    CREATE INDEX membership_org ON membership(orgId);

    CREATE TABLE program (
        id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
        name TEXT NOT NULL UNIQUE
    );

    CREATE SEQUENCE disbursement_id_seq;
    CREATE TABLE disbursement (
        id BIGINT NOT NULL DEFAULT nextval('disbursement_id_seq'),
        personId BIGINT NOT NULL REFERENCES person(id),
        programId BIGINT NOT NULL REFERENCES program(id),
        orgId BIGINT NOT NULL REFERENCES org(id),
        paidOn DATE NOT NULL,
        amountFen BIGINT NOT NULL,
        source TEXT,
        household INTEGER,
        note TEXT,
        batchId BIGINT NOT NULL REFERENCES importBatch(id) ON DELETE CASCADE,
        sourceRow INTEGER NOT NULL,
        sourceSheet TEXT,
        PRIMARY KEY (id, paidOn)
    ) PARTITION BY RANGE (paidOn);
    \(yearPartitions("disbursement"))
    CREATE UNIQUE INDEX disbursement_identity ON disbursement(paidOn, personId, programId, amountFen);
    CREATE INDEX disbursement_batch ON disbursement(batchId);

    CREATE SEQUENCE activity_id_seq;
    CREATE TABLE activity (
        id BIGINT NOT NULL DEFAULT nextval('activity_id_seq'),
        title TEXT,
        kind TEXT NOT NULL,
        orgId BIGINT NOT NULL REFERENCES org(id),
        heldOn DATE NOT NULL,
        participants INTEGER,
        employers INTEGER,
        positions INTEGER,
        seekers INTEGER,
        placements INTEGER,
        trainees INTEGER,
        batchId BIGINT NOT NULL REFERENCES importBatch(id) ON DELETE CASCADE,
        sourceRow INTEGER NOT NULL,
        sourceSheet TEXT,
        PRIMARY KEY (id, heldOn)
    ) PARTITION BY RANGE (heldOn);
    \(yearPartitions("activity"))
    CREATE INDEX activity_heldOn ON activity(heldOn);
    CREATE INDEX activity_batch ON activity(batchId);
    CREATE INDEX membership_batch ON membership(batchId);
    """

    /// Brings the database up to date (creating the schema in an empty one) in one transaction, holding an
    /// advisory lock so two first imports do not both create it; a version this fulian does not know is
    /// ``StoreMessage/newerStore(path:)``.
    static func migrate(_ c: PostgresConnection, readOnly: Bool) throws {
        let known = Set(migrations.map(\.version))
        func applied() throws -> Set<Int>? {
            guard try c.query("SELECT to_regclass('fulianschema') IS NOT NULL AS e").first?.int("e") == 1 else { return nil }
            return Set(try c.query("SELECT version FROM fulianSchema").compactMap { $0.values.first?.int }.map(Int.init))
        }
        // Up to date: nothing is written (a writer login needs no CREATE privilege).
        if let done = try applied() {
            if !done.isSubset(of: known) { throw StoreError(.newerStore(path: c.location)) }
            if done == known { return }
        }
        if readOnly { throw StoreError(.notAStore(path: c.location)) }
        try c.executeScript("BEGIN; SELECT pg_advisory_xact_lock(4815162342);")
        do {
            try c.executeScript(versionTable)
            let done = try applied() ?? []
            if !done.isSubset(of: known) { throw StoreError(.newerStore(path: c.location)) }
            for m in migrations where !done.contains(m.version) {
                try c.executeScript(m.sql)
                try c.execute("INSERT INTO fulianSchema (version) VALUES (?)", [.int(Int64(m.version))])
            }
            try c.executeScript("COMMIT")
        } catch {
            try? c.executeScript("ROLLBACK")
            throw error
        }
    }
}
