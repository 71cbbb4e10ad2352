// Central finite differences: the independent check on every gradient gradflow shows.
#pragma once

#include "core/names.hpp"
#include "core/network.hpp"

#include <string>
#include <vector>

namespace gf {

// Step for parameter or node value v: h = kFdStep · max(1, |v|). Central differences have
// truncation error O(h²) and round-off O(ε/h); 1e-6 balances them for double.
inline constexpr double kFdStep = 1e-6;

struct FdCheck {
    NodeRef ref;
    double  backprop = 0.0;
    double  numeric = 0.0;
    double  abs_err = 0.0;
    double  rel_err = 0.0;     // abs_err / max(|backprop|, |numeric|); 0 when both are 0
    bool    ok = true;         // abs_err <= atol + rtol · max(|backprop|, |numeric|)
};

inline constexpr double kFdRelTol = 1e-5;
inline constexpr double kFdAbsTol = 1e-8;

// (L(v + h) − L(v − h)) / 2h for a parameter or node (not L itself).
double central_difference(const Network& net, const Sample& s, const NodeRef& ref);

FdCheck check_one(const Network& net, const Sample& s, const Trace& t, const NodeRef& ref);

struct GradCheckReport {
    std::vector<FdCheck> entries;   // every weight and bias
    double max_rel_err = 0.0;       // over entries whose magnitude exceeds kFdAbsTol
    double max_abs_err = 0.0;
    NodeRef worst;                  // entry with the largest relative error
    bool   ok = true;
};

GradCheckReport gradient_check(const Network& net, const Sample& s);

} // namespace gf
