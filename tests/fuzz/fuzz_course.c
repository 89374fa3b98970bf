/* libFuzzer harness: a course overview (NAME.course.json) through core/course, and every text looked up. */
#include <stdint.h>
#include <string.h>

#include "core/course.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    Course *c;
    Err e;
    err_clear(&e);
    if (course_parse((const char *)data, size, "fuzz.course.json", &c, &e) != 0)
        return 0;
    size_t s;
    const char *langs[] = {"en", "ru", "nl-BE", "x", NULL};
    for (int i = 0; i < 5; i++) {
        course_text(c, &c->title, langs[i]);
        course_text(c, &c->description, langs[i]);
        for (size_t k = 0; k < c->n_sessions; k++)
            course_text(c, &c->sessions[k].title, langs[i]);
    }
    if (c->n_sessions && c->sessions[0].n_lessons)
        course_find_lesson(c, c->sessions[0].lessons[0].pack, c->sessions[0].lessons[0].lesson, &s);
    course_free(c);
    return 0;
}
