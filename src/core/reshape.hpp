// Structure edits as new networks: a neuron or a hidden layer added or removed. The weights both
// shapes have are kept; the rest come fresh from init_weights(seed) (biases 0). The result is not
// validated here: a caller hands it to validate_network (removing a layer's last neuron, say, is
// refused there in words).
#pragma once

#include "core/network.hpp"

#include <cstdint>
#include <vector>

namespace gf {

// Adds (delta > 0) or removes (delta < 0) neurons at the end of layer `i` (0 = the inputs,
// layers() = the outputs).
Network resize_layer(const Network& net, int i, int delta, std::uint64_t seed);

// A new hidden layer right after layer `i` (0 = the inputs … layers() − 1), as wide as layer i and
// with its activation (the first hidden layer's, or sigmoid, after the inputs), so every existing
// matrix keeps its shape.
Network insert_layer(const Network& net, int i, std::uint64_t seed);

// Removes hidden layer `i` (1 … layers() − 1); the next layer's matrix is cut or padded to its new
// input width.
Network remove_layer(const Network& net, int i, std::uint64_t seed);

// Samples follow a network's input and output widths: new entries are 0, removed ones dropped.
void fit_samples(const Network& net, std::vector<Sample>& samples);

} // namespace gf
