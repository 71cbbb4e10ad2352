#include "anim/graph.hpp"
#include "core/config.hpp"

#include <catch2/catch.hpp>

using namespace gf;
using namespace gf::anim;

TEST_CASE("graph of the seed: columns, Jacobian edges, names", "[anim][graph]")
{
    const Config c = preset("seed");
    const Graph g = make_graph(c.net);
    REQUIRE(g.column_count() == 5); // x, layer 1, layer 2 (a), ŷ, L
    REQUIRE(g.nodes.size() == 4 + 4 + 2 + 2 + 1);
    REQUIRE(g.softmax_out);
    // 16 + 8 weights, 2×2 softmax Jacobian edges, 2 loss edges.
    REQUIRE(g.edges.size() == 16 + 8 + 4 + 2);
    REQUIRE(g.gap_count() == 4);
    CHECK(node_name(c.net, g.edge_ref(g.weight_edge(1, 0, 1))) == "w_212");
    CHECK(node_name(c.net, g.node_ref(g.neuron_node(1, 0))) == "a_21");
    CHECK(node_name(c.net, g.node_ref(g.output_node(1))) == "ŷ_2");
    CHECK(g.node_ref(g.loss_node()).kind == NodeKind::loss);
    for (int i = 0; i < 2; ++i)
        for (int k = 0; k < 2; ++k) {
            const int e = g.activation_edge(i, k);
            REQUIRE(e >= 0);
            CHECK(g.edges[std::size_t(e)].src == g.neuron_node(1, k));
            CHECK(g.edges[std::size_t(e)].dst == g.output_node(i));
        }
}

TEST_CASE("graph without softmax has one activation edge per neuron", "[anim][graph]")
{
    const Config c = preset("mazur");
    const Graph g = make_graph(c.net);
    CHECK_FALSE(g.softmax_out);
    CHECK(g.edges.size() == 4 + 4 + 2 + 2);
    CHECK(g.activation_edge(0, 1) == -1);
    CHECK(g.activation_edge(1, 1) >= 0);
}

TEST_CASE("lookups agree with the edge list, and wide layers are elided", "[anim][graph]")
{
    Network net;
    net.sizes = {100, 40, 3};
    net.act = {Activation::tanh, Activation::softmax};
    net.loss = Loss::cross_entropy;
    init_weights(net, 1);
    const Graph g = make_graph(net);
    const GraphColumn& in = g.columns[0];
    CHECK(in.size == 100);
    CHECK(in.count == kMaxVisible - 1);
    CHECK(in.slots == kMaxVisible);
    CHECK(in.hidden == 100 - (kMaxVisible - 1));
    CHECK(in.ellipsis == kMaxVisible / 2);
    CHECK(g.input_node(0) == 0);
    CHECK(g.input_node(50) == -1); // elided
    CHECK(g.nodes[std::size_t(g.input_node(99))].j == 99);
    CHECK(g.nodes[std::size_t(g.input_node(99))].slot == kMaxVisible - 1);
    for (std::size_t e = 0; e < g.edges.size(); ++e) {
        const GraphEdge& ge = g.edges[e];
        int back = -1;
        if (ge.role == EdgeRole::weight) back = g.weight_edge(ge.layer, ge.j, ge.k);
        if (ge.role == EdgeRole::activation) back = g.activation_edge(ge.j, ge.k);
        if (ge.role == EdgeRole::loss) back = g.loss_edge(ge.j);
        REQUIRE(back == int(e));
        REQUIRE(g.nodes[std::size_t(ge.src)].column + 1 == g.nodes[std::size_t(ge.dst)].column);
        REQUIRE(g.gap_of(int(e)) == g.nodes[std::size_t(ge.src)].column);
    }
    for (int gap = 0; gap < g.gap_count(); ++gap)
        for (int e = g.gap_begin[std::size_t(gap)]; e < g.gap_begin[std::size_t(gap) + 1]; ++e)
            REQUIRE(g.gap_of(e) == gap);
}

TEST_CASE("same_shape: what a layout of one graph fits", "[anim][graph]")
{
    const Config c = preset("seed");
    const Graph g = make_graph(c.net);

    Network retrained = c.net; // weights change, the picture's structure does not
    retrained.W[0](0, 0) += 1.0;
    CHECK(make_graph(retrained).same_shape(g));

    Network wider = c.net; // one more hidden neuron: every later index moves
    wider.sizes[1] += 1;
    CHECK_FALSE(make_graph(wider).same_shape(g));

    Network sigmoid_out = c.net; // no softmax: the Jacobian cross edges go
    sigmoid_out.act.back() = Activation::sigmoid;
    const Graph gs = make_graph(sigmoid_out);
    REQUIRE(gs.edges.size() != g.edges.size());
    CHECK_FALSE(gs.same_shape(g));

    // The same network drawn with fewer visible slots elides differently.
    const Config wide = preset("wide");
    CHECK(make_graph(wide.net).same_shape(make_graph(wide.net)));
    CHECK_FALSE(make_graph(wide.net, 8).same_shape(make_graph(wide.net)));
    CHECK_FALSE(Graph{}.same_shape(g));
}
