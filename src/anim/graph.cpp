#include "anim/graph.hpp"

#include <algorithm>
#include <cassert>

namespace gf::anim {

namespace {

GraphColumn make_column(int first, int size, int max_visible)
{
    GraphColumn c;
    c.first = first;
    c.size = size;
    if (size <= max_visible) {
        c.count = c.slots = c.head = size;
        return c;
    }
    c.head = max_visible / 2;
    c.count = max_visible - 1; // head + tail, one slot left for "⋯"
    c.hidden = size - c.count;
    c.ellipsis = c.head;
    c.slots = max_visible;
    return c;
}

// The neuron index shown at position `i` (0 … count-1) of a column.
int neuron_of(const GraphColumn& c, int i) { return i < c.head ? i : c.size - (c.count - i); }
int slot_of(const GraphColumn& c, int i) { return i < c.head || c.ellipsis < 0 ? i : i + 1; }

// Position (0 … count-1) of neuron j in the column, -1 when elided.
int position_of(const GraphColumn& c, int j)
{
    if (j < 0 || j >= c.size) return -1;
    if (j < c.head) return j;
    const int tail = c.count - c.head;
    if (j >= c.size - tail) return c.head + (j - (c.size - tail));
    return -1;
}

} // namespace

Graph make_graph(const Network& net, int max_visible)
{
    assert(max_visible >= 3 && "make_graph: max_visible must leave room for a head, an ellipsis and a tail");
    assert(net.layers() >= 1 && "make_graph: the network has no layers; validate_network() it first");
    Graph g;
    const int L = net.layers();
    g.layers = L;
    g.softmax_out = net.act.back() == Activation::softmax;

    // Columns and nodes.
    std::vector<int> sizes;
    sizes.push_back(net.inputs());
    for (int l = 0; l < L; ++l) sizes.push_back(net.width(l));
    sizes.push_back(net.outputs());
    sizes.push_back(1);
    for (int col = 0; col < int(sizes.size()); ++col) {
        GraphColumn c = make_column(int(g.nodes.size()), sizes[std::size_t(col)], max_visible);
        for (int i = 0; i < c.count; ++i) {
            GraphNode n;
            n.column = col;
            n.j = neuron_of(c, i);
            n.slot = slot_of(c, i);
            if (col == 0) {
                n.role = NodeRole::input;
                n.layer = -1;
            } else if (col <= L) {
                n.role = NodeRole::neuron;
                n.layer = col - 1;
            } else if (col == L + 1) {
                n.role = NodeRole::output;
                n.layer = L - 1;
            } else {
                n.role = NodeRole::loss;
                n.layer = L;
            }
            g.nodes.push_back(n);
        }
        g.columns.push_back(c);
    }

    // Edges, gap by gap.
    auto add = [&](EdgeRole role, int src, int dst, int layer, int j, int k) {
        g.edges.push_back(GraphEdge{role, src, dst, layer, j, k});
    };
    for (int gap = 0; gap < int(g.columns.size()) - 1; ++gap) {
        g.gap_begin.push_back(int(g.edges.size()));
        const GraphColumn& a = g.columns[std::size_t(gap)];
        const GraphColumn& b = g.columns[std::size_t(gap) + 1];
        for (int bi = 0; bi < b.count; ++bi) {
            const int dst = b.first + bi;
            const int j = g.nodes[std::size_t(dst)].j;
            auto neuron = [&](int src) { return g.nodes[std::size_t(src)].j; }; // j of a source node
            if (gap < L) {
                for (int ai = 0; ai < a.count; ++ai)
                    add(EdgeRole::weight, a.first + ai, dst, gap, j, neuron(a.first + ai));
            } else if (gap == L) {
                if (g.softmax_out) {
                    for (int ai = 0; ai < a.count; ++ai)
                        add(EdgeRole::activation, a.first + ai, dst, L - 1, j, neuron(a.first + ai));
                } else {
                    add(EdgeRole::activation, a.first + bi, dst, L - 1, j, j); // same width, same slots
                }
            } else {
                for (int ai = 0; ai < a.count; ++ai)
                    add(EdgeRole::loss, a.first + ai, dst, L - 1, neuron(a.first + ai), neuron(a.first + ai));
            }
        }
    }
    g.gap_begin.push_back(int(g.edges.size()));
    return g;
}

int Graph::node_at(int column, int j) const
{
    if (column < 0 || column >= int(columns.size())) return -1;
    const GraphColumn& c = columns[std::size_t(column)];
    const int p = position_of(c, j);
    return p < 0 ? -1 : c.first + p;
}

int Graph::weight_edge(int l, int j, int k) const
{
    if (l < 0 || l >= layers) return -1;
    const GraphColumn& a = columns[std::size_t(l)];
    const GraphColumn& b = columns[std::size_t(l) + 1];
    const int pj = position_of(b, j), pk = position_of(a, k);
    if (pj < 0 || pk < 0) return -1;
    return gap_begin[std::size_t(l)] + pj * a.count + pk;
}

int Graph::activation_edge(int i, int k) const
{
    const GraphColumn& a = columns[std::size_t(layers)];
    const int pi = position_of(columns[std::size_t(layers) + 1], i), pk = position_of(a, k);
    if (pi < 0 || pk < 0) return -1;
    if (softmax_out) return gap_begin[std::size_t(layers)] + pi * a.count + pk;
    return i == k ? gap_begin[std::size_t(layers)] + pi : -1;
}

int Graph::loss_edge(int i) const
{
    const int pi = position_of(columns[std::size_t(layers) + 1], i);
    return pi < 0 ? -1 : gap_begin[std::size_t(layers) + 1] + pi;
}

NodeRef Graph::node_ref(int node) const
{
    const GraphNode& n = nodes[std::size_t(node)];
    switch (n.role) {
    case NodeRole::input: return NodeRef{NodeKind::input, 0, n.j, 0};
    case NodeRole::neuron: return NodeRef{NodeKind::pre, n.layer, n.j, 0};
    case NodeRole::output: return NodeRef{NodeKind::post, n.layer, n.j, 0};
    case NodeRole::loss: return NodeRef{NodeKind::loss, layers, 0, 0};
    }
    return {};
}

NodeRef Graph::edge_ref(int edge) const
{
    const GraphEdge& e = edges[std::size_t(edge)];
    if (e.role == EdgeRole::weight) return NodeRef{NodeKind::weight, e.layer, e.j, e.k};
    return node_ref(e.dst);
}

} // namespace gf::anim
