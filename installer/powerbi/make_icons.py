#!/usr/bin/env python3
"""Writes the connector's icons, PREFIX<size>.png for each size given.

Drawn here rather than committed as binaries: a rounded blue square with a
white clock face (Timebutler records working time). Standard library only
(zlib for PNG), 4x4 supersampling for smooth edges.
    make_icons.py OUTPUT_DIR PREFIX SIZE...
"""
import math
import os
import struct
import sys
import zlib

BLUE = (31, 111, 178)
WHITE = (255, 255, 255)


def coverage(x, y):
    """Colour and alpha at (x, y) in the unit square."""
    # Rounded square, corner radius 0.18.
    r = 0.18
    cx = min(max(x, r), 1 - r)
    cy = min(max(y, r), 1 - r)
    if (x - cx) ** 2 + (y - cy) ** 2 > r * r:
        return None
    dx, dy = x - 0.5, y - 0.5
    d = math.hypot(dx, dy)
    # Clock ring.
    if 0.26 <= d <= 0.34:
        return WHITE
    # Hands: to twelve and to three.
    if abs(dx) <= 0.045 and -0.24 <= dy <= 0.02:
        return WHITE
    if abs(dy) <= 0.045 and -0.02 <= dx <= 0.18:
        return WHITE
    return BLUE


def render(size):
    rows = []
    samples = 4
    for py in range(size):
        row = bytearray([0])  # filter type 0
        for px in range(size):
            acc = [0, 0, 0, 0]
            for sy in range(samples):
                for sx in range(samples):
                    c = coverage((px + (sx + 0.5) / samples) / size, (py + (sy + 0.5) / samples) / size)
                    if c is not None:
                        acc[0] += c[0]
                        acc[1] += c[1]
                        acc[2] += c[2]
                        acc[3] += 1
            n = acc[3]
            if n:
                row += bytes([acc[0] // n, acc[1] // n, acc[2] // n, 255 * n // (samples * samples)])
            else:
                row += bytes(4)
        rows.append(bytes(row))
    return b"".join(rows)


def chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def png(size):
    header = struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)  # 8-bit RGBA
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(render(size), 9))
            + chunk(b"IEND", b""))


def main():
    out_dir, prefix, sizes = sys.argv[1], sys.argv[2], [int(s) for s in sys.argv[3:]]
    os.makedirs(out_dir, exist_ok=True)
    for size in sizes:
        with open(os.path.join(out_dir, f"{prefix}{size}.png"), "wb") as f:
            f.write(png(size))


if __name__ == "__main__":
    main()
