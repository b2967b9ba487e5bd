// SPDX-License-Identifier: Apache-2.0
// Shared package: the memory master port types of both blocks (docs/interfaces.md section 2).
package cmn_pkg;

  // One request beat: doubleword-aligned address, write enable, write data, byte enables (reads
  // use be = FF and wdata = 0).
  typedef struct packed {
    logic [63:0] addr;
    logic        we;
    logic [63:0] wdata;
    logic [7:0]  be;
  } mem_req_t;
  // $bits(mem_req_t), for vectors of requests (Yosys 0.23 reads no $bits of a package type).
  localparam int unsigned MEM_REQ_W = 137;

  // One response beat, in request order: read data (0 for writes) and the fault flag.
  typedef struct packed {
    logic [63:0] rdata;
    logic        err;
  } mem_rsp_t;

endpackage
