// SPDX-License-Identifier: Apache-2.0
// Runs a scenario on the golden model alone (no RTL): `expect` lines check the model against
// the spec. Also the helpers the lockstep bench shares with it.
#ifndef RUN_MODEL_H
#define RUN_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "its.h"
#include "scn.h"
#include "stimer.h"
#include "tb_mem.h"

/**
 * Writes the command `dw` into the queue at the model's CWRITER and returns the CWRITER value
 * that queues it (the caller writes it to the block). False with `err` when the queue is not
 * set up (CBASER.Valid = 0) or full.
 */
bool run_its_enqueue(its_t *model, tb_mem_t *mem, const uint64_t dw[4], uint64_t *cwriter,
                     char *err, size_t errlen);

/** The same, from register values: GITS_CBASER, GITS_CWRITER and GITS_CREADR. */
bool run_its_enqueue_at(uint64_t cbaser, uint64_t cw, uint64_t cr, tb_mem_t *mem,
                        const uint64_t dw[4], uint64_t *cwriter, char *err, size_t errlen);

/** Base of the SIM page of `vp` as the model holds it. */
uint64_t run_stimer_simp_base(stimer_t *model, uint32_t vp);

/** The stimer model configuration a scenario asks for. */
stimer_config_t run_stimer_config(const scn_config_t *cfg);

/** Runs `s` on the model; prints failures to `out`; returns the number of failed checks. */
int run_model(const scn_t *s, FILE *out);

#endif  // RUN_MODEL_H
