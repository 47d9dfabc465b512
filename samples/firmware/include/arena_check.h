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

/* How a buffer came by its bytes (see fw_alias). */
enum fw_alias_kind { FW_OWN = 0, FW_VIEW, FW_IN_PLACE, FW_SLICE };

/* One row of the plan's buffer table: where the buffer is, and the half-open steps [start, end) it is live. The
   last five fields are worked out by the check from the schedule's aliases (set them to -1, 0, FW_OWN, -1, 0). */
typedef struct fw_buffer {
    const char *name;
    unsigned long offset;
    unsigned long size;
    unsigned long start;
    unsigned long end;
    long owner;                 /* the buffer whose bytes this one lives in, or -1 */
    unsigned long owner_offset; /* where in the owner's bytes this one begins */
    int kind;                   /* enum fw_alias_kind */
    long root;                  /* the end of the chain of owners (itself when it is no alias) */
    unsigned long root_offset;  /* where in the root's bytes this one begins */
} fw_buffer;

/* A buffer that lives in another's bytes, from the schedule: kind "view" (the operator writes nothing: the bytes
   are the owner's), "in-place" (written over the owner at the step the owner dies) or "slice" (a Concat input
   produced into its slice of the owner, so the Concat writes nothing there). */
typedef struct fw_alias {
    const char *buffer;
    const char *owner;
    unsigned long offset;
    const char *kind;
} fw_alias;

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
    const fw_alias *aliases;
    size_t alias_count;
    const fw_step *steps;
    size_t step_count;
    int one_pool_of_several; /* 1: the buffers are those one memory pool of the model holds (a region of its own) */
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
 * Buffers that share bytes follow what the operators do: a view writes nothing and must see its owner's data; an
 * in-place output overwrites its owner's bytes at the step the owner dies (read before written); a Concat input is
 * written into its slice of the output, which the Concat then leaves alone. So every buffer must hold, while it
 * lives, what was in its bytes when it was produced: its own pattern, or the data it views.
 * Returns 0 when the plan is safe, 1 on corruption, 2 when the plan and the schedule disagree.
 */
int fw_check_model(const fw_model *model, fw_result *result);

#endif /* ARENA_CHECK_H */
