/* lessonplan: a lesson as a printable HTML plan. */
#include "lessonplan.h"

#include <libintl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "activity.h"
#include "answer.h"
#include "exercise.h"
#include "markdown.h"
#include "strbuf.h"

#define _(s) gettext(s)

/* Text with &, <, > and " escaped. */
static void esc(StrBuf *h, const char *s)
{
    for (const char *p = s ? s : ""; *p;) {
        size_t n = strcspn(p, "&<>\"");
        sb_put_n(h, p, n);
        p += n;
        if (!*p)
            break;
        sb_put(h, *p == '&' ? "&amp;" : *p == '<' ? "&lt;" : *p == '>' ? "&gt;" : "&quot;");
        p++;
    }
}

/* Markdown as HTML, read by the parser set-up the reader uses (core/markdown: tables, strikethrough, autolinks);
   raw HTML in the source is not passed through. Text the parser gives up on is printed as it is, escaped. */
static void md(StrBuf *h, const char *text)
{
    if (!text || !text[0])
        return;
    MarkdownStatus st;
    cmark_node *doc = markdown_parse(text, strlen(text), &st);
    if (!doc) {
        if (st == MARKDOWN_NOMEM) {
            h->failed = 1;
            return;
        }
        sb_put(h, "<p>");
        esc(h, text);
        sb_put(h, "</p>\n");
        return;
    }
    /* a saved plan has no pack beside it: each image prints as its alt text */
    cmark_iter *it = cmark_iter_new(doc);
    cmark_node *images = NULL;
    for (cmark_event_type ev; it && (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE;) {
        cmark_node *n = cmark_iter_get_node(it);
        if (ev == CMARK_EVENT_EXIT && cmark_node_get_type(n) == CMARK_NODE_IMAGE) {
            for (cmark_node *c; (c = cmark_node_first_child(n));)
                cmark_node_insert_before(n, c);
            cmark_node_set_user_data(n, images); /* unlinked after the walk, which still stands on it */
            images = n;
        }
    }
    cmark_iter_free(it);
    while (images) {
        cmark_node *next = cmark_node_get_user_data(images);
        cmark_node_free(images);
        images = next;
    }
    char *html = cmark_render_html_with_mem(doc, CMARK_OPT_DEFAULT, NULL, cmark_get_default_mem_allocator());
    cmark_node_free(doc);
    if (!html) {
        h->failed = 1;
        return;
    }
    sb_put(h, html);
    free(html);
}

static void section(StrBuf *h, const char *title, const StrList *l, int numbered)
{
    if (!l->n)
        return;
    sb_put(h, "<h3>");
    esc(h, title);
    sb_put(h, numbered ? "</h3>\n<ol>\n" : "</h3>\n<ul>\n");
    for (size_t i = 0; i < l->n; i++) {
        sb_put(h, "<li>");
        md(h, l->v[i]);
        sb_put(h, "</li>\n");
    }
    sb_put(h, numbered ? "</ol>\n" : "</ul>\n");
}

static void activity_html(StrBuf *h, const Activity *a)
{
    md(h, a->overview);
    sb_put(h, "<p class=\"facts\">");
    sb_putf(h, _("Complexity %d of 4"), a->complexity);
    sb_put(h, " &middot; ");
    sb_putf(h, _("group of %d to %d"), a->group_min, a->group_max);
    sb_put(h, " &middot; ");
    sb_putf(h, ngettext("%d minute", "%d minutes", (unsigned long)a->minutes), a->minutes);
    sb_put(h, "</p>\n");
    section(h, _("Themes"), &a->themes, 0);
    section(h, _("Related rights"), &a->related_rights, 0);
    section(h, _("Objectives"), &a->objectives, 0);
    section(h, _("Materials"), &a->materials, 0);
    section(h, _("Preparation"), &a->preparation, 0);
    section(h, _("Instructions"), &a->instructions, 1);
    section(h, _("Debriefing and evaluation"), &a->debriefing, 0);
    section(h, _("Tips for facilitators"), &a->tips, 0);
    section(h, _("Variations"), &a->variations, 0);
    section(h, _("Follow-up"), &a->follow_up, 0);
}

/* A gap of a fill-in text as the learner meets it: its number and a line to write on. */
static void gap_number(void *user, StrBuf *out, size_t blank)
{
    (void)user;
    sb_putf(out, "**(%zu)** \\_\\_\\_\\_\\_\\_", blank + 1);
}

/* A scenario as a map: each situation numbered (the start first), its choices and where each leads, and the
   endings with their kind, so the lecturer can follow any path the room takes. */
static void scenario_html(StrBuf *h, const Exercise *ex)
{
    size_t *order = calloc(ex->n_nodes + 1, sizeof *order), n = 0;
    if (!order) {
        h->failed = 1;
        return;
    }
    for (size_t i = 0; i < ex->n_nodes; i++) /* the start first, then the rest in the file's order */
        if (ex->start && strcmp(ex->nodes[i].id, ex->start) == 0)
            order[n++] = i;
    for (size_t i = 0; i < ex->n_nodes; i++)
        if (!ex->start || strcmp(ex->nodes[i].id, ex->start) != 0)
            order[n++] = i;
    sb_put(h, "<ol class=\"scenario\">\n");
    for (size_t k = 0; k < n; k++) {
        const ExNode *nd = &ex->nodes[order[k]];
        sb_put(h, "<li>");
        if (nd->ending) {
            sb_put(h, "<strong>");
            esc(h, _(exercise_ending_label(nd->ending)));
            sb_put(h, "</strong> ");
        }
        md(h, nd->text);
        if (nd->n_choices) {
            sb_put(h, "<ul>\n");
            for (size_t c = 0; c < nd->n_choices; c++) {
                size_t to = 0;
                for (size_t m = 0; m < n && nd->choices[c].target; m++)
                    if (strcmp(ex->nodes[order[m]].id, nd->choices[c].target) == 0)
                        to = m + 1;
                sb_put(h, "<li>");
                esc(h, nd->choices[c].text);
                sb_put(h, " &rarr; ");
                char where[64];
                snprintf(where, sizeof where, _("situation %zu"), to);
                esc(h, where);
                sb_put(h, "</li>\n");
            }
            sb_put(h, "</ul>\n");
        }
        sb_put(h, "</li>\n");
    }
    sb_put(h, "</ol>\n");
    free(order);
}

/* A page the room reads on screen: its length and outline (its section headings), so its section is not empty. Words
   are counted outside code blocks, without the headings' '#' marks. */
static void page_html(StrBuf *h, const char *md_text)
{
    size_t words = 0;
    StrBuf outline = {0};
    int fence = 0;
    for (const char *s = md_text; s && *s;) {
        size_t n = strcspn(s, "\n");
        size_t lv = strspn(s, "#");
        char line[2000];
        if (n >= 3 && (strncmp(s, "```", 3) == 0 || strncmp(s, "~~~", 3) == 0)) {
            fence = !fence;
        } else if (!fence) {
            int heading = lv >= 1 && lv <= 6 && lv < n && s[lv] == ' ';
            for (size_t k = heading ? lv : 0; k < n; k++) /* words: runs of non-space characters */
                words += s[k] != ' ' && s[k] != '\t' && (k == 0 || s[k - 1] == ' ' || s[k - 1] == '\t');
            if (heading && (lv == 2 || lv == 3)) { /* the page's sections; its title is the item's */
                snprintf(line, sizeof line, "%.*s", (int)(n - lv - 1), s + lv + 1);
                sb_put(&outline, lv == 3 ? "<li class=\"sub\">" : "<li>");
                esc(&outline, line);
                sb_put(&outline, "</li>\n");
            }
        }
        s += n;
        if (*s)
            s++;
    }
    sb_put(h, "<p class=\"facts\">");
    char say[200];
    snprintf(say, sizeof say,
             ngettext("Read on screen: about %zu word.", "Read on screen: about %zu words.", (unsigned long)words),
             words);
    esc(h, say);
    sb_put(h, "</p>\n");
    char *list = sb_take(&outline);
    if (list && list[0]) {
        sb_put(h, "<ul class=\"outline\">\n");
        sb_put(h, list);
        sb_put(h, "</ul>\n");
    }
    free(list);
}

static void exercise_html(StrBuf *h, const Exercise *ex)
{
    md(h, ex->prompt);
    switch (ex->type) {
    case EX_SINGLE_CHOICE:
    case EX_MULTIPLE_CHOICE:
    case EX_ORDERING:
        sb_put(h, ex->type == EX_ORDERING ? "<ol>\n" : "<ul class=\"options\">\n");
        for (size_t i = 0; i < ex->n_options; i++) {
            sb_put(h, ex->options[i].correct ? "<li class=\"right\">" : "<li>");
            esc(h, ex->options[i].text);
            if (ex->options[i].correct) {
                sb_put(h, " <strong>(");
                esc(h, _("right"));
                sb_put(h, ")</strong>");
            }
            sb_put(h, "</li>\n");
        }
        sb_put(h, ex->type == EX_ORDERING ? "</ol>\n" : "</ul>\n");
        break;
    case EX_TRUE_FALSE:
        sb_put(h, "<p><strong>");
        esc(h, ex->answer ? _("True") : _("False"));
        sb_put(h, "</strong></p>\n");
        break;
    case EX_MATCHING:
        sb_put(h, "<ul>\n");
        for (size_t i = 0; i < ex->n_options; i++) {
            sb_put(h, "<li>");
            esc(h, ex->options[i].text);
            sb_put(h, " &rarr; ");
            esc(h, ex->options[i].match);
            sb_put(h, "</li>\n");
        }
        sb_put(h, "</ul>\n");
        break;
    case EX_FILL_BLANKS: {
        char *text = answer_gap_text(ex, gap_number, NULL); /* "(1) ______" where the learner writes */
        md(h, text ? text : ex->text);
        free(text);
        sb_put(h, "<ul>\n");
        for (size_t i = 0; i < ex->n_blanks; i++) {
            sb_putf(h, "<li>(%zu) ", i + 1);
            for (size_t k = 0; k < ex->blanks[i].n_answers; k++) {
                if (k)
                    sb_put(h, " / ");
                esc(h, ex->blanks[i].answers[k]);
            }
            sb_put(h, "</li>\n");
        }
        sb_put(h, "</ul>\n");
        break;
    }
    case EX_DISCUSSION:
        if (ex->n_questions) {
            sb_put(h, "<ul>\n");
            for (size_t i = 0; i < ex->n_questions; i++) {
                sb_put(h, "<li>");
                md(h, ex->questions[i]);
                sb_put(h, "</li>\n");
            }
            sb_put(h, "</ul>\n");
        }
        break;
    case EX_SCENARIO:
        scenario_html(h, ex);
        break;
    default:
        break;
    }
    if (ex->explanation) {
        sb_put(h, "<div class=\"explanation\">");
        md(h, ex->explanation);
        sb_put(h, "</div>\n");
    }
}

typedef struct {
    StrBuf *h;
} NoteCtx;

static void imported(void *user, const char *item, const char *source, const char *text)
{
    (void)item;
    StrBuf *h = ((NoteCtx *)user)->h;
    sb_put(h, "<div class=\"notes imported\"><h3>");
    char title[300];
    snprintf(title, sizeof title, _("Notes from %s"), source ? source : "?");
    esc(h, title);
    sb_put(h, "</h3>\n");
    md(h, text);
    sb_put(h, "</div>\n");
}

/* What an item is, with ", optional" for an optional one. */
static const char *kind_name(const Item *it)
{
    if (it->optional)
        return it->handout                 ? _("Handout, optional")
               : it->kind == ITEM_PAGE     ? _("Page, optional")
               : it->kind == ITEM_EXERCISE ? _("Exercise, optional")
                                           : _("Activity, optional");
    return it->handout                 ? _("Handout")
           : it->kind == ITEM_PAGE     ? _("Page")
           : it->kind == ITEM_EXERCISE ? _("Exercise")
                                       : _("Activity");
}

/* One item: what it is, its content for the lecturer, and every note on it. */
static void item_html(StrBuf *h, const Lview *v, size_t flat, size_t n, Progress *p, const PackLimits *lim)
{
    const LviewItem *vi = &v->items[flat];
    const Item *it = vi->item;
    sb_putf(h, "<section class=\"item%s\">\n<h2>%zu. ", it->handout ? " handout" : "", n);
    esc(h, it->title);
    sb_put(h, " <span class=\"kind\">");
    esc(h, kind_name(it));
    if (it->duration > 0) {
        sb_put(h, ", ");
        sb_putf(h, ngettext("%d minute", "%d minutes", (unsigned long)it->duration), it->duration);
    }
    sb_put(h, "</span></h2>\n");
    char *buf = NULL;
    size_t len = 0;
    Err e, label;
    err_clear(&e);
    err_clear(&label);
    if (it->kind == ITEM_PAGE && pack_read(vi->pack, it->file, lim->max_markdown_size, &buf, &len, &e) == 0) {
        if (it->handout)
            md(h, buf); /* a handout is printed whole, to copy for the group */
        else
            page_html(h, buf);
    } else if (it->kind != ITEM_PAGE && pack_read(vi->pack, it->file, lim->max_json_size, &buf, &len, &e) == 0) {
        if (it->kind == ITEM_ACTIVITY) {
            Activity *a = NULL;
            if (activity_parse(buf, len, lim, &label, it->file, NULL, &a, &e) == 0)
                activity_html(h, a);
            activity_free(a);
        } else {
            Exercise *ex = NULL;
            if (exercise_parse(buf, len, lim, &label, it->file, NULL, &ex, &e) == 0)
                exercise_html(h, ex);
            exercise_free(ex);
        }
    }
    free(buf);
    buf = NULL;
    if (it->notes && vi->notes_pack &&
        pack_read(vi->notes_pack, it->notes, lim->max_markdown_size, &buf, &len, &e) == 0) {
        sb_put(h, "<div class=\"notes\"><h3>");
        esc(h, _("Lecturer notes"));
        sb_put(h, "</h3>\n");
        md(h, buf);
        sb_put(h, "</div>\n");
    }
    free(buf);
    if (p) {
        char *own = progress_note(p, v->m->id, it->id);
        if (own) {
            sb_put(h, "<div class=\"notes own\"><h3>");
            esc(h, _("My notes"));
            sb_put(h, "</h3>\n");
            md(h, own);
            sb_put(h, "</div>\n");
        }
        free(own);
        NoteCtx c = {h};
        progress_each_imported(p, v->m->id, it->id, imported, &c);
    }
    sb_put(h, "</section>\n");
}

static const char *CSS =
    "body{font-family:'PT Serif',Georgia,serif;max-width:46em;margin:2em auto;padding:0 1em;line-height:1.45;"
    "color:#1a1a18}h1,h2,h3{font-family:'PT Sans',Arial,sans-serif}h2{border-top:1px solid #999;padding-top:.6em;"
    "margin-top:1.6em}.kind{font-weight:normal;color:#555;font-size:.8em}table{border-collapse:collapse;"
    "width:100%}td,th{border:1px solid #999;padding:.25em .5em;text-align:left}td.n{text-align:right}"
    ".notes{background:#f0ede5;padding:.2em 1em;margin:1em 0}.explanation{border-left:3px solid #8a3b1e;"
    "padding-left:1em}.right{font-weight:bold}.facts{color:#555}"
    "@media "
    "print{body{margin:0;max-width:none}section.item{break-inside:avoid-page}section.handout{break-before:page}.notes{"
    "border:1px solid #999}}";

int plan_html(const Lview *v, size_t lesson, Progress *p, const char *course, char **out, Err *err)
{
    *out = NULL;
    const Manifest *m = v->m;
    if (lesson >= m->n_lessons)
        return err_set(err, ERR_USAGE, NULL, N_("the pack has no lesson %zu"), lesson + 1);
    size_t first = 0;
    for (size_t l = 0; l < lesson; l++)
        first += m->lessons[l].n_items;
    const Lesson *ls = &m->lessons[lesson];
    PackLimits lim;
    pack_limits_default(&lim);
    StrBuf h = {0};
    sb_put(&h, "<!DOCTYPE html>\n<html lang=\"");
    esc(&h, v->lang ? v->lang : m->language);
    sb_put(&h, "\">\n<head>\n<meta charset=\"utf-8\">\n<title>");
    esc(&h, ls->title);
    sb_put(&h, "</title>\n<style>");
    sb_put(&h, CSS);
    sb_put(&h, "</style>\n</head>\n<body>\n<h1>");
    esc(&h, ls->title);
    sb_put(&h, "</h1>\n<p class=\"facts\">");
    esc(&h, m->title);
    int planned = manifest_lesson_minutes(ls), extra = 0;
    for (size_t i = 0; i < ls->n_items; i++)
        extra += ls->items[i].optional ? ls->items[i].duration : 0;
    if (planned > 0) {
        sb_put(&h, " &middot; ");
        sb_putf(&h, ngettext("planned: %d minute", "planned: %d minutes", (unsigned long)planned), planned);
    }
    if (extra > 0) {
        sb_put(&h, " &middot; ");
        sb_putf(&h, ngettext("optional items: %d minute more", "optional items: %d minutes more", (unsigned long)extra),
                extra);
    }
    sb_put(&h, "</p>\n");
    if (course && course[0]) {
        sb_put(&h, "<p class=\"facts\">");
        esc(&h, course);
        sb_put(&h, "</p>\n");
    }
    md(&h, ls->summary);
    /* the timetable: each item with its planned minutes and the minute it starts at */
    sb_put(&h, "<table>\n<tr><th>#</th><th>");
    esc(&h, _("Item"));
    sb_put(&h, "</th><th>");
    esc(&h, _("Kind"));
    sb_put(&h, "</th><th>");
    esc(&h, _("Minutes"));
    sb_put(&h, "</th><th>");
    esc(&h, _("Starts at"));
    sb_put(&h, "</th></tr>\n");
    int at = 0;
    for (size_t i = 0; i < ls->n_items; i++) {
        const Item *it = &ls->items[i];
        sb_putf(&h, "<tr><td class=\"n\">%zu</td><td>", i + 1);
        esc(&h, it->title);
        sb_put(&h, "</td><td>");
        esc(&h, kind_name(it));
        /* optional items do not move the start of the next: the times are those of the required plan */
        sb_putf(&h, "</td><td class=\"n\">%d</td><td class=\"n\">%d:%02d</td></tr>\n", it->duration, at / 60, at % 60);
        at += it->optional ? 0 : it->duration;
    }
    sb_put(&h, "</table>\n");
    for (size_t i = 0; i < ls->n_items && first + i < v->n_items; i++)
        item_html(&h, v, first + i, i + 1, p, &lim);
    sb_put(&h, "</body>\n</html>\n");
    if (!(*out = sb_take(&h)))
        return err_set(err, ERR_NOMEM, NULL, N_("out of memory"));
    return 0;
}
