"""Hostile packs for core/zipcheck: one damage of the zip container each, with the code and the entry or field the
message must name (docs/pack-format.md, "Error codes"). Damages are made by patching the bytes Python's zipfile
wrote, at the offsets of APPNOTE.TXT 4.3.7 (local header), 4.3.12 (central directory) and 4.3.14-16 (end records).
"""
import io
import struct
import warnings
import zipfile

EOCD = b"PK\x05\x06"
# local header field offsets (APPNOTE 4.3.7)
L_VERSION, L_FLAGS, L_METHOD, L_TIME, L_CRC, L_CSIZE, L_USIZE, L_NAMELEN = 4, 6, 8, 10, 14, 18, 22, 26


def local_at(g, data, name):
    return [o for o in g.headers(data, g.LOCAL) if g.name_at(data, o, False) == name][0]


def central_at(g, data, name):
    return [o for o in g.headers(data, g.CENTRAL) if g.name_at(data, o, True) == name][0]


def local_patch(g, data, name, off, fmt, value):
    """Changes one field of the local header of 'name' only, so that it disagrees with the directory."""
    data = bytearray(data)
    struct.pack_into(fmt, data, local_at(g, data, name) + off, value)
    return data


def eocd_patch(data, off, fmt, value):
    data = bytearray(data)
    struct.pack_into(fmt, data, data.rfind(EOCD) + off, value)
    return data


def with_zip64_end(data, total_delta=0, junk=b""):
    """Puts a ZIP64 end record and its locator before the end record, whose fields then say 'see ZIP64'."""
    e = data.rfind(EOCD)
    count, cd_size, cd_off = struct.unpack_from("<HII", data, e + 10)
    rec = struct.pack("<IQHHIIQQQQ", 0x06064B50, 44, 45, 45, 0, 0, count + total_delta, count + total_delta,
                      cd_size, cd_off)
    loc = struct.pack("<IIQI", 0x07064B50, 0, e, 1)
    end = bytearray(data[e:])
    struct.pack_into("<HHHHII", end, 4, 0, 0, 0xFFFF, 0xFFFF, 0xFFFFFFFF, 0xFFFFFFFF)
    return bytearray(data[:e]) + rec + junk + loc + end


def cases(g):
    c = {}
    stored = g.zip_bytes(g.base_files(), zipfile.ZIP_STORED)
    deflated = g.zip_bytes(g.base_files())
    page, quiz = b"lessons/a.md", b"lessons/q.json"

    # CRC first: a stored PNG whose header bytes were damaged fails its CRC-32 before anything reads its size
    files = {**g.base_files(), "lessons/a.md": b"![map](map.png)\n", "lessons/map.png": g.png(100, 100)}
    png = g.zip_bytes(files, zipfile.ZIP_STORED)
    ihdr = png.find(b"IHDR")
    struct.pack_into(">I", png, ihdr + 4, 7_000_000)  # width: what a damaged copy might say
    c["zip-crc-stored-png"] = (png, "bad-crc", "map.png")
    # written to a stream (sizes in data descriptors after each file's data), then cut short
    class Stream(io.RawIOBase):
        def __init__(self):
            self.buf = bytearray()

        def writable(self):
            return True

        def seekable(self):
            return False

        def write(self, b):
            self.buf += b
            return len(b)
    stream = Stream()
    with zipfile.ZipFile(stream, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in g.base_files().items():
            z.writestr(name, data)
    c["zip-streamed-cut-short"] = (bytes(stream.buf[: len(stream.buf) // 2]), "zip-corrupt", "cut short")
    # a file nothing refers to is read through too: its damaged data is named
    extra = g.zip_bytes({**g.base_files(), "extra/unused.txt": b"Nobody links to this file.\n" * 40})
    c["zip-crc-unreferenced"] = (g.patch(extra, b"extra/unused.txt", "crc", "<I", 0x12345678), "bad-crc",
                                 "extra/unused.txt")

    # a local header that disagrees with the directory, field by field
    for name, off, fmt, value, field in [
        ("zip-local-version", L_VERSION, "<H", 63, "version-needed"),
        ("zip-local-flags", L_FLAGS, "<H", 0x0001, "flags"),
        ("zip-local-method", L_METHOD, "<H", 0, "method"),
        ("zip-local-time", L_TIME, "<H", 0x1234, "time"),
        ("zip-local-crc", L_CRC, "<I", 0x12345678, "crc-32"),
        ("zip-local-compressed-size", L_CSIZE, "<I", 3, "compressed-size"),
        ("zip-local-uncompressed-size", L_USIZE, "<I", 3, "uncompressed-size"),
        ("zip-local-name-length", L_NAMELEN, "<H", len(page) - 1, "name-length"),
        ("zip-local-signature", 0, "<I", 0x04034B51, "signature"),
    ]:
        c[name] = (local_patch(g, deflated, page, off, fmt, value), "zip-local-header", field)
    renamed = bytearray(deflated)
    at = local_at(g, renamed, page) + 30
    renamed[at:at + len(page)] = b"lessons/b.md"
    c["zip-local-name"] = (renamed, "zip-local-header", "lessons/b.md")

    # data past the end: of the directory, of the file
    c["zip-data-into-directory"] = (g.patch(bytearray(stored), quiz, "csize", "<I", 200), "zip-data-past-end",
                                    "zip directory")
    c["zip-data-past-file"] = (g.patch(bytearray(stored), quiz, "csize", "<I", 100_000), "zip-data-past-end",
                               "past the end of the archive")

    # bytes that belong to nothing
    e = deflated.rfind(EOCD)
    c["zip-junk-before-end"] = (deflated[:e] + b"JUNK" * 8 + deflated[e:], "zip-junk", "between the zip directory")
    c["zip-junk-after-end"] = (deflated + b"appended by something", "zip-junk", "after the zip end record")
    far = deflated + b"\0" * 70_000  # too far for the end record to be found in the file's tail
    c["zip-junk-after-end-far"] = (far, "zip-junk", "after the zip end record")

    # entry counts
    c["zip-entry-count-both"] = (eocd_patch(eocd_patch(deflated, 8, "<H", 5), 10, "<H", 5), "zip-entry-count",
                                 "holds 3")
    c["zip-entry-count-disk"] = (eocd_patch(deflated, 8, "<H", 2), "zip-entry-count", "on this disk")
    c["zip-entry-count-total"] = (eocd_patch(deflated, 10, "<H", 2), "zip-entry-count", "counts 3 files on this disk")

    # the comment length
    commented = bytearray(deflated[:-2] + struct.pack("<H", 12) + b"A lesson pack")  # 13 bytes follow
    c["zip-comment-too-short"] = (commented, "zip-comment-length", "comment is 12 bytes")
    c["zip-comment-too-long"] = (eocd_patch(commented, 20, "<H", 40), "zip-comment-length", "comment of 40 bytes")

    # a name marked UTF-8 (flag bit 11) that is not UTF-8
    bad = g.rename_raw(g.zip_bytes({**g.base_files(), "evilQ.md": b"# x\n"}), b"evilQ.md", b"evil\xff.md")
    g.patch(bad, b"evil\xff.md", "flags", "<H", 0x0800)
    c["zip-name-utf8-flag"] = (bad, "name-not-utf8", "evil\\xff.md")

    # a duplicated name is named
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        dup = g.zip_bytes({**g.base_files()}, infos=[(zipfile.ZipInfo("lessons/q.json"), b"{}")])
    c["zip-duplicate-name"] = (dup, "duplicate-name", "lessons/q.json")

    # cut short: inside a file's data, inside the directory
    q = local_at(g, stored, quiz)
    c["zip-truncated-in-data"] = (stored[:q + 30 + len(quiz) + 5], "zip-corrupt", "lessons/q.json")
    c["zip-truncated-in-directory"] = (stored[:central_at(g, stored, quiz) + 10], "zip-corrupt",
                                       "inside its zip directory")

    # the directory itself
    broken = bytearray(deflated)
    broken[central_at(g, broken, page):central_at(g, broken, page) + 4] = b"PK\x01\x03"
    c["zip-directory-record"] = (broken, "zip-directory", "record 2")
    c["zip-directory-too-long"] = (eocd_patch(deflated, 12, "<I", 100_000), "zip-directory", "runs past")

    # ZIP64 end records: a count that disagrees, bytes between the ZIP64 end record and its locator
    c["zip64-entry-count"] = (with_zip64_end(deflated, total_delta=1), "zip-entry-count", "holds 3")
    c["zip64-junk"] = (with_zip64_end(deflated, junk=b"JUNK"), "zip-junk", "ZIP64 end record")
    return c
