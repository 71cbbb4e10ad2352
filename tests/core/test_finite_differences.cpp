// Backprop against central finite differences on random networks: every activation in hidden
// layers × every allowed output/loss pairing.
#include "helpers.hpp"

#include "core/gradcheck.hpp"

#include <algorithm>

using namespace gf;

namespace {
const Activation kHidden[] = {Activation::linear, Activation::sigmoid,    Activation::tanh,
                              Activation::relu,   Activation::leaky_relu, Activation::softmax};
struct Pairing {
    Activation out;
    Loss loss;
};
const Pairing kPairings[] = {
    {Activation::linear, Loss::sse},
    {Activation::sigmoid, Loss::sse},
    {Activation::tanh, Loss::half_sse},
    {Activation::relu, Loss::mse},
    {Activation::leaky_relu, Loss::sse},
    {Activation::softmax, Loss::sse},
    {Activation::softmax, Loss::mse},
    {Activation::linear, Loss::half_sse},
    {Activation::softmax, Loss::cross_entropy},
    {Activation::sigmoid, Loss::cross_entropy},
    {Activation::sigmoid, Loss::mse},
};
} // namespace

TEST_CASE("finite differences agree with backprop for every activation × loss", "[fd]")
{
    std::mt19937_64 rng(20261127);
    int checked = 0;
    for (Activation hidden : kHidden) {
        for (const Pairing& p : kPairings) {
            INFO("hidden " << to_string(hidden) << ", output " << to_string(p.out) << ", loss " << to_string(p.loss));
            for (int trial = 0; trial < 3; ++trial) {
                Network n = test::random_network(rng, {3, 4, 3, 3}, {hidden, hidden, p.out}, p.loss);
                Sample s = test::random_sample(rng, n);
                const Trace t = forward_backward(n, s);
                if (test::min_abs_pre(t) < 1e-3) continue; // too close to a ReLU kink for h = 1e-6
                const GradCheckReport r = gradient_check(n, s);
                INFO("worst relative error " << r.max_rel_err << ", absolute " << r.max_abs_err);
                CHECK(r.ok);
                CHECK(r.max_abs_err < 1e-7);
                ++checked;
            }
        }
    }
    CHECK(checked > 150);
}

TEST_CASE("finite differences on nodes (a, h, x) agree with dL/da, dL/dh, dL/dx", "[fd]")
{
    std::mt19937_64 rng(7);
    int checked = 0; // pairings not skipped for a ReLU kink: the test must not pass by skipping them all
    for (const Pairing& p : kPairings) {
        Network n = test::random_network(rng, {2, 3, 3}, {Activation::tanh, p.out}, p.loss);
        Sample s = test::random_sample(rng, n);
        const Trace t = forward_backward(n, s);
        if (test::min_abs_pre(t) < 1e-3) continue;
        ++checked;
        for (int l = 0; l < n.layers(); ++l)
            for (int j = 0; j < n.width(l); ++j)
                for (NodeKind k : {NodeKind::pre, NodeKind::post}) {
                    const FdCheck c = check_one(n, s, t, NodeRef{k, l, j, 0});
                    INFO(to_string(p.out) << "/" << to_string(p.loss) << " layer " << l << " neuron " << j
                                          << " backprop " << c.backprop << " fd " << c.numeric);
                    CHECK(c.ok);
                }
        for (int j = 0; j < n.inputs(); ++j) CHECK(check_one(n, s, t, NodeRef{NodeKind::input, -1, j, 0}).ok);
    }
    CHECK(checked >= int(std::size(kPairings)) - 2);
}

TEST_CASE("softmax and cross-entropy stay finite for logits of ±1000", "[fd][stability]")
{
    Network n;
    n.sizes = {2, 3};
    n.act = {Activation::softmax};
    n.loss = Loss::cross_entropy;
    n.W = {Matrix(3, 2)};
    n.W[0](0, 0) = 1000;
    n.W[0](1, 0) = -1000;
    n.W[0](2, 1) = 1000;
    n.b = {Vec{0, 0, 0}};
    const Sample s{{1, 0}, {0, 1, 0}}; // the target is the class whose logit is -1000
    const Trace t = forward_backward(n, s);
    CHECK(std::isfinite(t.loss));
    CHECK_THAT(t.loss, Catch::Matchers::WithinRel(2000.0, 1e-12));
    for (const Matrix& m : t.dW)
        for (double v : m.v) CHECK(std::isfinite(v));
    for (double v : t.da[0]) CHECK(std::isfinite(v));
    CHECK_THAT(t.da[0][1], Catch::Matchers::WithinAbs(-1.0, 1e-12)); // ŷ - y

    // Binary cross-entropy after sigmoid, same logits.
    n.act = {Activation::sigmoid};
    const Sample s2{{1, 0}, {0, 1, 0}};
    const Trace t2 = forward_backward(n, s2);
    CHECK(std::isfinite(t2.loss));
    for (const Matrix& m : t2.dW)
        for (double v : m.v) CHECK(std::isfinite(v));
}

TEST_CASE("ReLU's derivative at 0 is 0", "[fd]")
{
    Network n;
    n.sizes = {1, 1};
    n.act = {Activation::relu};
    n.loss = Loss::sse;
    n.W = {Matrix(1, 1, 1.0)};
    n.b = {Vec{0}};
    const Trace t = forward_backward(n, Sample{{0.0}, {1.0}});
    CHECK(t.J[0].at(0, 0) == 0.0);
    CHECK(t.dW[0](0, 0) == 0.0);
}

TEST_CASE("a check on non-finite values reports them in its summary, not an error of 0 (issue 12)", "[fd][hostile]")
{
    const Config c = parse_config(R"({"layers":[2,1],"activations":["linear"],"loss":"sse",
                                      "W":[[[1e308,1]]],"x":[1,1],"y":[0]})");
    const GradCheckReport r = gradient_check(c.net, c.sample());
    CHECK_FALSE(r.ok);
    CHECK(r.non_finite == 3);
    CHECK(std::isinf(r.max_rel_err));
    CHECK(std::isinf(r.max_abs_err));
    CHECK(r.worst == NodeRef{NodeKind::weight, 0, 0, 0});
    for (const FdCheck& e : r.entries) CHECK_FALSE(e.ok);
}

TEST_CASE("a check on a big network takes a fixed sample across every layer unless asked for all (issue 12)",
          "[fd][hostile]")
{
    const Config c = preset("wide");
    REQUIRE(c.net.param_count() > kFdSampleSize);
    std::size_t calls = 0, last_total = 0;
    GradCheckOptions o;
    o.progress = [&](std::size_t done, std::size_t total) {
        calls = done;
        last_total = total;
        return true;
    };
    const GradCheckReport r = gradient_check(c.net, c.sample(), o);
    CHECK(r.sampled);
    CHECK(r.param_count == c.net.param_count());
    CHECK(r.entries.size() == kFdSampleSize);
    CHECK(calls == kFdSampleSize);
    CHECK(last_total == kFdSampleSize);
    CHECK(r.ok);
    std::vector<bool> layer_seen(std::size_t(c.net.layers()), false);
    bool bias_seen = false;
    for (std::size_t i = 0; i < r.entries.size(); ++i) {
        layer_seen[std::size_t(r.entries[i].ref.layer)] = true;
        bias_seen |= r.entries[i].ref.kind == NodeKind::bias;
        if (i > 0) CHECK_FALSE(r.entries[i].ref == r.entries[i - 1].ref); // distinct picks
    }
    CHECK(std::all_of(layer_seen.begin(), layer_seen.end(), [](bool b) { return b; }));
    CHECK(bias_seen);
    // The same sample every run.
    CHECK(gradient_check(c.net, c.sample()).entries.front().ref == r.entries.front().ref);

    // A small network is checked whole, and progress can stop a check.
    const Config seed = preset("seed");
    CHECK(gradient_check(seed.net, seed.sample()).entries.size() == seed.net.param_count());
    GradCheckOptions stop;
    stop.progress = [](std::size_t done, std::size_t) { return done < 5; };
    const GradCheckReport s = gradient_check(seed.net, seed.sample(), stop);
    CHECK(s.stopped);
    CHECK(s.entries.size() == 5);
}
