/*
 * The sample firmware, run on the host: for every model it executes the schedule against the planned arena
 * and checks that no live buffer is ever overwritten (arena_check.c). Prints one line per model and exits
 * non-zero on any corruption, so that the build that runs it fails.
 *
 *   accelerator_firmware [--self-test] [--report FILE]
 *
 * --self-test  also moves one buffer of every model onto another that is live at the same time and checks
 *              that the check catches it (proof that the check can fail).
 * --report     writes the report lines to FILE as well, only when every model passed.
 */
#include <stdio.h>
#include <string.h>

#include "arena_check.h"
#include "fw_models.h"

#define FW_MAX_MODELS 64

static void describe_all(fw_model *models, size_t *count)
{
    *count = 0;
#define FW_DESCRIBE(name) fw_describe_##name(&models[(*count)++]);
    FW_MODELS(FW_DESCRIBE)
#undef FW_DESCRIBE
}

static int format_line(char *line, size_t size, const fw_model *m, const fw_result *r)
{
    char bound[64], capacity[48] = "";
    if (m->capacity >= 0) {
        snprintf(capacity, sizeof capacity, ", capacity %lu", (unsigned long)m->capacity);
    }
    if (m->lower_bound >= 0) {
        snprintf(bound, sizeof bound, "lower bound %lu bytes", (unsigned long)m->lower_bound);
    } else {
        snprintf(bound, sizeof bound, "max live %lu bytes", r->max_live);
    }
    return snprintf(line, size, "firmware: %-14s arena %7lu bytes (alignment %lu%s), %s, %lu steps, %lu buffers: OK",
                    m->name, m->arena_size, m->arena_alignment, capacity, bound, (unsigned long)m->step_count,
                    (unsigned long)m->buffer_count);
}

static int moved_has_aliases(const fw_model *m, size_t a)
{
    size_t b;
    for (b = 0; b < m->buffer_count; b++) {
        if (m->buffers[b].owner == (long)a) {
            return 1;
        }
    }
    return 0;
}

/* Moves one buffer onto another that is live at the same step, runs the check, and puts it back.
   Returns 1 when the check caught the overlap (or no two buffers are ever live at once), 0 when it did not. */
static int self_test(fw_model *m)
{
    size_t a, b;
    int tried = 0;
    fw_result r;
    for (a = 0; a < m->buffer_count; a++) {
        for (b = 0; b < m->buffer_count; b++) {
            fw_buffer *moved = &m->buffers[a];
            const fw_buffer *victim = &m->buffers[b];
            unsigned long saved = moved->offset;
            int status;
            if (a == b || moved->end <= victim->start || victim->end <= moved->start) {
                continue;
            }
            /* Buffers that share bytes by design are no overlap, and moving one of them away from the others would
               be caught as a plan that disagrees with the schedule, not as corruption: move buffers of their own. */
            if (moved->root == victim->root || moved->root != (long)a || moved_has_aliases(m, a)) {
                continue;
            }
            tried = 1;
            moved->offset = victim->offset <= m->arena_size - moved->size ? victim->offset : m->arena_size - moved->size;
            status = fw_check_model(m, &r);
            moved->offset = saved;
            if (status == 1) {
                printf("firmware: %-14s self-test: %s moved onto %s -> caught: %s\n", m->name, moved->name, victim->name,
                       r.message);
                return 1;
            }
            /* A pair that is never occupied at once (gaps) cannot overlap: try the next one. */
        }
    }
    if (!tried) {
        printf("firmware: %-14s self-test: skipped, no two buffers are ever live at once\n", m->name);
        return 1;
    }
    fprintf(stderr, "firmware: error FW003: %s: self-test: no injected overlap was caught\n", m->name);
    return 0;
}

int main(int argc, char **argv)
{
    static fw_model models[FW_MAX_MODELS];
    static char lines[FW_MAX_MODELS][256];
    const char *report = NULL;
    int want_self_test = 0, failures = 0, i;
    size_t count, m;

    for (i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--self-test") == 0) {
            want_self_test = 1;
        } else if (strcmp(argv[i], "--report") == 0 && i + 1 < argc) {
            report = argv[++i];
        } else {
            fprintf(stderr, "usage: %s [--self-test] [--report FILE]\n", argv[0]);
            return 2;
        }
    }

    describe_all(models, &count);
    for (m = 0; m < count; m++) {
        fw_result r;
        int status = fw_check_model(&models[m], &r);
        if (status != 0) {
            fprintf(stderr, "firmware: error FW00%d: %s: %s\n", status, models[m].name, r.message);
            failures++;
            continue;
        }
        format_line(lines[m], sizeof lines[m], &models[m], &r);
        puts(lines[m]);
        if (want_self_test && !self_test(&models[m])) {
            failures++;
        }
    }

    if (failures > 0) {
        fprintf(stderr, "firmware: error FW000: %d of %lu arenas failed the arena check\n", failures, (unsigned long)count);
        return 1;
    }
    printf("firmware: arena check passed for %lu arenas\n", (unsigned long)count);

    if (report != NULL) {
        FILE *file = fopen(report, "w");
        if (file == NULL) {
            fprintf(stderr, "firmware: error FW004: cannot write %s\n", report);
            return 2;
        }
        for (m = 0; m < count; m++) {
            fprintf(file, "%s\n", lines[m]);
        }
        fprintf(file, "firmware: arena check passed for %lu arenas\n", (unsigned long)count);
        if (fclose(file) != 0) {
            fprintf(stderr, "firmware: error FW004: cannot write %s\n", report);
            return 2;
        }
    }
    return 0;
}
