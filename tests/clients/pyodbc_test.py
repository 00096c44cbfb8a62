#!/usr/bin/python3
"""pyodbc against the driver and the simulator: connection, queries with
parameters, metadata calls and Unicode round trips, as a Python user meets them.

Usage: pyodbc_test.py SIM_BINARY DRIVER_SO CERT_DIR
"""
import os
import subprocess
import sys
import tempfile
import unittest

import pyodbc

SIM, DRIVER, CERTS = sys.argv[1:4]
TOKEN = "pyodbc-test-token"


class Simulator:
    def __init__(self, *flags):
        self.log = tempfile.NamedTemporaryFile(delete=False).name
        self.proc = subprocess.Popen(
            [SIM, "--port", "0", "--cert", f"{CERTS}/sim-cert.pem", "--key", f"{CERTS}/sim-key.pem",
             "--token", TOKEN, "--request-log", self.log, *flags],
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        self.port = int(self.proc.stdout.readline())

    def requests(self, action):
        with open(self.log) as f:
            return [line for line in f if f'"action":"{action}"' in line]

    def stop(self):
        self.proc.terminate()
        self.proc.wait()
        os.unlink(self.log)


class PyodbcTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.sim = Simulator("--users", "25", "--years", "2023-2025")
        cls.conn = pyodbc.connect(
            f"Driver={DRIVER};Server=https://127.0.0.1:{cls.sim.port};Token={TOKEN};"
            f"CAFile={CERTS}/sim-cert.pem;Cache=memory", autocommit=True)

    @classmethod
    def tearDownClass(cls):
        cls.conn.close()
        cls.sim.stop()

    def test_count_users(self):
        self.assertEqual(self.conn.execute("SELECT COUNT(*) FROM users").fetchval(), 25)

    def test_unicode_round_trip(self):
        row = self.conn.execute("SELECT last_name, first_name FROM users WHERE user_id = 1").fetchone()
        self.assertEqual((row.last_name, row.first_name), ("Müller", "Jürgen"))

    def test_parameter_pushdown(self):
        before = len(self.sim.requests("absences"))
        rows = self.conn.execute("SELECT year, absence_id FROM absences WHERE year = ?", 2023).fetchall()
        self.assertTrue(rows)
        self.assertTrue(all(r.year == 2023 for r in rows))
        new = self.sim.requests("absences")[before:]
        self.assertEqual(len(new), 1)
        self.assertIn('"year":"2023"', new[0])

    def test_string_parameter(self):
        rows = self.conn.execute("SELECT user_id, last_name FROM users WHERE last_name = ?", "Weiß").fetchall()
        self.assertIn(2, [r.user_id for r in rows])
        self.assertTrue(all(r.last_name == "Weiß" for r in rows))

    def test_types(self):
        import datetime
        import decimal
        row = self.conn.execute(
            "SELECT date_from, workdays, half_day FROM absences WHERE year = 2024 LIMIT 1").fetchone()
        self.assertIsInstance(row.date_from, datetime.date)
        self.assertIsInstance(row.workdays, (decimal.Decimal, float))
        self.assertIn(row.half_day, (True, False))

    def test_time_is_datetime_time(self):
        # pyodbc reads TIME through SQL_C_TYPE_TIMESTAMP (docs/clients/python.md).
        import datetime
        row = self.conn.execute("SELECT start_time, worktime_id FROM worktime WHERE year = 2024 AND month = 2 "
                                "AND start_time IS NOT NULL LIMIT 1").fetchone()
        self.assertIsInstance(row.start_time, datetime.time)
        self.assertIsInstance(row.worktime_id, int)

    def test_leading_zero_employee_numbers_stay_text(self):
        value = self.conn.execute("SELECT employee_number FROM users WHERE user_id = 1").fetchval()
        self.assertEqual(value, "00101")

    def test_tables_and_columns(self):
        tables = {t.table_name for t in self.conn.cursor().tables(tableType="TABLE")}
        self.assertTrue({"users", "absences", "worktime", "projects"} <= tables)
        columns = [c.column_name for c in self.conn.cursor().columns(table="users")]
        self.assertEqual(columns[:3], ["user_id", "last_name", "first_name"])

    def test_primary_and_foreign_keys(self):
        pk = [r.column_name for r in self.conn.cursor().primaryKeys("users")]
        self.assertEqual(pk, ["user_id"])
        fks = {(r.fktable_name, r.fkcolumn_name) for r in self.conn.cursor().foreignKeys(table="users")}
        self.assertIn(("absences", "user_id"), fks)

    def test_error_is_raised_with_sqlstate(self):
        with self.assertRaises(pyodbc.Error) as ctx:
            self.conn.execute("SELECT * FROM nosuchtable")
        self.assertIn("42S02", str(ctx.exception))
        self.assertNotIn(TOKEN, str(ctx.exception))

    def test_description(self):
        cursor = self.conn.execute("SELECT user_id, last_name, date_of_entry FROM users WHERE 1=0")
        names = [d[0] for d in cursor.description]
        self.assertEqual(names, ["user_id", "last_name", "date_of_entry"])


if __name__ == "__main__":
    result = unittest.main(argv=[sys.argv[0], "-v"], exit=False).result
    failed = len(result.failures) + len(result.errors)
    print(f"{result.testsRun - failed} passed, {failed} failed")
    sys.exit(1 if failed else 0)
