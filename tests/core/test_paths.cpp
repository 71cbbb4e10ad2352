// The identity "the paths' products sum to the backprop gradient", path counts, and ordering.
#include "helpers.hpp"

#include "core/names.hpp"
#include "core/paths.hpp"

#include <cmath>

using namespace gf;
using Catch::Matchers::WithinAbs;
using Catch::Matchers::WithinRel;

namespace {
// Every parameter and node of a network.
std::vector<NodeRef> all_refs(const Network& n)
{
    std::vector<NodeRef> out;
    for (int j = 0; j < n.inputs(); ++j) out.push_back({NodeKind::input, -1, j, 0});
    for (int l = 0; l < n.layers(); ++l)
        for (int j = 0; j < n.width(l); ++j) {
            for (int k = 0; k < n.sizes[std::size_t(l)]; ++k) out.push_back({NodeKind::weight, l, j, k});
            out.push_back({NodeKind::bias, l, j, 0});
            out.push_back({NodeKind::pre, l, j, 0});
            out.push_back({NodeKind::post, l, j, 0});
        }
    return out;
}
// 8 hidden tanh layers of 32 and a softmax pair: 32^7 · 4 paths from a first-layer weight.
Network wide_tanh_net()
{
    Network n;
    n.sizes = {4, 32, 32, 32, 32, 32, 32, 32, 32, 2};
    n.act.assign(8, Activation::tanh);
    n.act.push_back(Activation::softmax);
    n.loss = Loss::sse;
    init_weights(n, 5);
    return n;
}
} // namespace

TEST_CASE("path products sum to the backprop gradient on random networks", "[paths]")
{
    std::mt19937_64 rng(42);
    const std::vector<std::vector<Activation>> acts{
        {Activation::sigmoid, Activation::tanh, Activation::softmax},
        {Activation::softmax, Activation::relu, Activation::linear},
        {Activation::leaky_relu, Activation::softmax, Activation::sigmoid},
    };
    const Loss losses[] = {Loss::sse, Loss::mse, Loss::half_sse};
    int checked = 0;
    for (std::size_t a = 0; a < acts.size(); ++a) {
        for (Loss loss : losses) {
            Network n = test::random_network(rng, {3, 4, 3, 3}, acts[a], loss);
            const Sample s = test::random_sample(rng, n);
            const Trace t = forward_backward(n, s);
            for (const NodeRef& r : all_refs(n)) {
                const PathSet ps = enumerate_paths(n, t, r, kMaxListedPaths);
                INFO(node_name(n, r) << " with " << ps.count << " paths");
                REQUIRE(ps.complete());
                const double scale = std::max(std::abs(ps.gradient), 1e-300);
                // 1e-12 relative, with an absolute floor for gradients that are zero up to rounding
                // (the summands are O(1e-1), so cancellation leaves O(1e-17)).
                CHECK(std::abs(ps.listed_sum - ps.gradient) <= 1e-12 * scale + 1e-16);
                ++checked;
            }
        }
    }
    CHECK(checked > 300);
}

TEST_CASE("cross-entropy paths sum to the gradient too (stable out_grad pairs)", "[paths]")
{
    std::mt19937_64 rng(3);
    for (Activation out : {Activation::softmax, Activation::sigmoid}) {
        Network n = test::random_network(rng, {2, 3, 4}, {Activation::tanh, out}, Loss::cross_entropy);
        const Sample s = test::random_sample(rng, n);
        const Trace t = forward_backward(n, s);
        for (const NodeRef& r : all_refs(n)) {
            const PathSet ps = enumerate_paths(n, t, r, kMaxListedPaths);
            CHECK(std::abs(ps.listed_sum - ps.gradient) <= 1e-12 * std::abs(ps.gradient) + 1e-16);
        }
    }
}

TEST_CASE("path counts for known shapes", "[paths]")
{
    auto net = [](std::vector<int> sizes, std::vector<Activation> act) {
        Network n;
        n.sizes = sizes;
        n.act = act;
        n.loss = Loss::sse;
        init_weights(n, 1);
        return n;
    };
    // Seed 4-4-2 with softmax: a first-layer weight reaches 2 second-layer logits × 2 outputs.
    const Network seed = net({4, 4, 2}, {Activation::sigmoid, Activation::softmax});
    CHECK(count_paths(seed, {NodeKind::weight, 0, 2, 0}) == 4);
    CHECK(count_paths(seed, {NodeKind::weight, 1, 0, 1}) == 2);
    CHECK(count_paths(seed, {NodeKind::input, -1, 0, 0}) == 16);
    // Element-wise outputs: one output per logit.
    const Network mazur = net({2, 2, 2}, {Activation::sigmoid, Activation::sigmoid});
    CHECK(count_paths(mazur, {NodeKind::weight, 0, 0, 0}) == 2);
    CHECK(count_paths(mazur, {NodeKind::weight, 1, 0, 0}) == 1);
    // 8 hidden layers of 32: a first-layer weight has 32^7 · 2 paths (to each output).
    const Network wide = net({4, 32, 32, 32, 32, 32, 32, 32, 32, 2},
                             {Activation::relu, Activation::relu, Activation::relu, Activation::relu, Activation::relu,
                              Activation::relu, Activation::relu, Activation::relu, Activation::linear});
    CHECK(count_paths(wide, {NodeKind::weight, 0, 0, 0}) == std::pow(32.0, 7) * 2);
    // A hidden softmax multiplies by its width.
    const Network hs = net({2, 3, 2}, {Activation::softmax, Activation::linear});
    CHECK(count_paths(hs, {NodeKind::bias, 0, 0, 0}) == 3 * 2);
}

TEST_CASE("paths come largest |product| first, and a limit lists the top ones exactly", "[paths]")
{
    std::mt19937_64 rng(11);
    Network n =
        test::random_network(rng, {3, 5, 5, 4, 3},
                             {Activation::tanh, Activation::sigmoid, Activation::tanh, Activation::softmax}, Loss::sse);
    const Sample s = test::random_sample(rng, n);
    const Trace t = forward_backward(n, s);
    const NodeRef r{NodeKind::weight, 0, 1, 2};
    const PathSet all = enumerate_paths(n, t, r, kMaxListedPaths);
    REQUIRE(all.count == 5 * 4 * 3 * 3);
    REQUIRE(all.complete());
    for (std::size_t i = 1; i < all.paths.size(); ++i)
        CHECK(std::abs(all.paths[i - 1].product) >= std::abs(all.paths[i].product));
    const PathSet top = enumerate_paths(n, t, r, 10);
    REQUIRE(top.paths.size() == 10);
    CHECK_FALSE(top.complete());
    for (std::size_t i = 0; i < 10; ++i) CHECK(top.paths[i].product == all.paths[i].product);
    // Each path's product is the product of its hops (up to the stable last pair).
    for (const Path& p : all.paths) {
        double prod = 1.0;
        for (double v : p.local) prod *= v;
        CHECK_THAT(p.product, WithinAbs(prod, 1e-15));
    }
}

// Nothing here times the search: "without exhausting the search" is PathSet::truncated, which
// the search sets when it holds more than kMaxSearchNodes partial paths.
TEST_CASE("the top 50 paths of a 32^7·4-path weight: exact count, best first, search not exhausted", "[paths]")
{
    const Network n = wide_tanh_net();
    const Sample s{{1, -0.5, 0.25, 2}, {0, 1}};
    const Trace t = forward_backward(n, s);
    const PathSet ps = enumerate_paths(n, t, {NodeKind::weight, 0, 3, 1}, 50);
    CHECK(ps.count == std::pow(32.0, 7) * 4);
    CHECK_FALSE(ps.truncated);
    REQUIRE(ps.paths.size() == 50);
    for (std::size_t i = 1; i < ps.paths.size(); ++i)
        CHECK(std::abs(ps.paths[i - 1].product) >= std::abs(ps.paths[i].product));
    CHECK(ps.paths[0].nodes.size() == 2 + 2 * 9); // w, then a and h per layer, then L
    // Each listed product is the product of its hops.
    for (const Path& p : ps.paths) {
        double prod = 1.0;
        for (double v : p.local) prod *= v;
        CHECK_THAT(p.product, WithinRel(prod, 1e-12));
    }
}

TEST_CASE("a weight from a zero input (every product 0) lists 1000 paths depth-first, search not exhausted", "[paths]")
{
    const Network n = wide_tanh_net();
    const Trace t = forward_backward(n, Sample{{0, 1, 2, 3}, {0, 1}});
    // All 32^7·4 products tie at 0; breadth-first among ties would hold 32^k partial paths.
    const PathSet ps = enumerate_paths(n, t, {NodeKind::weight, 0, 0, 0}, 1000);
    CHECK_FALSE(ps.truncated);
    REQUIRE(ps.paths.size() == 1000);
    for (const Path& p : ps.paths) CHECK(p.product == 0.0);
    CHECK(ps.gradient == 0.0);
}

TEST_CASE("factored chain lines are consistent with backprop", "[paths]")
{
    const Config c = preset("seed");
    const Trace t = forward_backward(c.net, c.sample());
    const auto lines = factored_chain(c.net, t, {NodeKind::weight, 0, 2, 0}); // w_131
    REQUIRE(lines.size() >= 4);
    CHECK(lines[2].target == NodeRef{NodeKind::post, 0, 2, 0}); // ∂L/∂h_13 = Σ_o ∂L/∂a_2o · w_2o3
    REQUIRE(lines[2].terms.size() == 2);
    for (const FactorLine& line : lines) {
        double s = 0.0;
        for (const FactorTerm& term : line.terms) s += term.upstream * term.local;
        CHECK(std::abs(s - line.value) <= 1e-12 * std::abs(line.value) + 1e-16);
    }
}

TEST_CASE("a search that reaches its cap says so: fewer listed than requested (issue 12)", "[paths][hostile]")
{
    const Config c = preset("wide");
    const Trace t = forward_backward(c.net, c.sample());
    const NodeRef w{NodeKind::weight, 0, 0, 0};
    const PathSet capped = enumerate_paths(c.net, t, w, 5000, 1000);
    CHECK(capped.truncated);
    CHECK(capped.requested == 5000);
    CHECK(capped.search_cap == 1000);
    CHECK(capped.paths.size() < 5000);
    CHECK_FALSE(capped.complete());
    // What it did list is still the top of the full order.
    const PathSet full = enumerate_paths(c.net, t, w, capped.paths.size());
    CHECK_FALSE(full.truncated);
    REQUIRE(full.paths.size() == capped.paths.size());
    for (std::size_t i = 0; i < full.paths.size(); ++i) CHECK(full.paths[i].product == capped.paths[i].product);
}
