#!/usr/bin/env python3
"""Structured seeds for the fuzz targets (called by bench/fuzz), written next to the raw fixture copies.

    python3 bench/fuzzers/seeds.py xlsx DIR   each workbook in DIR also as a part list (name NUL content NUL …)
    python3 bench/fuzzers/seeds.py xls DIR    each .xls in DIR also as its bare BIFF workbook stream

These are the forms XLSXFuzzer.swift and XLSFuzzer.swift wrap into a valid container themselves, so that
libFuzzer's mutations reach the XML and the BIFF records instead of breaking a deflate stream or a FAT.
Standard library only.
"""
import os
import struct
import sys
import zipfile

OLE2 = bytes.fromhex("d0cf11e0a1b11ae1")
LAST = 0xFFFFFFFA   # sector numbers from here on are markers (free, end of chain, FAT …)


def part_list(path):
    with zipfile.ZipFile(path) as z:
        return b"".join(i.filename.encode() + b"\0" + z.read(i.filename).replace(b"\0", b"") + b"\0"
                        for i in z.infolist() if i.file_size < 60_000)


def workbook_stream(b):
    """The Workbook (or Book) stream of a compound file, None when there is none."""
    if len(b) < 512 or b[:8] != OLE2:
        return None
    ss = 1 << struct.unpack_from("<H", b, 30)[0]

    def sector(i):
        return b[512 + i * ss: 512 + (i + 1) * ss]

    fat = []
    for i in struct.unpack_from("<109I", b, 76):
        if i < LAST:
            fat += struct.unpack("<%dI" % (ss // 4), sector(i))

    def chain(s, table, read, size):
        out, seen = b"", set()
        while s < LAST and s < len(table) and s not in seen:
            seen.add(s)
            out += read(s)
            s = table[s]
        return out[:size] if size is not None else out

    dirs = chain(struct.unpack_from("<I", b, 48)[0], fat, sector, None)
    root = None
    for k in range(0, len(dirs) - 127, 128):
        e = dirs[k:k + 128]
        name = e[:max(0, struct.unpack_from("<H", e, 64)[0] - 2)].decode("utf-16-le", "replace")
        start, size = struct.unpack_from("<II", e, 116)
        if e[66] == 5:
            root = (start, size)
        if e[66] == 2 and name.lower() in ("workbook", "book"):
            if size >= struct.unpack_from("<I", b, 56)[0] or root is None:
                return chain(start, fat, sector, size)
            mini = chain(root[0], fat, sector, None)
            raw = chain(struct.unpack_from("<I", b, 60)[0], fat, sector, None)
            minifat = struct.unpack("<%dI" % (len(raw) // 4), raw[:len(raw) // 4 * 4])
            return chain(start, minifat, lambda s: mini[s * 64:(s + 1) * 64], size)
    return None


def main():
    kind, d = sys.argv[1], sys.argv[2]
    for f in sorted(os.listdir(d)):
        path = os.path.join(d, f)
        try:
            if kind == "xlsx":
                out = part_list(path)
                suffix = ".parts"
            else:
                out = workbook_stream(open(path, "rb").read())
                suffix = ".biff"
        except Exception:
            continue
        if out and out[:2] != b"PK" and out[:8] != OLE2:
            with open(path + suffix, "wb") as o:
                o.write(out)


if __name__ == "__main__":
    main()
