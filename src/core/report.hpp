// Machine-readable results shared by gradflow-cli and the page's JavaScript API, so both print
// the same keys with the same numbers.
#pragma once

#include "core/config.hpp"
#include "core/derive.hpp"
#include "core/paths.hpp"

#include <string>

namespace gf {

// One forward/backward pass and one SGD step on the config's sample, as a JSON object with keys
// loss, a, h, output, dW, db, W_next, b_next, loss_next. Doubles are written as the shortest
// decimal that reads back to the same double (lossless, like %.17g without the noise digits).
// Throws NumericError (core/finite.hpp) naming the first value that is not a finite number,
// rather than writing it as null.
std::string eval_json(const Config& c, int indent = 2);

// When the path search hit its cap (PathSet::truncated): one sentence saying so and how many were
// listed of how many asked; "" otherwise.
std::string search_note(const PathSet& ps);

// The path list as JSON: start, count, listed, complete, requested, search_cap_reached (and note
// when it was), gradient, listed_sum, paths[{nodes, hops[{symbol, value}], product}].
std::string paths_json(const Network& net, const PathSet& ps, int indent = 2);

} // namespace gf
