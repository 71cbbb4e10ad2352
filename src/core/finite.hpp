// Values that stopped being numbers. Doubles overflow to ±inf (a weight of 1e308, a learning
// rate of 1e308) and inf − inf gives NaN; JSON has no spelling for either, so a report that
// carried one on would print `null` and look like an answer. Every front end (gradflow-cli, the
// page's getState()) asks here first and shows the person the sentence instead.
#pragma once

#include "core/network.hpp"

#include <stdexcept>
#include <string>

namespace gf {

// A result could not be computed in double precision. what() names the first value that
// overflowed and says what to change.
class NumericError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// The first value of `t` that is not a finite number, in the order the passes compute them
// (a_11, h_11, …, ŷ, L, then ∂L/∂ŷ_1 … ∂L/∂w_111, ∂L/∂b_11, ∂L/∂x_1), as a sentence naming it and
// the fix; "" when every value is finite.
std::string non_finite_in_trace(const Network& net, const Trace& t);

// The same for one training step's result: the parameters after the step (W_next, b_next,
// named w_212, b_21) and the loss after it.
std::string non_finite_in_step(const Network& next, double loss_next);

} // namespace gf
