"""Report peer: what a pandas user would do for `fulian report aid --period P`: load the disbursement
table and the org and program tables from the store, map each unit to its street or town, keep the
period, group by street x program (count, distinct recipients, sum of fen) and add the totals.
Usage: report_peers.py pandas STORE START END      prints "groups total_disbursements"."""
import sqlite3, sys

def pandas_aid(db, start, end):
    import pandas as pd
    con = sqlite3.connect("file:%s?mode=ro" % db, uri=True)
    d = pd.read_sql_query("SELECT personId, programId, orgId, paidOn, amountFen FROM disbursement", con)
    org = pd.read_sql_query("SELECT id, name, parentId, kind FROM org", con)
    prog = pd.read_sql_query("SELECT id, name FROM program", con)
    con.close()
    street = org["id"].where(org["kind"].isin(["street", "town"]), org["parentId"])
    street_of = dict(zip(org["id"], street))
    q = d[(d["paidOn"] >= start) & (d["paidOn"] <= end)]
    q = q.assign(streetId=q["orgId"].map(street_of))
    g = (q.groupby(["streetId", "programId"])
          .agg(disbursements=("personId", "size"), recipients=("personId", "nunique"), amount_fen=("amountFen", "sum"))
          .reset_index())
    g = g.merge(org[["id", "name"]].rename(columns={"id": "streetId", "name": "street"}), on="streetId")
    g = g.merge(prog.rename(columns={"id": "programId", "name": "program"}), on="programId")
    totals = (len(q), q["personId"].nunique(), int(q["amountFen"].sum()))
    print(len(g), totals[0])

if __name__ == "__main__":
    which, db, start, end = sys.argv[1:5]
    {"pandas": pandas_aid}[which](db, start, end)
