/*
 * arena_check.h: runs a model's schedule on the host against its planned arena and checks that the plan is
 * safe. Nothing here is generated: each model's translation unit (model.c.in) turns the two generated
 * headers -- the plan from MiniMalloc.Build and the schedule from the lowering step -- into an fw_model.
 */
#ifndef ARENA_CHECK_H
#define ARENA_CHECK_H

#include <stddef.h>

/* Declares an object aligned to N bytes. C99 has no _Alignas; every compiler a firmware team uses has this. */
#if defined(__GNUC__) || defined(__clang__)
#define FW_ALIGNED(n) __attribute__((aligned(n)))
#elif defined(_MSC_VER)
#define FW_ALIGNED(n) __declspec(align(n))
#else
#error "arena_check.h: tell FW_ALIGNED how this compiler aligns a static array"
#endif

/* One row of the plan's buffer table: where the buffer is, and the half-open steps [start, end) it is live. */
typedef struct fw_buffer {
    const char *name;
    unsigned long offset;
    unsigned long size;
    unsigned long start;
    unsigned long end;
} fw_buffer;

/* During steps [start, end) the named buffer occupies only bytes [lower, upper) of its space (none if equal). */
typedef struct fw_gap {
    const char *buffer;
    unsigned long start;
    unsigned long end;
    unsigned long lower;
    unsigned long upper;
} fw_gap;

/* The operator that runs at a step (for messages). */
typedef struct fw_step {
    const char *name;
    const char *type;
} fw_step;

/* Everything the check needs about one model. */
typedef struct fw_model {
    const char *name;
    unsigned char *arena;
    unsigned long arena_size;
    unsigned long arena_alignment;
    long capacity;    /* -1 when the plan has none */
    long lower_bound; /* -1 when the plan header does not state one: the check computes the max live bytes */
    fw_buffer *buffers;
    size_t buffer_count;
    const fw_gap *gaps;
    size_t gap_count;
    const fw_step *steps;
    size_t step_count;
} fw_model;

/* What a run found. */
typedef struct fw_result {
    int ok;                   /* 1: every live buffer held its pattern at every step */
    unsigned long max_live;   /* most bytes live at one step (with gaps), a lower bound on the arena */
    unsigned long first_bad_step;
    char message[512];        /* why not ok */
} fw_result;

/*
 * Executes the schedule: at every step, writes a per-buffer byte pattern into every byte that becomes live
 * (a buffer that starts, or leaves a gap), then verifies that every live byte of every buffer still holds its
 * own pattern. Any overlap between buffers live at the same time shows up as a mismatch.
 * Returns 0 when the plan is safe, 1 on corruption, 2 when the plan and the schedule disagree.
 */
int fw_check_model(const fw_model *model, fw_result *result);

#endif /* ARENA_CHECK_H */
