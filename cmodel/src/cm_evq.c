// SPDX-License-Identifier: Apache-2.0
// The output event queue (cm_evq.h): set-up and the rare growth of the ring.
#include "cm_evq.h"

#include <stdlib.h>
#include <string.h>

bool cm_evq_init(cm_evq_t *q, size_t elem) {
  memset(q, 0, sizeof(*q));
  q->elem = elem;
  return cm_evq_grow(q);
}

void cm_evq_free(cm_evq_t *q) {
  free(q->buf);
  q->buf = NULL;
  q->cap = 0;
  q->head = 0;
  q->count = 0;
}

void cm_evq_clear(cm_evq_t *q) {
  q->head = 0;
  q->count = 0;
  q->lost = 0;
}

bool cm_evq_grow(cm_evq_t *q) {
  size_t cap = q->cap == 0 ? 64 : 2 * q->cap;
  unsigned char *buf = malloc((cap + 1) * q->elem);  // the ring and the spare record
  if (buf == NULL) {
    return false;
  }
  // Unwrap the ring into the new buffer, oldest first.
  for (size_t i = 0; i < q->count; i++) {
    memcpy(buf + i * q->elem, q->buf + ((q->head + i) & (q->cap - 1)) * q->elem, q->elem);
  }
  free(q->buf);
  q->buf = buf;
  q->cap = cap;
  q->head = 0;
  return true;
}

size_t cm_evq_run(const cm_evq_t *q, const void **run) {
  if (q->count == 0) {
    *run = NULL;
    return 0;
  }
  *run = q->buf + q->head * q->elem;
  size_t to_wrap = q->cap - q->head;
  return q->count < to_wrap ? q->count : to_wrap;
}

void cm_evq_drop_n(cm_evq_t *q, size_t n) {
  if (n > q->count) {
    n = q->count;
  }
  q->head = (q->head + n) & (q->cap - 1);
  q->count -= n;
}
