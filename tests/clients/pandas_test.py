#!/usr/bin/python3
"""pandas over pyodbc (Debian's python3-pandas and python3-pyodbc), as a data
analyst meets the driver: read_sql of work time and of every table, each
column's dtype following its SQL type, values and Unicode checked.

Usage: pandas_test.py CONNECTION_STRING... (run by pandas_test.sh, which
starts the simulator and registers the DSN)
"""
import datetime
import sys
import warnings

import pandas as pd
import pyodbc

# pandas 1.5 warns that only SQLAlchemy connections are tested; pyodbc works.
warnings.filterwarnings("ignore", category=UserWarning)

passed = failed = 0


def check(name, condition, detail=""):
    global passed, failed
    if condition:
        passed += 1
    else:
        failed += 1
        print(f"FAIL {name} {detail}")


def column_types(conn, table):
    """Column name -> SQL type code, from SQLColumns."""
    return {c.column_name: c.data_type for c in conn.cursor().columns(table=table)}


def values_of(series):
    return [v for v in series.tolist() if v is not None and not (isinstance(v, float) and pd.isna(v))]


def check_column(label, series, sql_type):
    """The dtype pandas gives a column of this SQL type, and its values' Python types."""
    values = values_of(series)
    has_null = len(values) < len(series)
    dtype = str(series.dtype)
    if not values:  # all NULL (or no rows): nothing to say about the type
        return
    if sql_type in (pyodbc.SQL_INTEGER, pyodbc.SQL_BIGINT):
        # pandas 1.5 keeps whole numbers int64; NULLs turn a column float64.
        check(label, dtype == "int64" or (has_null and dtype == "float64"), dtype)
        check(label + " whole", all(float(v).is_integer() for v in values))
        if dtype == "int64":
            check(label + " beyond 32 bits fit", all(abs(int(v)) < 2**63 for v in values))
    elif sql_type in (pyodbc.SQL_DECIMAL, pyodbc.SQL_DOUBLE):
        check(label, dtype == "float64", dtype)  # read_sql's coerce_float turns Decimal into float
    elif sql_type == pyodbc.SQL_TYPE_DATE:
        check(label, dtype == "object" and all(type(v) is datetime.date for v in values), dtype)
    elif sql_type == pyodbc.SQL_TYPE_TIME:
        check(label, dtype == "object" and all(type(v) is datetime.time for v in values),
              f"{dtype} {type(values[0])}")
    elif sql_type == pyodbc.SQL_TYPE_TIMESTAMP:
        check(label, dtype.startswith("datetime64"), dtype)
    elif sql_type == pyodbc.SQL_BIT:
        check(label, dtype == "bool" or (has_null and dtype == "object"), dtype)
        check(label + " values", all(v in (True, False) for v in values))
    elif sql_type == pyodbc.SQL_WVARCHAR:
        check(label, dtype == "object" and all(isinstance(v, str) for v in values), dtype)
    else:
        check(label + " known type", False, str(sql_type))


def run(connection_string, label):
    conn = pyodbc.connect(connection_string, autocommit=True)

    # The statement from the issue: every column, the right dtypes.
    df = pd.read_sql("SELECT * FROM worktime WHERE year = 2024", conn)
    types = column_types(conn, "worktime")
    check(f"{label} worktime columns", list(df.columns) == list(types), f"{list(df.columns)}")
    check(f"{label} worktime rows", len(df) > 100, str(len(df)))
    check(f"{label} worktime year", set(df["year"]) == {2024})
    for column, sql_type in types.items():
        check_column(f"{label} worktime.{column}", df[column], sql_type)
    check(f"{label} start_time is datetime.time",
          isinstance(values_of(df["start_time"])[0], datetime.time))
    check(f"{label} worktime_id int64", str(df["worktime_id"].dtype) == "int64", str(df["worktime_id"].dtype))
    check(f"{label} working_seconds values", all(v >= 0 for v in values_of(df["working_seconds"])))
    check(f"{label} dates in 2024", all(d.year == 2024 for d in values_of(df["date"])))

    # Every table with all its columns.
    tables = [t.table_name for t in conn.cursor().tables(tableType="TABLE")]
    check(f"{label} tables listed", {"users", "absences", "worktime", "projects", "salaries"} <= set(tables))
    for table in tables:
        df = pd.read_sql(f'SELECT * FROM "{table}"', conn)
        types = column_types(conn, table)
        check(f"{label} {table} columns", list(df.columns) == list(types), f"{list(df.columns)} vs {list(types)}")
        for column, sql_type in types.items():
            check_column(f"{label} {table}.{column}", df[column], sql_type)

    # Unicode both ways: a value read, and a parameter.
    users = pd.read_sql("SELECT user_id, last_name, first_name FROM users ORDER BY user_id", conn)
    check(f"{label} umlauts", (users.loc[0, "last_name"], users.loc[0, "first_name"]) == ("Müller", "Jürgen"),
          str(users.loc[0].tolist()))
    weiss = pd.read_sql("SELECT last_name FROM users WHERE last_name = ?", conn, params=["Weiß"])
    check(f"{label} ß parameter", list(weiss["last_name"]) == ["Weiß"] * len(weiss) and len(weiss) >= 1,
          str(weiss))
    check(f"{label} user_id int64", str(users["user_id"].dtype) == "int64", str(users["user_id"].dtype))
    conn.close()


if __name__ == "__main__":
    for i, cs in enumerate(sys.argv[1:]):
        run(cs, "DSN" if cs.startswith("DSN=") else "DSN-less")
    print(f"{passed} passed, {failed} failed")
    sys.exit(1 if failed or not passed else 0)
