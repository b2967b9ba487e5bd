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
 * gen_random with generator weights: `weights` is "name=value,..." (docs/testplan.md, "The
 * random ITS generator", lists the names and defaults; NULL or "" keeps the defaults). Returns
 * false with a message in `err` for an unknown name or a value out of range.
 */
bool gen_random_weighted(scn_block_t block, uint64_t seed, uint64_t n_ops,
                         const scn_config_t *build, const char *weights, scn_t *s, char *err,
                         size_t errlen);
/** Checks a `weights` string of `block` as gen_random_weighted would, without generating. */
bool gen_weights_check(scn_block_t block, const char *weights, char *err, size_t errlen);
/**
 * The configuration a random test drew at its start, as one line (ITS: table kinds, page sizes,
 * Size fields, bases, level-1 entries, the queue, latencies and every weight), "" for another
 * scenario or a block that records none. The same seed and weights draw it again.
 */
const char *gen_describe(const scn_t *s);
/** Frees the stream of a scenario made by gen_random (nothing for another one). */
void gen_random_free(scn_t *s);

#endif  // GEN_H
