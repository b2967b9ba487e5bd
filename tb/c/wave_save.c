// SPDX-License-Identifier: Apache-2.0
// The save file of a failing traced run (wave_save.h).
#include "wave_save.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ls_util.h"

#ifndef TB_SOURCE_DIR
#define TB_SOURCE_DIR "."
#endif

#define WAVE_MAX_LINES 4096
#define WAVE_MAX_GROUPS 32

const char *wave_save_group(const char *block, unsigned iface) {
  bool its = strcmp(block, "its") == 0;
  switch (iface) {
    case LS_IF_EVENT:
      return its ? "Redistributor events" : "Interrupt out";
    case LS_IF_MEM:
      return "Memory request";
    case LS_IF_REG:
      return its ? "APB" : "APB (MSR)";
    default:
      return "Retire";  // a retire record, or a failure no interface owns (watchdog, busy_o)
  }
}

typedef struct {
  char *name;
  size_t first, last;  // line indices, inclusive (the begin and the end marker pairs)
} wave_group_t;

// The lines of a file, newlines stripped; NULL with a reason when it cannot be read.
static char **wave_read_lines(const char *path, size_t *n, char *err, size_t err_len) {
  FILE *f = fopen(path, "r");
  if (f == NULL) {
    snprintf(err, err_len, "cannot read the view %s", path);
    return NULL;
  }
  char **v = calloc(WAVE_MAX_LINES, sizeof(*v));
  char buf[1024];
  *n = 0;
  while (v != NULL && *n < WAVE_MAX_LINES && fgets(buf, sizeof(buf), f) != NULL) {
    buf[strcspn(buf, "\r\n")] = 0;
    v[(*n)++] = strdup(buf);
  }
  fclose(f);
  if (v == NULL) {
    snprintf(err, err_len, "out of memory");
  }
  return v;
}

static void wave_free_lines(char **v, size_t n) {
  for (size_t i = 0; i < n; i++) {
    free(v[i]);
  }
  free(v);
}

// One line of the view as written: filter files (`^N path`) relative to the source tree made
// absolute, group markers closed when `closed`.
static void wave_put(FILE *o, const char *line, const char *root, bool closed) {
  if (line[0] == '^' && line[1] >= '0' && line[1] <= '9') {
    const char *sp = strchr(line, ' ');
    if (sp != NULL && sp[1] != '/') {
      fprintf(o, "%.*s %s/%s\n", (int)(sp - line), line, root, sp + 1);
      return;
    }
  }
  if (closed && strcmp(line, "@800200") == 0) {
    fputs("@c00200\n", o);
  } else if (closed && strcmp(line, "@1000200") == 0) {
    fputs("@1401200\n", o);
  } else {
    fprintf(o, "%s\n", line);
  }
}

static void wave_put_group(FILE *o, char **v, const wave_group_t *g, const char *root,
                           bool closed) {
  for (size_t i = g->first; i <= g->last; i++) {
    wave_put(o, v[i], root, closed);
  }
}

// The save file's path: FILE.fst -> FILE.gtkw, anything else gets .gtkw appended.
static void wave_save_path(const char *fst, char *path, size_t len) {
  size_t n = strlen(fst);
  if (n > 4 && strcmp(fst + n - 4, ".fst") == 0) {
    snprintf(path, len, "%.*s.gtkw", (int)(n - 4), fst);
  } else {
    snprintf(path, len, "%s.gtkw", fst);
  }
}

bool wave_save_write_from(const wave_save_t *w, const char *root, char *path, size_t path_len,
                          char *err, size_t err_len) {
  if (root == NULL) {
    root = TB_SOURCE_DIR;
  }
  char view[700];
  snprintf(view, sizeof(view), "%s/sim/waves/%s.gtkw", root, w->block);
  size_t n = 0;
  char **v = wave_read_lines(view, &n, err, err_len);
  if (v == NULL) {
    return false;
  }
  // The groups: "@800200" "-Name" ... "@1000200" "-Name".
  wave_group_t g[WAVE_MAX_GROUPS];
  size_t ng = 0;
  size_t top_end = n;  // lines before the first group
  for (size_t i = 0; i + 1 < n && ng < WAVE_MAX_GROUPS; i++) {
    if (strcmp(v[i], "@800200") != 0 || v[i + 1][0] != '-') {
      continue;
    }
    size_t j = i + 2;
    while (j + 1 < n && !(strcmp(v[j], "@1000200") == 0 && strcmp(v[j + 1], v[i + 1]) == 0)) {
      j++;
    }
    if (j + 1 >= n) {
      snprintf(err, err_len, "%s: group %s has no end", view, v[i + 1] + 1);
      wave_free_lines(v, n);
      return false;
    }
    if (ng == 0) {
      top_end = i;
    }
    g[ng++] = (wave_group_t){v[i + 1] + 1, i, j + 1};
    i = j + 1;
  }
  const char *fail = wave_save_group(w->block, w->iface);
  const char *internals = "DUT internals";
  bool found = false;
  for (size_t k = 0; k < ng; k++) {
    found = found || strcmp(g[k].name, fail) == 0;
  }
  if (!found) {
    snprintf(err, err_len, "%s has no group \"%s\" (regenerate it: scripts/wave_views.py)", view,
             fail);
    wave_free_lines(v, n);
    return false;
  }
  char fst_abs[4096];
  char cwd[2048];
  if (w->fst[0] != '/' && getcwd(cwd, sizeof(cwd)) != NULL) {
    snprintf(fst_abs, sizeof(fst_abs), "%s/%s", cwd, w->fst);
  } else {
    snprintf(fst_abs, sizeof(fst_abs), "%s", w->fst);
  }
  wave_save_path(fst_abs, path, path_len);
  char tmp[800];
  snprintf(tmp, sizeof(tmp), "%s.tmp", path);
  FILE *o = fopen(tmp, "w");
  if (o == NULL) {
    snprintf(err, err_len, "cannot write %s", tmp);
    wave_free_lines(v, n);
    return false;
  }
  uint64_t t = w->cycle * WAVE_TIME_PER_CYCLE;
  uint64_t from = w->cycle > WAVE_CYCLES_BEFORE ? w->cycle - WAVE_CYCLES_BEFORE : 0;
  if (from < w->trace_start) {
    from = w->trace_start;
  }
  fprintf(o, "[*] tb_sim: first divergence at cycle %" PRIu64 " (time %" PRIu64 "): %s\n", w->cycle,
          t, w->headline);
  fprintf(o,
          "[*] primary marker: the edge where the checker compared (expected/actual rows and "
          "mismatch change there); named markers A..: the last operations that agreed\n");
  static const char *const ifn[] = {"none", "retire", "event", "mem", "reg", "other"};
  fprintf(o, "[*] interface: %s (group \"%s\")%s\n",
          w->iface <= LS_IF_OTHER ? ifn[w->iface] : "other", fail,
          w->check ? "; a scenario check failed: the expected and actual rows may agree" : "");
  fprintf(o, "[dumpfile] \"%s\"\n", fst_abs);
  fprintf(o, "[savefile] \"%s\"\n", path);
  fprintf(o, "[timestart] %" PRIu64 "\n", from * WAVE_TIME_PER_CYCLE);
  fprintf(o, "[size] 1800 1100\n[pos] -1 -1\n");
  // GTKWave's zoom z shows 2^-z time units per 200 pixels: -5.643856 (2^-z = 50) gives 40
  // pixels per cycle, so a one-cycle pulse shows its value; about 30 cycles fit.
  fprintf(o, "*-5.643856 %" PRIu64, t);
  for (size_t i = 0; i < 26; i++) {
    if (i < w->n_marks) {
      fprintf(o, " %" PRIu64, w->marks[i].cycle * WAVE_TIME_PER_CYCLE);
    } else {
      fputs(" -1", o);
    }
  }
  fputc('\n', o);
  for (size_t i = 0; i < w->n_marks && i < 26; i++) {
    fprintf(o, "[markername] %c%s\n", (int)('A' + i), w->marks[i].label);
  }
  fprintf(o, "[sst_width] 160\n[signals_width] 330\n[sst_expanded] 1\n[sst_vpaned_height] 300\n");
  for (size_t i = 0; i < top_end; i++) {
    if (v[i][0] != '[') {
      wave_put(o, v[i], root, false);
    }
  }
  for (size_t k = 0; k < ng; k++) {
    if (strcmp(g[k].name, fail) == 0) {
      wave_put_group(o, v, &g[k], root, false);
    }
  }
  for (size_t k = 0; k < ng; k++) {
    if (strcmp(g[k].name, internals) == 0 && strcmp(fail, internals) != 0) {
      wave_put_group(o, v, &g[k], root, false);
    }
  }
  for (size_t k = 0; k < ng; k++) {
    if (strcmp(g[k].name, fail) != 0 && strcmp(g[k].name, internals) != 0) {
      wave_put_group(o, v, &g[k], root, true);
    }
  }
  wave_free_lines(v, n);
  bool ok = fclose(o) == 0;
  if (!ok || rename(tmp, path) != 0) {
    snprintf(err, err_len, "cannot write %s", path);
    remove(tmp);
    return false;
  }
  return true;
}

bool wave_save_write(const wave_save_t *w, char *path, size_t path_len, char *err, size_t err_len) {
  return wave_save_write_from(w, NULL, path, path_len, err, err_len);
}

bool wave_mkdirs(const char *path) {
  char d[1024];
  snprintf(d, sizeof(d), "%s", path);
  char *slash = strrchr(d, '/');
  if (slash == NULL || slash == d) {
    return true;
  }
  *slash = 0;
  for (char *p = d + 1;; p++) {
    if (*p == '/' || *p == 0) {
      char c = *p;
      *p = 0;
      struct stat st;
      if (stat(d, &st) != 0 && mkdir(d, 0777) != 0) {
        return false;
      }
      *p = c;
      if (c == 0) {
        return true;
      }
    }
  }
}
