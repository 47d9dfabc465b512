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

static long find_buffer(const fw_model *m, const char *name)
{
    size_t b;
    for (b = 0; b < m->buffer_count; b++) {
        if (strcmp(m->buffers[b].name, name) == 0) {
            return (long)b;
        }
    }
    return -1;
}

/* Whether buffer b writes its byte i when it becomes live: a view writes nothing, and an owner leaves alone the
   bytes its slices were produced into. */
static int writes(const fw_model *m, size_t b, unsigned long i)
{
    size_t a;
    if (m->buffers[b].kind == FW_VIEW) {
        return 0;
    }
    for (a = 0; a < m->buffer_count; a++) {
        const fw_buffer *slice = &m->buffers[a];
        if (slice->kind == FW_SLICE && slice->owner == (long)b && i >= slice->owner_offset && i < slice->owner_offset + slice->size) {
            return 0;
        }
    }
    return 1;
}

/* The member of b's group that last wrote the group's byte `at` (relative to the root) no later than `step`, or -1. */
static long last_writer(const fw_model *m, size_t b, unsigned long at, unsigned long step)
{
    size_t w;
    long best = -1;
    for (w = 0; w < m->buffer_count; w++) {
        const fw_buffer *buf = &m->buffers[w];
        if (buf->root != m->buffers[b].root || buf->start > step || at < buf->root_offset || at >= buf->root_offset + buf->size
            || !writes(m, w, at - buf->root_offset)) {
            continue;
        }
        /* The latest writer wins; at a tie the buffer itself. */
        if (best < 0 || buf->start > m->buffers[best].start || (buf->start == m->buffers[best].start && w == b)) {
            best = (long)w;
        }
    }
    return best;
}

/* What byte i of buffer b must hold while b lives: what its bytes held when it was produced (its own pattern when
   it wrote them itself, else the data of the buffer it views). Sets *writer to the buffer whose pattern it is. */
static unsigned char expected(const fw_model *m, size_t b, unsigned long i, long *writer)
{
    unsigned long at = m->buffers[b].root_offset + i;
    long w = last_writer(m, b, at, m->buffers[b].start);
    *writer = w;
    return w < 0 ? 0xA5 : pattern((size_t)w, at - m->buffers[w].root_offset);
}

/* Bytes of b's group live at a step, each byte once however many members share it (b must be a root). */
static unsigned long group_live_bytes(const fw_model *m, size_t root, long step)
{
    unsigned long at, live = 0;
    size_t b;
    for (at = 0; at < m->buffers[root].size; at++) {
        for (b = 0; b < m->buffer_count; b++) {
            unsigned long lower, upper;
            const fw_buffer *buf = &m->buffers[b];
            if (buf->root != (long)root || at < buf->root_offset) {
                continue;
            }
            occupied(m, b, step, &lower, &upper);
            if (at - buf->root_offset >= lower && at - buf->root_offset < upper) {
                live++;
                break;
            }
        }
    }
    return live;
}

static int has_aliases(const fw_model *m, size_t b)
{
    size_t a;
    for (a = 0; a < m->buffer_count; a++) {
        if (m->buffers[a].owner == (long)b) {
            return 1;
        }
    }
    return 0;
}

/* Resolves the schedule's aliases into the buffers and checks that the plan put each where its owner's bytes are. */
static int resolve_aliases(const fw_model *m, fw_result *r)
{
    size_t a, b;
    for (b = 0; b < m->buffer_count; b++) {
        m->buffers[b].owner = -1;
        m->buffers[b].kind = FW_OWN;
        m->buffers[b].owner_offset = 0;
    }
    for (a = 0; a < m->alias_count; a++) {
        const fw_alias *alias = &m->aliases[a];
        long buffer = find_buffer(m, alias->buffer), owner = find_buffer(m, alias->owner);
        int kind = strcmp(alias->kind, "view") == 0 ? FW_VIEW : strcmp(alias->kind, "in-place") == 0 ? FW_IN_PLACE
                 : strcmp(alias->kind, "slice") == 0 ? FW_SLICE : FW_OWN;
        if (buffer < 0 || owner < 0 || kind == FW_OWN) {
            snprintf(r->message, sizeof r->message, "the schedule's alias %s of %s (%s) names a buffer the plan does not have, or an unknown kind",
                     alias->buffer, alias->owner, alias->kind);
            return 2;
        }
        m->buffers[buffer].owner = owner;
        m->buffers[buffer].owner_offset = alias->offset;
        m->buffers[buffer].kind = kind;
    }
    for (b = 0; b < m->buffer_count; b++) {
        fw_buffer *buf = &m->buffers[b];
        long at = (long)b;
        unsigned long shift = 0;
        size_t hops = 0;
        while (m->buffers[at].owner >= 0 && hops++ <= m->buffer_count) {
            shift += m->buffers[at].owner_offset;
            at = m->buffers[at].owner;
        }
        if (hops > m->buffer_count) {
            snprintf(r->message, sizeof r->message, "the schedule's aliases of %s form a cycle", buf->name);
            return 2;
        }
        buf->root = at;
        buf->root_offset = shift;
        if (buf->owner >= 0) {
            const fw_buffer *owner = &m->buffers[buf->owner];
            if (buf->owner_offset + buf->size > owner->size || buf->offset != owner->offset + buf->owner_offset) {
                snprintf(r->message, sizeof r->message,
                         "buffer %s shares the bytes of %s from its byte %lu, so it belongs at arena offset %lu, but the plan puts it at %lu",
                         buf->name, owner->name, buf->owner_offset, owner->offset + buf->owner_offset, buf->offset);
                return 2;
            }
        }
    }
    return 0;
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
    /* One pool's share of a model's buffers need not reach its last step: another pool's buffers may. */
    if (!m->one_pool_of_several && last_end != m->step_count) {
        snprintf(r->message, sizeof r->message, "no buffer is live at the last step (%lu of %lu): plan and schedule disagree",
                 (unsigned long)m->step_count - 1, (unsigned long)m->step_count);
        return 2;
    }
    for (g = 0; g < m->gap_count; g++) {
        const fw_gap *gap = &m->gaps[g];
        long found = find_buffer(m, gap->buffer);
        if (found < 0) {
            snprintf(r->message, sizeof r->message, "the schedule has a gap for buffer %s, which the plan does not have",
                     gap->buffer);
            return 2;
        }
        if (gap->start < m->buffers[found].start || gap->end > m->buffers[found].end || gap->lower > gap->upper
            || gap->upper > m->buffers[found].size) {
            snprintf(r->message, sizeof r->message, "the gap [%lu, %lu) of buffer %s lies outside the buffer",
                     gap->start, gap->end, gap->buffer);
            return 2;
        }
    }
    return resolve_aliases(m, r);
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

        /* Bytes that become live at this step get their buffer's pattern: the operator writes its outputs. Views,
           and owners where their slices were written, write nothing. */
        for (b = 0; b < m->buffer_count; b++) {
            unsigned long lower, upper, before_lower, before_upper, i;
            occupied(m, b, step, &lower, &upper);
            occupied(m, b, step - 1, &before_lower, &before_upper);
            for (i = lower; i < upper; i++) {
                if ((i < before_lower || i >= before_upper) && writes(m, b, i)) {
                    m->arena[m->buffers[b].offset + i] = pattern(b, i);
                }
            }
            if (m->buffers[b].root == (long)b && !has_aliases(m, b)) {
                live += upper - lower;
            } else if (m->buffers[b].root == (long)b) {
                live += group_live_bytes(m, b, step);
            }
        }
        if (live > r->max_live) {
            r->max_live = live;
        }

        /* Every live byte must still hold what its buffer was produced with. */
        for (b = 0; b < m->buffer_count; b++) {
            unsigned long lower, upper, i;
            occupied(m, b, step, &lower, &upper);
            for (i = lower; i < upper; i++) {
                unsigned long at = m->buffers[b].offset + i;
                long writer, now;
                unsigned char want = expected(m, b, i, &writer);
                if (m->arena[at] == want) {
                    continue;
                }
                /* Read before written: at its last step a buffer may already hold what an output of its own group,
                   written in place at this step, put there. */
                now = last_writer(m, b, m->buffers[b].root_offset + i, (unsigned long)step);
                if (m->buffers[b].end == (unsigned long)step + 1 && now >= 0 && now != writer
                    && m->buffers[now].start == (unsigned long)step && m->buffers[now].kind == FW_IN_PLACE
                    && m->arena[at] == pattern((size_t)now, m->buffers[b].root_offset + i - m->buffers[now].root_offset)) {
                    continue;
                }
                r->first_bad_step = (unsigned long)step;
                snprintf(r->message, sizeof r->message,
                         "step %ld (%s %s): byte %lu of buffer %s (arena offset %lu) was overwritten by %s",
                         step, m->steps[step].type, m->steps[step].name, i, m->buffers[b].name, at,
                         culprit(m, step, b, at, m->arena[at]));
                return 1;
            }
        }
    }

    r->ok = 1;
    return 0;
}
