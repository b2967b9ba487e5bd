// SPDX-License-Identifier: Apache-2.0
// The output event queue of both models: a ring of fixed-size records written in place.
#ifndef CM_EVQ_H
#define CM_EVQ_H

#include <stdbool.h>
#include <stddef.h>

// A push reserves the next slot and the model fills the record there (no copy of a built
// record); a pop hands the oldest slot to the caller. The ring is allocated at init (64
// records) and doubles only when a caller lets more outputs queue up than it holds (its_run
// over a long batch without popping), so in a lockstep run a push or a pop is an index update.
// One spare record after the ring takes a record that cannot be queued (memory ran out while
// growing): a push always returns somewhere to write, and the loss is counted in `lost`.
typedef struct {
  unsigned char *buf;
  size_t elem;   // record size in bytes
  size_t cap;    // capacity in records (a power of two, or 0)
  size_t head;   // index of the oldest record
  size_t count;  // records queued
  size_t lost;   // records dropped because memory ran out (sticky until cm_evq_clear)
} cm_evq_t;

/** Allocates the ring; false when memory ran out (nothing to free then). */
bool cm_evq_init(cm_evq_t *q, size_t elem);
void cm_evq_free(cm_evq_t *q);
void cm_evq_clear(cm_evq_t *q);
/** Grows the ring (doubling); false when memory ran out. The rare path of cm_evq_push_slot. */
bool cm_evq_grow(cm_evq_t *q);

/**
 * Appends a record and returns it for the caller to fill (its content is stale). When the
 * ring is full and cannot grow, returns the spare record instead: the record is counted in
 * `lost` and never popped.
 */
static inline void *cm_evq_push_slot(cm_evq_t *q) {
  if (q->count == q->cap && !cm_evq_grow(q)) {
    q->lost++;
    return q->buf + q->cap * q->elem;
  }
  void *slot = q->buf + ((q->head + q->count) & (q->cap - 1)) * q->elem;
  q->count++;
  return slot;
}

/**
 * Makes room for `n` more records (growing the ring as pushes would); false when memory ran out
 * (the caller then pushes one by one, so what cannot be queued is counted in `lost`).
 */
static inline bool cm_evq_reserve(cm_evq_t *q, size_t n) {
  while (q->cap - q->count < n) {
    if (!cm_evq_grow(q)) {
      return false;
    }
  }
  return true;
}

/** The oldest record, or NULL when empty; it stays queued until cm_evq_drop. */
static inline const void *cm_evq_front(const cm_evq_t *q) {
  return q->count == 0 ? NULL : q->buf + q->head * q->elem;
}

/** Removes the oldest record (the queue must not be empty). */
static inline void cm_evq_drop(cm_evq_t *q) {
  q->head = (q->head + 1) & (q->cap - 1);
  q->count--;
}
/**
 * The oldest records that lie contiguously in the ring: sets `*run` to the oldest and returns
 * how many follow it up to the ring's wrap (0 and NULL when empty). They stay queued
 * until cm_evq_drop_n. Out of line (once per batch of records, not per record) so that
 * scripts/mutate reaches it.
 */
size_t cm_evq_run(const cm_evq_t *q, const void **run);
/** Removes the `n` oldest records, or all of them when fewer are queued. */
void cm_evq_drop_n(cm_evq_t *q, size_t n);
#endif  // CM_EVQ_H
