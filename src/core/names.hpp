// The notes' names for every quantity: w_212, b_21, a_21, h_13, ŷ_1, x_2, L.
//
// Names are 1-based and layer numbers count the input as layer 0, so the internal weight
// W[l](j, k) is w_{l+1, j+1, k+1}. Indices of 10 or more are separated by commas
// (w_{2,1,12}) so a name always reads one way.
#pragma once

#include "core/network.hpp"

#include <string>
#include <string_view>

namespace gf {

enum class NodeKind {
    weight, // w_ljk : W[layer](j, k)
    bias,   // b_lj  : b[layer][j]
    input,  // x_j   : x[j]           (layer unused)
    pre,    // a_lj  : a[layer][j]
    post,   // h_lj  : h[layer][j]; ŷ_j on the output layer
    loss,   // L
};

struct NodeRef {
    NodeKind kind = NodeKind::loss;
    int layer = 0; // 0-based non-input layer (the notes' layer - 1)
    int j = 0;     // 0-based neuron (for a weight: the neuron fed)
    int k = 0;     // 0-based source neuron (weights only)
    bool operator==(const NodeRef&) const = default;
    bool is_param() const { return kind == NodeKind::weight || kind == NodeKind::bias; }
};

enum class NameStyle {
    text,  // Unicode, as the UI and plain-text derivations show it: w_212, ŷ_1, ∂
    ascii, // for terminals and file names: w_212, yhat_1, d
    latex, // w_{212}, \hat{y}_{1}, \partial
};

std::string node_name(const Network& net, const NodeRef& n, NameStyle style = NameStyle::text);

// The loss node L of `net`.
inline NodeRef loss_ref(const Network& net) { return NodeRef{NodeKind::loss, net.layers(), 0, 0}; }

// "∂a_21/∂w_212", "\frac{\partial a_{21}}{\partial w_{212}}".
std::string partial_name(const Network& net, const NodeRef& num, const NodeRef& den, NameStyle style = NameStyle::text);

// "∂L/∂w_212": partial_name(net, L, n, style).
std::string gradient_name(const Network& net, const NodeRef& n, NameStyle style = NameStyle::text);

// Parses w_212, w_{2,1,12}, W2[1,2], b_21, b2[1], a_21, h_13, ŷ_1, yhat_1, y_hat_1, x_1, L.
// On failure returns false and writes a message saying what was wrong and what is accepted.
bool parse_node(const Network& net, std::string_view name, NodeRef& out, std::string& error);

// `s` cut to at most `max_bytes` on a UTF-8 character boundary, with "…" added when cut: for
// quoting what someone typed in a message without splitting a character into "�".
std::string clip_utf8(std::string_view s, std::size_t max_bytes);

// Levenshtein distance between two names, for "did you mean" (a link's parameters, the tutor's
// quantities).
std::size_t edit_distance(std::string_view a, std::string_view b);

// The value of a node or parameter in `net` / `t`.
double node_value(const Network& net, const Trace& t, const NodeRef& n);
// ∂L/∂(node or parameter), read from the backward pass.
double node_gradient(const Trace& t, const NodeRef& n);

} // namespace gf
