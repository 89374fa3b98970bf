/* Tests for core/notes and the notes in core/progress: a lecturer's notes exported to a .beseda-notes file and
   imported by a colleague (kept apart, replaced by a newer import from the same person), every kind of bad file
   refused with its own error and nothing stored, and notes forgotten with the pack's data. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/notes.h"
#include "fixture.h"

static Progress *open_db(const char *name)
{
    char path[600];
    snprintf(path, sizeof path, "%s/%s", fx_dir, name);
    Progress *p;
    Err e;
    err_clear(&e);
    assert_int_equal(progress_open(path, NULL, 0, &p, &e), 0);
    assert_int_equal(e.code, ERR_OK);
    return p;
}

typedef struct {
    char items[8][32], sources[8][64], texts[8][200];
    int n;
} Seen;

static void seen(void *user, const char *item, const char *source, const char *text)
{
    Seen *s = user;
    if (s->n >= 8)
        return;
    snprintf(s->items[s->n], 32, "%s", item);
    snprintf(s->sources[s->n], 64, "%s", source ? source : "");
    snprintf(s->texts[s->n], 200, "%s", text);
    s->n++;
}

static void own_notes_and_hands(void **state)
{
    (void)state;
    Progress *p = open_db("own.db");
    Err e;
    err_clear(&e);
    assert_null(progress_note(p, "org.x", "intro"));
    assert_int_equal(progress_set_note(p, "org.x", "intro", "Ask who has *seen* a court.", &e), 0);
    char *n = progress_note(p, "org.x", "intro");
    assert_string_equal(n, "Ask who has *seen* a court.");
    free(n);
    assert_int_equal(progress_set_note(p, "org.x", "intro", "", &e), 0); /* emptied: gone */
    assert_null(progress_note(p, "org.x", "intro"));
    assert_int_equal(progress_set_hands(p, "org.x", "quiz", 2, 14, &e), 0);
    assert_int_equal(progress_set_hands(p, "org.x", "quiz", 2, 15, &e), 0);
    assert_int_equal(progress_hands(p, "org.x", "quiz", 2), 15);
    assert_int_equal(progress_hands(p, "org.x", "quiz", 1), 0);
    progress_set_note(p, "org.x", "quiz", "Count hands before revealing.", &e);
    progress_add_imported(p, "org.x", "quiz", "Anna", "Anna's tip", &e);
    assert_int_equal(progress_forget_pack(p, "org.x", &e), 0); /* all of it is the pack's data */
    assert_null(progress_note(p, "org.x", "quiz"));
    assert_int_equal(progress_hands(p, "org.x", "quiz", 2), 0);
    Seen s = {0};
    assert_int_equal(progress_each_imported(p, "org.x", "quiz", seen, &s), 0);
    progress_close(p);
}

static void export_then_import_elsewhere(void **state)
{
    (void)state;
    Progress *mine = open_db("mine.db");
    Err e;
    err_clear(&e);
    progress_set_note(mine, "org.x", "intro", "Start with a story.\nThen \"quotes\" и кириллица.", &e);
    /* a character a colleague's import would refuse (here U+0007) is written as U+FFFD */
    progress_set_note(mine, "org.x", "quiz", "Ten minutes \a at most.", &e);
    progress_set_note(mine, "org.y", "other", "Not this pack.", &e);
    char file[600];
    snprintf(file, sizeof file, "%s/anna.beseda-notes", fx_dir);
    assert_int_equal(notes_export(mine, "org.x", "Talking about rights", "Anna Petrova", file, &e), 2);
    progress_close(mine);

    Progress *theirs = open_db("theirs.db");
    char source[80];
    assert_int_equal(notes_import(theirs, file, "org.x", source, sizeof source, &e), 2);
    assert_string_equal(source, "Anna Petrova");
    Seen s = {0};
    assert_int_equal(progress_each_imported(theirs, "org.x", "intro", seen, &s), 1);
    assert_string_equal(s.sources[0], "Anna Petrova");
    assert_string_equal(s.texts[0], "Start with a story.\nThen \"quotes\" и кириллица.");
    assert_null(progress_note(theirs, "org.x", "intro")); /* apart from the reader's own notes */
    assert_int_equal(progress_each_imported(theirs, "org.x", "quiz", seen, &s), 1);
    assert_string_equal(s.texts[1], "Ten minutes \xef\xbf\xbd at most."); /* written as U+FFFD */
    /* a newer file from the same person replaces the earlier import */
    fx_write(fx_dir, "anna2.beseda-notes",
             "{\"format\":1,\"kind\":\"beseda-notes\",\"pack\":\"org.x\",\"author\":\"Anna Petrova\",\"notes\":["
             "{\"item\":\"intro\",\"text\":\"Revised.\"}]}",
             (size_t)-1);
    snprintf(file, sizeof file, "%s/anna2.beseda-notes", fx_dir);
    assert_int_equal(notes_import(theirs, file, "org.x", source, sizeof source, &e), 1);
    memset(&s, 0, sizeof s);
    progress_each_imported(theirs, "org.x", "intro", seen, &s);
    assert_int_equal(s.n, 1);
    assert_string_equal(s.texts[0], "Revised.");
    /* without an author, the file's name without its extension: a name with dots (a pack id, "anna.k") stays
       whole */
    static const char *const unnamed[] = {"from-ivan", "org.example.rights"};
    for (size_t k = 0; k < 2; k++) {
        char name[80];
        snprintf(name, sizeof name, "%s.beseda-notes", unnamed[k]);
        fx_write(fx_dir, name,
                 "{\"format\":1,\"kind\":\"beseda-notes\",\"pack\":\"org.x\",\"notes\":[{\"item\":\"intro\","
                 "\"text\":\"I.\"}]}",
                 (size_t)-1);
        snprintf(file, sizeof file, "%s/%s", fx_dir, name);
        assert_int_equal(notes_import(theirs, file, "org.x", source, sizeof source, &e), 1);
        assert_string_equal(source, unnamed[k]);
    }
    /* a long author's name is cut at a character, never inside one */
    char json[400];
    snprintf(json, sizeof json,
             "{\"format\":1,\"kind\":\"beseda-notes\",\"pack\":\"org.x\",\"author\":\"%s\",\"notes\":[]}",
             "xААААААААААААААААААААААААААААААААААААААААААААААААААААААААААААААА");
    assert_int_equal(notes_import_text(theirs, json, strlen(json), "x", "org.x", source, sizeof source, &e), 0);
    assert_int_equal(strlen(source), 63); /* 64 bytes would end inside a letter */
    assert_int_equal(source[62] & 0xC0, 0x80);
    progress_close(theirs);
}

static void bad_files_are_refused_whole(void **state)
{
    (void)state;
    Progress *p = open_db("bad.db");
    static const struct {
        const char *name, *text;
        ErrCode code;
    } cases[] = {
        {"syntax", "{\"format\":1,\n\"kind\":\"beseda-notes\",,}", ERR_JSON_SYNTAX},
        {"kind", "{\"format\":1,\"kind\":\"lessons\",\"pack\":\"org.x\",\"notes\":[]}", ERR_NOTES},
        {"newer", "{\"format\":7,\"kind\":\"beseda-notes\",\"pack\":\"org.x\",\"notes\":[]}", ERR_NOTES},
        {"other", "{\"format\":1,\"kind\":\"beseda-notes\",\"pack\":\"org.other\",\"notes\":[]}", ERR_NOTES_PACK},
        {"noarray", "{\"format\":1,\"kind\":\"beseda-notes\",\"pack\":\"org.x\"}", ERR_JSON_MISSING},
        {"badid",
         "{\"format\":1,\"kind\":\"beseda-notes\",\"pack\":\"org.x\",\"notes\":[{\"item\":\"ok\",\"text\":\"a\"},"
         "{\"item\":\"../x\",\"text\":\"b\"}]}",
         ERR_BAD_ID},
        {"utf8",
         "{\"format\":1,\"kind\":\"beseda-notes\",\"pack\":\"org.x\",\"notes\":[{\"item\":\"ok\",\"text\":\"\xff\"}]}",
         ERR_NOT_UTF8},
        {"type", "{\"format\":1,\"kind\":\"beseda-notes\",\"pack\":\"org.x\",\"notes\":[{\"item\":\"ok\",\"text\":5}]}",
         ERR_JSON_TYPE},
        {"trailing", "{\"format\":1,\"kind\":\"beseda-notes\",\"pack\":\"org.x\",\"notes\":[]}\n{}", ERR_JSON_TRAILING},
        {"repeated",
         "{\"format\":1,\"kind\":\"beseda-notes\",\"pack\":\"org.x\",\"notes\":[{\"item\":\"ok\",\"text\":\"a\","
         "\"text\":\"b\"}]}",
         ERR_JSON_DUPLICATE_KEY},
        {"control",
         "{\"format\":1,\"kind\":\"beseda-notes\",\"pack\":\"org.x\",\"notes\":[{\"item\":\"ok\",\"text\":\"a\tb\"}]}",
         ERR_JSON_CONTROL},
        {"noncharacter",
         "{\"format\":1,\"kind\":\"beseda-notes\",\"pack\":\"org.x\",\"notes\":[{\"item\":\"ok\",\"text\":\"a\\uffff\"}"
         "]}",
         ERR_TEXT_BAD_CHAR},
        {"escape-control",
         "{\"format\":1,\"kind\":\"beseda-notes\",\"pack\":\"org.x\",\"author\":\"A\\u0007\",\"notes\":[]}",
         ERR_TEXT_BAD_CHAR},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char rel[64], file[700], source[80];
        snprintf(rel, sizeof rel, "%s.beseda-notes", cases[i].name);
        fx_write(fx_dir, rel, cases[i].text, (size_t)-1);
        snprintf(file, sizeof file, "%s/%s", fx_dir, rel);
        Err e;
        err_clear(&e);
        int rc = notes_import(p, file, "org.x", source, sizeof source, &e);
        if (rc >= 0 || e.code != cases[i].code)
            fail_msg("%s: got %d %s (%s), want %s", cases[i].name, rc, err_code_name(e.code), e.msg,
                     err_code_name(cases[i].code));
    }
    Seen s = {0};
    assert_int_equal(progress_each_imported(p, "org.x", "ok", seen, &s), 0); /* nothing from the bad ids' file */
    /* a character pack text may not hold is named with its field and its line and column; nothing is stored */
    static const char bad_char[] = "{\"format\": 1, \"kind\": \"beseda-notes\", \"pack\": \"org.x\", \"notes\": [\n"
                                   "  {\"item\": \"ok\", \"text\": \"fine\"},\n"
                                   "  {\"item\": \"ok2\", \"text\": \"Split \xef\xbf\xbe the room\"}]}";
    char src[80];
    Err e;
    err_clear(&e);
    assert_int_equal(
        notes_import_text(p, bad_char, sizeof bad_char - 1, "anna.beseda-notes", "org.x", src, sizeof src, &e),
        -(int)ERR_TEXT_BAD_CHAR);
    assert_string_equal(e.entry, "anna.beseda-notes");
    assert_string_equal(e.field, "notes[1].text");
    assert_int_equal(e.line, 3);
    assert_int_equal(e.col, 34);
    assert_non_null(strstr(e.msg, "U+FFFE"));
    assert_int_equal(progress_each_imported(p, "org.x", "ok", seen, &s), 0);
    /* too large, and missing */
    char *big = malloc(NOTES_MAX_FILE + 10);
    memset(big, ' ', NOTES_MAX_FILE + 10);
    fx_write(fx_dir, "big.beseda-notes", big, NOTES_MAX_FILE + 10);
    free(big);
    char file[700], source[80];
    snprintf(file, sizeof file, "%s/big.beseda-notes", fx_dir);
    assert_true(notes_import(p, file, "org.x", source, sizeof source, &e) < 0);
    assert_int_equal(e.code, ERR_MANIFEST_SIZE);
    snprintf(file, sizeof file, "%s/none.beseda-notes", fx_dir);
    assert_true(notes_import(p, file, "org.x", source, sizeof source, &e) < 0);
    assert_int_equal(e.code, ERR_IO);
    progress_close(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(own_notes_and_hands),
        cmocka_unit_test(export_then_import_elsewhere),
        cmocka_unit_test(bad_files_are_refused_whole),
    };
    return cmocka_run_group_tests(tests, fx_group_setup, fx_group_teardown);
}
