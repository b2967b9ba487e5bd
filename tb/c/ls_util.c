// SPDX-License-Identifier: Apache-2.0
// Error records, history ring and beat queues of the lockstep checkers (ls_util.h).
#include "ls_util.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

void ls_error_add(ls_errors_t *e, uint64_t cycle, uint64_t op, const char *what,
                  const ls_field_t *fields, size_t n_fields, const char *detail) {
  if (e->n >= LS_MAX_ERRORS) {
    e->dropped++;
    return;
  }
  ls_error_t *r = &e->v[e->n++];
  r->cycle = cycle;
  r->op = op;
  snprintf(r->what, sizeof(r->what), "%s", what);
  r->n_fields = n_fields < LS_MAX_FIELDS ? n_fields : LS_MAX_FIELDS;
  for (size_t i = 0; i < r->n_fields; i++) {
    r->field[i] = fields[i];
  }
  snprintf(r->detail, sizeof(r->detail), "%s", detail != NULL ? detail : "");
}

void ls_errors_clear(ls_errors_t *e) {
  e->n = 0;
  e->dropped = 0;
}

void ls_hist_add(ls_hist_ring_t *h, int kind, uint64_t cycle, uint64_t op, const uint64_t a[6]) {
  ls_hist_t *r = &h->v[h->n % LS_HIST];
  r->kind = kind;
  r->cycle = cycle;
  r->op = op;
  memcpy(r->a, a, sizeof(r->a));
  h->n++;
}

unsigned ls_hist_count(const ls_hist_ring_t *h) {
  return h->n < LS_HIST ? (unsigned)h->n : LS_HIST;
}

const ls_hist_t *ls_hist_at(const ls_hist_ring_t *h, unsigned i) {
  uint64_t first = h->n > LS_HIST ? h->n - LS_HIST : 0;
  return &h->v[(first + i) % LS_HIST];
}

bool ls_beatq_push(ls_beatq_t *q, const cm_mem_write_t *w) {
  if (q->n >= LS_QUEUE) {
    return false;
  }
  q->v[(q->head + q->n) % LS_QUEUE] = *w;
  q->n++;
  return true;
}

bool ls_beatq_pop(ls_beatq_t *q, cm_mem_write_t *w) {
  if (q->n == 0) {
    return false;
  }
  *w = q->v[q->head];
  q->head = (q->head + 1) % LS_QUEUE;
  q->n--;
  return true;
}

void ls_wave_fail(ls_wave_t *w, unsigned iface) {
  if (w->failed == LS_IF_NONE) {
    w->failed = iface;
    w->seq++;
  }
}

static bool ls_beat_eq(const cm_mem_write_t *a, const cm_mem_write_t *b) {
  return a->addr == b->addr && a->data == b->data && a->be == b->be && a->fault == b->fault;
}

bool ls_wave_writes(ls_wave_t *w, const ls_beatq_t *dut, const cm_mem_write_t *model, size_t n) {
  size_t m = n > dut->n ? n : dut->n;
  if (m == 0) {
    return true;
  }
  const cm_mem_write_t none = {0, 0, 0, false};
  bool same = true;
  size_t i = 0;
  for (; i < m; i++) {
    const cm_mem_write_t *e = i < n ? &model[i] : &none;
    const cm_mem_write_t *a = i < dut->n ? &dut->v[(dut->head + i) % LS_QUEUE] : &none;
    if (i >= n || i >= dut->n || !ls_beat_eq(e, a)) {
      same = false;
      break;
    }
  }
  if (same) {
    i = m - 1;
  }
  w->exp_mw = i < n ? model[i] : none;
  w->act_mw = i < dut->n ? dut->v[(dut->head + i) % LS_QUEUE] : none;
  w->seq++;
  if (!same) {
    ls_wave_fail(w, LS_IF_MEM);
  }
  return same;
}

bool ls_writes_match(const ls_beatq_t *dut, const cm_mem_write_t *model, size_t n) {
  if (dut->n != n) {
    return false;
  }
  for (size_t i = 0; i < n; i++) {
    const cm_mem_write_t *d = &dut->v[(dut->head + i) % LS_QUEUE];
    if (d->addr != model[i].addr || d->data != model[i].data || d->be != model[i].be ||
        d->fault != model[i].fault) {
      return false;
    }
  }
  return true;
}

bool ls_cmp_writes(ls_errors_t *e, uint64_t cycle, uint64_t op, ls_beatq_t *dut,
                   const cm_mem_write_t *model, size_t n, const char *op_desc) {
  char detail[256];
  for (size_t i = 0; i < n; i++) {
    cm_mem_write_t d;
    if (!ls_beatq_pop(dut, &d)) {
      snprintf(detail, sizeof(detail),
               "the model wrote %zu beat(s) for this operation, the DUT %zu", n, i);
      ls_field_t f[] = {
          {"addr", model[i].addr, 0}, {"data", model[i].data, 0}, {"be", model[i].be, 0}};
      ls_error_add(e, cycle, op, op_desc, f, 3, detail);
      return false;
    }
    if (d.addr != model[i].addr || d.data != model[i].data || d.be != model[i].be ||
        d.fault != model[i].fault) {
      snprintf(detail, sizeof(detail), "memory write beat %zu of %zu differs", i + 1, n);
      ls_field_t f[] = {{"addr", model[i].addr, d.addr},
                        {"data", model[i].data, d.data},
                        {"be", model[i].be, d.be},
                        {"fault", model[i].fault, d.fault}};
      ls_error_add(e, cycle, op, op_desc, f, 4, detail);
      dut->n = 0;
      return false;
    }
  }
  if (dut->n != 0) {
    cm_mem_write_t d = dut->v[dut->head];
    snprintf(detail, sizeof(detail), "the DUT wrote %u extra beat(s); the model wrote %zu", dut->n,
             n);
    ls_field_t f[] = {{"addr", 0, d.addr}, {"data", 0, d.data}, {"be", 0, d.be}};
    ls_error_add(e, cycle, op, op_desc, f, 3, detail);
    dut->n = 0;
    return false;
  }
  return true;
}

uint64_t ls_ns(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

void ls_log_error(ls_log_t *log, uint64_t cycle, const char *what, const ls_field_t *fields,
                  size_t n_fields, const char *detail) {
  ls_error_add(&log->err, cycle, log->compared, what, fields, n_fields, detail);
}

void ls_log_compare_memory(ls_log_t *log, uint64_t cycle, const tb_mem_t *model,
                           const tb_mem_t *dut) {
  uint64_t addr;
  uint64_t dm;
  uint64_t dd;
  if (!tb_mem_equal(model, dut, &addr, &dm, &dd)) {
    char what[200];
    snprintf(what, sizeof(what),
             "end of test: the memory images differ (lowest differing byte 0x%" PRIx64 ")", addr);
    ls_field_t f[] = {{"doubleword", dm, dd}};
    ls_log_error(log, cycle, what, f, 1, NULL);
  }
}

void ls_log_hist(ls_log_t *log, int kind, uint64_t cycle, uint64_t a0, uint64_t a1, uint64_t a2,
                 uint64_t a3, uint64_t a4, uint64_t a5) {
  const uint64_t a[6] = {a0, a1, a2, a3, a4, a5};
  ls_hist_add(&log->hist, kind, cycle, log->compared, a);
}

bool ls_rec_compare(const enc_record_t *r, const void *expected, const void *actual,
                    ls_field_t *out) {
  bool same = true;
  for (size_t i = 0; i < r->n && i < LS_MAX_FIELDS; i++) {
    const enc_rec_field_t *f = &r->fields[i];
    out[i] = (ls_field_t){f->name, enc_rec_get(f, expected), enc_rec_get(f, actual)};
    same = same && out[i].expected == out[i].actual;
  }
  return same;
}

void ls_error_line(const ls_error_t *e, const char *prefix, char *out, size_t cap) {
  if (cap == 0) {
    return;
  }
  size_t n = (size_t)snprintf(out, cap, "%s", prefix);
  bool fields = false;
  for (size_t i = 0; i < e->n_fields; i++) {
    fields = fields || e->field[i].expected != e->field[i].actual;
  }
  for (const char *p = e->what; *p != 0 && n + 3 < cap; p++) {
    if (*p == '\n') {
      if (fields) {
        break;  // the headline is enough: the fields follow
      }
      n += (size_t)snprintf(out + n, cap - n, "; ");
      while (p[1] == ' ') {
        p++;
      }
    } else {
      out[n++] = *p;
      out[n] = 0;
    }
  }
  const char *sep = ": ";
  for (size_t i = 0; i < e->n_fields && n < cap; i++) {
    const ls_field_t *f = &e->field[i];
    if (f->expected != f->actual) {
      n += (size_t)snprintf(out + n, cap - n,
                            "%s%s expected (model) 0x%" PRIx64 ", actual (DUT) 0x%" PRIx64, sep,
                            f->name, f->expected, f->actual);
      sep = "; ";
    }
  }
}
