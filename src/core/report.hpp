// Machine-readable results shared by gradflow-cli and the page's JavaScript API, so both print
// the same keys with the same numbers.
#pragma once

#include "core/config.hpp"
#include "core/derive.hpp"
#include "core/json.hpp"
#include "core/paths.hpp"

#include <string>

namespace gf {

// The shown sample's forward/backward pass and the next training step (training_step():
// full batch over all samples, as the app's Step button takes it), as a JSON object with keys
// loss, a, h, output, dW, db (the shown sample's), W_next, b_next (after the step) and loss_next
// (the shown sample's loss after the step). Doubles are written as the shortest decimal that
// reads back to the same double (lossless, like %.17g without the noise digits).
// Throws NumericError (core/finite.hpp) naming the first value that is not a finite number, or
// the parameter a refused step would overflow, rather than writing null.
std::string eval_json(const Config& c, int indent = 2);
// The same from a trace and step already computed (the app's own record; no second pass).
std::string eval_json(const Config& c, const Trace& t, const TrainingStep& step, int indent = 2);
// The same as a JSON value, keys in that order (the page's getState() adds to it without writing
// and reading the numbers back).
json::Value eval_value(const Config& c, const Trace& t, const TrainingStep& step);

// When the path search hit its cap (PathSet::truncated): one sentence saying so and how many were
// listed of how many asked; "" otherwise.
std::string search_note(const PathSet& ps);

// The path list as JSON: start, count, listed, complete, requested, search_cap_reached (and note
// when it was), gradient, listed_sum, paths[{nodes, hops[{symbol, value}], product}].
std::string paths_json(const Network& net, const PathSet& ps, int indent = 2);

} // namespace gf
