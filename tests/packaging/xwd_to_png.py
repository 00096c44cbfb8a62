#!/usr/bin/env python3
"""Converts an X window dump (xwd, 24/32 bits per pixel, as Xvfb's TrueColor
screens give) to PNG with the standard library only, so the dialog test's
screenshot needs no image package. Crops to the bounding box of the pixels
that differ from the background when --crop is given, or to the rectangle
"x y width height" read from a file with --rect FILE.
Usage: xwd_to_png.py IN.xwd OUT.png [--crop | --rect FILE]"""
import struct
import sys
import zlib

source, target = sys.argv[1], sys.argv[2]
crop = "--crop" in sys.argv[3:]
rect = None
if "--rect" in sys.argv[3:]:
    rect = [int(v) for v in open(sys.argv[sys.argv.index("--rect") + 1]).read().split()[:4]]
data = open(source, "rb").read()
# The header: 25 CARD32 in big-endian order (xwd writes it MSB first).
fields = struct.unpack(">25I", data[:100])
header_size, version = fields[0], fields[1]
width, height = fields[4], fields[5]
byte_order, bits_per_pixel, bytes_per_line = fields[7], fields[11], fields[12]
red_mask, green_mask, blue_mask = fields[15], fields[16], fields[17]
ncolors = fields[19]
if version != 7 or bits_per_pixel not in (24, 32):
    sys.exit(f"unsupported xwd: version {version}, {bits_per_pixel} bits per pixel")
pixels = data[header_size + 12 * ncolors:]
step = bits_per_pixel // 8
order = "little" if byte_order == 0 else "big"


def shift(mask):
    return (mask & -mask).bit_length() - 1


shifts = [shift(m) for m in (red_mask, green_mask, blue_mask)]
rows = []
for y in range(height):
    line = pixels[y * bytes_per_line:(y * bytes_per_line) + width * step]
    row = bytearray()
    for x in range(0, width * step, step):
        value = int.from_bytes(line[x:x + step], order)
        row += bytes(((value >> s) & 0xFF) for s in shifts)
    rows.append(row)

if crop:
    background = rows[0][0:3]
    ys = [y for y, row in enumerate(rows) if any(row[i:i + 3] != background for i in range(0, len(row), 3))]
    if ys:
        xs = [x for row in (rows[y] for y in ys) for x in range(width) if row[3 * x:3 * x + 3] != background]
        left, right, top, bottom = min(xs), max(xs) + 1, ys[0], ys[-1] + 1
        rows = [row[3 * left:3 * right] for row in rows[top:bottom]]
        width, height = right - left, bottom - top


if rect:
    x, y, w, h = rect
    x, y = max(0, x), max(0, y)
    w, h = min(w, width - x), min(h, height - y)
    if w > 0 and h > 0:
        rows = [row[3 * x:3 * (x + w)] for row in rows[y:y + h]]
        width, height = w, h


def chunk(kind, body):
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)


raw = b"".join(b"\x00" + bytes(row) for row in rows)
png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
png += chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")
open(target, "wb").write(png)
print(f"{target}: {width}x{height}")
