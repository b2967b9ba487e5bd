// SPDX-License-Identifier: Apache-2.0
// ITS retire and event merge: the command executor and the MSI slots never have operations in
// flight at the same time (its_ctrl), so their redistributor events and retire records are merged
// onto the single output ports without arbitration. Also reports command retires to the
// registers (CREADR advance or Stalled). Pure wiring; its assertions live in its_top.
module its_retire (
  // command executor
  input  logic              ex_ev_valid_i,
  output logic              ex_ev_ready_o,
  input  its_pkg::rd_ev_t   ex_ev_i,
  input  logic              ex_rt_valid_i,
  input  its_pkg::retire_t  ex_rt_i,
  // MSI slots
  input  logic              xl_ev_valid_i,
  output logic              xl_ev_ready_o,
  input  its_pkg::rd_ev_t   xl_ev_i,
  input  logic              xl_rt_valid_i,
  input  its_pkg::retire_t  xl_rt_i,
  // ports
  output logic              rd_valid_o,
  input  logic              rd_ready_i,
  output its_pkg::rd_ev_t   rd_ev_o,
  output logic              rt_valid_o,
  output its_pkg::retire_t  rt_o,
  // to the registers
  output logic              rt_cmd_o,
  output logic              rt_stalled_o
);

  assign rd_valid_o    = ex_ev_valid_i || xl_ev_valid_i;
  assign rd_ev_o       = ex_ev_valid_i ? ex_ev_i : xl_ev_i;  // read only with rd_valid_o
  assign ex_ev_ready_o = rd_ready_i;
  assign xl_ev_ready_o = rd_ready_i;

  assign rt_valid_o    = ex_rt_valid_i || xl_rt_valid_i;
  assign rt_o          = ex_rt_valid_i ? ex_rt_i : xl_rt_i;  // read only with rt_valid_o
  assign rt_cmd_o      = ex_rt_valid_i;
  assign rt_stalled_o  = (ex_rt_i.outcome == its_pkg::OUT_STALLED);

endmodule
