"""Hostile packs whose pages hold characters a pack's text may not (docs/pack-format.md, "Text"): each must be
refused with text-bad-char at its line and column. The reader opens them anyway and shows U+FFFD (tests/ui)."""


def page_case(g, text, notes=None):
    files = g.base_files()
    files["lessons/a.md"] = text.encode("utf-8", "surrogatepass")
    if notes is not None:
        m = g.manifest()
        m["lessons"][0]["items"][0]["notes"] = "lessons/a-notes.md"
        files["pack.json"] = g.json.dumps(m).encode()
        files["lessons/a-notes.md"] = notes.encode()
    return g.zip_bytes(files)


def cases(g):
    c = {}
    c["text-page-uffff"] = (page_case(g, "# A page\n\nSome text\uffff here.\n"), "text-bad-char", "lessons/a.md:3:10")
    c["text-page-ufffe-heading"] = (page_case(g, "# Title\ufffe\n"), "text-bad-char", "lessons/a.md:1:8")
    c["text-page-nul"] = (page_case(g, "# A page\n\nNUL \x00 in a paragraph.\n"), "text-bad-char", "lessons/a.md:3:5")
    c["text-page-escape"] = (page_case(g, "# A page\n\n\x1b[31mred\x1b[0m\n"), "text-bad-char", "lessons/a.md:3:1")
    c["text-page-c1"] = (page_case(g, "# A page\n\n- one\n- two\u0085three\n"), "text-bad-char", "lessons/a.md:4:6")
    c["text-page-fdd0"] = (page_case(g, "Table:\n\n| a | b |\n|---|---|\n| x\ufdd0 | y |\n"), "text-bad-char",
                           "lessons/a.md:5:4")
    c["text-page-plane1"] = (page_case(g, "# A page\n\n`code \U0001FFFF`\n"), "text-bad-char", "lessons/a.md:3:7")
    c["text-page-reference"] = (page_case(g, "# A page\n\nA reference &#xFFFF; to a noncharacter.\n"),
                                "text-bad-char", "lessons/a.md:3:")
    c["text-page-reference-c0"] = (page_case(g, "# A page\n\n![alt &#7; text](x.png)\n"), "text-bad-char",
                                   "lessons/a.md:3:")
    c["text-page-reference-fffe-cell"] = (page_case(g, "| a | b |\n|---|---|\n| x &#xFFFE; | y |\n"), "text-bad-char",
                                          "lessons/a.md:3:")
    c["text-page-reference-in-link"] = (page_case(g, "# A page\n\nSee [the notes](item:q1&#x85;).\n"), "text-bad-char",
                                        "lessons/a.md:3:")
    c["text-notes-uffff"] = (page_case(g, "# Fine page\n", notes="Notes for the lecturer\uffff\n"), "text-bad-char",
                             "lessons/a-notes.md:1:23")
    return c
