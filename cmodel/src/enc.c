// SPDX-License-Identifier: Apache-2.0
// Look-ups over the generated encoding tables (cmodel/include/enc.h).
#include "enc.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

const char *enc_name(const enc_enum_t *e, uint64_t value) {
  for (size_t i = 0; e != NULL && i < e->n; i++) {
    if (e->values[i].value == value) {
      return e->values[i].name;
    }
  }
  return NULL;
}

bool enc_value(const enc_enum_t *e, const char *name, uint64_t *value) {
  for (size_t i = 0; e != NULL && i < e->n; i++) {
    if (strcasecmp(e->values[i].name, name) == 0) {
      *value = e->values[i].value;
      return true;
    }
  }
  return false;
}

const enc_enum_t *enc_enum(const enc_block_t *b, const char *name) {
  for (size_t i = 0; i < b->n_enums; i++) {
    if (strcmp(b->enums[i].name, name) == 0) {
      return &b->enums[i];
    }
  }
  return NULL;
}

const enc_cmd_t *enc_cmd_by_name(const enc_block_t *b, const char *name) {
  for (size_t i = 0; i < b->n_cmds; i++) {
    if (strcasecmp(b->cmds[i].name, name) == 0) {
      return &b->cmds[i];
    }
  }
  return NULL;
}

const enc_cmd_t *enc_cmd_by_opcode(const enc_block_t *b, uint8_t opcode) {
  for (size_t i = 0; i < b->n_cmds; i++) {
    if (b->cmds[i].opcode == opcode) {
      return &b->cmds[i];
    }
  }
  return NULL;
}

uint64_t enc_max(unsigned width) {
  return width >= 64 ? ~0ull : (1ull << width) - 1;
}

bool enc_reg_by_name(const enc_block_t *b, const char *name, uint32_t *offset) {
  for (size_t i = 0; i < b->n_regs; i++) {
    const enc_reg_t *r = &b->regs[i];
    size_t len = strlen(r->name);
    if (strncasecmp(name, r->name, len) != 0) {
      continue;
    }
    if (r->count <= 1 && name[len] == 0) {
      *offset = r->offset;
      return true;
    }
    // An array element: NAME followed by a decimal index below `count`.
    const char *p = name + len;
    unsigned idx = 0;
    if (r->count > 1 && *p != 0 && strlen(p) <= 3) {
      while (*p >= '0' && *p <= '9') {
        idx = 10 * idx + (unsigned)(*p++ - '0');
      }
      if (*p == 0 && idx < r->count) {
        *offset = r->offset + idx * r->stride;
        return true;
      }
    }
  }
  return false;
}

const char *enc_reg_name(const enc_block_t *b, uint32_t offset, char *buf, size_t len) {
  for (size_t i = 0; i < b->n_regs; i++) {
    const enc_reg_t *r = &b->regs[i];
    unsigned count = r->count > 1 ? r->count : 1;
    unsigned stride = r->stride > 0 ? r->stride : 1;
    if (offset >= r->offset && offset < r->offset + count * stride &&
        (offset - r->offset) % stride == 0) {
      if (count > 1) {
        snprintf(buf, len, "%s%u", r->name, (offset - r->offset) / stride);
      } else {
        snprintf(buf, len, "%s", r->name);
      }
      return buf;
    }
  }
  return NULL;
}
