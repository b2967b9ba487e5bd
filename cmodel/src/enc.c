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
    // An array element: NAME followed by its index below `count` in decimal as enc_reg_name
    // writes it (no sign, no leading zero: one name per register). The digits are read only
    // while the index stays below `count`, so no digit string can wrap it.
    const char *p = name + len;
    if (r->count > 1 && *p >= '0' && *p <= '9' && !(p[0] == '0' && p[1] != 0)) {
      unsigned idx = 0;
      while (*p >= '0' && *p <= '9' && idx < r->count) {
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

uint64_t enc_rec_get(const enc_rec_field_t *f, const void *rec) {
  const unsigned char *p = (const unsigned char *)rec + f->offset;
  switch (f->size) {
    case 1: {
      uint8_t v;
      memcpy(&v, p, 1);
      return v;
    }
    case 2: {
      uint16_t v;
      memcpy(&v, p, 2);
      return v;
    }
    case 4: {
      uint32_t v;
      memcpy(&v, p, 4);
      return v;
    }
    default: {
      uint64_t v;
      memcpy(&v, p, 8);
      return v;
    }
  }
}

void enc_rec_set(const enc_rec_field_t *f, void *rec, uint64_t value) {
  unsigned char *p = (unsigned char *)rec + f->offset;
  switch (f->size) {
    case 1: {
      uint8_t v = (uint8_t)value;
      memcpy(p, &v, 1);
      break;
    }
    case 2: {
      uint16_t v = (uint16_t)value;
      memcpy(p, &v, 2);
      break;
    }
    case 4: {
      uint32_t v = (uint32_t)value;
      memcpy(p, &v, 4);
      break;
    }
    default:
      memcpy(p, &value, 8);
      break;
  }
}

// Bits [lsb, lsb + width) of a vector held 32 bits per word, least significant word first.
static uint64_t enc_bits_at(const uint32_t *words, unsigned lsb, unsigned width) {
  uint64_t v = 0;
  unsigned got = 0;
  while (got < width) {
    unsigned at = lsb + got;
    unsigned sh = at % 32;
    unsigned take = 32 - sh < width - got ? 32 - sh : width - got;
    uint64_t chunk = (uint64_t)(words[at / 32] >> sh) & (~0ull >> (64 - take));
    v |= chunk << got;
    got += take;
  }
  return v;
}

void enc_rec_unpack(const enc_record_t *r, const uint32_t *words, void *rec) {
  // The last field of a packed struct holds the least significant bits.
  unsigned lsb = 0;
  for (size_t i = r->n; i-- > 0;) {
    const enc_rec_field_t *f = &r->fields[i];
    enc_rec_set(f, rec, enc_bits_at(words, lsb, f->width));
    lsb += f->width;
  }
}

char *enc_rec_format(const enc_record_t *r, const void *rec, char *buf, size_t len) {
  size_t at = 0;
  if (len > 0) {
    buf[0] = 0;
  }
  for (size_t i = 0; i < r->n && at < len; i++) {
    const enc_rec_field_t *f = &r->fields[i];
    uint64_t v = enc_rec_get(f, rec);
    const char *name = f->names != NULL ? enc_name(f->names, v) : NULL;
    int k = name != NULL ? snprintf(buf + at, len - at, "%s%s=%s", i ? " " : "", f->name, name)
                         : snprintf(buf + at, len - at, "%s%s=0x%llx", i ? " " : "", f->name,
                                    (unsigned long long)v);
    // GCOVR_EXCL_START: snprintf fails (k < 0) only on an encoding error or an output longer
    // than INT_MAX, neither possible for a field name with a number or an enumeration name.
    if (k < 0) {
      break;
    }
    // GCOVR_EXCL_STOP
    at += (size_t)k;
  }
  return buf;
}
