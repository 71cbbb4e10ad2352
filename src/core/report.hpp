// Machine-readable results shared by gradflow-cli and the page's JavaScript API, so both print
// the same keys with the same numbers.
#pragma once

#include "core/config.hpp"
#include "core/derive.hpp"
#include "core/paths.hpp"

#include <string>

namespace gf {

// The shown sample's forward/backward pass and the next training step (training_step():
// full batch over all samples, as the app's Step button takes it), as a JSON object with keys
// loss, a, h, output, dW, db (the shown sample's), W_next, b_next (after the step), loss_next
// (the shown sample's loss after the step), and step_refused (why) only when the step was
// refused, in which case W_next/b_next are today's. Doubles are written as the shortest decimal
// that reads back to the same double (lossless, like %.17g without the noise digits).
std::string eval_json(const Config& c, int indent = 2);
// The same from a trace and step already computed (the app's own record; no second pass).
std::string eval_json(const Config& c, const Trace& t, const TrainingStep& step, int indent = 2);

// The path list as JSON: start, count, gradient, listed_sum, paths[{nodes, hops[{symbol, value}], product}].
std::string paths_json(const Network& net, const PathSet& ps, int indent = 2);

} // namespace gf
