/* arena_check.c: see arena_check.h. Plain C99, no allocation: the arena itself is the only memory touched. */
#include "arena_check.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

/* A byte that depends on the buffer and on the position in it, so that a neighbour writing over this buffer
   (even with the same layout, shifted) is caught: two buffers agree on a byte only by chance (1 in 256). */
static unsigned char pattern(size_t buffer, unsigned long index)
{
    uint32_t x = (uint32_t)(buffer + 1u) * 0x9E3779B1u ^ (uint32_t)index * 0x85EBCA77u;
    x ^= x >> 15;
    x *= 0x2C1B3C6Du;
    x ^= x >> 12;
    return (unsigned char)(x ^ (x >> 8));
}

/* The bytes [*lower, *upper) of buffer b occupied at a step; empty when it is not live. A step before 0 is
   "before the schedule", where nothing is live. */
static void occupied(const fw_model *m, size_t b, long step, unsigned long *lower, unsigned long *upper)
{
    const fw_buffer *buf = &m->buffers[b];
    size_t g;
    *lower = 0;
    *upper = 0;
    if (step < 0 || (unsigned long)step < buf->start || (unsigned long)step >= buf->end) {
        return;
    }
    for (g = 0; g < m->gap_count; g++) {
        const fw_gap *gap = &m->gaps[g];
        if ((unsigned long)step >= gap->start && (unsigned long)step < gap->end && strcmp(gap->buffer, buf->name) == 0) {
            *lower = gap->lower;
            *upper = gap->upper;
            return;
        }
    }
    *upper = buf->size;
}

/* Checks that the plan and the schedule describe the same model before running anything. */
static int check_consistency(const fw_model *m, fw_result *r)
{
    size_t b, g;
    unsigned long last_end = 0;
    if (((uintptr_t)m->arena % m->arena_alignment) != 0) {
        snprintf(r->message, sizeof r->message, "the arena is not aligned to %lu bytes", m->arena_alignment);
        return 2;
    }
    for (b = 0; b < m->buffer_count; b++) {
        const fw_buffer *buf = &m->buffers[b];
        if (buf->size > m->arena_size || buf->offset > m->arena_size - buf->size) {
            snprintf(r->message, sizeof r->message, "buffer %s [%lu, %lu) does not fit in the %lu-byte arena",
                     buf->name, buf->offset, buf->offset + buf->size, m->arena_size);
            return 2;
        }
        if (buf->start >= buf->end || buf->end > m->step_count) {
            snprintf(r->message, sizeof r->message,
                     "buffer %s is live in steps [%lu, %lu), but the schedule has %lu steps: plan and schedule disagree",
                     buf->name, buf->start, buf->end, (unsigned long)m->step_count);
            return 2;
        }
        if (buf->end > last_end) {
            last_end = buf->end;
        }
    }
    if (last_end != m->step_count) {
        snprintf(r->message, sizeof r->message, "no buffer is live at the last step (%lu of %lu): plan and schedule disagree",
                 (unsigned long)m->step_count - 1, (unsigned long)m->step_count);
        return 2;
    }
    for (g = 0; g < m->gap_count; g++) {
        const fw_gap *gap = &m->gaps[g];
        int found = 0;
        for (b = 0; b < m->buffer_count && !found; b++) {
            const fw_buffer *buf = &m->buffers[b];
            if (strcmp(gap->buffer, buf->name) == 0) {
                found = 1;
                if (gap->start < buf->start || gap->end > buf->end || gap->lower > gap->upper || gap->upper > buf->size) {
                    snprintf(r->message, sizeof r->message, "the gap [%lu, %lu) of buffer %s lies outside the buffer",
                             gap->start, gap->end, gap->buffer);
                    return 2;
                }
            }
        }
        if (!found) {
            snprintf(r->message, sizeof r->message, "the schedule has a gap for buffer %s, which the plan does not have",
                     gap->buffer);
            return 2;
        }
    }
    return 0;
}

/* Names the live buffer whose pattern explains the byte found at an arena offset, if any. */
static const char *culprit(const fw_model *m, long step, size_t victim, unsigned long arena_offset, unsigned char found)
{
    size_t b;
    for (b = 0; b < m->buffer_count; b++) {
        unsigned long lower, upper;
        const fw_buffer *buf = &m->buffers[b];
        if (b == victim || arena_offset < buf->offset) {
            continue;
        }
        occupied(m, b, step, &lower, &upper);
        if (arena_offset - buf->offset >= lower && arena_offset - buf->offset < upper
            && pattern(b, arena_offset - buf->offset) == found) {
            return buf->name;
        }
    }
    return "an unknown writer";
}

int fw_check_model(const fw_model *m, fw_result *r)
{
    size_t b;
    long step;
    int status;

    memset(r, 0, sizeof *r);
    status = check_consistency(m, r);
    if (status != 0) {
        return status;
    }

    /* Garbage first, so that a buffer that was never written cannot pass by luck. */
    memset(m->arena, 0xA5, m->arena_size);

    for (step = 0; (size_t)step < m->step_count; step++) {
        unsigned long live = 0;

        /* Bytes that become live at this step get their buffer's pattern: the operator writes its outputs. */
        for (b = 0; b < m->buffer_count; b++) {
            unsigned long lower, upper, before_lower, before_upper, i;
            occupied(m, b, step, &lower, &upper);
            occupied(m, b, step - 1, &before_lower, &before_upper);
            for (i = lower; i < upper; i++) {
                if (i < before_lower || i >= before_upper) {
                    m->arena[m->buffers[b].offset + i] = pattern(b, i);
                }
            }
            live += upper - lower;
        }
        if (live > r->max_live) {
            r->max_live = live;
        }

        /* Every live byte must still hold its own buffer's pattern. */
        for (b = 0; b < m->buffer_count; b++) {
            unsigned long lower, upper, i;
            occupied(m, b, step, &lower, &upper);
            for (i = lower; i < upper; i++) {
                unsigned long at = m->buffers[b].offset + i;
                if (m->arena[at] != pattern(b, i)) {
                    r->first_bad_step = (unsigned long)step;
                    snprintf(r->message, sizeof r->message,
                             "step %ld (%s %s): byte %lu of buffer %s (arena offset %lu) was overwritten by %s",
                             step, m->steps[step].type, m->steps[step].name, i, m->buffers[b].name, at,
                             culprit(m, step, b, at, m->arena[at]));
                    return 1;
                }
            }
        }
    }

    r->ok = 1;
    return 0;
}
