"""Runs fulian and its peers side by side on the same data; prints medians and ratios.

Usage: bench/run [--quick]   (the shell wrapper builds everything and sets up the venv)
Each measurement runs a whole process under /usr/bin/time; the median of N runs is reported, with
the peak RSS of the median run. Ratios are peer time / fulian time (> 1 means fulian is faster).
"""
import os, statistics, subprocess, sys, tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
DATA = os.path.join(HERE, "data")
PY = sys.executable
FULIAN = os.path.join(ROOT, ".build", "release", "fulian")
BENCH = os.path.join(HERE, ".build", "release", "fulian-bench")
RUNS = 3 if "--quick" in sys.argv else 5

def measure(cmd, runs=RUNS, setup=None, cwd=None):
    results = []
    for _ in range(runs):
        if setup: setup()
        p = subprocess.run(["/usr/bin/time", "-f", "%e %M"] + cmd, capture_output=True, text=True, cwd=cwd)
        if p.returncode != 0:
            raise SystemExit("failed: %s\n%s" % (" ".join(cmd), p.stderr[-2000:]))
        secs, rss = p.stderr.strip().splitlines()[-1].split()
        results.append((float(secs), int(rss) // 1024, p.stdout.strip()))
    results.sort()
    return results[len(results) // 2]

def table(title, rows):
    print("\n## " + title)
    print("%-44s %9s %9s %8s" % ("", "median s", "peak MB", "ratio"))
    base = rows[0][1][0]
    for name, (secs, mb, _) in rows:
        ratio = "%.2fx" % (secs / base) if base > 0 else "-"
        print("%-44s %9.3f %9d %8s" % (name, secs, mb, ratio if name != rows[0][0] else "1.00x"))

def read_bench():
    x = os.path.join(DATA, "aid.xlsx")
    table("read a 100k-row x 10-column XLSX sheet", [
        ("fulian (XLSX reader)", measure([BENCH, "read", x])),
        ("python-calamine", measure([PY, os.path.join(HERE, "peers", "read_peers.py"), "calamine", x])),
        ("openpyxl (read_only)", measure([PY, os.path.join(HERE, "peers", "read_peers.py"), "openpyxl", x], runs=1)),
    ])
    for name, enc in (("aid.csv", "utf-8"), ("aid-gb18030.csv", "gb18030")):
        c = os.path.join(DATA, name)
        rows = [("fulian (CSV reader, %s)" % enc, measure([BENCH, "read", c])),
                ("pandas.read_csv", measure([PY, os.path.join(HERE, "peers", "read_peers.py"), "pandas_csv", c, enc]))]
        if enc == "utf-8":
            rows.append(("polars.read_csv", measure([PY, os.path.join(HERE, "peers", "read_peers.py"), "polars_csv", c, enc])))
        table("decode + parse a 1M-row CSV (%s)" % enc, rows)

def import_bench():
    csvp = os.path.join(DATA, "aid.csv")
    reg = os.path.join(DATA, "register.csv")
    tmp = tempfile.mkdtemp()
    db = os.path.join(tmp, "bench.sqlite")
    def fresh_store():
        for suffix in ("", "-wal", "-shm"):
            if os.path.exists(db + suffix): os.remove(db + suffix)
        subprocess.run([FULIAN, "import", "orgs", reg, "--db", db], check=True, capture_output=True)
    bare = os.path.join(tmp, "bare.sqlite")
    def fresh_bare():
        if os.path.exists(bare): os.remove(bare)
    table("import a 1M-row aid CSV into a fresh store", [
        ("fulian import (all normalisation)", measure([FULIAN, "import", "aid", csvp, "--db", db, "--format", "json"], setup=fresh_store)),
        ("sqlite3 .import (bare table, no checks)", measure(["sqlite3", bare, ".mode csv", ".import %s aid" % csvp], setup=fresh_bare)),
        ("pandas read_csv + to_sql", measure([PY, os.path.join(HERE, "peers", "import_peers.py"), "pandas", csvp, bare], setup=fresh_bare)),
    ])
    x = os.path.join(DATA, "aid.xlsx")
    table("import a 100k-row aid XLSX", [
        ("fulian import", measure([FULIAN, "import", "aid", x, "--db", db, "--format", "json"], setup=fresh_store)),
        ("pandas read_excel (alone)", measure([PY, os.path.join(HERE, "peers", "read_peers.py"), "pandas_excel", x], runs=1)),
    ])
    return db

if __name__ == "__main__":
    parts = [a for a in sys.argv[1:] if not a.startswith("--")] or ["read", "import"]
    if "read" in parts: read_bench()
    if "import" in parts: import_bench()
