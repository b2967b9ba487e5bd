// SPDX-License-Identifier: Apache-2.0
// ITS command queue, the 12 physical commands and MSI translation (spec/its.md sections 2-5).
#include <string.h>

#include "its_int.h"

/** A fetched command: four little-endian doublewords (spec/its.md section 3). */
typedef struct {
  uint64_t dw[4];
  uint32_t cc;  // opcode, the CC of error codes
} its_cmd_t;

// Field shorthand of spec/its.md section 3.
// Command fields, laid out by docs/enc/its.toml (its_enc.h ITS_CMDF_*).
#define CMD_DEVID(c) ITS_CMDF_GET((c)->dw, DEV)
#define CMD_EVID(c) ITS_CMDF_GET((c)->dw, EV)
#define CMD_PINTID(c) ITS_CMDF_GET((c)->dw, INTID)
#define CMD_SIZE(c) ((uint32_t)ITS_CMDF_GET((c)->dw, SIZE))
#define CMD_ITT(c) (ITS_CMDF_GET((c)->dw, ITT) << ITS_CMDF_ITT_LSB_IN)
#define CMD_ICID(c) ITS_CMDF_GET((c)->dw, ICID)
#define CMD_RDBASE(c) ITS_CMDF_GET((c)->dw, RD)
#define CMD_RDBASE2(c) ITS_CMDF_GET((c)->dw, RD2)
#define CMD_V(c) (ITS_CMDF_GET((c)->dw, V) != 0)

static inline void its_emit_rd(its_t *its, its_rd_kind_t kind, uint32_t rd, uint32_t rd2,
                               uint32_t intid) {
  its__push_event(its, ITS_EV_RD)->u.rd =
      (its_rd_event_t){.kind = kind, .rd = rd, .rd2 = rd2, .intid = intid};
}

static void its_emit_retire(its_t *its, const its_retire_t *rt) {
  its__push_event(its, ITS_EV_RETIRE)->u.retire = *rt;
}

// LOOKUP_ITE then LOOKUP_CTE(ITE.ICID): the front half of INT, CLEAR, DISCARD and INV.
static its_res_t its_lookup_both(its_t *its, const its_cmd_t *c, its_ite_t *ite, uint64_t *itt,
                                 its_cte_t *cte, uint32_t *err) {
  return its__lookup_both(its, c->cc, CMD_DEVID(c), CMD_EVID(c), ite, itt, cte, err);
}

// ---- Commands (spec/its.md section 3.3) ----

static its_res_t process_mapd(its_t *its, const its_cmd_t *c, uint32_t *err) {
  const its_table_t *dt = its__table(its, 0);
  if (CMD_DEVID(c) >= dt->n) {
    return its__ignore(c->cc, ITS_EE_DEVICE_OOR, err);
  }
  // Size is checked even for V=0, as QEMU does.
  if (CMD_SIZE(c) > ITS_ID_BITS - 1) {
    return its__ignore(c->cc, ITS_EE_ITTSIZE_OOR, err);
  }
  // V=0 writes an all-zero DTE and leaves the ITT alone (spec section 9: QEMU quirk kept).
  its_dte_t dte = {CMD_V(c), CMD_SIZE(c), CMD_ITT(c)};
  return its__write_dte(its, CMD_DEVID(c), &dte);
}

static its_res_t process_mapc(its_t *its, const its_cmd_t *c, uint32_t *err) {
  const its_table_t *ct = its__table(its, 1);
  if (CMD_ICID(c) >= ct->n) {
    return its__ignore(c->cc, ITS_EE_COLLECTION_OOR, err);
  }
  // IMPDEF: IMPDEF-ITS-11: the full RDbase field is checked, its low 16 bits are stored.
  // With V=0 RDbase is not checked (spec 3.3, PMM fix Feb 2022).
  if (CMD_V(c) && CMD_RDBASE(c) >= its->cfg.num_rd) {
    return its__ignore(c->cc, ITS_EE_PROCNUM_OOR, err);
  }
  its_cte_t cte = {CMD_V(c), (uint32_t)(CMD_RDBASE(c) & 0xFFFF)};
  return its__write_cte(its, CMD_ICID(c), &cte);
}

// MAPTI, and MAPI with pINTID := EventID.
static its_res_t process_mapti(its_t *its, const its_cmd_t *c, uint64_t pintid, uint32_t *err) {
  const its_table_t *dt = its__table(its, 0);
  if (CMD_DEVID(c) >= dt->n) {
    return its__ignore(c->cc, ITS_EE_DEVICE_OOR, err);
  }
  its_dte_t dte;
  if (its__read_dte(its, CMD_DEVID(c), &dte) == ITS_R_STALL) {
    return ITS_R_STALL;
  }
  const its_table_t *ct = its__table(its, 1);
  if (CMD_ICID(c) >= ct->n) {
    return its__ignore(c->cc, ITS_EE_COLLECTION_OOR, err);
  }
  if (!dte.valid) {
    return its__ignore(c->cc, ITS_EE_UNMAPPED_DEVICE, err);
  }
  if (CMD_EVID(c) >= (1ull << (dte.size + 1))) {
    return its__ignore(c->cc, ITS_EE_ID_OOR, err);
  }
  // LPIOutOfRange(): only the GICD_TYPER.IDbits limit and the LPI range; 1023 is rejected.
  if (pintid < ITS_LPI_MIN || pintid >= ITS_LPI_LIMIT) {
    return its__ignore(c->cc, ITS_EE_PHYSICALID_OOR, err);
  }
  // The collection need not be mapped yet; an existing ITE is overwritten (QEMU).
  its_ite_t ite = {true, true, (uint32_t)pintid, (uint32_t)CMD_ICID(c), 0, ITS_DOORBELL_NONE};
  return its__write_ite(its, dte.itt, CMD_EVID(c), &ite);
}

// INT (SET), CLEAR (CLEAR) and INV (INV): lookups, then one redistributor event.
static its_res_t process_int_like(its_t *its, const its_cmd_t *c, its_rd_kind_t kind,
                                  uint32_t *err) {
  its_ite_t ite;
  its_cte_t cte;
  uint64_t itt;
  its_res_t r = its_lookup_both(its, c, &ite, &itt, &cte, err);
  if (r != ITS_R_OK) {
    return r;
  }
  its_emit_rd(its, kind, cte.rd, 0, ite.intid);
  return ITS_R_OK;
}

static its_res_t process_discard(its_t *its, const its_cmd_t *c, uint32_t *err) {
  its_ite_t ite;
  its_cte_t cte;
  uint64_t itt;
  // A failed collection lookup ignores the whole command; the ITE stays valid (QEMU, KVM).
  its_res_t r = its_lookup_both(its, c, &ite, &itt, &cte, err);
  if (r != ITS_R_OK) {
    return r;
  }
  its_emit_rd(its, ITS_RD_CLEAR, cte.rd, 0, ite.intid);
  its_ite_t zero;
  memset(&zero, 0, sizeof(zero));
  return its__write_ite(its, itt, CMD_EVID(c), &zero);
}

static its_res_t process_invall(its_t *its, const its_cmd_t *c, uint32_t *err) {
  // The ICID is validated with LOOKUP_CTE (spec section 9; QEMU does not check it).
  its_cte_t cte;
  its_res_t r = its__lookup_cte(its, c->cc, CMD_ICID(c), &cte, err);
  if (r != ITS_R_OK) {
    return r;
  }
  its_emit_rd(its, ITS_RD_INVALL, cte.rd, 0, 0);
  return ITS_R_OK;
}

static its_res_t process_movi(its_t *its, const its_cmd_t *c, uint32_t *err) {
  its_ite_t ite;
  uint64_t itt;
  its_res_t r = its__lookup_ite(its, c->cc, CMD_DEVID(c), CMD_EVID(c), &ite, &itt, err);
  if (r != ITS_R_OK) {
    return r;
  }
  its_cte_t old_cte;
  its_cte_t new_cte;
  r = its__lookup_cte(its, c->cc, ite.icid, &old_cte, err);
  if (r != ITS_R_OK) {
    return r;
  }
  r = its__lookup_cte(its, c->cc, CMD_ICID(c), &new_cte, err);
  if (r != ITS_R_OK) {
    return r;
  }
  // IMPDEF: IMPDEF-ITS-10: no event when both collections target the same redistributor.
  if (old_cte.rd != new_cte.rd) {
    its_emit_rd(its, ITS_RD_MOVE, old_cte.rd, new_cte.rd, ite.intid);
  }
  // IMPDEF: IMPDEF-ITS-12: the ITE is re-encoded from its fields with the new ICID; reserved
  // bits are written as 0 (QEMU `update_ite`, spec/its.md section 9).
  ite.icid = (uint32_t)CMD_ICID(c);
  return its__write_ite(its, itt, CMD_EVID(c), &ite);
}

static its_res_t process_movall(its_t *its, const its_cmd_t *c, uint32_t *err) {
  uint64_t rd1 = CMD_RDBASE(c);
  uint64_t rd2 = CMD_RDBASE2(c);
  if (rd1 >= its->cfg.num_rd || rd2 >= its->cfg.num_rd) {
    return its__ignore(c->cc, ITS_EE_MOVALL_PROCNUM_OOR, err);
  }
  if (rd1 != rd2) {
    its_emit_rd(its, ITS_RD_MOVALL, (uint32_t)rd1, (uint32_t)rd2, 0);
  }
  return ITS_R_OK;
}

static its_res_t its_execute(its_t *its, const its_cmd_t *c, uint32_t *err) {
  switch (c->cc) {
    case ITS_CMD_MAPD:
      return process_mapd(its, c, err);
    case ITS_CMD_MAPC:
      return process_mapc(its, c, err);
    case ITS_CMD_MAPTI:
      return process_mapti(its, c, CMD_PINTID(c), err);
    case ITS_CMD_MAPI:
      return process_mapti(its, c, CMD_EVID(c), err);
    case ITS_CMD_INT:
      return process_int_like(its, c, ITS_RD_SET, err);
    case ITS_CMD_CLEAR:
      return process_int_like(its, c, ITS_RD_CLEAR, err);
    case ITS_CMD_INV:
      return process_int_like(its, c, ITS_RD_INV, err);
    case ITS_CMD_DISCARD:
      return process_discard(its, c, err);
    case ITS_CMD_INVALL:
      return process_invall(its, c, err);
    case ITS_CMD_MOVI:
      return process_movi(its, c, err);
    case ITS_CMD_MOVALL:
      return process_movall(its, c, err);
    case ITS_CMD_SYNC:
      // IMPDEF: IMPDEF-ITS-10: RDbase is reported, not checked; the model is synchronous.
      its_emit_rd(its, ITS_RD_SYNC, (uint32_t)(CMD_RDBASE(c) & 0xFFFF), 0, 0);
      return ITS_R_OK;
    default:
      // IMPDEF: IMPDEF-ITS-7: unknown and GICv4 opcodes are ignored.
      return its__ignore(c->cc, ITS_EE_UNSUPPORTED, err);
  }
}

// ---- Queue (spec/its.md section 2) ----

static uint64_t its_queue_bytes(const its_t *its) {
  if ((its->cbaser >> 63) == 0) {
    return 0;  // CBASER.Valid = 0: N = 0, nothing runs
  }
  return (ITS_FX(its->cbaser, 0, 8) + 1) * 4096;
}

its_step_t its_step(its_t *its) {
  if (its == NULL) {
    return ITS_STEP_IDLE;
  }
  uint64_t qbytes = its_queue_bytes(its);
  // IMPDEF: IMPDEF-ITS-4: a CWRITER outside the queue stops processing.
  if (!its->enabled || its->stalled || qbytes == 0 || its->cwriter >= qbytes ||
      its->creadr == its->cwriter) {
    return ITS_STEP_IDLE;
  }
  its_retire_t rt;
  memset(&rt, 0, sizeof(rt));
  rt.kind = ITS_RT_CMD;
  rt.offset = (uint32_t)its->creadr;

  uint64_t base = its->cbaser & ITS_MASK(12, 40);
  its_res_t r;
  its_cmd_t c;
  // The four doublewords of the command at CREADR: four aligned beats (spec section 2).
  if (!its__mem_read(its, base + its->creadr, ITS_CMD_BYTES, c.dw)) {
    r = ITS_R_STALL;  // IMPDEF: IMPDEF-ITS-13: a fetch fault retires with opcode 0
  } else {
    c.cc = (uint32_t)ITS_FX(c.dw[0], 0, 8);
    rt.opcode = (uint8_t)c.cc;
    r = its_execute(its, &c, &rt.error);
  }

  its_step_t step;
  if (r == ITS_R_STALL) {
    // A memory fault stalls the queue at this command (spec 3.1, section 9).
    its->stalled = true;
    rt.outcome = ITS_OUT_STALLED;
    rt.error = 0;
    step = ITS_STEP_STALLED;
  } else {
    its->creadr = (its->creadr + ITS_CMD_BYTES) % qbytes;
    rt.outcome = r == ITS_R_OK ? ITS_OUT_OK : ITS_OUT_IGNORED;
    if (r == ITS_R_OK) {
      rt.error = 0;
    }
    step = r == ITS_R_OK ? ITS_STEP_OK : ITS_STEP_SKIPPED;
  }
  its_emit_retire(its, &rt);
  return step;
}

size_t its_run(its_t *its, size_t max) {
  size_t n = 0;
  while (n < max) {
    its_step_t s = its_step(its);
    if (s == ITS_STEP_IDLE) {
      break;
    }
    n++;
    if (s == ITS_STEP_STALLED) {
      break;
    }
  }
  return n;
}

// ---- Translation (spec/its.md section 5) ----
//
// The model's hot path, one call per MSI: LOOKUP_ITE(DeviceID, EventID) reads the DTE and the
// ITE, LOOKUP_CTE(ITE.ICID) reads the CTE (spec 3.2), then a SET event goes to CTE.RDbase and
// the retire record follows. That is three table reads (four 64-bit beats: the ITE straddles
// a beat at every other EventID) and two events. The table geometry was decoded when
// GITS_BASER was written (its__set_baser), the entries are read as whole beats and decoded in
// line (its_table.c), and both events are written in place in the output ring.

its_outcome_t its_translate(its_t *its, its_retire_kind_t kind, uint32_t devid, uint32_t eventid,
                            uint32_t *rd, uint32_t *intid) {
  if (its == NULL || (kind != ITS_RT_MSI && kind != ITS_RT_TRANSLATER)) {
    return ITS_OUT_IGNORED;
  }
  its_res_t r;
  its_ite_t ite;
  its_cte_t cte;
  uint64_t itt;
  uint32_t error = 0;
  if (!its->enabled) {
    r = its__ignore(0, ITS_EE_DISABLED, &error);  // Enabled = 0: the MSI is dropped
  } else {
    r = its__lookup_both(its, 0, devid, eventid, &ite, &itt, &cte, &error);
  }
  its_outcome_t outcome;
  if (r == ITS_R_OK) {
    its_emit_rd(its, ITS_RD_SET, cte.rd, 0, ite.intid);
    outcome = ITS_OUT_OK;
    if (rd != NULL) {
      *rd = cte.rd;
    }
    if (intid != NULL) {
      *intid = ite.intid;
    }
  } else if (r == ITS_R_STALL) {
    // IMPDEF: IMPDEF-ITS-9: the TRANSLATER write is posted; a table fault changes nothing.
    outcome = ITS_OUT_FAULT;
    error = 0;
  } else {
    outcome = ITS_OUT_IGNORED;  // an I-class failure drops the MSI (spec 5)
  }
  its__push_event(its, ITS_EV_RETIRE)->u.retire = (its_retire_t){
      .kind = kind, .outcome = outcome, .error = error, .devid = devid, .eventid = eventid};
  return outcome;
}
