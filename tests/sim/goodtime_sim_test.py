#!/usr/bin/python3
"""The simulator's GoodTime profile on its own, over HTTPS (no driver): the
protocol README.md documents and the facts the goodtime integration tests
rely on (their simulator-side expectations), so a change of either shows
here first.

Usage: goodtime_sim_test.py SIM_BINARY CERT_DIR
"""
import base64
import json
import os
import ssl
import subprocess
import sys
import tempfile
import time
import unittest
import urllib.error
import urllib.parse
import urllib.request

SIM, CERTS = sys.argv[1:3]
PASSWORD = 'sim-t\u00e9st "pw"'
USERS = ["juergen.mueller@example.com", "bjoern.weiss@example.com", "anna+zeit@example.com",
         "oezlem.oezdemir@example.com", "soenke.koehler@example.com"]
BASE = "/api/time-v2.1/"


def dump(table, *flags):
    out = subprocess.run([SIM, "--api", "goodtime", "--dump", table, *flags], check=True,
                         capture_output=True, text=True).stdout
    return [line.split("\t") for line in out.splitlines()]


class Sim:
    def __init__(self, *flags):
        self.log = tempfile.NamedTemporaryFile(delete=False).name
        self.proc = subprocess.Popen(
            [SIM, "--api", "goodtime", "--port", "0", "--cert", f"{CERTS}/sim-cert.pem", "--key",
             f"{CERTS}/sim-key.pem", "--api-password", PASSWORD, "--request-log", self.log, *flags],
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        self.port = int(self.proc.stdout.readline())
        self.ctx = ssl.create_default_context(cafile=f"{CERTS}/sim-cert.pem")

    def call(self, method, path, body=None, token=None, query=None):
        url = f"https://127.0.0.1:{self.port}{path}"
        if query:
            url += "?" + urllib.parse.urlencode(query)
        data = None if body is None else (body if isinstance(body, bytes) else json.dumps(body).encode())
        req = urllib.request.Request(url, data=data, method=method)
        if data is not None:
            req.add_header("Content-Type", "application/json")
        if token:
            req.add_header("Authorization", "Bearer " + token)
        try:
            with urllib.request.urlopen(req, context=self.ctx) as r:
                return r.status, r.read().decode(), dict(r.headers)
        except urllib.error.HTTPError as e:
            return e.code, e.read().decode(), dict(e.headers)

    def login(self, user=USERS[1], password=PASSWORD):
        status, body, _ = self.call("POST", "/api/login", {"loginemail": user, "apipassword": password})
        return status, body

    def token(self):
        status, body = self.login()
        assert status == 200, body
        return body

    def get(self, resource, token, **query):
        status, body, _ = self.call("GET", BASE + resource, token=token, query=query or None)
        return status, (json.loads(body) if body else None)

    def lines(self):
        with open(self.log) as f:
            return [json.loads(line) for line in f]

    def clear(self):
        open(self.log, "w").close()

    def stop(self):
        self.proc.terminate()
        self.proc.wait()
        self.proc.stdout.close()
        os.unlink(self.log)


def claims(token):
    payload = token.split(".")[1]
    return json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))


def as_dump_time(value):
    if isinstance(value, int):
        return time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime(value // 1000))
    return value.replace("T", " ")


def entry_as_dump(e, locking=True):
    null = "\\N"
    return [str(e["id"]), e["useremail"], as_dump_time(e["starttime"]), as_dump_time(e["endtime"]),
            str(e["timetypeid"]), null if e["projectid"] is None else str(e["projectid"]),
            null if e["comment"] is None else e["comment"],
            ("1" if e["locked"] else "0") if locking else null, str(e["duration"]), "1" if e["billable"] else "0"]


class GoodTimeSimTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.sim = Sim()

    @classmethod
    def tearDownClass(cls):
        cls.sim.stop()

    def test_login_token_is_a_jwt_with_exp(self):
        token = self.sim.token()
        header, _, _ = token.split(".")
        self.assertEqual(json.loads(base64.urlsafe_b64decode(header + "==")), {"alg": "HS256", "typ": "JWT"})
        c = claims(token)
        self.assertEqual(c["sub"], USERS[1])
        self.assertEqual(c["exp"] - c["iat"], 3600)
        self.assertNotEqual(token, self.sim.token(), "every login a new token")

    def test_wrong_password_and_missing_token_are_401(self):
        self.assertEqual(self.sim.login(password="wrong")[0], 401)
        self.assertEqual(self.sim.login(user="nobody@example.com")[0], 401)
        self.assertEqual(self.sim.call("POST", "/api/login", b"not json")[0], 400)
        status, _, headers = self.sim.call("GET", BASE + "timetypes")
        self.assertEqual(status, 401)
        self.assertIn("Bearer", headers.get("WWW-Authenticate", ""))
        self.assertEqual(self.sim.get("timetypes", "x.y.z")[0], 401)
        forged = self.sim.token()[:-2] + "AA"
        self.assertEqual(self.sim.get("timetypes", forged)[0], 401)

    def test_small_resources_equal_the_dump(self):
        token = self.sim.token()
        _, types = self.sim.get("timetypes", token)
        self.assertEqual([[str(t["id"]), t["name"]] for t in types], dump("timetypes"))
        _, users = self.sim.get("users", token)
        self.assertEqual([[u["loginemail"]] for u in users], dump("users"))
        _, projects = self.sim.get("projects", token)
        self.assertEqual([[str(p["id"]), p["name"]] for p in projects], dump("projects"))
        user_projects = []
        for u in USERS:
            status, rows = self.sim.get("projects/" + urllib.parse.quote(u, safe=""), token)
            self.assertEqual(status, 200, u)
            user_projects += [[u, str(p["id"]), p["name"]] for p in rows]
        self.assertEqual(user_projects, dump("user_projects"))

    def test_timeentries_of_every_user_equal_the_dump(self):
        token = self.sim.token()
        got = []
        for u in USERS:
            status, rows = self.sim.get("timeentries", token, useremail=u, start="2025-01-01", end="2026-12-31")
            self.assertEqual(status, 200)
            got += [entry_as_dump(e) for e in rows]
        self.assertEqual(sorted(got, key=lambda r: int(r[0])), dump("timeentries"))
        self.assertEqual(len(got), 848)

    def test_period_and_the_plus_user(self):
        token = self.sim.token()
        status, rows = self.sim.get("timeentries", token, useremail=USERS[2], start="2025-03-01", end="2025-03-31")
        self.assertEqual(status, 200)
        self.assertEqual(rows[0]["id"], 1080)
        self.assertTrue(all("2025-03-01" <= r["starttime"] < "2025-04-01" for r in rows))
        # The same '+' unencoded in the query reads as a space: nobody.
        status, _, _ = self.sim.call("GET", BASE + "timeentries?useremail=anna+zeit@example.com&start=2025-03-01"
                                     "&end=2025-03-31", token=token)
        self.assertEqual(status, 404)
        self.assertEqual(self.sim.get("timeentries", token, useremail=USERS[2], start="2025-03-01")[0], 400)
        status, same = self.sim.get("timeentries", token, useremail=USERS[2], start="2025-03-01T00:00:00Z",
                                    end=str(1743465599000))  # 2025-03-31T23:59:59Z
        self.assertEqual(same, rows)

    def test_create_and_delete(self):
        sim = Sim()
        try:
            token = sim.token()
            entry = {"starttime": "2026-11-07T08:00:00", "endtime": "2026-11-07T12:30:00", "useremail": USERS[2],
                     "timetypeid": 102, "projectid": 206, "comment": "Neu über ODBC"}
            sim.clear()
            status, body, _ = sim.call("POST", BASE + "createtimeentry", entry, token)
            self.assertEqual((status, json.loads(body)), (200, [{"id": 500001}]))
            line = sim.lines()[0]
            self.assertEqual(line["params"]["timetypeid"], "102")
            self.assertEqual(line["params"]["comment"], "Neu über ODBC")
            _, rows = sim.get("timeentries", token, useremail=USERS[2], start="2026-11-07", end="2026-11-07")
            self.assertEqual([entry_as_dump(e)[:8] for e in rows],
                             [["500001", USERS[2], "2026-11-07 08:00:00", "2026-11-07 12:30:00", "102", "206",
                               "Neu über ODBC", "0"]])
            for bad, code in [({"endtime": "2026-11-07T07:00:00"}, "ENDTIME_BEFORE_STARTTIME"),
                              ({"timetypeid": 999}, "TIMETYPEID_INVALID"),
                              ({"projectid": 998}, "PROJECTID_INVALID"),
                              ({"projectid": None}, "PROJECTID_MISSING"),
                              ({"projectid": 207}, "PROJECT_NOT_ASSIGNED")]:
                status, body, _ = sim.call("POST", BASE + "createtimeentry", {**entry, **bad}, token)
                self.assertEqual((status, json.loads(body)["error"]), (400, code))
            self.assertEqual(sim.call("DELETE", BASE + "deletetimeentry/500001", token=token)[0], 204)
            self.assertEqual(sim.call("DELETE", BASE + "deletetimeentry/500001", token=token)[0], 404)
            self.assertEqual(sim.call("DELETE", BASE + "deletetimeentry/1080", token=token)[0], 403)
            self.assertEqual(sim.call("GET", BASE + "deletetimeentry/1080", token=token)[0], 405)
        finally:
            sim.stop()

    def test_token_uses_and_lifetime(self):
        sim = Sim("--token-uses", "1", "--jwt-lifetime", "2")
        try:
            token = sim.token()
            self.assertEqual(sim.get("timetypes", token)[0], 200)
            status, _, _ = sim.call("GET", BASE + "timetypes", token=token)
            self.assertEqual(status, 401)
            token = sim.token()
            time.sleep(2.1)
            status, body, _ = sim.call("GET", BASE + "timetypes", token=token)
            self.assertEqual((status, json.loads(body)["error"]), (401, "TOKEN_EXPIRED"))
        finally:
            sim.stop()

    def test_login_answer_forms_and_epoch_ms(self):
        for form, unwrap in [("json-string", json.loads), ("object", lambda b: json.loads(b)["token"])]:
            sim = Sim("--login-answer", form, "--time-format", "epoch-ms", "--no-locking")
            try:
                status, body = sim.login()
                token = unwrap(body)
                status, rows = sim.get("timeentries", token, useremail=USERS[0], start="2025-01-01",
                                       end="2025-01-31")
                self.assertEqual(status, 200)
                self.assertIsInstance(rows[0]["starttime"], int)
                self.assertNotIn("locked", rows[0])
                want = [r for r in dump("timeentries", "--no-locking") if r[1] == USERS[0] and r[2] < "2025-02-01"]
                self.assertEqual([entry_as_dump(e, locking=False) for e in rows], want)
            finally:
                sim.stop()

    def test_bulk_entries(self):
        sim = Sim("--bulk-entries", "10000")
        try:
            token = sim.token()
            status, rows = sim.get("timeentries", token, useremail=USERS[0], start="2025-01-01", end="2026-12-31")
            self.assertEqual((status, len(rows)), (200, 10000))
            self.assertEqual([entry_as_dump(e) for e in rows], dump("timeentries", "--bulk-entries", "10000")[:10000])
        finally:
            sim.stop()

    def test_json_faults(self):
        for kind, check in [("truncated", lambda b: self.assertRaises(ValueError, json.loads, b)),
                            ("not-array", lambda b: self.assertIsInstance(json.loads(b), dict)),
                            ("wrong-type", lambda b: self.assertEqual(json.loads(b)[0]["id"], "n/a")),
                            ("bad-time", lambda b: self.assertEqual(json.loads(b)[0]["starttime"], "31.02.2025 25:61"))]:
            sim = Sim("--fault", f"{kind}:timeentries:1")
            try:
                token = sim.token()
                query = {"useremail": USERS[1], "start": "2025-03-01", "end": "2025-03-31"}
                status, body, _ = sim.call("GET", BASE + "timeentries", token=token, query=query)
                self.assertEqual(status, 200, kind)
                check(body)
                status, rows = sim.get("timeentries", token, **query)
                self.assertEqual(status, 200)
                self.assertIsInstance(rows[0]["id"], int, "answers normally after COUNT")
            finally:
                sim.stop()

    def test_transport_fault_status(self):
        sim = Sim("--fault", "status", "--fault-status", "503", "--fault-actions", "timeentries", "--fault-count", "1")
        try:
            token = sim.token()
            query = {"useremail": USERS[1], "start": "2025-03-01", "end": "2025-03-31"}
            self.assertEqual(sim.call("GET", BASE + "timeentries", token=token, query=query)[0], 503)
            self.assertEqual(sim.get("timeentries", token, **query)[0], 200)
        finally:
            sim.stop()

    def test_log_never_holds_the_password_or_a_token(self):
        token = self.sim.token()
        self.sim.call("GET", BASE + "timetypes", token=token, query={"x": token, "y": PASSWORD})
        self.sim.call("POST", "/api/login", f"loginemail=a&apipassword={PASSWORD}".encode())
        with open(self.sim.log, encoding="utf-8") as f:
            text = f.read()
        self.assertNotIn(PASSWORD, text)
        self.assertNotIn(json.dumps(PASSWORD)[1:-1], text)
        self.assertNotIn(token.split(".")[0], text)
        self.assertIn('"method":"POST","path":"/api/login","action":"login"', text)


if __name__ == "__main__":
    unittest.main(argv=sys.argv[:1], verbosity=2)
