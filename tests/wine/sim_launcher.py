#!/usr/bin/env python3
"""Starts Linux simulators for tests that run under Wine.

A Windows test process cannot exec the Linux simulator, so it asks this
launcher over TCP on 127.0.0.1 (tests/support/sim_launch_windows.cpp): one
line of tab-separated simulator flags in, "port<TAB>request-log" out; the
simulator runs until the test closes the connection.
Usage: sim_launcher.py SIM CERT KEY TOKEN PERSONNEL_TOKEN  (prints its port)
"""
import os
import socket
import subprocess
import sys
import tempfile
import threading

sim, cert, key, token, personnel = sys.argv[1:6]


def serve(conn):
    with conn:
        data = b""
        while not data.endswith(b"\n"):
            chunk = conn.recv(4096)
            if not chunk:
                return
            data += chunk
        line = data.decode().rstrip("\n")
        flags = line.split("\t") if line else []
        fd, log = tempfile.mkstemp(prefix="tb-sim-log-")
        os.close(fd)
        args = [sim, "--port", "0", "--request-log", log, "--token", token, "--personnel-token", personnel]
        if "--plain-http" not in flags:
            args += ["--cert", cert, "--key", key]
        args += flags
        proc = subprocess.Popen(args, stdout=subprocess.PIPE)
        port = proc.stdout.readline().decode().strip()
        try:
            conn.sendall(f"{port}\t{log}\n".encode())
            while conn.recv(4096):
                pass
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
            os.unlink(log)


server = socket.socket()
server.bind(("127.0.0.1", 0))
server.listen(16)
print(server.getsockname()[1], flush=True)
while True:
    conn, _ = server.accept()
    threading.Thread(target=serve, args=(conn,), daemon=True).start()
