// SPDX-License-Identifier: Apache-2.0
// Find first set: index of the lowest set bit of `vec_i` at or above `from_i`, as a balanced tree.
// The depth grows with log2(Width) and the area linearly (stimer: scan of the per-VP candidates).
module cmn_ffs #(
  parameter int unsigned Width = 4,
  localparam int unsigned IdxW = (Width > 1) ? $clog2(Width) : 1
) (
  input  logic [Width-1:0] vec_i,
  input  logic [IdxW-1:0]  from_i,
  output logic             found_o,
  output logic [IdxW-1:0]  idx_o
);

  localparam int unsigned Leaves = 2 ** IdxW;

  // Heap-ordered tree: node n has children 2n and 2n+1; leaf i is node Leaves + i. Node n's
  // index is node_ix[n*IdxW +: IdxW] (flat vectors: Yosys 0.23 reads no multi-dim packed arrays).
  logic [2*Leaves-1:0]      node_v  /* verilator split_var */;
  logic [2*Leaves*IdxW-1:0] node_ix /* verilator split_var */;

  for (genvar i = 0; i < Leaves; i++) begin : g_leaf
    // (Bounds written out so that no comparison is constant.)
    if (i >= Width) begin : g_pad
      assign node_v[Leaves+i] = 1'b0;
    end else if (i == 0) begin : g_first
      assign node_v[Leaves+i] = vec_i[i] && (from_i == '0);
    end else if (i == Leaves - 1) begin : g_last
      assign node_v[Leaves+i] = vec_i[i];
    end else begin : g_used
      assign node_v[Leaves+i] = vec_i[i] && (IdxW'(i) >= from_i);
    end
    assign node_ix[(Leaves+i)*IdxW+:IdxW] = IdxW'(i);
  end

  for (genvar n = 1; n < Leaves; n++) begin : g_node
    assign node_v[n] = node_v[2*n] || node_v[2*n+1];
    assign node_ix[n*IdxW+:IdxW] = node_v[2*n] ? node_ix[2*n*IdxW+:IdxW] :
                                                 node_ix[(2*n+1)*IdxW+:IdxW];
  end

  // Node 0 is not part of the tree.
  assign node_v[0]  = 1'b0;
  assign node_ix[0+:IdxW] = '0;

  assign found_o = node_v[1];
  assign idx_o   = node_ix[IdxW+:IdxW];

  logic unused_node0;
  assign unused_node0 = node_v[0] ^ (|node_ix[0+:IdxW]);

endmodule
