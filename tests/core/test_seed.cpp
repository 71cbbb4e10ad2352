// The seed's 4-4-2 network against ../shared/reference/worked-examples.md §1 (float64, computed
// independently of gradflow): 1e-9 relative, exact zeros to 1e-15 absolute.
#include "helpers.hpp"

#include "core/derive.hpp"
#include "core/names.hpp"
#include "core/paths.hpp"

using namespace gf;
using Catch::Matchers::WithinAbs;
using Catch::Matchers::WithinRel;
using gf::test::require_vec;

namespace {
constexpr double kRel = 1e-9;

struct Seed {
    Config c = preset("seed");
    Trace t = forward_backward(c.net, c.sample());
    NodeRef ref(const char* name) const
    {
        NodeRef r;
        std::string err;
        REQUIRE(parse_node(c.net, name, r, err));
        return r;
    }
};
} // namespace

TEST_CASE("seed: forward pass matches the worked example", "[seed]")
{
    Seed s;
    require_vec(s.t.a[0], {2.9, 3.4, 2.1, 2.3}, kRel);
    require_vec(s.t.h[0], {0.947846436921582, 0.967704535301549, 0.890903178804387, 0.908877038985144}, kRel);
    require_vec(s.t.a[1], {1.789818298056966, 0.480296559669845}, kRel);
    require_vec(s.t.h[1], {0.787433114398937, 0.212566885601063}, kRel);
    CHECK_THAT(s.t.loss, WithinRel(0.090369361708271, kRel));
}

TEST_CASE("seed: the notes' arithmetic slip is not repeated (a_12 is 3.4, not 1.4)", "[seed]")
{
    Seed s;
    CHECK_THAT(s.t.a[0][1], WithinRel(3.4, 1e-15));
    CHECK_THAT(s.t.h[0][1], WithinRel(0.967704535301549, kRel));
}

TEST_CASE("seed: backward pass matches the worked example", "[seed]")
{
    Seed s;
    require_vec(s.t.dL_dyhat, {-0.425133771202126, 0.425133771202126}, kRel);
    const double j = 0.167382204746928;
    REQUIRE_FALSE(s.t.J[1].diagonal);
    CHECK_THAT(s.t.J[1].at(0, 0), WithinRel(j, kRel));
    CHECK_THAT(s.t.J[1].at(0, 1), WithinRel(-j, kRel));
    CHECK_THAT(s.t.J[1].at(1, 0), WithinRel(-j, kRel));
    CHECK_THAT(s.t.J[1].at(1, 1), WithinRel(j, kRel));
    require_vec(s.t.da[1], {-0.142319655872376, 0.142319655872376}, kRel);
    require_vec(s.t.db[1], {-0.142319655872376, 0.142319655872376}, kRel);
    const std::vector<double> dw2_row1{-0.134897178722537, -0.137723376450254, -0.126793033823046, -0.129351067418669};
    require_vec(Vec(s.t.dW[1].row(0), s.t.dW[1].row(0) + 4), dw2_row1, kRel);
    std::vector<double> dw2_row2;
    for (double v : dw2_row1) dw2_row2.push_back(-v);
    require_vec(Vec(s.t.dW[1].row(1), s.t.dW[1].row(1) + 4), dw2_row2, kRel);
    require_vec(s.t.db[0], {0, -0.002668704265380, 0.001383271693984, -0.010608167046259}, kRel);
    const std::vector<std::vector<double>> dw1{
        {0, 0, 0, 0},
        {-0.005337408530761, -0.013343521326902, -0.008006112796141, -0.008006112796141},
        {0.002766543387968, 0.006916358469921, 0.004149815081953, 0.004149815081953},
        {-0.021216334092519, -0.053040835231296, -0.031824501138778, -0.031824501138778}};
    for (int r = 0; r < 4; ++r) {
        INFO("dL/dW1 row " << r + 1);
        require_vec(Vec(s.t.dW[0].row(r), s.t.dW[0].row(r) + 4), dw1[std::size_t(r)], kRel);
    }
}

TEST_CASE("seed: dL/dw_212 is the sum of two paths, through ŷ_1 and ŷ_2", "[seed][paths]")
{
    Seed s;
    const PathSet ps = enumerate_paths(s.c.net, s.t, s.ref("w_212"), 100);
    REQUIRE(ps.count == 2);
    REQUIRE(ps.paths.size() == 2);
    for (const Path& p : ps.paths) {
        REQUIRE(p.nodes.size() == 4);
        CHECK(node_name(s.c.net, p.nodes[0]) == "w_212");
        CHECK(node_name(s.c.net, p.nodes[1]) == "a_21");
        CHECK(node_name(s.c.net, p.nodes[3]) == "L");
        CHECK_THAT(p.product, WithinRel(-0.068861688225, 1e-9));
        // Hop values as the worked example writes them (from the parameter toward L).
        CHECK_THAT(p.local[0], WithinRel(0.967704535301549, kRel));
        CHECK_THAT(std::abs(p.local[1]), WithinRel(0.167382204746928, kRel));
        CHECK_THAT(std::abs(p.local[2]), WithinRel(0.425133771202126, kRel));
    }
    CHECK(node_name(s.c.net, ps.paths[0].nodes[2]) != node_name(s.c.net, ps.paths[1].nodes[2]));
    CHECK_THAT(ps.listed_sum, WithinRel(-0.137723376450254, kRel));
    CHECK_THAT(ps.gradient, WithinRel(-0.137723376450254, kRel));
}

TEST_CASE("seed: the single-path shortcut in the notes gives exactly half", "[seed][paths]")
{
    Seed s;
    const Derivation d = derive(s.c.net, s.c.sample(), s.t, s.ref("w_212"));
    REQUIRE(d.has_cross_terms);
    CHECK_THAT(d.diagonal_only_sum, WithinRel(-0.068861688225, 1e-9));
    CHECK_THAT(d.diagonal_only_sum / d.paths.gradient, WithinAbs(0.5, 1e-12));
}

TEST_CASE("seed: dL/dw_131 is the sum of four paths", "[seed][paths]")
{
    Seed s;
    const PathSet ps = enumerate_paths(s.c.net, s.t, s.ref("w_131"), 100);
    REQUIRE(ps.count == 4);
    REQUIRE(ps.paths.size() == 4);
    std::vector<double> products;
    for (const Path& p : ps.paths) {
        REQUIRE(p.nodes.size() == 6); // w_131 → a_13 → h_13 → a_2o → ŷ_i → L
        CHECK(node_name(s.c.net, p.nodes[2]) == "h_13");
        products.push_back(p.product);
    }
    // Largest |product| first.
    CHECK_THAT(products[0], WithinRel(0.004149815082, 1e-9));
    CHECK_THAT(products[1], WithinRel(0.004149815082, 1e-9));
    CHECK_THAT(products[2], WithinRel(-0.002766543388, 1e-9));
    CHECK_THAT(products[3], WithinRel(-0.002766543388, 1e-9));
    CHECK_THAT(ps.listed_sum, WithinRel(0.002766543387968, kRel));
}

TEST_CASE("seed: dh_13/da_13 is sigmoid'(a_13), not sigmoid(a_13) as the notes wrote", "[seed]")
{
    Seed s;
    const double h = s.t.h[0][2];
    CHECK_THAT(s.t.J[0].at(2, 2), WithinRel(h * (1.0 - h), 1e-15));
    CHECK(std::abs(s.t.J[0].at(2, 2) - h) > 0.5);
}
