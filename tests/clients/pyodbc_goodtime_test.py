#!/usr/bin/python3
"""pyodbc against the driver's goodtime source and the simulator's GoodTime
profile (issue 15): the five tables listed under the schema goodtime, read
with their types, a join, and the requests a filtered query makes.

Usage: pyodbc_goodtime_test.py SIM_BINARY DRIVER_SO CERT_DIR
"""
import datetime
import os
import subprocess
import sys
import tempfile
import unittest

import pyodbc

SIM, DRIVER, CERTS = sys.argv[1:4]
PASSWORD = "pyodbc-gt-pw"
USER = "juergen.mueller@example.com"
PLUS_USER = "anna+zeit@example.com"
TABLES = ["projects", "timeentries", "timetypes", "user_projects", "users"]


def dump(table):
    """The simulator's rows of a goodtime table (README.md, --dump), NULL as None."""
    out = subprocess.run([SIM, "--api", "goodtime", "--dump", table], check=True,
                         capture_output=True, text=True).stdout
    return [[None if v == "\\N" else v for v in line.split("\t")] for line in out.splitlines()]


class Simulator:
    def __init__(self, *flags):
        self.log = tempfile.NamedTemporaryFile(delete=False).name
        self.proc = subprocess.Popen(
            [SIM, "--api", "goodtime", "--port", "0", "--cert", f"{CERTS}/sim-cert.pem",
             "--key", f"{CERTS}/sim-key.pem", "--api-password", PASSWORD, "--request-log", self.log, *flags],
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        self.port = int(self.proc.stdout.readline())

    def requests(self, action):
        with open(self.log) as f:
            return [line for line in f if f'"action":"{action}"' in line]

    def clear(self):
        open(self.log, "w").close()

    def stop(self):
        self.proc.terminate()
        self.proc.wait()
        self.proc.stdout.close()
        os.unlink(self.log)


class PyodbcGoodTimeTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.sim = Simulator()
        cls.conn = pyodbc.connect(
            f"Driver={DRIVER};Source=goodtime;Server=https://127.0.0.1:{cls.sim.port};UID={USER};"
            f"PWD={PASSWORD};CAFile={CERTS}/sim-cert.pem;Cache=memory;CacheTTL=0", autocommit=True)

    @classmethod
    def tearDownClass(cls):
        cls.conn.close()
        cls.sim.stop()

    def test_tables_under_schema_goodtime(self):
        tables = self.conn.cursor().tables(schema="goodtime").fetchall()
        self.assertEqual(sorted(t.table_name for t in tables), TABLES)
        self.assertEqual({t.table_schem for t in tables}, {"goodtime"})

    def test_column_types(self):
        columns = {c.column_name: c for c in self.conn.cursor().columns(table="timeentries", schema="goodtime")}
        self.assertEqual(columns["start_time"].data_type, pyodbc.SQL_TYPE_TIMESTAMP)
        self.assertEqual(columns["end_time"].data_type, pyodbc.SQL_TYPE_TIMESTAMP)
        self.assertEqual(columns["locked"].data_type, pyodbc.SQL_BIT)

    def test_small_tables_equal_the_simulators(self):
        for table in ["timetypes", "users", "projects", "user_projects"]:
            rows = self.conn.execute(f"SELECT * FROM goodtime.{table}").fetchall()
            got = sorted([str(v) for v in row] for row in rows)
            self.assertEqual(got, sorted(dump(table)), table)

    def test_timeentries_with_python_types(self):
        cursor = self.conn.execute(
            "SELECT time_entry_id, login_email, start_time, end_time, time_type_id, project_id, comment, locked "
            "FROM goodtime.timeentries WHERE login_email = ? AND start_time >= ? AND start_time < ? "
            "ORDER BY time_entry_id", PLUS_USER, datetime.datetime(2025, 3, 1), datetime.datetime(2025, 4, 1))
        rows = cursor.fetchall()
        expected = [r for r in dump("timeentries") if r[1] == PLUS_USER and "2025-03-01" <= r[2] < "2025-04-01"]
        self.assertEqual(len(rows), len(expected))
        self.assertGreater(len(rows), 0)
        for row, want in zip(rows, expected):
            self.assertEqual(row.time_entry_id, int(want[0]))
            self.assertIsInstance(row.start_time, datetime.datetime)
            self.assertEqual(row.start_time, datetime.datetime.fromisoformat(want[2]))
            self.assertEqual(row.end_time, datetime.datetime.fromisoformat(want[3]))
            self.assertEqual(row.project_id, None if want[5] is None else int(want[5]))
            self.assertEqual(row.comment, want[6] or None)  # an empty text reads NULL (docs/tables.md)
            self.assertIs(row.locked, want[7] == "1")  # BIT arrives as a Python bool

    def test_filtered_query_is_one_request(self):
        self.sim.clear()
        self.conn.execute("SELECT * FROM goodtime.timeentries WHERE login_email = ? AND start_time >= '2025-01-01'",
                          PLUS_USER).fetchall()
        requests = self.sim.requests("timeentries")
        self.assertEqual(len(requests), 1, requests)
        self.assertIn(f'"useremail":"{PLUS_USER}"', requests[0])
        self.assertIn('"status":200', requests[0])

    def test_join_to_projects_and_timetypes(self):
        rows = self.conn.execute(
            "SELECT e.time_entry_id, p.name AS project, t.name AS timetype FROM goodtime.timeentries e "
            "JOIN goodtime.projects p ON p.project_id = e.project_id "
            "JOIN goodtime.timetypes t ON t.time_type_id = e.time_type_id "
            "WHERE e.login_email = ? AND e.start_time >= '2025-03-01' AND e.start_time < '2025-07-01' "
            "ORDER BY e.time_entry_id", PLUS_USER).fetchall()
        projects = {r[0]: r[1] for r in dump("projects")}
        types = {r[0]: r[1] for r in dump("timetypes")}
        expected = [(int(e[0]), projects[e[5]], types[e[4]]) for e in dump("timeentries")
                    if e[1] == PLUS_USER and "2025-03-01" <= e[2] < "2025-07-01" and e[5] is not None]
        self.assertGreater(len(expected), 0)
        self.assertEqual([tuple(r) for r in rows], expected)

    def test_wrong_password_is_28000(self):
        with self.assertRaises(pyodbc.Error) as caught:
            conn = pyodbc.connect(
                f"Driver={DRIVER};Source=goodtime;Server=https://127.0.0.1:{self.sim.port};UID={USER};"
                f"PWD=not-{PASSWORD};CAFile={CERTS}/sim-cert.pem;Cache=memory", autocommit=True)
            conn.execute("SELECT * FROM goodtime.timetypes").fetchall()
        self.assertEqual(caught.exception.args[0], "28000", caught.exception)
        self.assertNotIn(f"not-{PASSWORD}", str(caught.exception))


if __name__ == "__main__":
    unittest.main(argv=sys.argv[:1], verbosity=2)
