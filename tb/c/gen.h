// SPDX-License-Identifier: Apache-2.0
// Constrained-random stimulus: a seeded operation stream of legal traffic plus every error
// class of the specs at a controlled rate. The same seed gives the same stream.
#ifndef GEN_H
#define GEN_H

#include <stdint.h>

#include "scn.h"

/**
 * Generates `n_ops` operations for `block` into `s` (which it initialises), for the RTL
 * parameters of `build` (num_rd, num_vp, feat_direct, scontrol_gate; NULL: the defaults).
 */
void gen_random(scn_block_t block, uint64_t seed, unsigned n_ops, const scn_config_t *build,
                scn_t *s);

#endif  // GEN_H
