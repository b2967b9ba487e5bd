// SPDX-License-Identifier: Apache-2.0
// The machine-readable result of one run (result.h).
#include "result.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

static void result_str(FILE *f, const char *key, const char *s, bool last) {
  fprintf(f, "  \"%s\": \"", key);
  for (const unsigned char *p = (const unsigned char *)(s != NULL ? s : ""); *p != 0; p++) {
    if (*p == '"' || *p == '\\') {
      fprintf(f, "\\%c", *p);
    } else if (*p == '\n') {
      fputs("\\n", f);
    } else if (*p < 0x20 || *p == 0x7f) {
      fprintf(f, "\\u%04x", *p);
    } else {
      fputc(*p, f);
    }
  }
  fprintf(f, "\"%s\n", last ? "" : ",");
}

static void result_num(FILE *f, const char *key, uint64_t v) {
  fprintf(f, "  \"%s\": %" PRIu64 ",\n", key, v);
}

// Opens `path`.tmp (its name in `tmp`) for writing; NULL with the reason in `err`.
static FILE *result_open_tmp(const char *path, char *tmp, size_t tmp_len, char *err,
                             size_t err_len) {
  if (snprintf(tmp, tmp_len, "%s.tmp", path) >= (int)tmp_len) {
    snprintf(err, err_len, "result file name too long: %s", path);
    return NULL;
  }
  FILE *f = fopen(tmp, "w");
  if (f == NULL) {
    snprintf(err, err_len, "cannot write the result file %s: %s", tmp, strerror(errno));
  }
  return f;
}

bool tb_result_write(const char *path, const tb_result_t *r, char *err, size_t err_len) {
  char tmp[1100];
  FILE *f = result_open_tmp(path, tmp, sizeof(tmp), err, err_len);
  if (f == NULL) {
    return false;
  }
  fputs("{\n", f);
  result_num(f, "format", 1);
  result_str(f, "tool", r->tool, false);
  result_str(f, "status", r->status, false);
  result_str(f, "block", r->block, false);
  result_str(f, "test", r->test, false);
  result_str(f, "scenario", r->scenario, false);
  result_num(f, "seed", r->seed);
  result_num(f, "ops", r->ops);
  // A string: JSON numbers beyond 2^53 lose digits in some readers.
  fprintf(f, "  \"ops_digest\": \"0x%016" PRIx64 "\",\n", r->ops_digest);
  result_num(f, "compared", r->compared);
  result_num(f, "cycles", r->cycles);
  result_num(f, "failures", r->failures);
  fprintf(f, "  \"seconds\": %.3f,\n", r->seconds);
  result_num(f, "peak_rss_kb", r->peak_rss_kb);
  result_num(f, "guest_mem_kb", r->guest_mem_kb);
  result_num(f, "trace_start", r->trace_start);
  result_num(f, "trace_end", r->trace_end);
  result_num(f, "mismatch_cycle", r->mismatch_cycle);
  result_str(f, "first_mismatch", r->first_mismatch, false);
  result_str(f, "skip_reason", r->skip_reason, false);
  result_str(f, "rerun", r->rerun, false);
  result_str(f, "gen_config", r->gen_config, false);
  result_str(f, "rerun_waves", r->rerun_waves, true);
  fputs("}\n", f);
  bool ok = !ferror(f);
  ok = fclose(f) == 0 && ok;
  if (!ok || rename(tmp, path) != 0) {
    snprintf(err, err_len, "cannot write the result file %s: %s", path, strerror(errno));
    remove(tmp);
    return false;
  }
  return true;
}

bool tb_result_writable(const char *path, char *err, size_t err_len) {
  char tmp[1100];
  FILE *f = result_open_tmp(path, tmp, sizeof(tmp), err, err_len);
  if (f == NULL) {
    return false;
  }
  fclose(f);
  remove(tmp);
  return true;
}
