// SPDX-License-Identifier: Apache-2.0
// Constrained-random stimulus: a seeded operation stream of legal traffic plus every error
// class of the specs at a controlled rate. The same seed gives the same stream, made on demand.
#ifndef GEN_H
#define GEN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "scn.h"

/**
 * Initialises `s` as the random test of `block` for the RTL parameters of `build` (num_rd,
 * num_vp, feat_direct, scontrol_gate; NULL: the defaults): its configuration and a stream
 * (scn.h) that makes the operations of `n_ops` draws as the executor asks for them, so memory
 * does not grow with `n_ops`. Free with gen_random_free before scn_free.
 */
void gen_random(scn_block_t block, uint64_t seed, uint64_t n_ops, const scn_config_t *build,
                scn_t *s);
/**
 * gen_random with weights: `weights` is "NAME=W,NAME=W" (NULL or "": none), the kinds of
 * operation a block's generator draws and their weights (names and defaults: docs/testplan.md,
 * "Random stimulus weights"; a name of the other block's table is accepted and left to it). A
 * kind not given keeps its default, scaled per seed. False, with a message in `err`, on an
 * unknown name, a repeated one or a weight out of range; `s` is then untouched.
 */
bool gen_random_opt(scn_block_t block, uint64_t seed, uint64_t n_ops, const scn_config_t *build,
                    const char *weights, scn_t *s, char *err, size_t err_len);
/**
 * The configuration the seed drew, as one line (the test, seed, RTL parameters, bench
 * settings and, per block, value shapes and the weights in effect), for the run log and result
 * file; NULL for a scenario not made by gen_random.
 */
const char *gen_random_config(const scn_t *s);
/** Frees the stream of a scenario made by gen_random (nothing for another one). */
void gen_random_free(scn_t *s);

#endif  // GEN_H
