"""Runs fulian and its peers side by side on the same data; prints medians, peak memory, ratios and
whether each target of the issues is met.

Usage: bench/run [read] [xls] [import] [report] [10m] [write] [postgres] [--quick]
       (no part named: all six but postgres; the shell wrapper builds everything and sets up the venv and data)

Each measurement runs a whole process under /usr/bin/time: the median wall time of N runs is reported
with the CPU time (user + sys) and peak RSS of that median run. N is 5 (3 with --quick); the slow
Python peers (openpyxl, pandas.read_excel, XlsxWriter at 1M rows) run fewer times, as the n column
says. "vs fulian" is the row's time / fulian's time: above 1 means fulian is faster.

Binaries: FULIAN (default /tmp/bench-main-build/release/fulian, what bench/run builds),
FULIAN_BENCH (default bench/.build/release/fulian-bench), WRITE_PEER (default bench/.build/write_peer).
"""
import json, os, shutil, sqlite3, subprocess, sys, tempfile, time

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "data")
PY = sys.executable
FULIAN = os.environ.get("FULIAN") or "/tmp/bench-main-build/release/fulian"
BENCH = os.environ.get("FULIAN_BENCH") or os.path.join(HERE, ".build", "release", "fulian-bench")
WRITE_PEER = os.environ.get("WRITE_PEER") or os.path.join(HERE, ".build", "write_peer")
QUICK = "--quick" in sys.argv
RUNS = 3 if QUICK else 5
SLOW = 1 if QUICK else 3          # XlsxWriter / pandas.read_excel
VERY_SLOW = 1                     # openpyxl at 1M rows, openpyxl read-only
PERIOD, START, END = "2024Q1", "2024-01-01", "2024-03-31"
TMP = tempfile.mkdtemp(prefix="fulian-bench-")
VERDICTS = []

def peer(script, *args):
    return [PY, os.path.join(HERE, "peers", script)] + list(args)

class Result:
    def __init__(self, secs, cpu, mb, out, n):
        self.secs, self.cpu, self.mb, self.out, self.n = secs, cpu, mb, out, n

def measure(cmd, runs=None, setup=None, cwd=None, shell=False):
    """Median of `runs` whole-process runs of cmd (a list, or a shell string with shell=True)."""
    runs = runs or RUNS
    results = []
    for _ in range(runs):
        if setup: setup()
        full = ["/usr/bin/time", "-f", "%e %U %S %M"] + (["sh", "-c", cmd] if shell else cmd)
        p = subprocess.run(full, capture_output=True, text=True, cwd=cwd)
        if p.returncode != 0:
            raise SystemExit("failed: %s\n%s" % (cmd if shell else " ".join(cmd), p.stderr[-3000:]))
        secs, user, sys_, rss = p.stderr.strip().splitlines()[-1].split()
        results.append(Result(float(secs), float(user) + float(sys_), int(rss) // 1024, p.stdout.strip(), runs))
    results.sort(key=lambda r: r.secs)
    return results[len(results) // 2]

def table(title, rows, ratios=True):
    """rows: (name, Result); the first row is fulian's (the base of the ratios)."""
    print("\n## " + title, flush=True)
    print("%-52s %2s %9s %8s %8s %9s  %s" % ("", "n", "median s", "cpu s", "peak MB", "vs fulian", "output"))
    base = rows[0][1].secs
    for name, r in rows:
        ratio = "%.2fx" % (r.secs / base) if base > 0 and ratios else "-"
        out = " ".join(r.out.split())
        print("%-52s %2d %9.3f %8.2f %8d %9s  %s" % (name, r.n, r.secs, r.cpu, r.mb, ratio, out[:40]))
    sys.stdout.flush()

def target(text, value, ok, shown):
    VERDICTS.append((text, shown, ok))
    print("  target: %-66s %-22s %s" % (text, shown, "MET" if ok else "MISSED"), flush=True)

def faster(label, fulian, other, factor):
    """fulian at least `factor` times faster than `other`."""
    x = other.secs / fulian.secs
    shown = "%.2fx faster" % x if x >= 1 else "%.2fx SLOWER" % (1 / x)
    target("fulian >= %gx faster than %s" % (factor, label), x, x >= factor, shown)

def within(label, fulian, other, factor):
    """fulian's time at most `factor` times `other`'s."""
    x = fulian.secs / other.secs
    target("fulian <= %gx the time of %s" % (factor, label), x, x <= factor, "%.2fx its time" % x)

def issue17(text, fulian, other, factor):
    """A row of issue #17's table: fulian's time at most `factor` times the peer's (factor < 1: that much faster)."""
    x = fulian.secs / other.secs
    shown = "%.2fx its time" % x if x >= 1 else "%.2fx its time (%.2fx faster)" % (x, 1 / x)
    target("#17 %s <= %gx" % (text, factor), x, x <= factor, shown)

def load():
    try:
        return "load average %s (%d cores)" % (" ".join("%.2f" % x for x in os.getloadavg()), os.cpu_count())
    except OSError:
        return ""

# ---------------------------------------------------------------------------------------------- read

def read_bench():
    x = os.path.join(DATA, "aid.xlsx")
    fx = measure([BENCH, "read", x])
    table("read a 100k-row x 10-column XLSX sheet (shared strings)", [
        ("fulian (XLSX reader)", fx),
        ("python-calamine", cal := measure(peer("read_peers.py", "calamine", x))),
        ("openpyxl (read_only)", opx := measure(peer("read_peers.py", "openpyxl", x), runs=VERY_SLOW)),
    ])
    faster("python-calamine", fx, cal, 2)
    faster("openpyxl read-only", fx, opx, 20)
    issue17("read 100k-row XLSX vs python-calamine (>= 4x faster)", fx, cal, 0.25)
    big = {}
    for name, enc in (("aid.csv", "utf-8"), ("aid-gb18030.csv", "gb18030")):
        c = os.path.join(DATA, name)
        f = big[enc] = measure([BENCH, "read", c])
        pd_ = measure(peer("read_peers.py", "pandas_csv", c, enc))
        pl_ = measure(peer("read_peers.py", "polars_csv", c, enc))
        table("decode + parse a 1M-row x 10-column CSV (%s)" % enc, [
            ("fulian (CSV reader, %s)" % enc, f),
            ("pandas.read_csv (dtype=str)", pd_),
            ("polars.read_csv (all columns as text)", pl_),
        ])
        faster("pandas.read_csv (%s)" % enc, f, pd_, 1)
        issue17("decode+parse 1M-row CSV (%s) vs polars" % enc, f, pl_, 1.0)
        print("  (polars, no target: %s)" % ("fulian %.2fx faster" % (pl_.secs / f.secs) if pl_.secs >= f.secs
                                             else "polars %.2fx faster" % (f.secs / pl_.secs)))
    small = measure([BENCH, "read", os.path.join(DATA, "aid-100k.csv")])
    table("peak memory against row count: fulian reading the UTF-8 CSV at two sizes", [
        ("fulian, 100k rows (aid-100k.csv)", small),
        ("fulian, 1M rows (aid.csv)", big["utf-8"]),
    ], ratios=False)
    growth = big["utf-8"].mb / small.mb
    target("peak RSS independent of rows (1M within 1.25x of 100k)", growth, growth <= 1.25,
           "%d MB vs %d MB" % (big["utf-8"].mb, small.mb))

# ----------------------------------------------------------------------------------------------- xls

def xls_bench():
    """Issue #16: a 100k-row .xls (xlwt, two sheets of 50k rows: BIFF8 holds 65,536 rows per sheet) read at
    least as fast as xlrd and within 2x of python-calamine."""
    x = os.path.join(DATA, "aid.xls")
    maker = os.path.join(HERE, "make_xls.py")
    if not os.path.exists(x) or os.path.getmtime(x) < os.path.getmtime(maker):
        subprocess.run([PY, maker, DATA, "100000"], check=True)
    fx = measure([BENCH, "read", x])
    cal = measure(peer("read_xls_peers.py", "calamine", x))
    xr = measure(peer("read_xls_peers.py", "xlrd", x), runs=SLOW)
    table("read a 100k-row x 10-column XLS (xlwt: shared strings, dates, RK/NUMBER; 2 sheets)", [
        ("fulian (XLS reader)", fx),
        ("python-calamine", cal),
        ("xlrd", xr),
    ])
    faster("xlrd", fx, xr, 1)
    within("python-calamine", fx, cal, 2)

# -------------------------------------------------------------------------------------------- import

def fresh(db):
    for suffix in ("", "-wal", "-shm", "-journal"):
        if os.path.exists(db + suffix): os.remove(db + suffix)

def import_summary(out):
    try:
        f = json.loads(out)["files"][0]
        return "%s rows, %s loaded, %s rejected" % (f["rows"], f["loaded"], f["rejected"])
    except Exception:
        return out[:60]

def import_bench():
    csvp = os.path.join(DATA, "aid.csv")
    reg = os.path.join(DATA, "register.csv")
    db = os.path.join(TMP, "import.sqlite")
    bare = os.path.join(TMP, "bare.sqlite")
    def fresh_store():
        fresh(db)
        subprocess.run([FULIAN, "import", "orgs", reg, "--db", db], check=True, capture_output=True)
    fi = measure([FULIAN, "import", "aid", csvp, "--db", db, "--format", "json"], setup=fresh_store)
    fi.out = import_summary(fi.out)
    sq = measure(["sqlite3", bare, ".mode csv", ".import %s aid" % csvp, "SELECT COUNT(*) FROM aid"], setup=lambda: fresh(bare))
    pdi = measure(peer("import_peers.py", "pandas", csvp, bare), setup=lambda: fresh(bare))
    table("import a 1M-row aid CSV into a fresh store (register already imported)", [
        ("fulian import aid (all normalisation, dedup, indexes)", fi),
        ("sqlite3 .import (bare table, text, no checks)", sq),
        ("pandas read_csv + to_sql (bare table)", pdi),
    ])
    within("sqlite3 .import", fi, sq, 2)
    faster("pandas read_csv + to_sql", fi, pdi, 1)
    issue17("import 1M-row aid CSV vs sqlite3 .import", fi, sq, 1.2)

    # Issue #17's second case: a file shaped like real submissions (street + community, 8 programmes,
    # ~300k persons, two years of dates in both spellings, fen, 300 in-file duplicates).
    real = os.path.join(DATA, "aid-real.csv")
    fr = measure([FULIAN, "import", "aid", real, "--db", db, "--format", "json"], setup=fresh_store)
    fr.out = import_summary(fr.out)
    sqr = measure(["sqlite3", bare, ".mode csv", ".import %s aid" % real, "SELECT COUNT(*) FROM aid"], setup=lambda: fresh(bare))
    table("import a 1M-row aid CSV shaped like real files (aid-real.csv: 300 in-file duplicates, street column, ...)", [
        ("fulian import aid (all normalisation, dedup, indexes)", fr),
        ("sqlite3 .import (bare table, text, no checks)", sqr),
    ])
    issue17("import 1M-row real-shaped aid CSV vs sqlite3 .import", fr, sqr, 1.2)
    print("  (duplicates: aid-real.csv %.2fx the time of aid.csv, which has none)" % (fr.secs / fi.secs))

    x = os.path.join(DATA, "aid.xlsx")
    fx = measure([FULIAN, "import", "aid", x, "--db", db, "--format", "json"], setup=fresh_store)
    fx.out = import_summary(fx.out)
    pdx = measure(peer("read_peers.py", "pandas_excel", x), runs=SLOW)
    calx = measure(peer("read_peers.py", "calamine", x))
    table("import a 100k-row aid XLSX", [
        ("fulian import aid", fx),
        ("pandas.read_excel (alone, no store)", pdx),
        ("python-calamine (reading alone, no store)", calx),
    ])
    faster("pandas.read_excel alone", fx, pdx, 1)
    issue17("import 100k-row aid XLSX vs python-calamine merely reading it", fx, calx, 1.2)

    out = os.path.join(TMP, "clean.csv")
    fc = measure([FULIAN, "clean", "aid", csvp, "--orgs", reg, "--format", "csv", "-o", out])
    fc.out = fc.out.splitlines()[-1] if fc.out else ""
    table("clean the 1M-row aid CSV to CSV (--orgs register) against importing it", [
        ("fulian import aid (from the table above)", fi),
        ("fulian clean aid --format csv --orgs", fc),
    ])
    x = fc.secs / fi.secs
    target("fulian clean <= 1.5x the time of fulian import", x, x <= 1.5, "%.2fx its time" % x)
    target("#17 clean 1M-row CSV peak RSS <= 200 MB", fc.mb, fc.mb <= 200, "%d MB" % fc.mb)
    for p in (out, out.replace(".csv", "-issues.csv")):
        if os.path.exists(p): os.remove(p)

# -------------------------------------------------------------------------------------------- report

STORE = os.path.join(DATA, "store-1m.sqlite")

def ensure_store():
    """The 1M-disbursement store (register, aid.csv, members, activities), built once per data set
    and fulian binary; rebuilt when either is newer than the store."""
    stamp = os.path.join(DATA, "VERSION")
    if os.path.exists(STORE) and os.path.getmtime(STORE) > max(os.path.getmtime(stamp), os.path.getmtime(FULIAN)):
        return
    print("\n(building %s: register, 1M aid rows, members, activities)" % os.path.relpath(STORE, HERE), flush=True)
    fresh(STORE)
    for dataset, name in (("orgs", "register.csv"), ("aid", "aid.csv"), ("members", "members.csv"),
                          ("activities", "activities.csv")):
        t = time.time()
        subprocess.run([FULIAN, "import", dataset, os.path.join(DATA, name), "--db", STORE], check=True,
                       stdout=subprocess.DEVNULL)
        print("  imported %s in %.1f s" % (name, time.time() - t), flush=True)

def store_facts():
    con = sqlite3.connect(STORE)
    total = con.execute("SELECT COUNT(*) FROM disbursement").fetchone()[0]
    q = con.execute("SELECT COUNT(*) FROM disbursement WHERE paidOn BETWEEN ? AND ?", (START, END)).fetchone()[0]
    months = con.execute("SELECT COUNT(DISTINCT substr(paidOn, 1, 7)) FROM disbursement").fetchone()[0]
    programs_q = con.execute("SELECT COUNT(DISTINCT programId) FROM disbursement WHERE paidOn BETWEEN ? AND ?",
                             (START, END)).fetchone()[0]
    other = {t: con.execute("SELECT COUNT(*) FROM %s" % t).fetchone()[0] for t in ("org", "membership", "activity")}
    con.close()
    print("store: %d disbursements over %d months, %d (%.1f%%) in %s across %d programs; %d orgs, %d memberships, %d activities"
          % (total, months, q, 100.0 * q / total, PERIOD, programs_q, other["org"], other["membership"], other["activity"]))

# The hand-written equivalent of `fulian report aid --period 2024Q1`: street x program, with totals.
AID_SQL = """
SELECT s.name AS street, p.name AS program, COUNT(*) AS disbursements,
       COUNT(DISTINCT d.personId) AS recipients, SUM(d.amountFen) AS amount_fen
FROM disbursement d
JOIN org c ON c.id = d.orgId
JOIN org s ON s.id = CASE WHEN c.kind IN ('street', 'town') THEN c.id ELSE c.parentId END
JOIN program p ON p.id = d.programId
WHERE d.paidOn BETWEEN '%(start)s' AND '%(end)s'
GROUP BY s.id, p.id
ORDER BY s.id, p.id;
SELECT COUNT(*), COUNT(DISTINCT personId), SUM(amountFen) FROM disbursement
WHERE paidOn BETWEEN '%(start)s' AND '%(end)s';
""" % {"start": START, "end": END}

def fulian_sql(report):
    """The SQL fulian runs for a report (from --explain), with its parameters inlined, for sqlite3."""
    p = subprocess.run([FULIAN, "report", report, "--period", PERIOD, "--explain", "--db", STORE],
                       capture_output=True, text=True, check=True)
    statements, sql_lines, in_sql = [], [], False
    for line in p.stdout.splitlines():
        if line.startswith("-- parameters:"):
            params = {}
            for part in line[len("-- parameters:"):].split(", "):
                k, v = part.strip().split("=", 1)
                params[int(k)] = v
            sql, n, out = "\n".join(sql_lines).strip(), 0, ""
            for ch in sql:  # the parameters are dates and plain text: no "?" inside literals
                if ch == "?":
                    n += 1
                    out += params[n]
                else:
                    out += ch
            statements.append(out if out.endswith(";") else out + ";")
            sql_lines, in_sql = [], False
        elif line.startswith("-- ") and line.rstrip().endswith(")"):
            sql_lines, in_sql = [], True   # "-- rows and totals 2024Q1 (SQLite)"
        elif in_sql:
            sql_lines.append(line)
    return "\n".join(statements)

def report_bench():
    ensure_store()
    store_facts()
    rep = [FULIAN, "report", "aid", "--period", PERIOD, "--format", "json", "--db", STORE]
    fr = measure(rep)
    fr.out = "%d rows, totals %s" % (len(json.loads(fr.out)["rows"]), json.loads(fr.out)["totals"]["disbursements"])
    hand = measure(["sqlite3", "-readonly", STORE, AID_SQL])
    hand.out = "%d lines, totals %s" % (len(hand.out.splitlines()), hand.out.splitlines()[-1].split("|")[0])
    own_sql = fulian_sql("aid")
    own = measure(["sqlite3", "-readonly", STORE, own_sql])
    own.out = "%d lines" % len(own.out.splitlines())
    pdr = measure(peer("report_peers.py", "pandas", STORE, START, END))
    table("aid report %s over 1M disbursements (street x program, distinct recipients, totals)" % PERIOD, [
        ("fulian report aid --format json", fr),
        ("sqlite3 CLI, hand-written GROUP BY + totals", hand),
        ("sqlite3 CLI, fulian's own SQL (from --explain)", own),
        ("pandas read_sql (whole table + org, program) + groupby", pdr),
    ])
    within("the sqlite3 CLI (hand-written GROUP BY)", fr, hand, 1.5)
    issue17("aid report 2024Q1 vs sqlite3 CLI hand GROUP BY", fr, hand, 1.0)
    faster("pandas load + join + groupby", fr, pdr, 1)

    rows = []
    for name in ("aid", "coverage", "jobfairs", "members", "activities"):
        r = measure([FULIAN, "report", name, "--period", PERIOD, "--format", "json", "--db", STORE])
        r.out = "%d bytes of JSON" % len(r.out)
        rows.append(("fulian report %s" % name, r))
    allfive = " && ".join("%s report %s --period %s --format json --db %s >/dev/null" % (FULIAN, n, PERIOD, STORE)
                          for n in ("aid", "coverage", "jobfairs", "members", "activities"))
    five = measure(allfive, shell=True)
    total = sum(r.secs for _, r in rows)
    table("all five reports for %s over the 1M-row store, one process each" % PERIOD,
          rows + [("all five in sequence (one shell, measured whole)", five)], ratios=False)
    print("  sum of the five medians: %.3f s" % total)
    target("all five reports < 2 s in total", five.secs, five.secs < 2, "%.2f s" % five.secs)

# ------------------------------------------------------------------------------------------------ 10m

STORE_10M = os.path.join(DATA, "store-10m.sqlite")
YEARS_BACK = 9   # 2015-2023 beside store-1m's 2024: ten years

def ensure_store_10m():
    """A ten-year store of ~10M disbursements, made once from store-1m: its 2024 aid rows copied into each of
    2015-2023 (same persons, units, programmes and amounts; 02-29 becomes 02-28 in a common year, where a
    row that then repeats one of the same day is left out), each year as an import batch of its own.
    Rebuilt when store-1m is newer (a new fulian binary or data set rebuilds that one)."""
    ensure_store()
    if os.path.exists(STORE_10M) and os.path.getmtime(STORE_10M) > os.path.getmtime(STORE):
        return
    print("\n(building %s: store-1m's aid rows copied over 2015-2023, once)" % os.path.relpath(STORE_10M, HERE), flush=True)
    t = time.time()
    fresh(STORE_10M)
    tmp = STORE_10M + ".part"
    fresh(tmp)
    src = sqlite3.connect(STORE)
    src.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    src.close()
    shutil.copyfile(STORE, tmp)
    con = sqlite3.connect(tmp, isolation_level=None)
    con.execute("PRAGMA journal_mode = DELETE")
    con.execute("PRAGMA cache_size = -400000")
    batch = con.execute("SELECT id FROM importBatch WHERE dataset = 'aid' ORDER BY id LIMIT 1").fetchone()[0]
    columns = [r[1] for r in con.execute("PRAGMA table_info(importBatch)") if r[1] != "id"]
    # The reports' index is built once at the end (appending into it row by row is slow); the identity
    # index stays, as INSERT OR IGNORE needs it to leave out the few 02-29 rows that repeat a 02-28 one.
    indexes = con.execute("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'disbursement' "
                          "AND sql IS NOT NULL AND name <> 'disbursement_identity'").fetchall()
    con.execute("BEGIN")
    for name, _ in indexes:
        con.execute("DROP INDEX %s" % name)
    for k in range(1, YEARS_BACK + 1):
        year = 2024 - k
        leap = year % 4 == 0
        con.execute("INSERT INTO importBatch (%s) SELECT %s FROM importBatch WHERE id = ?" % (
            ", ".join(columns), ", ".join("fileName || '-%d'" % year if c == "fileName" else
                                          "sha256 || '-%d'" % year if c == "sha256" else c for c in columns)), (batch,))
        new_batch = con.execute("SELECT last_insert_rowid()").fetchone()[0]
        day = "substr(paidOn, 5)" if leap else "CASE substr(paidOn, 5) WHEN '-02-29' THEN '-02-28' ELSE substr(paidOn, 5) END"
        con.execute("""INSERT OR IGNORE INTO disbursement (personId, programId, orgId, paidOn, amountFen, source, household, note,
                                                         batchId, sourceRow, sourceSheet)
                       SELECT personId, programId, orgId, '%d' || %s, amountFen, source, household, note, ?, sourceRow, sourceSheet
                       FROM disbursement WHERE batchId = ? ORDER BY id""" % (year, day), (new_batch, batch))
        n = con.execute("SELECT changes()").fetchone()[0]
        con.execute("UPDATE importBatch SET loaded = ?, rowsRead = ? WHERE id = ?", (n, n, new_batch))
    for _, sql in indexes:
        con.execute(sql)
    con.execute("COMMIT")
    con.execute("PRAGMA journal_mode = WAL")
    con.close()
    os.rename(tmp, STORE_10M)
    print("  built in %.1f s" % (time.time() - t), flush=True)

def store_count(path, where=""):
    con = sqlite3.connect(path)
    n = con.execute("SELECT COUNT(*) FROM disbursement " + where).fetchone()[0]
    con.close()
    return n

def scale_bench():
    """Issue #17: a quarter's report costs the quarter's rows, not the store's (a ten-year 10M-row store against
    the one-year 1M-row store, same quarter), and the quarterly workbook over the 10M store in under 5 s."""
    ensure_store_10m()
    q_where = "WHERE paidOn BETWEEN '%s' AND '%s'" % (START, END)
    print("stores: store-1m %d disbursements (%d in %s); store-10m %d disbursements over 2015-2024 (%d in %s)"
          % (store_count(STORE), store_count(STORE, q_where), PERIOD, store_count(STORE_10M), store_count(STORE_10M, q_where), PERIOD))
    def report(store):
        r = measure([FULIAN, "report", "aid", "--period", PERIOD, "--format", "json", "--db", store])
        d = json.loads(r.out)
        r.out = "%d rows, totals %s" % (len(d["rows"]), d["totals"]["disbursements"])
        return r
    def hand(store):
        r = measure(["sqlite3", "-readonly", store, AID_SQL])
        r.out = "%d lines, totals %s" % (len(r.out.splitlines()), r.out.splitlines()[-1].split("|")[0])
        return r
    f1, f10 = report(STORE), report(STORE_10M)
    h1, h10 = hand(STORE), hand(STORE_10M)
    table("aid report %s over the 1M-row store (one year) and the 10M-row store (ten years)" % PERIOD, [
        ("fulian report aid, 10M-row store", f10),
        ("fulian report aid, 1M-row store", f1),
        ("sqlite3 CLI hand GROUP BY, 10M-row store", h10),
        ("sqlite3 CLI hand GROUP BY, 1M-row store", h1),
    ])
    x = f10.secs / f1.secs
    target("#17 quarter's aid report, 10M store <= 1.25x its time on 1M", x, x <= 1.25, "%.2fx its time" % x)
    issue17("aid report 2024Q1 on 10M store vs sqlite3 CLI hand GROUP BY", f10, h10, 1.0)
    q = os.path.join(TMP, "q10m.xlsx")
    fq = measure([FULIAN, "report", "quarterly", "--period", PERIOD, "-o", q, "--db", STORE_10M])
    fq.out = "%d MB file" % (os.path.getsize(q) // (1 << 20))
    table("quarterly workbook %s over the 10M-row store (8 sheets, aid detail of the quarter, capped)" % PERIOD, [
        ("fulian report quarterly -o q.xlsx, 10M-row store", fq),
    ])
    target("#17 report quarterly on the 10M-row store < 5 s", fq.secs, fq.secs < 5, "%.2f s" % fq.secs)
    os.remove(q)

# --------------------------------------------------------------------------------------------- write

def write_bench():
    n = "1000000"
    out = lambda name: os.path.join(TMP, name)
    fw = measure([BENCH, "write", n, out("fulian.xlsx")])
    cw = measure([WRITE_PEER, n, out("c.xlsx")])
    xw = measure(peer("write_peers.py", "xlsxwriter", n, out("xlsxwriter.xlsx")), runs=SLOW)
    ow = measure(peer("write_peers.py", "openpyxl", n, out("openpyxl.xlsx")), runs=VERY_SLOW)
    sizes = {k: os.path.getsize(out(k + ".xlsx")) // (1 << 20) for k in ("fulian", "c", "xlsxwriter", "openpyxl")}
    for r, k in ((fw, "fulian"), (cw, "c"), (xw, "xlsxwriter"), (ow, "openpyxl")):
        r.out = "%s rows, %d MB file" % (r.out, sizes[k])
    table("write a 1M-row x 10-column disbursement sheet, constant memory (text, date, money, int)", [
        ("fulian-bench write (FulianExcel, constantMemory)", fw),
        ("C calling libxlsxwriter directly (constant_memory)", cw),
        ("Python XlsxWriter (constant_memory)", xw),
        ("openpyxl (write_only)", ow),
    ])
    within("C + libxlsxwriter", fw, cw, 1.2)
    issue17("write 1M x 10 sheet vs C on libxlsxwriter", fw, cw, 1.1)
    faster("XlsxWriter (target ~5x)", fw, xw, 5)
    faster("openpyxl write_only (target ~15x)", fw, ow, 15)
    # The ceiling: how much faster than the Python writers libxlsxwriter itself is (zlib and stdio
    # dominate it), i.e. what fulian would reach with no wrapper cost at all.
    print("  ceiling (C + libxlsxwriter itself): %.2fx faster than XlsxWriter, %.2fx faster than openpyxl"
          % (xw.secs / cw.secs, ow.secs / cw.secs))
    # Same content: fulian's file and the C file read back to the same cell count.
    a = subprocess.run([BENCH, "read", out("fulian.xlsx")], capture_output=True, text=True, check=True).stdout.strip()
    b = subprocess.run([BENCH, "read", out("c.xlsx")], capture_output=True, text=True, check=True).stdout.strip()
    print("  read back (cells rows): fulian %s, C %s%s" % (a, b, "" if a == b else "  <- DIFFERENT"))
    for k in sizes: os.remove(out(k + ".xlsx"))

    ensure_store()
    q = out("q.xlsx")
    fq = measure([FULIAN, "report", "quarterly", "--period", PERIOD, "-o", q, "--db", STORE])
    fq.out = "%d MB file" % (os.path.getsize(q) // (1 << 20))
    table("quarterly workbook %s over the 1M-row store (8 sheets, aid detail of the quarter)" % PERIOD, [
        ("fulian report quarterly -o q.xlsx", fq),
    ])
    target("fulian report quarterly < 5 s", fq.secs, fq.secs < 5, "%.2f s" % fq.secs)
    os.remove(q)

# -------------------------------------------------------------------------------------------- postgres

PG_SERVER = os.environ.get("FULIAN_BENCH_POSTGRES")   # a server the bench may create databases on

def pg_uri(db):
    """The server's URI with its database replaced by `db`."""
    head, _, tail = PG_SERVER.partition("://")
    host, _, rest = tail.partition("/")
    return "%s://%s/%s" % (head, host, db)

def pg_fresh(db, register=True):
    subprocess.run(["psql", "-qX", PG_SERVER, "-c", "DROP DATABASE IF EXISTS %s WITH (FORCE)" % db, "-c", "CREATE DATABASE %s" % db],
                   check=True, capture_output=True)
    if register:
        subprocess.run([FULIAN, "import", "orgs", os.path.join(DATA, "register.csv"), "--db", pg_uri(db)], check=True, capture_output=True)

PG_AID_SQL = """
SELECT s.name AS street, p.name AS program, COUNT(*) AS disbursements,
       COUNT(DISTINCT d.personId) AS recipients, SUM(d.amountFen) AS amount_fen
FROM disbursement d
JOIN org c ON c.id = d.orgId
JOIN org s ON s.id = CASE WHEN c.kind IN ('street', 'town') THEN c.id ELSE c.parentId END
JOIN program p ON p.id = d.programId
WHERE d.paidOn BETWEEN DATE '%(start)s' AND DATE '%(end)s'
GROUP BY s.id, p.id
ORDER BY s.id, p.id;
SELECT COUNT(*), COUNT(DISTINCT personId), SUM(amountFen) FROM disbursement
WHERE paidOn BETWEEN DATE '%(start)s' AND DATE '%(end)s';
""" % {"start": START, "end": END}

def fulian_pg_sql(report, uri):
    """The SQL fulian runs on PostgreSQL for a report (from --explain), its $n parameters inlined, for psql."""
    p = subprocess.run([FULIAN, "report", report, "--period", PERIOD, "--explain", "--db", uri], capture_output=True, text=True, check=True)
    statements, sql_lines, in_sql = [], [], False
    for line in p.stdout.splitlines():
        if line.startswith("-- parameters:"):
            params = {}
            for part in line[len("-- parameters:"):].split(", "):
                k, v = part.strip().split("=", 1)
                params[int(k)] = v
            sql = "\n".join(sql_lines).strip()
            for k in sorted(params, reverse=True):   # $10 before $1
                sql = sql.replace("$%d" % k, params[k])
            statements.append(sql if sql.endswith(";") else sql + ";")
            sql_lines, in_sql = [], False
        elif line.startswith("-- ") and line.rstrip().endswith(")"):
            sql_lines, in_sql = [], True
        elif in_sql:
            sql_lines.append(line)
    return "\n".join(statements)

PG_BIG_VERSION = "1"   # change to make the 10M-row store again

def pg_ten_million():
    """The URI of a store of 10M disbursements (1M a year, 2015-2024, each year shaped like bench/data's aid.csv),
    made once in the server with generate_series and kept (database fulian_bench_10m, marked by bench_marker)."""
    uri = pg_uri("fulian_bench_10m")
    p = subprocess.run(["psql", "-qAtX", uri, "-c", "SELECT version FROM bench_marker"], capture_output=True, text=True)
    if p.returncode == 0 and p.stdout.strip() == PG_BIG_VERSION:
        return uri
    print("\n(making the 10M-row PostgreSQL store once; kept in database fulian_bench_10m)", flush=True)
    started = time.time()
    pg_fresh("fulian_bench_10m")
    # Each community's district as fulian stores it: from the rows of a small import (every community has
    # some), whose batch is then deleted.
    subprocess.run([FULIAN, "import", "aid", os.path.join(DATA, "aid-100k.csv"), "--db", uri], check=True, capture_output=True)
    subprocess.run(["psql", "-qX", "-v", "ON_ERROR_STOP=1", uri, "-c", "CREATE TABLE bench_district AS SELECT DISTINCT orgId, districtId FROM disbursement",
                    "-c", "DELETE FROM importBatch WHERE dataset = 'aid'"], check=True, capture_output=True)
    # 2.5M persons with 4 payments each (one per programme, so every row's identity is its own), in the
    # register's communities; the ids are fulian's own (district from the org tree, as the import stores it).
    sql = """
    SET session_replication_role = replica;   -- the bench's own rows: the reference triggers are not run
    INSERT INTO program (name) VALUES ('春蕾计划'), ('贫困母亲救助'), ('两癌救助'), ('困境儿童关爱') ON CONFLICT DO NOTHING;
    INSERT INTO importBatch (fileName, sha256, dataset, format, headerRows, rowsRead, loaded, rejected, duplicates, warnings, importedAt)
    VALUES ('generate_series', 'bench-10m', 'aid', 'csv', '1', 10000000, 10000000, 0, 0, 0, '2026-12-02T00:00:00Z');
    CREATE TEMP TABLE c AS SELECT row_number() OVER (ORDER BY id) - 1 AS k, id FROM org WHERE kind IN ('community', 'village');
    CREATE TEMP TABLE dm AS SELECT orgId, districtId FROM bench_district;
    INSERT INTO person (personKey, idNumber, name, gender, birthDate)
    SELECT 'id:' || n, n, '受助人' || p, CASE WHEN p %% 2 = 0 THEN 'F' ELSE 'M' END, DATE '1950-01-01' + (p %% 20000)
    FROM generate_series(0, 2499999) p, LATERAL (SELECT lpad(p::text, 17, '0') || 'X' AS n) x;
    INSERT INTO disbursement (personId, programId, orgId, districtId, paidOn, amountFen, source, household, note, batchId, sourceRow)
    SELECT pe.id, pr.id, c.id, dm.districtId,
           make_date((2015 + (i / 4) %% 10)::int, (1 + (i * 7 + i / 4) %% 12)::int, (1 + (i * 13) %% 28)::int),
           (500 + (i * 37) %% 3000) * 100 + CASE WHEN i %% 3 <> 0 THEN (i * 11) %% 100 ELSE 0 END,
           '区财政', 1 + i %% 6, NULL, b.id, i + 2
    FROM generate_series(0::bigint, 9999999) i
    JOIN person pe ON pe.personKey = 'id:' || lpad((i / 4)::text, 17, '0') || 'X'
    JOIN program pr ON pr.name = (ARRAY['春蕾计划', '贫困母亲救助', '两癌救助', '困境儿童关爱'])[1 + i %% 4]
    JOIN c ON c.k = (i / 4) %% (SELECT count(*) FROM c)
    JOIN dm ON dm.orgId = c.id
    CROSS JOIN (SELECT id FROM importBatch WHERE sha256 = 'bench-10m') b;
    SET session_replication_role = DEFAULT;
    ANALYZE;
    CREATE TABLE bench_marker (version TEXT);
    INSERT INTO bench_marker VALUES ('%(version)s');
    DROP TABLE bench_district;
    """ % {"version": PG_BIG_VERSION}
    subprocess.run(["psql", "-qX", "-v", "ON_ERROR_STOP=1", uri, "-c", sql], check=True, capture_output=True)
    n = subprocess.run(["psql", "-qAtX", uri, "-c", "SELECT COUNT(*) FROM disbursement"], capture_output=True, text=True).stdout.strip()
    print("(made in %.0f s: %s disbursements)" % (time.time() - started, n), flush=True)
    return uri

def postgres_bench():
    if not PG_SERVER:
        print("\n## postgres: skipped (set FULIAN_BENCH_POSTGRES to a server URI the bench may create databases on)")
        return
    csvp = os.path.join(DATA, "aid.csv")
    uri = pg_uri("fulian_bench")
    fi = measure([FULIAN, "import", "aid", csvp, "--db", uri, "--format", "json"], setup=lambda: pg_fresh("fulian_bench"))
    fi.out = import_summary(fi.out)
    raw = pg_uri("fulian_bench_raw")
    def fresh_raw():
        pg_fresh("fulian_bench_raw", register=False)
        subprocess.run(["psql", "-qX", raw, "-c", "CREATE TABLE raw (%s)" % ", ".join("c%d text" % i for i in range(10))],
                       check=True, capture_output=True)
    cp = measure(["psql", "-qX", raw, "-c", "\\copy raw FROM '%s' CSV HEADER" % csvp], setup=fresh_raw)
    table("import a 1M-row aid CSV into PostgreSQL (register already imported)", [
        ("fulian import aid --db postgresql://…", fi),
        ("psql \\copy into a bare 10-column text table", cp),
    ])
    within("psql \\copy (bare table)", fi, cp, 2)

    # The store of the last import run holds the 1M rows.
    fr = measure([FULIAN, "report", "aid", "--period", PERIOD, "--format", "json", "--db", uri])
    fr.out = "%d rows, totals %s" % (len(json.loads(fr.out)["rows"]), json.loads(fr.out)["totals"]["disbursements"])
    hand = measure(["psql", "-qAtX", uri, "-c", PG_AID_SQL])
    hand.out = "%d lines" % len(hand.out.splitlines())
    own = measure(["psql", "-qAtX", uri, "-c", fulian_pg_sql("aid", uri)])
    own.out = "%d lines" % len(own.out.splitlines())
    table("aid report %s over 1M disbursements in PostgreSQL" % PERIOD, [
        ("fulian report aid --format json", fr),
        ("psql, hand-written GROUP BY + totals", hand),
        ("psql, fulian's own SQL (from --explain)", own),
    ])
    within("psql (hand-written GROUP BY)", fr, hand, 1.5)

    big = pg_ten_million()
    fb = measure([FULIAN, "report", "aid", "--period", PERIOD, "--format", "json", "--db", big])
    fb.out = "%d rows, totals %s" % (len(json.loads(fb.out)["rows"]), json.loads(fb.out)["totals"]["disbursements"])
    hb = measure(["psql", "-qAtX", big, "-c", PG_AID_SQL])
    hb.out = "%d lines" % len(hb.out.splitlines())
    table("aid report %s as the store grows: 1M rows (one year) against 10M rows (2015-2024, made by generate_series)" % PERIOD, [
        ("fulian report aid, 1M-row store (from the table above)", fr),
        ("fulian report aid, 10M-row store", fb),
        ("psql hand-written GROUP BY, 1M-row store", hand),
        ("psql hand-written GROUP BY, 10M-row store", hb),
    ])
    within("psql (hand-written GROUP BY) over 10M rows", fb, hb, 1.5)

    # Four imports of 250k rows each at once, against one import of the 1M.
    with open(csvp, encoding="utf-8") as f:
        header, lines = f.readline(), f.readlines()
    quarters = []
    for i in range(4):
        q = os.path.join(TMP, "aid-part%d.csv" % i)
        with open(q, "w", encoding="utf-8") as out:
            out.write(header); out.writelines(lines[i::4])
        quarters.append(q)
    par = measure(" & ".join("%s import aid %s --db %s >/dev/null" % (FULIAN, q, uri) for q in quarters) + " & wait", shell=True,
                  setup=lambda: pg_fresh("fulian_bench"))
    par.out = subprocess.run(["psql", "-qAtX", uri, "-c", "SELECT COUNT(*) FROM disbursement"], capture_output=True, text=True).stdout.strip() + " rows"
    table("4 parallel imports of 250k rows each against one import of 1M (PostgreSQL)", [
        ("fulian import aid 1M (from the table above)", fi),
        ("4 x fulian import aid 250k, at once", par),
    ])
    subprocess.run(["psql", "-qX", PG_SERVER, "-c", "DROP DATABASE IF EXISTS fulian_bench WITH (FORCE)",
                    "-c", "DROP DATABASE IF EXISTS fulian_bench_raw WITH (FORCE)"], capture_output=True)

# ---------------------------------------------------------------------------------------------- main

if __name__ == "__main__":
    parts = [a for a in sys.argv[1:] if not a.startswith("--")] or ["read", "xls", "import", "report", "10m", "write"]
    unknown = [p for p in parts if p not in ("read", "xls", "import", "report", "10m", "write", "postgres")]
    if unknown:
        raise SystemExit("unknown part %s; usage: bench/run [read] [xls] [import] [report] [10m] [write] [postgres] [--quick]" % " ".join(unknown))
    print("# fulian benchmarks (%s), %s runs per measurement; %s" % (" ".join(parts), RUNS, load()))
    print("fulian: %s\nfulian-bench: %s" % (FULIAN, BENCH))
    try:  # what was measured: the checkout as built, including uncommitted edits
        root = os.path.dirname(HERE)
        head = subprocess.run(["git", "-C", root, "log", "-1", "--format=%h %s"], capture_output=True, text=True).stdout.strip()
        dirty = subprocess.run(["git", "-C", root, "status", "--porcelain", "--", "Sources"], capture_output=True, text=True).stdout
        print("checkout: %s; %d uncommitted paths under Sources/" % (head, len(dirty.splitlines())))
    except OSError:
        pass
    try:
        for part, fn in (("read", read_bench), ("xls", xls_bench), ("import", import_bench), ("report", report_bench),
                         ("10m", scale_bench), ("write", write_bench), ("postgres", postgres_bench)):
            if part in parts:
                fn()
                print("(%s done; %s)" % (part, load()), flush=True)
    finally:
        shutil.rmtree(TMP, ignore_errors=True)
    print("\n# targets")
    for text, shown, ok in VERDICTS:
        print("%-7s %-66s %s" % ("MET" if ok else "MISSED", text, shown))
