// SPDX-License-Identifier: Apache-2.0
// Functional coverage (fcov.h): the bin table, derived from spec/its.md, spec/stimer.md and the
// docs/impdef.md error table (docs/testplan.md maps each rule to its bins), and the classifiers
// the scoreboards call once an operation's outputs matched. Bins are counted from the model's
// records after the compare; the little state kept here (the model's table reads of the
// operation, a Retry write, a failed attempt waiting for an acknowledge, the slots written in
// the current pass) only says which bin an already-confirmed outcome belongs to.
#include "fcov.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tb_mem.h"

// ---- The bins ----

// A command that runs LOOKUP_ITE then LOOKUP_CTE (spec/its.md 3.2): INT, CLEAR, INV, DISCARD
// and MOVI. Error codes in the order of the docs/impdef.md table: DeviceID >= DT.n (01),
// DTE.V = 0 (04), EventID >= 2^(Size+1) (05), ITE.V = 0 or virtual (07), ICID >= CT.n (03),
// CTE.V = 0 (09), CTE.RDbase >= NumRd (02).
#define FCOV_ERR(op, cc, ee) "its.cmd." op ".ignored.0x01" cc ee
#define FCOV_LOOKUP(op, cc)                                                                      \
  "its.cmd." op ".ok", "its.cmd." op ".stalled", FCOV_ERR(op, cc, "01"), FCOV_ERR(op, cc, "04"), \
      FCOV_ERR(op, cc, "05"), FCOV_ERR(op, cc, "07"), FCOV_ERR(op, cc, "03"),                    \
      FCOV_ERR(op, cc, "09"), FCOV_ERR(op, cc, "02")
// MAPTI / MAPI (spec/its.md 3.3): DeviceID (01), ICID (03), DTE.V (04), EventID (05), pINTID (06).
#define FCOV_MAP(op, cc)                                                                         \
  "its.cmd." op ".ok", "its.cmd." op ".stalled", FCOV_ERR(op, cc, "01"), FCOV_ERR(op, cc, "03"), \
      FCOV_ERR(op, cc, "04"), FCOV_ERR(op, cc, "05"), FCOV_ERR(op, cc, "06")
// A translation (spec/its.md 5): delivered, a table fault, or dropped by one of the checks of
// LOOKUP_ITE / LOOKUP_CTE, or because the ITS is disabled (FE).
#define FCOV_MSI(src)                                                                \
  "its.msi." src ".ok", "its.msi." src ".fault", "its.msi." src ".ignored.0x0100FE", \
      "its.msi." src ".ignored.0x010001", "its.msi." src ".ignored.0x010004",        \
      "its.msi." src ".ignored.0x010005", "its.msi." src ".ignored.0x010007",        \
      "its.msi." src ".ignored.0x010003", "its.msi." src ".ignored.0x010009",        \
      "its.msi." src ".ignored.0x010002"
// A table walk (spec/its.md 4): flat or two-level, per page size, and an invalid L1 entry.
#define FCOV_TABLE(t)                                                                \
  "its.table." t ".flat.4k", "its.table." t ".flat.16k", "its.table." t ".flat.64k", \
      "its.table." t ".indirect.4k", "its.table." t ".indirect.16k",                 \
      "its.table." t ".indirect.64k", "its.table." t ".l1_invalid"

static const char *const fcov_flat[] = {
    // spec/its.md section 3: each command x outcome x the error codes it can retire with.
    FCOV_LOOKUP("MOVI", "01"),
    "its.cmd.MOVI.ok.same_rd",  // IMPDEF-ITS-10: no MOVE event when the RDbases are equal
    FCOV_LOOKUP("INT", "03"),
    FCOV_LOOKUP("CLEAR", "04"),
    "its.cmd.SYNC.ok",
    "its.cmd.MAPD.ok",
    "its.cmd.MAPD.ok.v0",
    "its.cmd.MAPD.stalled",
    FCOV_ERR("MAPD", "08", "01"),
    FCOV_ERR("MAPD", "08", "02"),
    "its.cmd.MAPC.ok",
    "its.cmd.MAPC.ok.v0",
    "its.cmd.MAPC.ok.v0_rdbase_oor",  // V = 0: RDbase is not checked
    "its.cmd.MAPC.stalled",
    FCOV_ERR("MAPC", "09", "03"),
    FCOV_ERR("MAPC", "09", "02"),
    FCOV_MAP("MAPTI", "0A"),
    FCOV_MAP("MAPI", "0B"),
    FCOV_LOOKUP("INV", "0C"),
    "its.cmd.INVALL.ok",
    "its.cmd.INVALL.stalled",
    FCOV_ERR("INVALL", "0D", "03"),
    FCOV_ERR("INVALL", "0D", "09"),
    FCOV_ERR("INVALL", "0D", "02"),
    "its.cmd.MOVALL.ok",
    "its.cmd.MOVALL.ok.same_rd",
    FCOV_ERR("MOVALL", "0E", "01"),
    FCOV_LOOKUP("DISCARD", "0F"),
    "its.cmd.unknown.ignored",  // IMPDEF-ITS-7: EE = FF
    "its.cmd.gicv4.ignored",
    // Stalls (spec/its.md 3.1, section 9; IMPDEF-ITS-8, -13): which access faulted.
    "its.stall.fetch",
    "its.stall.table_read.l1",
    "its.stall.table_read.dte",
    "its.stall.table_read.ite",
    "its.stall.table_read.cte",
    "its.stall.table_write.dte",
    "its.stall.table_write.ite",
    "its.stall.table_write.cte",
    "its.stall.cwriter_without_retry",  // nothing runs while stalled
    "its.stall.cbaser_clears",          // a CBASER write sets CREADR = 0, clearing Stalled
    // Retry (spec/its.md 2, 9): CWRITER.Retry = 1, and the outcome of the re-run command.
    "its.retry.stalled",
    "its.retry.not_stalled",
    "its.retry.rerun.ok",
    "its.retry.rerun.ignored",
    "its.retry.rerun.stalled",
    // Translation (spec/its.md 5), from the MSI port and from GITS_TRANSLATER.
    FCOV_MSI("port"),
    FCOV_MSI("translater"),
    "its.translater.write16",
    "its.translater.write32",
    "its.translater.write64",
    // Port MSIs waiting when a command retired with another to run (IMPDEF-ITS-14): fewer
    // than MsiBurst (all go first) and at least MsiBurst (MsiBurst go, the rest wait).
    "its.order.waiting_below_burst",
    "its.order.waiting_at_burst",
    // Tables (spec/its.md 4).
    FCOV_TABLE("dt"),
    FCOV_TABLE("ct"),
    // Redistributor events (docs/interfaces.md 3.2).
    "its.rd.SET",
    "its.rd.CLEAR",
    "its.rd.MOVE",
    "its.rd.MOVALL",
    "its.rd.INV",
    "its.rd.INVALL",
    "its.rd.SYNC",
    // Queue and registers (spec/its.md 1, 2; IMPDEF-ITS-1, -3, -4).
    "its.queue.wrap",
    "its.queue.cwriter_oor",
    "its.queue.resume_after_enable",
    "its.reg.bus_error",
    "its.reg.cbaser.resets_creadr",
    "its.reg.cbaser.ignored_enabled",
    "its.reg.baser.ignored_enabled",

    // spec/stimer.md section 4: each timer mode x attempt outcome it can have (a periodic
    // timer never waits on a busy slot, a one-shot never loses its tick; direct mode has one).
    "stimer.attempt.periodic.delivered",
    "stimer.attempt.periodic.no_irq",
    "stimer.attempt.periodic.busy_lost",
    "stimer.attempt.periodic.unavailable",
    "stimer.attempt.periodic.fault",
    "stimer.attempt.periodic.direct",
    "stimer.attempt.oneshot.delivered",
    "stimer.attempt.oneshot.no_irq",
    "stimer.attempt.oneshot.busy_pending",
    "stimer.attempt.oneshot.unavailable",
    "stimer.attempt.oneshot.fault",
    "stimer.attempt.oneshot.direct",
    // A message written to a free slot x the SINT state (spec/stimer.md 2, 4, 6).
    "stimer.sint.unmasked.periodic",
    "stimer.sint.unmasked.oneshot",
    "stimer.sint.auto_eoi.periodic",
    "stimer.sint.auto_eoi.oneshot",
    "stimer.sint.masked.periodic",
    "stimer.sint.masked.oneshot",
    "stimer.sint.polling.periodic",
    "stimer.sint.polling.oneshot",
    // Why a slot was unavailable (spec/stimer.md 4, Normative SCONTROL rule).
    "stimer.unavailable.simp_disabled",
    "stimer.unavailable.scontrol_disabled",
    // Which SIM access faulted (IMPDEF-ST-2).
    "stimer.fault.busy_read",
    "stimer.fault.msg_write",
    "stimer.fault.flag_write",
    // Retries after an acknowledge (spec/stimer.md 5): by EOM or EOI, per mode, after which
    // failure, and a retry that failed again.
    "stimer.retry.eom.periodic",
    "stimer.retry.eom.oneshot",
    "stimer.retry.eoi.periodic",
    "stimer.retry.eoi.oneshot",
    "stimer.retry.after.busy_pending",
    "stimer.retry.after.unavailable",
    "stimer.retry.after.fault",
    "stimer.retry.failed_again",
    // Acknowledges (spec/stimer.md 5, IMPDEF-ST-4).
    "stimer.eom",
    "stimer.eoi.acks_pending",
    "stimer.eoi.shared_vector",
    "stimer.eoi.masked_sint_no_ack",
    // Timing rules (spec/stimer.md 3, 4).
    "stimer.tie.same_sint",
    "stimer.periodic.missed_periods",
    "stimer.oneshot.count_in_past",
    "stimer.lazy.periodic",
    "stimer.timer.0",
    "stimer.timer.1",
    "stimer.timer.2",
    "stimer.timer.3",
    "stimer.vp.nonzero",
    // CONFIG / COUNT write rules (spec/stimer.md 3).
    "stimer.config.sintx0_forced_disable",
    "stimer.config.sintx0_first_enable",
    "stimer.config.sintx0_delivers",
    "stimer.count.zero_disables",
    "stimer.count.auto_enable",
    "stimer.cancel.config",
    "stimer.cancel.count",
    // MSR rules (spec/stimer.md 1-3, IMPDEF-ST-1, -3).
    "stimer.msr.gp.read_only",
    "stimer.msr.gp.sint_vector",
    "stimer.msr.gp.direct_nofeat",
    "stimer.msr.gp.vp_oor",
    "stimer.msr.gp.unknown",
    "stimer.msr.sint.low_vector_masked",
    "stimer.simp_zero",
    "stimer.simp_zero.fault_ignored",
    // The stimulus space of the random generator (docs/testplan.md, "Random stimulus
    // weights"): messages to every SINT, several VPs and timers per pass, value shapes of the
    // re-arm modulo, the far end of the 64-bit time, MSR values beyond their fields.
    "stimer.sint.high",
    "stimer.pass.multi_vp",
    "stimer.pass.same_exp_multi_vp",
    "stimer.pass.multi_timer",
    "stimer.periodic.on_time",
    "stimer.periodic.rem0_late",
    "stimer.periodic.missed_many",
    "stimer.time.upper_half",
    "stimer.time.near_wrap",
    "stimer.oneshot.count_eq_now",
    "stimer.msr.gp.width",
    "stimer.msr.preserved_bits",
    "stimer.simp.relocate",
    "stimer.reset.pending",
};

#define FCOV_FLAT_N (sizeof(fcov_flat) / sizeof(fcov_flat[0]))

// ---- Cross bins (docs/testplan.md "Cross bins") ----
//
// Three crosses, each built from the spec's rules: only the combinations the spec allows are
// bins. A combination left out is listed with the rule that excludes it; if the DUT and the model
// ever agree on one, it is counted as an unplanned outcome (`!name`), a finding.
//
// 1. ITS command (or MSI source) x outcome x table kind x page size of the table the outcome
//    depends on: `its.x.<cmd.NAME|msi.SRC>.<ok|eeEE>.<dt|ct>.<flat|indirect>.<4k|16k|64k>`, the
//    kind and page size from GITS_BASER0/1 at the operation. Which table decides an outcome
//    (spec/its.md 3.2, 3.3, section 5; codes of docs/impdef.md): DeviceID >= DT.n (01), DTE.V = 0
//    or an invalid level-1 entry (04), EventID >= 2^(DTE.Size+1) (05) and the ITE found through
//    the DTE's ITT (07) depend on the device table; ICID >= CT.n (03), CTE.V = 0 or an invalid
//    level-1 entry (09) and CTE.RDbase >= #RD (02) on the collection table. OK depends on every
//    table the command walks: both for the lookups and translations, the device table for MAPD,
//    MAPTI and MAPI (MAPTI/MAPI only bound the ICID by CT.n), the collection table for MAPC and
//    INVALL. Not crossed (no table decides them): MAPD Size > 15 (02), MAPC RDbase >= #RD (02),
//    MAPTI pINTID (06), MOVALL (RDbases only), SYNC, unknown opcodes, a disabled ITS (FE);
//    stalls are crossed with their fault point below.
//    Excluded: EE 03 with a two-level collection table: a two-level table holds at least
//    (page/8)^2 >= 2^18 entries, capped at 2^CIDbits = 2^16 (spec/its.md 4, section 9), and every
//    ICID (command field, ITE field) is 16 bits, so none is >= CT.n. EE 01 of an MSI with a
//    two-level device table: DT.n = 2^16 the same way and the side-band DeviceID is 16 bits (a
//    command's DeviceID field is 32 bits, so the commands keep that bin).
// 2. Fault point x the command or MSI that met it: `its.x.fault.<point>.<cmd.NAME|msi.SRC>`
//    (spec/its.md 3.1, 3.2, section 5, 9; IMPDEF-ITS-8, -9, -13). A command-fetch fault retires
//    with opcode 0 before the command is known (IMPDEF-ITS-13): one bin `its.x.fault.fetch.cmd`.
//    Level-1 entry reads: every command that reads or writes a DTE, ITE-through-DTE or CTE. DTE
//    reads: MAPTI, MAPI, the lookups, MSIs; ITE reads: the lookups and MSIs; CTE reads: the
//    lookups, INVALL and MSIs. Writes: DTE by MAPD, CTE by MAPC, ITE by MAPTI, MAPI, DISCARD and
//    MOVI. Excluded: MAPD and MAPC read no entry (they write it, 3.3); MAPTI and MAPI read no ITE
//    and no CTE (they check the ICID against CT.n only); SYNC, MOVALL and unknown opcodes touch no
//    table; an MSI writes nothing.
// 3. stimer timer mode x first attempt or retry x SINT mode x outcome (spec/stimer.md 3-6,
//    IMPDEF-ST-2): `stimer.x.<periodic|oneshot>[_auto].<first|retry>.<sint>.<outcome>`, the mode
//    and AutoEnable from CONFIG, the SINT mode from SINTx (masked, polling, AutoEOI, unmasked in
//    that order) or `direct` (DirectMode), `retry` for an attempt after an acknowledge of a failed
//    one. Outcomes: a free slot gets the message (`delivered`, or `no_irq` for a masked or polling
//    SINT), a busy slot (`busy_lost` periodic, `busy_pending` one-shot), SIMP or SCONTROL off
//    (`unavailable`), a faulting busy-check read (`read_fault`), flag write (`flag_fault`) or
//    message write (`msg_fault`). Excluded: `delivered` with a masked or polling SINT and `no_irq`
//    with an unmasked or AutoEOI one (TLFS Normative: only the interrupt is suppressed); a periodic
//    timer's `busy_pending` and `flag_fault` (it gives up on a busy slot without writing it) and a
//    one-shot's `busy_lost`; a direct-mode timer has one outcome, `direct`, and no retry (direct
//    notification always succeeds, Normative, so it never waits; an acknowledge skips it, and a
//    CONFIG write that turns a waiting timer direct discards its pending expiry).
#define FCOV_MAX 1024
#define FCOV_NAME 72

static char fcov_xname[FCOV_MAX][FCOV_NAME];
static const char *fcov_names[FCOV_MAX];
static unsigned fcov_n;  // bins in fcov_names: the flat table, then the crosses

// The outcome x table pairs of cross 1, per command or MSI source.
#define FCOV_X_LOOKUP "ok:dt ok:ct ee01:dt ee04:dt ee05:dt ee07:dt ee03:ct ee09:ct ee02:ct"
#define FCOV_X_MAP "ok:dt ee01:dt ee04:dt ee05:dt ee03:ct"
static const struct {
  const char *src;
  const char *pairs;
} fcov_x_out[] = {
    {"cmd.INT", FCOV_X_LOOKUP},        {"cmd.CLEAR", FCOV_X_LOOKUP},
    {"cmd.INV", FCOV_X_LOOKUP},        {"cmd.DISCARD", FCOV_X_LOOKUP},
    {"cmd.MOVI", FCOV_X_LOOKUP},       {"msi.port", FCOV_X_LOOKUP},
    {"msi.translater", FCOV_X_LOOKUP}, {"cmd.MAPTI", FCOV_X_MAP},
    {"cmd.MAPI", FCOV_X_MAP},          {"cmd.MAPD", "ok:dt ee01:dt"},
    {"cmd.MAPC", "ok:ct ee03:ct"},     {"cmd.INVALL", "ok:ct ee03:ct ee09:ct ee02:ct"},
};

#define FCOV_X_LOOKUPS "cmd.INT cmd.CLEAR cmd.INV cmd.DISCARD cmd.MOVI"
#define FCOV_X_MSIS "msi.port msi.translater"
static const struct {
  const char *point;
  const char *srcs;
} fcov_x_fault[] = {
    {"fetch", "cmd"},
    {"l1", "cmd.MAPD cmd.MAPC cmd.MAPTI cmd.MAPI " FCOV_X_LOOKUPS " cmd.INVALL " FCOV_X_MSIS},
    {"dte_read", "cmd.MAPTI cmd.MAPI " FCOV_X_LOOKUPS " " FCOV_X_MSIS},
    {"ite_read", FCOV_X_LOOKUPS " " FCOV_X_MSIS},
    {"cte_read", FCOV_X_LOOKUPS " cmd.INVALL " FCOV_X_MSIS},
    {"dte_write", "cmd.MAPD"},
    {"cte_write", "cmd.MAPC"},
    {"ite_write", "cmd.MAPTI cmd.MAPI cmd.DISCARD cmd.MOVI"},
};

static const char *const fcov_x_pages[] = {"4k", "16k", "64k"};
static const char *const fcov_x_sints[] = {"unmasked", "auto_eoi", "masked", "polling"};

static void fcov_xadd(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void fcov_xadd(const char *fmt, ...) {
  if (fcov_n >= FCOV_MAX) {
    fprintf(stderr, "fcov: more than %d bins (FCOV_MAX)\n", FCOV_MAX);
    abort();
  }
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(fcov_xname[fcov_n], FCOV_NAME, fmt, ap);
  va_end(ap);
  if (n < 0 || n >= FCOV_NAME) {
    fprintf(stderr, "fcov: bin name longer than %d characters\n", FCOV_NAME - 1);
    abort();
  }
  fcov_names[fcov_n] = fcov_xname[fcov_n];
  fcov_n++;
}

// Whether cross 1 has outcome `out` of `src` with table `tab` of that kind (the exclusions above).
static bool fcov_x_possible(const char *src, const char *out, const char *tab, bool indirect) {
  if (!indirect) {
    return true;
  }
  if (strcmp(out, "ee03") == 0 && strcmp(tab, "ct") == 0) {
    return false;  // CT.n = 2^16 > every 16-bit ICID
  }
  return !(strcmp(out, "ee01") == 0 && strcmp(tab, "dt") == 0 && strncmp(src, "msi.", 4) == 0);
}

// A list of the tables above into buf (one that does not fit is a bug of the table).
static void fcov_copy(char *buf, size_t len, const char *list) {
  if ((size_t)snprintf(buf, len, "%s", list) >= len) {
    fprintf(stderr, "fcov: a cross list longer than %zu characters\n", len - 1);
    abort();
  }
}

// The bin table: the flat bins, then the crosses, built once.
static void fcov_table_init(void) {
  if (fcov_n != 0) {
    return;
  }
  for (unsigned i = 0; i < FCOV_FLAT_N; i++) {
    fcov_names[fcov_n++] = fcov_flat[i];
  }
  char buf[256];  // the longest list above is 120 characters
  for (unsigned i = 0; i < sizeof(fcov_x_out) / sizeof(fcov_x_out[0]); i++) {
    fcov_copy(buf, sizeof(buf), fcov_x_out[i].pairs);
    for (char *sv = NULL, *p = strtok_r(buf, " ", &sv); p != NULL; p = strtok_r(NULL, " ", &sv)) {
      char *tab = strchr(p, ':');
      *tab++ = 0;
      for (unsigned ind = 0; ind < 2; ind++) {
        if (!fcov_x_possible(fcov_x_out[i].src, p, tab, ind != 0)) {
          continue;
        }
        for (unsigned pg = 0; pg < 3; pg++) {
          fcov_xadd("its.x.%s.%s.%s.%s.%s", fcov_x_out[i].src, p, tab, ind ? "indirect" : "flat",
                    fcov_x_pages[pg]);
        }
      }
    }
  }
  for (unsigned i = 0; i < sizeof(fcov_x_fault) / sizeof(fcov_x_fault[0]); i++) {
    fcov_copy(buf, sizeof(buf), fcov_x_fault[i].srcs);
    for (char *sv = NULL, *p = strtok_r(buf, " ", &sv); p != NULL; p = strtok_r(NULL, " ", &sv)) {
      fcov_xadd("its.x.fault.%s.%s", fcov_x_fault[i].point, p);
    }
  }
  static const char *const modes[] = {"periodic", "periodic_auto", "oneshot", "oneshot_auto"};
  for (unsigned m = 0; m < 4; m++) {
    bool periodic = m < 2;
    for (unsigned r = 0; r < 2; r++) {
      const char *att = r ? "retry" : "first";
      for (unsigned k = 0; k < 4; k++) {
        const char *sn = fcov_x_sints[k];
        const char *pre = "stimer.x";
        fcov_xadd("%s.%s.%s.%s.%s", pre, modes[m], att, sn, k < 2 ? "delivered" : "no_irq");
        fcov_xadd("%s.%s.%s.%s.%s", pre, modes[m], att, sn,
                  periodic ? "busy_lost" : "busy_pending");
        if (!periodic) {
          fcov_xadd("%s.%s.%s.%s.flag_fault", pre, modes[m], att, sn);
        }
        fcov_xadd("%s.%s.%s.%s.msg_fault", pre, modes[m], att, sn);
        fcov_xadd("%s.%s.%s.%s.read_fault", pre, modes[m], att, sn);
        fcov_xadd("%s.%s.%s.%s.unavailable", pre, modes[m], att, sn);
      }
    }
    fcov_xadd("stimer.x.%s.first.direct.direct", modes[m]);
  }
}

#define FCOV_EXTRA 64
#define FCOV_READS 64
#define FCOV_VPS 256

typedef struct {
  uint64_t addr;
  uint64_t data;
  bool ok;
} fcov_read_t;

struct fcov {
  uint64_t count[FCOV_MAX];
  unsigned order[FCOV_MAX];  // indices of fcov_names, sorted by name
  struct {
    char name[96];
    uint64_t count;
  } extra[FCOV_EXTRA];
  unsigned n_extra;
  // The model's memory reads of the current ITS operation.
  cm_mem_ops_t inner;
  fcov_read_t reads[FCOV_READS];
  unsigned n_reads;
  // ITS registers before a register write; a Retry waiting for its re-run.
  uint64_t ctlr, creadr, cwriter, cbaser;
  bool retry_pending;
  uint64_t retry_offset;
  // stimer: the timer before an MSR write; per timer, the failed outcome (+1) that left
  // msg_pending set and the acknowledge that arrived since (1 EOM, 2 EOI); per VP, the SINT
  // slots written in the current pass.
  uint64_t st_cfg, st_count, st_simp;
  // The deliveries of the current pass: VP and expiration_time (the first few).
  struct {
    uint32_t vp;
    uint64_t exp;
  } pass_msg[8];
  unsigned n_pass_msg;
  uint32_t pass_vp;  // the VP of the pass's last attempt, +1 (0: none yet)
  uint8_t pending[FCOV_VPS][STIMER_NUM_TIMERS];
  uint8_t ack[FCOV_VPS][STIMER_NUM_TIMERS];
  uint16_t written[FCOV_VPS];
};

static int fcov_cmp(const void *a, const void *b) {
  return strcmp(fcov_names[*(const unsigned *)a], fcov_names[*(const unsigned *)b]);
}

fcov_t *fcov_new(void) {
  fcov_table_init();
  fcov_t *fc = calloc(1, sizeof(*fc));
  if (fc == NULL) {
    return NULL;
  }
  for (unsigned i = 0; i < fcov_n; i++) {
    fc->order[i] = i;
  }
  qsort(fc->order, fcov_n, sizeof(fc->order[0]), fcov_cmp);
  for (unsigned i = 1; i < fcov_n; i++) {
    if (strcmp(fcov_names[fc->order[i - 1]], fcov_names[fc->order[i]]) == 0) {
      fprintf(stderr, "fcov: bin '%s' is in the table twice\n", fcov_names[fc->order[i]]);
      abort();
    }
  }
  return fc;
}

void fcov_free(fcov_t *fc) {
  free(fc);
}

void fcov_reset(fcov_t *fc) {
  if (fc == NULL) {
    return;
  }
  // The block was reset: what was pending, acknowledged or written is gone.
  for (unsigned v = 0; v < FCOV_VPS; v++) {
    for (unsigned t = 0; t < STIMER_NUM_TIMERS; t++) {
      if (fc->pending[v][t] != 0) {
        fcov_hit(fc, "stimer.reset.pending");  // a timer waited for an acknowledge
        v = FCOV_VPS - 1;
        break;
      }
    }
  }
  fc->retry_pending = false;
  fc->n_reads = 0;
  memset(fc->pending, 0, sizeof(fc->pending));
  memset(fc->ack, 0, sizeof(fc->ack));
  memset(fc->written, 0, sizeof(fc->written));
}

size_t fcov_bins(void) {
  fcov_table_init();
  return fcov_n;
}

void fcov_hit(fcov_t *fc, const char *name) {
  if (fc == NULL) {
    return;
  }
  size_t lo = 0;
  size_t hi = fcov_n;
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    int c = strcmp(name, fcov_names[fc->order[mid]]);
    if (c == 0) {
      fc->count[fc->order[mid]]++;
      return;
    }
    if (c < 0) {
      hi = mid;
    } else {
      lo = mid + 1;
    }
  }
  // An outcome the plan does not have: an error code the impdef table does not allow for
  // that command, say. Kept and reported; it is a finding, not a bin.
  for (unsigned i = 0; i < fc->n_extra; i++) {
    if (strcmp(fc->extra[i].name, name) == 0) {
      fc->extra[i].count++;
      return;
    }
  }
  if (fc->n_extra < FCOV_EXTRA) {
    snprintf(fc->extra[fc->n_extra].name, sizeof(fc->extra[0].name), "%s", name);
    fc->extra[fc->n_extra++].count = 1;
  }
}

static void fcov_hitf(fcov_t *fc, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void fcov_hitf(fcov_t *fc, const char *fmt, ...) {
  char name[96];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(name, sizeof(name), fmt, ap);
  va_end(ap);
  fcov_hit(fc, name);
}

bool fcov_write(const fcov_t *fc, const char *path, const char *test, uint64_t seed) {
  FILE *f = fopen(path, "w");
  if (f == NULL) {
    return false;
  }
  fprintf(f, "# functional coverage: test %s seed %llu, %zu bins; '!' marks unplanned outcomes\n",
          test, (unsigned long long)seed, (size_t)fcov_n);
  for (unsigned i = 0; i < fcov_n; i++) {
    fprintf(f, "%s %llu\n", fcov_names[i], (unsigned long long)fc->count[i]);
  }
  for (unsigned i = 0; i < fc->n_extra; i++) {
    fprintf(f, "!%s %llu\n", fc->extra[i].name, (unsigned long long)fc->extra[i].count);
  }
  return fclose(f) == 0;
}

// ---- Model memory observer ----

static bool fcov_read64(void *ctx, uint64_t addr, uint64_t *data) {
  fcov_t *fc = ctx;
  bool ok = fc->inner.read64(fc->inner.ctx, addr, data);
  if (fc->n_reads < FCOV_READS) {
    fc->reads[fc->n_reads++] = (fcov_read_t){addr, *data, ok};
  }
  return ok;
}

static bool fcov_write64(void *ctx, uint64_t addr, uint64_t data, uint8_t be) {
  const fcov_t *fc = ctx;
  return fc->inner.write64(fc->inner.ctx, addr, data, be);
}

cm_mem_ops_t fcov_wrap_mem(fcov_t *fc, cm_mem_ops_t inner) {
  if (fc == NULL) {
    return inner;
  }
  fc->inner = inner;
  cm_mem_ops_t ops = {fc, fcov_read64, fcov_write64};
  return ops;
}

// ---- ITS ----

static const char *fcov_its_cmd(uint8_t opcode) {
  switch (opcode) {
    case ITS_CMD_MOVI:
    case ITS_CMD_INT:
    case ITS_CMD_CLEAR:
    case ITS_CMD_SYNC:
    case ITS_CMD_MAPD:
    case ITS_CMD_MAPC:
    case ITS_CMD_MAPTI:
    case ITS_CMD_MAPI:
    case ITS_CMD_INV:
    case ITS_CMD_INVALL:
    case ITS_CMD_MOVALL:
    case ITS_CMD_DISCARD:
      return its_opcode_name(opcode);
    case 0x21:  // GICv4 (spec/its.md 3): VMOVI VMOVP VSGI VSYNC VMAPP VMAPTI VMAPI VINVALL INVDB
    case 0x22:
    case 0x23:
    case 0x25:
    case 0x29:
    case 0x2A:
    case 0x2B:
    case 0x2D:
    case 0x2E:
      return "gicv4";
    default:
      return "unknown";
  }
}

// A table as GITS_BASER<n> describes it (spec/its.md 1 and 4).
typedef struct {
  bool valid, indirect;
  uint64_t base, end, page;
  uint64_t l2;  // the level-2 page the operation's L1 read pointed to (UINT64_MAX: none)
} fcov_table_t;

static fcov_table_t fcov_table(uint64_t b) {
  fcov_table_t t;
  memset(&t, 0, sizeof(t));
  t.l2 = UINT64_MAX;
  t.valid = (b >> 63) != 0;
  t.indirect = ((b >> 62) & 1) != 0;
  unsigned ps = (unsigned)(b >> 8) & 3;
  t.page = ps == 0 ? 4096 : ps == 1 ? 16384 : 65536;
  t.base = ps < 2 ? (b & 0x0000FFFFFFFFF000ull)
                  : ((b & 0x0000FFFFFFFF0000ull) | (((b >> 12) & 0xF) << 48));
  t.end = t.base + ((b & 0xFF) + 1) * t.page;
  return t;
}

static const char *fcov_page(const fcov_table_t *t) {
  return t->page == 4096 ? "4k" : t->page == 16384 ? "16k" : "64k";
}

// What a memory beat of an ITS operation touched.
typedef enum { FC_ITE, FC_FETCH, FC_L1, FC_DTE, FC_CTE } fcov_acc_t;
static const char *const fcov_acc_names[] = {"ite", "fetch", "l1", "dte", "cte"};

typedef struct {
  fcov_table_t t[2];  // device, collection
  uint64_t qbase, qsize;
  bool flat[2], indirect[2], l1_invalid[2];
} fcov_walk_t;

static bool fcov_in(uint64_t a, uint64_t lo, uint64_t n) {
  return a >= lo && a - lo < n;
}

static fcov_acc_t fcov_classify(fcov_walk_t *w, uint64_t addr, const uint64_t *l1) {
  if (w->qsize != 0 && fcov_in(addr, w->qbase, w->qsize)) {
    return FC_FETCH;
  }
  for (unsigned k = 0; k < 2; k++) {
    fcov_table_t *t = &w->t[k];
    if (t->valid && addr >= t->base && addr < t->end) {
      if (!t->indirect) {
        w->flat[k] = true;
        return k == 0 ? FC_DTE : FC_CTE;
      }
      if (l1 != NULL) {
        if ((*l1 >> 63) != 0) {
          w->indirect[k] = true;
          t->l2 = *l1 & ((1ull << 51) - 1);  // QEMU masks [50:0]
        } else {
          w->l1_invalid[k] = true;
        }
      }
      return FC_L1;
    }
    // A level-2 page at an odd byte offset: its first entry starts in the beat below it.
    if (t->valid && t->l2 != UINT64_MAX && fcov_in(addr, t->l2 & ~7ull, t->page + (t->l2 & 7))) {
      return k == 0 ? FC_DTE : FC_CTE;
    }
  }
  return FC_ITE;
}

// Cross 1: outcome `out` (ok, eeEE) of `src` (cmd.NAME, msi.SRC) with the kind and page size of
// each table the outcome depends on (fcov_x_out). A table with Valid = 0 has no kind: not crossed.
static void fcov_x_outcome(fcov_t *fc, const fcov_walk_t *w, const char *src, const char *out) {
  size_t ol = strlen(out);
  for (unsigned i = 0; i < sizeof(fcov_x_out) / sizeof(fcov_x_out[0]); i++) {
    if (strcmp(fcov_x_out[i].src, src) != 0) {
      continue;
    }
    for (const char *p = fcov_x_out[i].pairs; p != NULL; p = strchr(p, ' ')) {
      p += *p == ' ';
      if (strncmp(p, out, ol) != 0 || p[ol] != ':') {
        continue;
      }
      unsigned k = p[ol + 1] == 'd' ? 0 : 1;
      const fcov_table_t *t = &w->t[k];
      if (t->valid) {
        fcov_hitf(fc, "its.x.%s.%s.%s.%s.%s", src, out, k == 0 ? "dt" : "ct",
                  t->indirect ? "indirect" : "flat", fcov_page(t));
      }
    }
  }
}

// Cross 2: the access that faulted (a write beat, else the first faulting read) x `src`.
static void fcov_x_fault_hit(fcov_t *fc, int read_fault, int write_fault, const char *src) {
  if (write_fault >= 0) {
    fcov_hitf(fc, "its.x.fault.%s_write.%s", fcov_acc_names[write_fault], src);
  } else if (read_fault == FC_FETCH) {
    fcov_hit(fc, "its.x.fault.fetch.cmd");  // the opcode is not known (IMPDEF-ITS-13)
  } else if (read_fault == FC_L1) {
    fcov_hitf(fc, "its.x.fault.l1.%s", src);
  } else if (read_fault >= 0) {
    fcov_hitf(fc, "its.x.fault.%s_read.%s", fcov_acc_names[read_fault], src);
  }
}

void fcov_its_begin(fcov_t *fc) {
  if (fc == NULL) {
    return;
  }
  fc->n_reads = 0;
}

void fcov_its_retire(fcov_t *fc, const fcov_its_ctx_t *ctx, const its_retire_t *rt,
                     const cm_mem_write_t *writes, size_t nw, const its_rd_event_t *rds,
                     size_t nr) {
  if (fc == NULL) {
    return;
  }
  uint64_t cbaser = 0;
  uint64_t baser[2] = {0, 0};
  its_reg_read(ctx->model, ITS_GITS_CBASER, &cbaser);
  its_reg_read(ctx->model, ITS_GITS_BASER(0), &baser[0]);
  its_reg_read(ctx->model, ITS_GITS_BASER(1), &baser[1]);
  fcov_walk_t w;
  memset(&w, 0, sizeof(w));
  w.t[0] = fcov_table(baser[0]);
  w.t[1] = fcov_table(baser[1]);
  w.qbase = cbaser & 0x000FFFFFFFFFF000ull;
  w.qsize = (cbaser >> 63) != 0 ? ((cbaser & 0xFF) + 1) * 4096 : 0;
  // The reads in the order the model made them: each L1 entry names the level-2 page of
  // the entries read after it; the first faulting read says which access stalled.
  int read_fault = -1;
  for (unsigned i = 0; i < fc->n_reads; i++) {
    const fcov_read_t *r = &fc->reads[i];
    fcov_acc_t a = fcov_classify(&w, r->addr, r->ok ? &r->data : NULL);
    if (!r->ok && read_fault < 0) {
      read_fault = (int)a;
    }
  }
  int write_fault = -1;
  for (size_t i = 0; i < nw; i++) {
    fcov_acc_t a = fcov_classify(&w, writes[i].addr, NULL);
    if (writes[i].fault && write_fault < 0) {
      write_fault = (int)a;
    }
  }
  fc->n_reads = 0;
  static const char *const tname[2] = {"dt", "ct"};
  for (unsigned k = 0; k < 2; k++) {
    if (w.flat[k]) {
      fcov_hitf(fc, "its.table.%s.flat.%s", tname[k], fcov_page(&w.t[k]));
    }
    if (w.indirect[k]) {
      fcov_hitf(fc, "its.table.%s.indirect.%s", tname[k], fcov_page(&w.t[k]));
    }
    if (w.l1_invalid[k]) {
      fcov_hitf(fc, "its.table.%s.l1_invalid", tname[k]);
    }
  }
  for (size_t i = 0; i < nr; i++) {
    fcov_hitf(fc, "its.rd.%s", its_rd_kind_name(rds[i].kind));
  }
  char xsrc[32];
  char xout[8];
  snprintf(xout, sizeof(xout), "ee%02X", (unsigned)rt->error & 0xFF);
  if (rt->kind != ITS_RT_CMD) {
    const char *src = rt->kind == ITS_RT_MSI ? "port" : "translater";
    snprintf(xsrc, sizeof(xsrc), "msi.%s", src);
    if (rt->outcome == ITS_OUT_IGNORED) {
      fcov_hitf(fc, "its.msi.%s.ignored.0x%06X", src, (unsigned)rt->error);
      fcov_x_outcome(fc, &w, xsrc, xout);
    } else {
      fcov_hitf(fc, "its.msi.%s.%s", src, rt->outcome == ITS_OUT_OK ? "ok" : "fault");
      if (rt->outcome == ITS_OUT_OK) {
        fcov_x_outcome(fc, &w, xsrc, "ok");
      } else {
        fcov_x_fault_hit(fc, read_fault, write_fault, xsrc);
      }
    }
    return;
  }
  const char *cmd = fcov_its_cmd(rt->opcode);
  snprintf(xsrc, sizeof(xsrc), "cmd.%s", cmd);
  if (fc->retry_pending && rt->offset == fc->retry_offset) {
    static const char *const out[] = {"ok", "ignored", "stalled", "fault"};
    fcov_hitf(fc, "its.retry.rerun.%s", out[rt->outcome & 3]);
  }
  fc->retry_pending = false;
  if (rt->outcome == ITS_OUT_STALLED) {
    if (write_fault >= 0) {
      fcov_hitf(fc, "its.stall.table_write.%s", fcov_acc_names[write_fault]);
    } else if (read_fault == FC_FETCH) {
      fcov_hit(fc, "its.stall.fetch");
    } else if (read_fault >= 0) {
      fcov_hitf(fc, "its.stall.table_read.%s", fcov_acc_names[read_fault]);
    } else {
      fcov_hit(fc, "its.stall.no_fault_seen");  // unplanned: the classifier missed the access
    }
    fcov_x_fault_hit(fc, read_fault, write_fault, xsrc);
    if (read_fault != FC_FETCH) {
      fcov_hitf(fc, "its.cmd.%s.stalled", cmd);
    }
    return;
  }
  if (w.qsize != 0 && rt->offset + 32 == w.qsize) {
    fcov_hit(fc, "its.queue.wrap");
  }
  if (rt->outcome == ITS_OUT_IGNORED) {
    if (strcmp(cmd, "unknown") == 0 || strcmp(cmd, "gicv4") == 0) {
      if ((rt->error & 0xFF) == ITS_EE_UNSUPPORTED) {
        fcov_hitf(fc, "its.cmd.%s.ignored", cmd);
      } else {
        fcov_hitf(fc, "its.cmd.%s.ignored.0x%06X", cmd, (unsigned)rt->error);
      }
    } else {
      fcov_hitf(fc, "its.cmd.%s.ignored.0x%06X", cmd, (unsigned)rt->error);
      fcov_x_outcome(fc, &w, xsrc, xout);
    }
    return;
  }
  fcov_hitf(fc, "its.cmd.%s.ok", cmd);
  fcov_x_outcome(fc, &w, xsrc, "ok");
  // Refinements of OK that the retire record does not carry: the command's fields, from the
  // queue slot it was fetched from, and whether it sent an event.
  uint64_t dw[4];
  for (unsigned i = 0; i < 4; i++) {
    dw[i] = tb_mem_peek(ctx->image, w.qbase + rt->offset + 8 * i, 8);
  }
  if (rt->opcode == ITS_CMD_MAPD && ITS_CMDF_GET(dw, V) == 0) {
    fcov_hit(fc, "its.cmd.MAPD.ok.v0");
  } else if (rt->opcode == ITS_CMD_MAPC && ITS_CMDF_GET(dw, V) == 0) {
    fcov_hit(fc, "its.cmd.MAPC.ok.v0");
    if (ITS_CMDF_GET(dw, RD) >= ctx->num_rd) {
      fcov_hit(fc, "its.cmd.MAPC.ok.v0_rdbase_oor");
    }
  } else if ((rt->opcode == ITS_CMD_MOVI || rt->opcode == ITS_CMD_MOVALL) && nr == 0) {
    fcov_hitf(fc, "its.cmd.%s.ok.same_rd", cmd);
  }
}

void fcov_its_reg_before(fcov_t *fc, its_t *its) {
  if (fc == NULL) {
    return;
  }
  its_reg_read(its, ITS_GITS_CTLR, &fc->ctlr);
  its_reg_read(its, ITS_GITS_CREADR, &fc->creadr);
  its_reg_read(its, ITS_GITS_CWRITER, &fc->cwriter);
  its_reg_read(its, ITS_GITS_CBASER, &fc->cbaser);
}

void fcov_its_reg_write(fcov_t *fc, uint32_t off, uint64_t value, unsigned size, bool bus_error) {
  if (fc == NULL) {
    return;
  }
  if (bus_error) {
    fcov_hit(fc, "its.reg.bus_error");
    return;
  }
  bool enabled = (fc->ctlr & 1) != 0;
  bool stalled = (fc->creadr & 1) != 0;
  uint64_t qsize = (fc->cbaser >> 63) != 0 ? ((fc->cbaser & 0xFF) + 1) * 4096 : 0;
  if (off == ITS_GITS_CWRITER) {  // a 64-bit write or the low half
    if (value & 1) {
      if (stalled) {
        fcov_hit(fc, "its.retry.stalled");
        fc->retry_pending = true;
        fc->retry_offset = fc->creadr & ~1ull;
      } else {
        fcov_hit(fc, "its.retry.not_stalled");
      }
    } else if (stalled) {
      fcov_hit(fc, "its.stall.cwriter_without_retry");
    }
    if (qsize != 0 && (value & 0xFFFE0) >= qsize) {
      fcov_hit(fc, "its.queue.cwriter_oor");
    }
  } else if (off == ITS_GITS_CBASER || (off == ITS_GITS_CBASER + 4 && size == 4)) {
    if (enabled) {
      fcov_hit(fc, "its.reg.cbaser.ignored_enabled");
    } else {
      fcov_hit(fc, "its.reg.cbaser.resets_creadr");
      if (stalled) {
        fcov_hit(fc, "its.stall.cbaser_clears");
      }
      fc->retry_pending = false;
    }
  } else if (off >= ITS_GITS_BASER(0) && off < ITS_GITS_BASER(2) && enabled) {
    fcov_hit(fc, "its.reg.baser.ignored_enabled");
  } else if (off == ITS_GITS_CTLR && !enabled && (value & 1) &&
             (fc->creadr & 0xFFFE0) != (fc->cwriter & 0xFFFE0)) {
    fcov_hit(fc, "its.queue.resume_after_enable");
  }
}

void fcov_its_order(fcov_t *fc, unsigned waiting, unsigned burst) {
  if (fc == NULL || waiting == 0) {
    return;
  }
  fcov_hit(fc, waiting < burst ? "its.order.waiting_below_burst" : "its.order.waiting_at_burst");
}

void fcov_its_translater(fcov_t *fc, unsigned size) {
  if (fc == NULL) {
    return;
  }
  fcov_hitf(fc, "its.translater.write%u", 8 * size);
}

// ---- stimer ----

static const char *const fcov_st_out[] = {"delivered",    "no_irq",      "direct", "busy_lost",
                                          "busy_pending", "unavailable", "fault"};

static uint64_t fcov_msr(stimer_t *st, uint32_t vp, uint32_t msr) {
  uint64_t v = 0;
  if (stimer_msr_read(st, vp, msr, &v) != STIMER_OK) {
    return 0;
  }
  return v;
}

void fcov_st_pass(fcov_t *fc) {
  if (fc != NULL) {
    memset(fc->written, 0, sizeof(fc->written));
    fc->n_pass_msg = 0;
    fc->pass_vp = 0;
  }
}

void fcov_st_attempt(fcov_t *fc, stimer_t *st, const stimer_retire_t *rt,
                     const cm_mem_write_t *writes, size_t nw) {
  if (fc == NULL || rt->vp >= FCOV_VPS || rt->timer >= STIMER_NUM_TIMERS ||
      (unsigned)rt->outcome > STIMER_OUT_FAULT) {
    return;
  }
  uint32_t vp = rt->vp;
  uint32_t t = rt->timer;
  uint64_t cfg = fcov_msr(st, vp, STIMER_MSR_CONFIG(t));
  uint64_t count = fcov_msr(st, vp, STIMER_MSR_COUNT(t));
  unsigned sx = (unsigned)(cfg >> 16) & 0xF;
  uint64_t sint = fcov_msr(st, vp, STIMER_MSR_SINT(sx));
  uint64_t simp = fcov_msr(st, vp, STIMER_MSR_SIMP);
  bool periodic = (cfg & STIMER_CFG_PERIODIC) != 0;
  const char *mode = periodic ? "periodic" : "oneshot";
  stimer_outcome_t o = rt->outcome;
  fcov_hitf(fc, "stimer.attempt.%s.%s", mode, fcov_st_out[o]);
  // Cross 3: mode (AutoEnable too) x first attempt or retry x SINT mode x outcome.
  const char *xsint = (cfg & STIMER_CFG_DIRECT)       ? "direct"
                      : (sint & STIMER_SINT_MASKED)   ? "masked"
                      : (sint & STIMER_SINT_POLLING)  ? "polling"
                      : (sint & STIMER_SINT_AUTO_EOI) ? "auto_eoi"
                                                      : "unmasked";
  const char *xout = o != STIMER_OUT_FAULT ? fcov_st_out[o]
                     : nw == 0             ? "read_fault"
                     : nw == 1             ? "flag_fault"
                                           : "msg_fault";
  fcov_hitf(fc, "stimer.x.%s%s.%s.%s.%s", mode, (cfg & STIMER_CFG_AUTO_ENABLE) ? "_auto" : "",
            fc->pending[vp][t] != 0 ? "retry" : "first", xsint, xout);
  fcov_hitf(fc, "stimer.timer.%u", t);
  if (vp != 0) {
    fcov_hit(fc, "stimer.vp.nonzero");
  }
  if (fc->pass_vp != 0) {
    fcov_hit(fc, fc->pass_vp == vp + 1 ? "stimer.pass.multi_timer" : "stimer.pass.multi_vp");
  }
  fc->pass_vp = vp + 1;
  if (rt->now >= (1ull << 63)) {
    fcov_hit(fc, "stimer.time.upper_half");
  }
  if (rt->now > UINT64_MAX - (1ull << 40)) {
    fcov_hit(fc, "stimer.time.near_wrap");
  }
  if (periodic && (cfg & STIMER_CFG_LAZY)) {
    fcov_hit(fc, "stimer.lazy.periodic");
  }
  if (o == STIMER_OUT_DELIVERED || o == STIMER_OUT_NO_IRQ) {
    const char *state = (sint & STIMER_SINT_MASKED)     ? "masked"
                        : (sint & STIMER_SINT_POLLING)  ? "polling"
                        : (sint & STIMER_SINT_AUTO_EOI) ? "auto_eoi"
                                                        : "unmasked";
    fcov_hitf(fc, "stimer.sint.%s.%s", state, mode);
    if (sx == 0) {
      fcov_hit(fc, "stimer.config.sintx0_delivers");
    } else if (sx >= 4) {
      fcov_hit(fc, "stimer.sint.high");
    }
    fc->written[vp] |= (uint16_t)(1u << sx);
    // expiration_time at slot + 0x18: more than one period before now means missed periods.
    uint64_t slot = (simp & ~0xFFFull) + STIMER_SLOT_BYTES * sx;
    for (size_t i = 0; i < nw; i++) {
      if (writes[i].addr != slot + 0x18 || writes[i].fault) {
        continue;
      }
      uint64_t exp = writes[i].data;
      for (unsigned k = 0; k < fc->n_pass_msg; k++) {
        if (fc->pass_msg[k].vp != vp && fc->pass_msg[k].exp == exp) {
          fcov_hit(fc, "stimer.pass.same_exp_multi_vp");
        }
      }
      if (fc->n_pass_msg < sizeof(fc->pass_msg) / sizeof(fc->pass_msg[0])) {
        fc->pass_msg[fc->n_pass_msg].vp = vp;
        fc->pass_msg[fc->n_pass_msg].exp = exp;
        fc->n_pass_msg++;
      }
      if (!periodic || count == 0 || rt->now < exp) {
        continue;
      }
      // The re-arm after this expiry: (now - exp) mod count (spec section 4 "start").
      uint64_t late = rt->now - exp;
      if (late >= count) {
        fcov_hit(fc, "stimer.periodic.missed_periods");
      }
      if (late / count >= 65536) {
        fcov_hit(fc, "stimer.periodic.missed_many");
      }
      if (late == 0) {
        fcov_hit(fc, "stimer.periodic.on_time");
      } else if (late % count == 0) {
        fcov_hit(fc, "stimer.periodic.rem0_late");
      }
    }
  } else if (o == STIMER_OUT_BUSY_LOST || o == STIMER_OUT_BUSY_PENDING) {
    if (fc->written[vp] & (1u << sx)) {
      fcov_hit(fc, "stimer.tie.same_sint");  // a lower timer index filled the slot in this pass
    }
  } else if (o == STIMER_OUT_UNAVAILABLE) {
    fcov_hit(fc, (simp & 1) == 0 ? "stimer.unavailable.simp_disabled"
                                 : "stimer.unavailable.scontrol_disabled");
  } else if (o == STIMER_OUT_FAULT) {
    fcov_hit(fc, nw == 0   ? "stimer.fault.busy_read"
                 : nw == 1 ? "stimer.fault.flag_write"
                           : "stimer.fault.msg_write");
  }
  bool failed =
      o == STIMER_OUT_BUSY_PENDING || o == STIMER_OUT_UNAVAILABLE || o == STIMER_OUT_FAULT;
  if (fc->pending[vp][t] != 0) {
    // The timer waited with msg_pending set; only an acknowledge lets it try again.
    const char *src = fc->ack[vp][t] == 1 ? "eom" : fc->ack[vp][t] == 2 ? "eoi" : "without_ack";
    fcov_hitf(fc, "stimer.retry.%s.%s", src, mode);
    fcov_hitf(fc, "stimer.retry.after.%s", fcov_st_out[fc->pending[vp][t] - 1]);
    if (failed) {
      fcov_hit(fc, "stimer.retry.failed_again");
    }
  }
  fc->pending[vp][t] = failed ? (uint8_t)(o + 1) : 0;
  fc->ack[vp][t] = 0;
}

void fcov_st_msr_before(fcov_t *fc, stimer_t *st, uint32_t vp, uint32_t msr) {
  if (fc != NULL && msr == STIMER_MSR_SIMP) {
    fc->st_simp = fcov_msr(st, vp, STIMER_MSR_SIMP);
  }
  if (fc == NULL || msr < STIMER_MSR_CONFIG(0) || msr > STIMER_MSR_COUNT(3)) {
    return;
  }
  unsigned n = (msr - STIMER_MSR_CONFIG(0)) / 2;
  fc->st_cfg = fcov_msr(st, vp, STIMER_MSR_CONFIG(n));
  fc->st_count = fcov_msr(st, vp, STIMER_MSR_COUNT(n));
}

void fcov_st_msr_write(fcov_t *fc, const fcov_st_ctx_t *ctx, uint32_t vp, uint32_t msr,
                       uint64_t value, bool gp, const cm_mem_write_t *writes, size_t nw) {
  if (fc == NULL) {
    return;
  }
  stimer_t *st = ctx->model;
  bool is_sint = msr >= STIMER_MSR_SINT(0) && msr <= STIMER_MSR_SINT(15);
  bool is_timer = msr >= STIMER_MSR_CONFIG(0) && msr <= STIMER_MSR_COUNT(3);
  bool is_config = is_timer && ((msr - STIMER_MSR_CONFIG(0)) & 1) == 0;
  if (gp) {
    if (ctx->size != 0 && ctx->size != 8) {
      fcov_hit(fc, "stimer.msr.gp.width");  // IMPDEF-ST-1, whatever the MSR
    } else if (vp >= ctx->num_vp) {
      fcov_hit(fc, "stimer.msr.gp.vp_oor");
    } else if (msr == STIMER_MSR_SVERSION || msr == STIMER_MSR_TIME_REF_COUNT) {
      fcov_hit(fc, "stimer.msr.gp.read_only");
    } else if (is_sint) {
      fcov_hit(fc, "stimer.msr.gp.sint_vector");
    } else if (is_config && (value & STIMER_CFG_DIRECT)) {
      fcov_hit(fc, "stimer.msr.gp.direct_nofeat");
    } else {
      fcov_hit(fc, "stimer.msr.gp.unknown");
    }
    return;
  }
  if (vp >= FCOV_VPS) {
    return;
  }
  // Bits outside the fields (spec sections 2 and 3: preserved, or RsvdZ stored as written).
  uint64_t fields = is_sint                      ? 0x700FFull
                    : msr == STIMER_MSR_SCONTROL ? 1ull
                    : msr == STIMER_MSR_SIMP     ? ~0xFFEull
                    : is_config                  ? 0xF1FFFull
                                                 : ~0ull;
  if ((value & ~fields) != 0) {
    fcov_hit(fc, "stimer.msr.preserved_bits");
  }
  if (msr == STIMER_MSR_SIMP && (value & 1) && (fc->st_simp & 1) &&
      ((value ^ fc->st_simp) & ~0xFFFull) != 0) {
    fcov_hit(fc, "stimer.simp.relocate");  // moved while enabled
  }
  if (is_sint && (value & 0xFF) < 16) {
    fcov_hit(fc, "stimer.msr.sint.low_vector_masked");
  } else if (msr == STIMER_MSR_SIMP && (value & 1)) {
    fcov_hit(fc, "stimer.simp_zero");
    for (size_t i = 0; i < nw; i++) {
      if (writes[i].fault) {
        fcov_hit(fc, "stimer.simp_zero.fault_ignored");
        break;
      }
    }
  } else if (msr == STIMER_MSR_EOM) {
    fcov_hit(fc, "stimer.eom");
    for (unsigned t = 0; t < STIMER_NUM_TIMERS; t++) {
      if (fc->pending[vp][t] != 0) {
        fc->ack[vp][t] = 1;
      }
    }
  } else if (is_timer) {
    unsigned n = (msr - STIMER_MSR_CONFIG(0)) / 2;
    uint64_t cfg = fcov_msr(st, vp, STIMER_MSR_CONFIG(n));
    uint64_t count = fcov_msr(st, vp, STIMER_MSR_COUNT(n));
    if (fc->pending[vp][n] != 0) {
      fcov_hit(fc, is_config ? "stimer.cancel.config" : "stimer.cancel.count");
      fc->pending[vp][n] = 0;
      fc->ack[vp][n] = 0;
    }
    if (is_config && (value & STIMER_CFG_ENABLE) && !(value & STIMER_CFG_DIRECT) &&
        ((value >> 16) & 0xF) == 0) {
      if ((fc->st_cfg & STIMER_CFG_ENABLE) && !(cfg & STIMER_CFG_ENABLE)) {
        fcov_hit(fc, "stimer.config.sintx0_forced_disable");
      } else if (!(fc->st_cfg & STIMER_CFG_ENABLE) && (cfg & STIMER_CFG_ENABLE)) {
        fcov_hit(fc, "stimer.config.sintx0_first_enable");
      }
    }
    if (!is_config && value == 0 && (fc->st_cfg & STIMER_CFG_ENABLE)) {
      fcov_hit(fc, "stimer.count.zero_disables");
    }
    if (!is_config && value != 0 && (fc->st_cfg & STIMER_CFG_AUTO_ENABLE) &&
        !(fc->st_cfg & STIMER_CFG_ENABLE)) {
      fcov_hit(fc, "stimer.count.auto_enable");
    }
    if ((cfg & STIMER_CFG_ENABLE) && !(cfg & STIMER_CFG_PERIODIC) && count != 0 &&
        count <= ctx->last_pass_now) {
      fcov_hit(fc, "stimer.oneshot.count_in_past");
      if (count == ctx->last_pass_now) {
        fcov_hit(fc, "stimer.oneshot.count_eq_now");
      }
    }
  }
}

void fcov_st_eoi(fcov_t *fc, const fcov_st_ctx_t *ctx, uint32_t vp, uint32_t vector) {
  if (fc == NULL || vp >= ctx->num_vp || vp >= FCOV_VPS) {
    return;
  }
  stimer_t *st = ctx->model;
  // IMPDEF-ST-4: the EOI acknowledges every unmasked SINT of the VP with this vector.
  uint32_t acked = 0;
  uint32_t masked = 0;
  for (unsigned s = 0; s < STIMER_NUM_SINTS; s++) {
    uint64_t v = fcov_msr(st, vp, STIMER_MSR_SINT(s));
    if ((v & 0xFF) == (vector & 0xFF)) {
      if (v & STIMER_SINT_MASKED) {
        masked |= 1u << s;
      } else {
        acked |= 1u << s;
      }
    }
  }
  uint32_t sints_acked = 0;
  for (unsigned t = 0; t < STIMER_NUM_TIMERS; t++) {
    if (fc->pending[vp][t] == 0) {
      continue;
    }
    unsigned sx = (unsigned)(fcov_msr(st, vp, STIMER_MSR_CONFIG(t)) >> 16) & 0xF;
    if (acked & (1u << sx)) {
      fc->ack[vp][t] = 2;
      sints_acked |= 1u << sx;
    } else if (masked & (1u << sx)) {
      fcov_hit(fc, "stimer.eoi.masked_sint_no_ack");
    }
  }
  if (sints_acked != 0) {
    fcov_hit(fc, "stimer.eoi.acks_pending");
    if (sints_acked & (sints_acked - 1)) {
      fcov_hit(fc, "stimer.eoi.shared_vector");
    }
  }
}
