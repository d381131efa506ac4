/* The integrator options of the subcommands that integrate the full
 * gradient flow of a linear network (flow, kernel-trace, multiout,
 * multiout-kernel, kernel2d, unwhitened), defined once: their names,
 * defaults (the low-rank integrator, rtol SA_LINFLOW_RTOL, atol 1e-6 in
 * units of the initial weight size sigma/sqrt(fan_in), 10^6 steps per
 * output), ranges and help.
 *
 * SA_CLI_LINFLOW_SOLVER_OPTIONS(o) expands to the four sa_opt initialisers
 * --method, --rtol, --atol and --max-steps, bound to o->method (int),
 * o->rtol, o->atol (double) and o->max_steps (long), for the subcommand's
 * option table (core/sa_opts.h). */
#ifndef SA_CLI_LINFLOW_OPTS_H
#define SA_CLI_LINFLOW_OPTS_H

#include "core/sa_ode.h"
#include "core/sa_opts.h"
#include "theory/linear_flow.h"

/* clang-format off */
#define SA_CLI_LINFLOW_SOLVER_OPTIONS(o)                                                          \
  {"method", SA_OPT_CHOICE, &(o)->method, "lowrank", SA_ODE_METHOD_CHOICES, SA_ODE_METHOD_HELP},  \
  {"rtol", SA_OPT_DOUBLE, &(o)->rtol, SA_OPT_TEXT(SA_LINFLOW_RTOL), "(0,1)",                      \
   "relative tolerance of the integrator"},                                                       \
  {"atol", SA_OPT_DOUBLE, &(o)->atol, "1e-6", "(0,1)",                                            \
   "absolute tolerance, in units of sigma/sqrt(fan_in) (the initial weight size)"},               \
  {"max-steps", SA_OPT_LONG, &(o)->max_steps, "1000000", "[1,inf)",                               \
   "integrator step limit per output"}
/* clang-format on */

#endif
