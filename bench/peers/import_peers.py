"""Import peers: pandas read_csv + to_sql into a bare SQLite table."""
import sqlite3, sys

if __name__ == "__main__":
    which, path, db = sys.argv[1], sys.argv[2], sys.argv[3]
    import pandas as pd
    df = pd.read_csv(path, dtype=str)
    with sqlite3.connect(db) as con:
        df.to_sql("aid", con, index=False, chunksize=50_000)
    print(len(df))
