// SPDX-License-Identifier: Apache-2.0
// A growable FIFO of fixed-size records: the output event queue of both models.
#ifndef CM_EVQ_H
#define CM_EVQ_H

#include <stdbool.h>
#include <stddef.h>

typedef struct {
  unsigned char *buf;
  size_t elem;   // record size in bytes
  size_t cap;    // capacity in records (a power of two, or 0)
  size_t head;   // index of the oldest record
  size_t count;  // records queued
  size_t lost;   // records dropped because memory ran out (sticky until cm_evq_clear)
} cm_evq_t;

void cm_evq_init(cm_evq_t *q, size_t elem);
void cm_evq_free(cm_evq_t *q);
void cm_evq_clear(cm_evq_t *q);
/** Appends a copy of `rec`; on allocation failure the record is counted in `lost`. */
void cm_evq_push(cm_evq_t *q, const void *rec);
/** Copies the oldest record into `rec` and removes it; false when empty. */
bool cm_evq_pop(cm_evq_t *q, void *rec);

#endif  // CM_EVQ_H
