"""Hostile packs for strict JSON (RFC 8259) and the characters pack text may not hold: each refusal must name
the file, its line and column (and, for a refused character, the field), with its own code."""
import json


def at(data, off):
    """'line:col' of byte off of data (1-based, the column counted in characters)."""
    line = data.count(b"\n", 0, off) + 1
    start = data.rfind(b"\n", 0, off) + 1
    return "%d:%d" % (line, len(data[start:off].decode("utf-8")) + 1)


def where(data, needle, nth=0):
    """at() of the nth occurrence of needle in data."""
    off = -1
    for _ in range(nth + 1):
        off = data.index(needle, off + 1)
    return at(data, off)


def cases(g):
    c = {}

    def pack(**files):
        return g.zip_bytes({**g.base_files(), **files})

    def manifest_text(**over):
        return json.dumps(g.manifest(**over), indent=1).encode()

    m = manifest_text()
    # content after the value, in pack.json and in an exercise
    data = m + b"\nThe end.\n"
    c["json-trailing-manifest"] = (pack(**{"pack.json": data}), "json-trailing",
                                   "pack.json:%s" % where(data, b"The end."))
    quiz = json.dumps(g.QUIZ).encode()
    data = quiz + b" {}"
    c["json-trailing-exercise"] = (pack(**{"lessons/q.json": data}), "json-trailing",
                                   "lessons/q.json:1:%d" % (len(quiz) + 2))
    # a raw control character inside quotes
    data = m.replace(b'"Hostile test pack"', b'"Hostile\ttest pack"')
    c["json-raw-tab"] = (pack(**{"pack.json": data}), "json-control-char", "pack.json:%s" % where(data, b"\t"))
    # a leading zero
    data = m.replace(b'"format": 1', b'"format": 01')
    c["json-leading-zero"] = (pack(**{"pack.json": data}), "json-number", "pack.json:%s" % where(data, b"01"))
    data = json.dumps(g.QUIZ).encode().replace(b'"answer": true', b'"answer": true, "x": 1.')
    c["json-number-dot"] = (pack(**{"lessons/q.json": data}), "json-number", "lessons/q.json:%s" % where(data, b"1."))
    # a NUL byte, then garbage
    data = m + b"\0\x01\x02garbage"
    c["json-nul-byte"] = (pack(**{"pack.json": data}), "json-nul-byte", "pack.json:%s" % where(data, b"\0"))
    # half a surrogate pair
    data = m.replace(b'"Hostile test pack"', b'"Hostile \\ud83d pack"')
    c["json-lone-high-surrogate"] = (pack(**{"pack.json": data}), "json-surrogate",
                                     "pack.json:%s" % where(data, b"\\ud83d"))
    data = json.dumps(g.QUIZ).encode().replace(b"everyone.", b"everyone \\udc00.")
    c["json-lone-low-surrogate"] = (pack(**{"lessons/q.json": data}), "json-surrogate",
                                    "lessons/q.json:%s" % where(data, b"\\udc00"))
    # a repeated key
    data = m.replace(b'"title": "Hostile test pack"', b'"title": "Hostile test pack",\n "title": "Again"')
    c["json-duplicate-key"] = (pack(**{"pack.json": data}), "json-duplicate-key",
                               "pack.json:%s" % where(data, b'"title"', 1))
    # nesting: 65 levels, and 100,000 (a valid, closed text)
    data = m[:-1] + b', "x_deep": ' + b"[" * 64 + b"]" * 64 + b"}"
    c["json-depth-65"] = (pack(**{"pack.json": data}), "json-too-deep",  # the 64th '[' inside the object
                          "pack.json:%s: nested deeper than 64 levels" % at(data, data.index(b"[" * 64) + 63))
    deep = b'{"x": ' + b"[" * 100_000 + b"]" * 100_000 + b"}"
    c["json-depth-100000"] = (pack(**{"lessons/q.json": deep}), "json-too-deep",
                              "lessons/q.json:1:70: nested deeper than 64 levels")
    # an escape JSON does not know
    data = m.replace(b'"Hostile test pack"', b'"C:\\\\Packs\\hostile"')
    c["json-invalid-escape"] = (pack(**{"pack.json": data}), "json-syntax", "pack.json:%s" % where(data, b"\\h"))
    # characters pack text may not hold
    data = m.replace(b'"Hostile test pack"', b'"Hostile \\uffff pack"')
    c["text-uffff-pack-title"] = (pack(**{"pack.json": data}), "text-bad-char",
                                  "pack.json:%s: title:" % where(data, b"\\uffff"))
    mi = g.manifest()
    mi["lessons"][0]["items"][0]["title"] = "Page \uffff one"
    data = json.dumps(mi, ensure_ascii=False, indent=1).encode()
    c["text-raw-uffff-item-title"] = (pack(**{"pack.json": data}), "text-bad-char",
                                      "pack.json:%s: lessons[0].items[0].title:" % where(data, "\uffff".encode()))
    data = json.dumps({**g.QUIZ, "prompt": "Human rights\u0085belong to everyone."}).encode()
    c["text-u0085-exercise-prompt"] = (pack(**{"lessons/q.json": data}), "text-bad-char",
                                       "lessons/q.json:%s: prompt:" % where(data, b"\\u0085"))
    data = json.dumps({"language": "ru", "title": "\u041f\u0440\u0430\u0432\u0430 \ufdd0"},
                      ensure_ascii=False).encode()
    c["text-ufdd0-locale-title"] = (pack(**{"locales/ru/locale.json": data}), "text-bad-char",
                                    "locales/ru/locale.json:%s: title:" % where(data, "\ufdd0".encode()))
    data = json.dumps({"language": "ru", "adapt": [{"op": "replace", "item": "p1", "with": {
        "id": "p1-ru", "kind": "page", "title": "\u0421\u0442\u0440\u0430\u043d\u0438\u0446\u0430 \ufdd0",
        "file": "lessons/a.md"}}]}).encode()
    c["text-ufdd0-locale-adapt"] = (pack(**{"locales/ru/locale.json": data}), "text-bad-char",
                                    "locales/ru/locale.json:%s: adapt[0].with.title:" % where(data, b"\\ufdd0"))
    data = m.replace(b'"Hostile test pack"', b'"Hostile\\u0000pack"')
    c["text-u0000-title"] = (pack(**{"pack.json": data}), "text-bad-char", "pack.json:%s:" % where(data, b"\\u0000"))
    data = json.dumps(g.QUIZ).encode().replace(b'"type"', b'"ty\\u0000pe"')
    c["text-u0000-key"] = (pack(**{"lessons/q.json": data}), "text-bad-char",
                           "lessons/q.json:%s:" % where(data, b"\\u0000"))
    return c
