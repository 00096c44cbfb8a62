#!/usr/bin/python3
"""LibreOffice Base, headless, through Python UNO (Debian's libreoffice-base
and python3-uno): an ODBC data source registered as Base's wizard does (a
database document with the URL sdbc:odbc:<DSN>, saved and registered), the
tables, columns and keys Base shows, a query, and an INSERT into projects;
then the same through a DSN-less connection string. Values, types and Unicode
are checked.

Usage: libreoffice_test.py SIM_BINARY DRIVER_SO CERT_DIR
Exit 77 (ctest's SKIP_RETURN_CODE) when LibreOffice or its UNO bridge is missing.
"""
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import unittest

# The launcher (oosplash), not soffice.bin: a fresh profile makes soffice.bin
# exit once with "restart required", which the launcher handles.
SOFFICE = "/usr/lib/libreoffice/program/soffice"
try:
    import uno
    from com.sun.star.beans import PropertyValue
except ImportError:
    print("SKIP: python3-uno is not installed")
    sys.exit(77)
if not os.path.exists(SOFFICE) or not os.path.exists("/usr/lib/libreoffice/program/libdbalo.so"):
    print("SKIP: libreoffice-base is not installed")
    sys.exit(77)

SIM, DRIVER, CERTS = sys.argv[1:4]
TOKEN = "lo-test-token"
DSN = "Timebutler LO"
# com.sun.star.sdbc.DataType and com.sun.star.sdbcx.KeyType
INTEGER, BIGINT, DATE, TIME, TIMESTAMP, DECIMAL, BIT, BOOLEAN = 4, -5, 91, 92, 93, 3, -7, 16
PRIMARY, FOREIGN = 1, 3
STARTED = time.monotonic()


class Simulator:
    def __init__(self, *flags):
        self.log = tempfile.NamedTemporaryFile(delete=False).name
        self.proc = subprocess.Popen(
            [SIM, "--port", "0", "--cert", f"{CERTS}/sim-cert.pem", "--key", f"{CERTS}/sim-key.pem",
             "--token", TOKEN, "--request-log", self.log, "--today", "2025-03-10", *flags],
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        self.port = int(self.proc.stdout.readline())

    def requests(self, action):
        with open(self.log) as f:
            return [line for line in f if f'"action":"{action}"' in line]

    def stop(self):
        self.proc.terminate()
        self.proc.wait()
        os.unlink(self.log)


class Office:
    """LibreOffice started here in its own process group (ours to stop), reached over a named pipe."""

    def __init__(self, work):
        self.pipe = f"tbtest{os.getpid()}"
        profile = uno.systemPathToFileUrl(os.path.join(work, "profile"))
        self.proc = subprocess.Popen(
            [SOFFICE, "--headless", "--invisible", "--norestore", "--nologo", "--nodefault",
             f"-env:UserInstallation={profile}", f"--accept=pipe,name={self.pipe};urp;"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
        deadline = time.monotonic() + 120  # a cold start on a loaded machine
        while True:
            try:
                self.ctx = resolver.resolve(f"uno:pipe,name={self.pipe};urp;StarOffice.ComponentContext")
                break
            except Exception:
                if time.monotonic() > deadline or self.proc.poll() is not None:
                    self.stop()
                    raise RuntimeError("LibreOffice did not start within 120 s")
                time.sleep(0.5)
        self.smgr = self.ctx.ServiceManager

    def create(self, name):
        return self.smgr.createInstanceWithContext(name, self.ctx)

    def stop(self):
        try:
            self.create("com.sun.star.frame.Desktop").terminate()
        except Exception:
            pass
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, signal.SIGKILL)  # the launcher and soffice.bin it started
            self.proc.wait()


def prop(name, value):
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p


class LibreOfficeBase(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.work = tempfile.mkdtemp()
        cls.sim = Simulator("--users", "25", "--years", "2023-2025")
        os.environ["ODBCINI"] = os.path.join(cls.work, "odbc.ini")
        os.environ["ODBCSYSINI"] = cls.work
        with open(os.path.join(cls.work, "odbcinst.ini"), "w") as f:
            f.write(f"[Timebutler]\nDriver = {os.path.realpath(DRIVER)}\n")
        with open(os.environ["ODBCINI"], "w") as f:
            f.write(f"[{DSN}]\nDescription = Timebutler account\nDriver = Timebutler\n"
                    f"Server = https://127.0.0.1:{cls.sim.port}\nToken = {TOKEN}\nPersonnelToken =\n"
                    f"CAFile = {CERTS}/sim-cert.pem\nCache = memory\nCacheTTL = 300\n")
        os.chmod(os.environ["ODBCINI"], 0o600)
        # soffice inherits ODBCINI/ODBCSYSINI: its ODBC layer (unixODBC) reads the DSN there.
        cls.office = Office(cls.work)
        cls.dbctx = cls.office.create("com.sun.star.sdb.DatabaseContext")
        cls.registered = []

    @classmethod
    def tearDownClass(cls):
        for name in cls.registered:
            try:
                cls.dbctx.revokeObject(name)
            except Exception:
                pass
        cls.office.stop()
        cls.sim.stop()
        shutil.rmtree(cls.work, ignore_errors=True)
        print(f"LibreOffice test took {time.monotonic() - STARTED:.1f} s", file=sys.stderr)

    def data_source(self, name, url):
        """A database document for the URL, saved and registered, as Base's wizard leaves it."""
        ds = self.dbctx.createInstance()
        ds.URL = url
        doc_url = uno.systemPathToFileUrl(os.path.join(self.work, name + ".odb"))
        ds.DatabaseDocument.storeAsURL(doc_url, ())
        self.dbctx.registerObject(name, ds)
        self.registered.append(name)
        return self.dbctx.getByName(name)

    def check_everything(self, conn):
        tables = conn.getTables()
        names = tables.getElementNames()
        for t in ("users", "absences", "worktime", "projects"):
            self.assertIn(f"timebutler.{t}", names)

        users = tables.getByName("timebutler.users")
        cols = users.getColumns()
        self.assertIn(cols.getByName("user_id").Type, (INTEGER, BIGINT))
        self.assertEqual(cols.getByName("last_name").Type in (-9, 12, -1, -16), True)  # (N)VARCHAR / LONG
        worktime = tables.getByName("timebutler.worktime").getColumns()
        self.assertEqual(worktime.getByName("date").Type, DATE)
        self.assertEqual(worktime.getByName("start_time").Type, TIME)

        keys = [users.getKeys().getByIndex(i) for i in range(users.getKeys().getCount())]
        primary = [k for k in keys if k.Type == PRIMARY]
        self.assertEqual(len(primary), 1)
        self.assertEqual(primary[0].getColumns().getElementNames(), ("user_id",))
        absences = tables.getByName("timebutler.absences")
        fkeys = [absences.getKeys().getByIndex(i) for i in range(absences.getKeys().getCount())]
        referenced = {k.ReferencedTable for k in fkeys if k.Type == FOREIGN}
        self.assertTrue(any(r.endswith("users") for r in referenced), referenced)

        stmt = conn.createStatement()
        rs = stmt.executeQuery('SELECT "user_id", "last_name", "first_name" FROM "users" WHERE "user_id" = 1')
        self.assertTrue(rs.next())
        self.assertEqual(rs.getInt(1), 1)
        self.assertEqual((rs.getString(2), rs.getString(3)), ("Müller", "Jürgen"))
        self.assertFalse(rs.next())

        rs = stmt.executeQuery('SELECT "date", "working_seconds", "year", "month" FROM "worktime" '
                               'WHERE "year" = 2024 AND "month" = 3')
        rows = 0
        while rs.next():
            d = rs.getDate(1)
            self.assertEqual((d.Year, d.Month), (2024, 3))
            self.assertGreaterEqual(rs.getLong(2), 0)
            self.assertEqual((rs.getInt(3), rs.getInt(4)), (2024, 3))
            rows += 1
        self.assertGreater(rows, 0)

        rs = stmt.executeQuery('SELECT COUNT(*) FROM "projects"')
        self.assertTrue(rs.next())
        before = rs.getInt(1)
        name = f"Größenprüfung {len(self.registered)}"
        inserted = stmt.executeUpdate(
            f"INSERT INTO \"projects\" (\"name\", \"state\", \"budget_hours\", \"comments\") "
            f"VALUES ('{name}', 'Active', 12, 'from LibreOffice')")
        self.assertEqual(inserted, 1)
        rs = stmt.executeQuery(f"SELECT \"name\", \"budget_hours\" FROM \"projects\" WHERE \"name\" = '{name}'")
        self.assertTrue(rs.next())
        self.assertEqual(rs.getString(1), name)
        self.assertEqual(rs.getInt(2), 12)
        rs = stmt.executeQuery('SELECT COUNT(*) FROM "projects"')
        self.assertTrue(rs.next())
        self.assertEqual(rs.getInt(1), before + 1)

    def test_registered_dsn(self):
        ds = self.data_source("TimebutlerDsn", f"sdbc:odbc:{DSN}")
        conn = ds.getConnection("", "")
        try:
            self.check_everything(conn)
        finally:
            conn.close()

    def test_dsn_less(self):
        # Base prefixes "DSN=" to what follows sdbc:odbc:, so an empty DSN
        # keeps the rest a plain DSN-less connection string.
        cs = (f";Driver={os.path.realpath(DRIVER)};Server=https://127.0.0.1:{self.sim.port};Token={TOKEN};"
              f"CAFile={CERTS}/sim-cert.pem;Cache=memory")
        ds = self.data_source("TimebutlerDsnLess", f"sdbc:odbc:{cs}")
        conn = ds.getConnection("", "")
        try:
            self.check_everything(conn)
        finally:
            conn.close()


if __name__ == "__main__":
    unittest.main(argv=[sys.argv[0]], verbosity=2)
