// The drawn graph: which nodes and edges the picture has, in one canonical order.
//
// The timeline (anim) and the geometry (view) both index nodes and edges by this Graph, so the
// renderer zips Frame::nodes[i] with Layout::nodes[i] and Frame::edges[e] with Layout::edges[e].
//
// Columns, left to right (L = net.layers()):
//   0          inputs x_k
//   1 … L      one node per neuron of layer l = column-1; a hidden neuron shows a_lj and h_lj,
//              an output-layer neuron shows a_Lj only (its h is the ŷ node)
//   L+1        outputs ŷ_i
//   L+2        the loss L
// Edges only join neighbouring columns ("gaps"), gap g from column g to g+1:
//   gaps 0 … L-1  weight edges W[l](j, k): h_{l-1,k} (or x_k) → a_lj
//   gap L         activation edges a_Lk → ŷ_i: every pair for softmax (the Jacobian edges),
//                 else one per neuron (i == k)
//   gap L+1       loss edges ŷ_i → L
// Within a gap edges are ordered by target slot, then source slot.
//
// Wide layers are elided: a column of n > max_visible neurons shows the first max_visible/2 and
// the last max_visible/2 - 1 with a "⋯" slot between them, so no column has more than
// max_visible slots and the graph stays under ~17 × 32² edges whatever the network. The elided
// neurons still count in every value (a_lj is the whole sum); they just have no node or edge.
#pragma once

#include "core/names.hpp"
#include "core/network.hpp"

#include <cstdint>
#include <vector>

namespace gf::anim {

inline constexpr int kMaxVisible = 32; // slots per column (the ellipsis takes one when eliding)

enum class NodeRole : std::uint8_t { input, neuron, output, loss };
enum class EdgeRole : std::uint8_t { weight, activation, loss };

struct GraphNode {
    NodeRole role = NodeRole::input;
    int column = 0; // see the column table above
    int layer = 0;  // neuron: 0-based non-input layer; output: L-1; input: -1; loss: L
    int j = 0;      // index within its layer (the real index, also past an ellipsis)
    int slot = 0;   // vertical slot in its column, counting the ellipsis slot
};

struct GraphEdge {
    EdgeRole role = EdgeRole::weight;
    int src = 0;   // node index (the forward direction: toward the loss)
    int dst = 0;   // node index
    int layer = 0; // weight: W[layer]; activation, loss: L-1
    int j = 0;     // weight: neuron fed; activation: ŷ_j; loss: ŷ_j
    int k = 0;     // weight: source neuron; activation: a_{L,k}; loss: = j
};

struct GraphColumn {
    int first = 0;     // first node index
    int count = 0;     // nodes shown
    int size = 0;      // neurons in the layer (count + hidden)
    int hidden = 0;    // neurons elided
    int ellipsis = -1; // slot of the "⋯" marker, -1 when nothing is elided
    int slots = 0;     // count + (ellipsis >= 0)
    int head = 0;      // neurons shown before the ellipsis (= count when none)
    bool operator==(const GraphColumn&) const = default;
};

struct Graph {
    int layers = 0; // net.layers()
    bool softmax_out = false;
    std::vector<GraphNode> nodes;
    std::vector<GraphEdge> edges;
    std::vector<GraphColumn> columns; // layers + 3
    std::vector<int> gap_begin;       // edges of gap g: [gap_begin[g], gap_begin[g+1])

    int column_count() const { return int(columns.size()); }
    int gap_count() const { return int(gap_begin.size()) - 1; }
    int gap_of(int edge) const { return nodes[std::size_t(edges[std::size_t(edge)].src)].column; }

    // Node of neuron j in `column`, -1 when elided or out of range.
    int node_at(int column, int j) const;
    int input_node(int k) const { return node_at(0, k); }
    int neuron_node(int l, int j) const { return node_at(l + 1, j); }
    int output_node(int i) const { return node_at(layers + 1, i); }
    int loss_node() const { return columns.back().first; }

    // Edge lookups; -1 when the edge is not drawn (elided, or no such edge).
    int weight_edge(int l, int j, int k) const;
    int activation_edge(int i, int k) const; // a_Lk → ŷ_i
    int loss_edge(int i) const;              // ŷ_i → L

    // The core's name for what a node or edge stands for: x_k, a_lj (neurons), ŷ_i, L; w_ljk for
    // weight edges. Activation and loss edges have no NodeRef of their own (they return their
    // target ŷ_i / L).
    NodeRef node_ref(int node) const;
    NodeRef edge_ref(int edge) const;

    // Same nodes and edges in the same order (what a layout of one fits the other): the columns,
    // the depth and the softmax Jacobian edges decide every index. O(layers), for a per-frame check.
    bool same_shape(const Graph& o) const
    {
        return layers == o.layers && softmax_out == o.softmax_out && columns == o.columns;
    }
};

Graph make_graph(const Network& net, int max_visible = kMaxVisible);

} // namespace gf::anim
