// SPDX-License-Identifier: Apache-2.0
// Back end 1 of the scenario executor (exec.h): the golden model alone, no RTL. The model is
// infinitely fast: every request completes at once, and the block is always idle between
// operations. Outputs go to the observation log as the model produces them.
#ifndef MODEL_BE_H
#define MODEL_BE_H

#include <stddef.h>

#include "exec.h"
#include "obs.h"
#include "scn.h"
#include "stimer.h"

typedef struct model_be model_be_t;

/** How the back end runs the model (model_be_new: every field false). */
typedef struct {
  /** The zeroing of a SIM page beat by beat through the memory's write64, one write event each
   *  (as the lockstep bench runs the model), instead of the bench memory's page-clearing call
   *  and runs of zero beats (docs/bench.md "The model alone"). The outputs are the same. */
  bool per_beat;
  /** Keep a digest of every output and count them (model_be_get_state). */
  bool state;
} model_be_opt_t;

/** What the model put out and left behind, to compare two runs (model_be_opt_t.state). */
typedef struct {
  uint64_t outputs;  // a digest of every output in order (a write beat as itself, in a run or not)
  uint64_t writes;   // write beats among them
  uint64_t records;  // the other outputs (retire, rd, irq, attempt records)
  uint64_t mem;      // tb_mem_digest of the model's memory image
  uint64_t mem_pages;
} model_be_state_t;

/** A model configured as `s` asks; NULL (with the reason in `err`) when the model refuses. */
model_be_t *model_be_new(const scn_t *s, obs_log_t *log, char *err, size_t errlen);
/** The same, run as `opt` says (NULL: as model_be_new). */
model_be_t *model_be_new_opt(const scn_t *s, obs_log_t *log, const model_be_opt_t *opt, char *err,
                             size_t errlen);
/** The outputs so far (zero unless made with model_be_opt_t.state) and the memory's digest. */
void model_be_get_state(const model_be_t *mb, model_be_state_t *out);
void model_be_free(model_be_t *mb);
/** The executor's view of this back end. */
exec_backend_t model_be_backend(model_be_t *mb);

/** The stimer model configuration a scenario asks for (shared with the lockstep bench). */
stimer_config_t model_be_stimer_config(const scn_config_t *cfg);

#endif  // MODEL_BE_H
