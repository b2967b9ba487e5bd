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

/** A model configured as `s` asks; NULL (with the reason in `err`) when the model refuses. */
model_be_t *model_be_new(const scn_t *s, obs_log_t *log, char *err, size_t errlen);
void model_be_free(model_be_t *mb);
/** The executor's view of this back end. */
exec_backend_t model_be_backend(model_be_t *mb);

/** The stimer model configuration a scenario asks for (shared with the lockstep bench). */
stimer_config_t model_be_stimer_config(const scn_config_t *cfg);

#endif  // MODEL_BE_H
