// SPDX-License-Identifier: Apache-2.0
// The trace stream's file: writer and validating reader (trace.h, docs/trace.md).
#include "trace.h"

#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TRACE_FIELD(word, f) (((word) >> TRACE_HDR_##f##_LSB) & ((1ull << TRACE_HDR_##f##_W) - 1))

static uint64_t trace_put(uint64_t v, unsigned lsb, unsigned w) {
  return (v & ((1ull << w) - 1)) << lsb;
}

static uint8_t trace_fold(uint64_t x) {
  uint8_t c = 0;
  for (unsigned b = 0; b < 8; b++) {
    c ^= (uint8_t)(x >> (8 * b));
  }
  return c;
}

uint64_t trace_header(unsigned kind, unsigned len, unsigned seq, unsigned aux, uint64_t stamp,
                      const uint64_t *p) {
  uint64_t h = trace_put(kind, TRACE_HDR_KIND_LSB, TRACE_HDR_KIND_W) |
               trace_put(len, TRACE_HDR_LEN_LSB, TRACE_HDR_LEN_W) |
               trace_put(seq, TRACE_HDR_SEQ_LSB, TRACE_HDR_SEQ_W) |
               trace_put(aux, TRACE_HDR_AUX_LSB, TRACE_HDR_AUX_W) |
               trace_put(stamp, TRACE_HDR_CYCLE_LSB, TRACE_HDR_CYCLE_W);
  uint64_t sum = h;
  for (unsigned i = 0; i < len; i++) {
    sum ^= p[i];
  }
  return h | trace_put(trace_fold(sum), TRACE_HDR_CHECK_LSB, TRACE_HDR_CHECK_W);
}

const char *trace_kind_name(unsigned kind) {
#define TRACE_NAME(n, v, h) \
  if (kind == (v)) {        \
    return #n;              \
  }
  TRACE_KIND_LIST(TRACE_NAME)
#undef TRACE_NAME
  return NULL;
}

bool trace_kind_is_host(unsigned kind) {
#define TRACE_HOST(n, v, h) \
  if (kind == (v)) {        \
    return (h) != 0;        \
  }
  TRACE_KIND_LIST(TRACE_HOST)
#undef TRACE_HOST
  return false;
}

// ---- Writer ----

struct trace_writer {
  FILE *f;
  char path[512];
  uint64_t words;
  unsigned host_seq;
  bool failed;
  uint64_t (*clock)(const void *ctx);
  const void *clock_ctx;
  // Host records wait while an encoder record is only partly written (its words come one per
  // cycle): a record's words stay together in the file.
  unsigned enc_left;  // payload words of the current encoder record still to come
  uint64_t *pend;
  size_t n_pend, cap_pend;
};

static void trace_put_word(trace_writer_t *w, uint64_t word) {
  uint8_t b[8];
  for (unsigned i = 0; i < 8; i++) {
    b[i] = (uint8_t)(word >> (8 * i));  // little-endian, whatever the host
  }
  if (fwrite(b, 1, 8, w->f) != 8) {
    w->failed = true;
  }
  w->words++;
}

trace_writer_t *trace_writer_open(const char *path, char *err, size_t errlen) {
  trace_writer_t *w = calloc(1, sizeof(*w));
  if (w == NULL) {
    snprintf(err, errlen, "out of memory");
    return NULL;
  }
  w->f = fopen(path, "wb");
  if (w->f == NULL) {
    snprintf(err, errlen, "cannot create the trace file %s: %s", path, strerror(errno));
    free(w);
    return NULL;
  }
  snprintf(w->path, sizeof(w->path), "%s", path);
  trace_put_word(w, TRACE_FILE_MAGIC);
  return w;
}

static void trace_flush_host(trace_writer_t *w) {
  for (size_t i = 0; i < w->n_pend; i++) {
    trace_put_word(w, w->pend[i]);
  }
  w->n_pend = 0;
}

void trace_writer_word(trace_writer_t *w, uint64_t word) {
  trace_put_word(w, word);
  if (w->enc_left == 0) {
    w->enc_left = (unsigned)TRACE_FIELD(word, LEN);  // a header
  } else {
    w->enc_left--;
  }
  if (w->enc_left == 0) {
    trace_flush_host(w);
  }
}

static void trace_host_word(trace_writer_t *w, uint64_t word) {
  if (w->enc_left == 0) {
    trace_put_word(w, word);
    return;
  }
  if (w->n_pend == w->cap_pend) {
    size_t cap = w->cap_pend != 0 ? 2 * w->cap_pend : 64;
    uint64_t *np = realloc(w->pend, cap * sizeof(uint64_t));
    if (np == NULL) {
      w->failed = true;
      return;
    }
    w->pend = np;
    w->cap_pend = cap;
  }
  w->pend[w->n_pend++] = word;
}

void trace_writer_host(trace_writer_t *w, unsigned kind, unsigned aux, uint64_t cycle,
                       const uint64_t *p, unsigned n) {
  trace_host_word(w, trace_header(kind, n, w->host_seq, aux, cycle, p));
  w->host_seq = (w->host_seq + 1) & ((1u << TRACE_HDR_SEQ_W) - 1);
  for (unsigned i = 0; i < n; i++) {
    trace_host_word(w, p[i]);
  }
}

static void trace_hook_poke(void *ctx, uint64_t addr, uint64_t value, unsigned size) {
  trace_writer_t *w = ctx;
  uint64_t p[2] = {addr, value};
  trace_writer_host(w, TRACE_KIND_HOST_POKE, size & 0xF, w->clock(w->clock_ctx), p, 2);
}

static void trace_hook_fault_add(void *ctx, uint64_t lo, uint64_t hi, unsigned kind) {
  trace_writer_t *w = ctx;
  uint64_t p[2] = {lo, hi};
  trace_writer_host(w, TRACE_KIND_HOST_FAULT_ADD, kind & 3, w->clock(w->clock_ctx), p, 2);
}

static void trace_hook_fault_clear(void *ctx) {
  trace_writer_t *w = ctx;
  trace_writer_host(w, TRACE_KIND_HOST_FAULT_CLEAR, 0, w->clock(w->clock_ctx), NULL, 0);
}

tb_mem_hook_t trace_writer_mem_hook(trace_writer_t *w, uint64_t (*clock)(const void *ctx),
                                    const void *ctx) {
  w->clock = clock;
  w->clock_ctx = ctx;
  tb_mem_hook_t h = {trace_hook_poke, trace_hook_fault_add, trace_hook_fault_clear, w};
  return h;
}

bool trace_writer_close(trace_writer_t *w, bool complete, uint64_t end_cycle, bool end_of_test,
                        char *err, size_t errlen) {
  if (w->enc_left != 0) {
    complete = false;  // the encoder stopped inside a record
  }
  trace_flush_host(w);
  free(w->pend);
  if (complete) {
    uint64_t p[2] = {w->words, end_cycle};
    trace_writer_host(w, TRACE_KIND_HOST_END, end_of_test ? 1 : 0, end_cycle, p, 2);
  }
  bool ok = !w->failed;
  if (fclose(w->f) != 0) {
    ok = false;
  }
  if (!ok) {
    snprintf(err, errlen, "cannot write the trace file %s", w->path);
  }
  free(w);
  return ok;
}

// ---- Reader ----

static bool trace_fail(char *err, size_t errlen, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static bool trace_fail(char *err, size_t errlen, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(err, errlen, fmt, ap);
  va_end(ap);
  return false;
}

static bool trace_load(const char *path, uint64_t **words, size_t *n, char *err, size_t errlen) {
  FILE *f = fopen(path, "rb");
  if (f == NULL) {
    return trace_fail(err, errlen, "cannot open the trace %s: %s", path, strerror(errno));
  }
  size_t cap = 4096;
  size_t bytes = 0;
  uint8_t *buf = malloc(cap);
  size_t got;
  while (buf != NULL && (got = fread(buf + bytes, 1, cap - bytes, f)) > 0) {
    bytes += got;
    if (bytes == cap) {
      cap *= 2;
      uint8_t *nb = realloc(buf, cap);
      if (nb == NULL) {
        fclose(f);
        free(buf);
        return trace_fail(err, errlen, "out of memory reading the trace %s", path);
      }
      buf = nb;
    }
  }
  bool rerr = ferror(f) != 0;
  fclose(f);
  if (buf == NULL || rerr) {
    free(buf);
    return trace_fail(err, errlen, "cannot read the trace %s", path);
  }
  if (bytes % 8 != 0) {
    free(buf);
    return trace_fail(err, errlen,
                      "truncated trace %s: %zu bytes is not a whole number of 64-bit words", path,
                      bytes);
  }
  *n = bytes / 8;
  *words = malloc((*n + 1) * sizeof(uint64_t));
  if (*words == NULL) {
    free(buf);
    return trace_fail(err, errlen, "out of memory");
  }
  for (size_t i = 0; i < *n; i++) {
    uint64_t v = 0;
    for (unsigned b = 0; b < 8; b++) {
      v |= (uint64_t)buf[8 * i + b] << (8 * b);
    }
    (*words)[i] = v;
  }
  free(buf);
  return true;
}

static bool trace_parse(const uint64_t *w, size_t n, trace_file_t *out, char *err, size_t errlen) {
  unsigned seq[2] = {0, 0};  // expected sequence number: encoder, host
  bool end = false;
  for (size_t i = 1; i < n;) {
    if (end) {
      return trace_fail(err, errlen, "word %zu: data after the HOST_END record", i);
    }
    uint64_t h = w[i];
    trace_rec_t r;
    memset(&r, 0, sizeof(r));
    r.kind = (unsigned)TRACE_FIELD(h, KIND);
    r.len = (unsigned)TRACE_FIELD(h, LEN);
    r.seq = (unsigned)TRACE_FIELD(h, SEQ);
    r.aux = (unsigned)TRACE_FIELD(h, AUX);
    r.stamp = TRACE_FIELD(h, CYCLE);
    r.word = i;
    const char *name = trace_kind_name(r.kind);
    if (name == NULL) {
      return trace_fail(err, errlen,
                        "word %zu: 0x%016" PRIx64
                        " is no record header (unknown kind 0x%02x): "
                        "a corrupted word or a lost one",
                        i, h, r.kind);
    }
    if (i + 1 + r.len > n) {
      return trace_fail(err, errlen,
                        "truncated trace: the %s record at word %zu has %u payload words, the "
                        "file ends after %zu",
                        name, i, r.len, n - i - 1);
    }
    uint64_t sum = h & ~(((1ull << TRACE_HDR_CHECK_W) - 1) << TRACE_HDR_CHECK_LSB);
    for (unsigned k = 0; k < r.len; k++) {
      r.p[k] = w[i + 1 + k];
      sum ^= r.p[k];
    }
    if (trace_fold(sum) != TRACE_FIELD(h, CHECK)) {
      return trace_fail(err, errlen,
                        "word %zu: the %s record (cycle stamp %" PRIu64
                        ") fails its check byte: a corrupted word in words %zu..%zu",
                        i, name, r.stamp, i, i + r.len);
    }
    unsigned src = trace_kind_is_host(r.kind) ? 1 : 0;
    if (r.seq != seq[src]) {
      return trace_fail(err, errlen,
                        "word %zu: the %s record has sequence number %u, expected %u: %s records "
                        "were lost or inserted",
                        i, name, r.seq, seq[src], src ? "host" : "encoder");
    }
    seq[src] = (seq[src] + 1) & ((1u << TRACE_HDR_SEQ_W) - 1);
    if (r.kind == TRACE_KIND_HOST_END) {
      if (r.len != 2 || r.p[0] != i) {
        return trace_fail(err, errlen,
                          "word %zu: HOST_END counts %" PRIu64 " words before it, the file has %zu",
                          i, r.len == 2 ? r.p[0] : 0, i);
      }
      end = true;
    }
    out->v[out->n++] = r;
    i += 1 + r.len;
  }
  if (!end) {
    return trace_fail(err, errlen,
                      "truncated trace: no HOST_END record (the capture did not finish; %zu words)",
                      n);
  }
  return true;
}

bool trace_read(const char *path, trace_file_t *out, char *err, size_t errlen) {
  memset(out, 0, sizeof(*out));
  uint64_t *w = NULL;
  size_t n = 0;
  if (!trace_load(path, &w, &n, err, errlen)) {
    return false;
  }
  if (n == 0) {
    free(w);
    return trace_fail(err, errlen, "empty trace %s: no words at all", path);
  }
  if (w[0] != TRACE_FILE_MAGIC) {
    uint64_t w0 = w[0];
    free(w);
    return trace_fail(err, errlen,
                      "%s is not a trace: word 0 is 0x%016" PRIx64 ", not the magic \"IRQVTRC1\"",
                      path, w0);
  }
  out->v = calloc(n, sizeof(trace_rec_t));
  out->words = n;
  if (out->v == NULL) {
    free(w);
    return trace_fail(err, errlen, "out of memory");
  }
  bool ok = trace_parse(w, n, out, err, errlen);
  free(w);
  if (!ok) {
    trace_file_free(out);
  }
  return ok;
}

void trace_file_free(trace_file_t *f) {
  free(f->v);
  f->v = NULL;
  f->n = 0;
}
