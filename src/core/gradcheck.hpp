// Central finite differences: the independent check on every gradient gradflow shows.
#pragma once

#include "core/names.hpp"
#include "core/network.hpp"

#include <functional>
#include <string>
#include <vector>

namespace gf {

// Step for parameter or node value v: h = kFdStep · max(1, |v|). Central differences have
// truncation error O(h²) and round-off O(ε/h); 1e-6 balances them for double.
inline constexpr double kFdStep = 1e-6;

struct FdCheck {
    NodeRef ref;
    double backprop = 0.0;
    double numeric = 0.0;
    double abs_err = 0.0;
    double rel_err = 0.0; // abs_err / max(|backprop|, |numeric|); 0 when both are 0;
                          // inf (abs_err too) when either is not a finite number
    bool ok = true;       // abs_err <= atol + rtol · max(|backprop|, |numeric|)
};

inline constexpr double kFdRelTol = 1e-5;
inline constexpr double kFdAbsTol = 1e-8;

// (L(v + h) − L(v − h)) / 2h for a parameter or node (not L itself).
double central_difference(const Network& net, const Sample& s, const NodeRef& ref);

FdCheck check_one(const Network& net, const Sample& s, const Trace& t, const NodeRef& ref);

// Each check is two forward passes, so checking all P parameters costs O(P²): seconds at 66 k
// parameters, days at 11.5 M. Above kFdSampleSize parameters a check takes a sample of that many
// unless asked for all: stratified over the parameters in storage order (one random pick in each
// of kFdSampleSize equal slices, fixed seed), so every layer is represented and a rerun checks the
// same ones.
inline constexpr std::size_t kFdSampleSize = 2000;

struct GradCheckOptions {
    bool all = false; // check every parameter however many
    // Called after each parameter with (checked, to check); returning false stops the check
    // early (GradCheckReport::stopped). Empty: no calls.
    std::function<bool(std::size_t, std::size_t)> progress;
};

struct GradCheckReport {
    std::vector<FdCheck> entries; // the parameters checked: every weight and bias, or a sample
    std::size_t param_count = 0;  // parameters in the network
    bool sampled = false;         // entries is a sample (param_count > kFdSampleSize, not `all`)
    bool stopped = false;         // progress() asked to stop
    double max_rel_err = 0.0;     // over entries whose magnitude exceeds kFdAbsTol
    double max_abs_err = 0.0;
    NodeRef worst;              // entry with the largest relative error
    std::size_t non_finite = 0; // entries whose backprop or numeric value is inf or NaN
    bool ok = true;
};

GradCheckReport gradient_check(const Network& net, const Sample& s, const GradCheckOptions& options = {});

} // namespace gf
