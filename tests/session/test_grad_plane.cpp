// The focused parameter's gradient plane (issue 8's bridge): per-point ∂L/∂w from the one backprop,
// and the trainer's next batch, whose mean is the gradient the next step actually takes.
#include "session/session.hpp"

#include "core/names.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <vector>

using namespace gf;

namespace {

double param_of(const Network& net, const NodeRef& p)
{
    const std::size_t l = std::size_t(p.layer);
    return p.kind == NodeKind::weight ? net.W[l](p.j, p.k) : net.b[l][std::size_t(p.j)];
}

double gradient_of(const std::vector<Matrix>& gW, const std::vector<Vec>& gb, const NodeRef& p)
{
    const std::size_t l = std::size_t(p.layer);
    return p.kind == NodeKind::weight ? gW[l](p.j, p.k) : gb[l][std::size_t(p.j)];
}

// The training points as the trainer builds them, independently of the Session's GradPlane.
std::vector<Sample> training_points(const Session& s)
{
    return make_samples(s.config().net, *s.config().dataset, s.data(), 0, s.data().train_count);
}

// For the next batch the GradPlane names: its mean per-point gradient equals batch_gradient()'s
// entry, and the step the Session then takes moves the parameter by exactly −η times it.
void check_next_step(Session& s, const std::string& name, double tol)
{
    REQUIRE(s.set_focus(name).empty());
    const GradPlane& g = s.grad_plane();
    REQUIRE(g.ok);
    CHECK(g.name == name);
    const std::size_t want = std::min<std::size_t>(std::size_t(s.config().batch_size), s.data().train_count);
    REQUIRE(g.batch.size() >= 1);
    REQUIRE(g.batch.size() <= want);
    for (std::size_t i : g.batch) REQUIRE(i < s.data().train_count); // training points only

    const std::vector<Sample> train = training_points(s);
    Trace t;
    std::vector<Matrix> gW;
    std::vector<Vec> gb;
    batch_gradient(s.config().net, train, g.batch.data(), g.batch.size(), t, gW, gb);
    const double from_batch = gradient_of(gW, gb, g.param);
    INFO(name << ": mean of the batch's per-point gradients " << g.batch_mean << ", batch_gradient " << from_batch);
    CHECK(std::abs(g.batch_mean - from_batch) <= tol);
    // Each point's own ∂L/∂w, the mean taken here by hand.
    double mean = 0.0;
    for (std::size_t i : g.batch) {
        forward_backward(s.config().net, train[i], t);
        mean += gradient_of(t.dW, t.db, g.param);
    }
    mean /= double(g.batch.size());
    CHECK(std::abs(g.batch_mean - mean) <= 1e-12);

    const double before = param_of(s.config().net, g.param);
    const double step_gradient = g.step_gradient;
    const double eta = s.config().learning_rate;
    REQUIRE(s.step_batch().empty());
    const double after = param_of(s.config().net, g.param);
    INFO("(W_before − W_after)/η = " << (before - after) / eta << ", shown " << step_gradient);
    CHECK(std::abs((before - after) / eta - step_gradient) <= tol);
}

} // namespace

TEST_CASE("grad plane: the next batch's mean per-point gradient is the step the trainer takes", "[session][grad]")
{
    Session s;
    REQUIRE(s.load_preset("spiral").empty());
    REQUIRE(s.config().regularization == Regularization::none);
    // The first batch of the first epoch (shuffled before its first step), a weight and a bias,
    // mid-epoch, and across an epoch's end (the next epoch's order drawn as the old one ends).
    check_next_step(s, "w_212", 1e-12);
    check_next_step(s, "b_21", 1e-12);
    check_next_step(s, "w_111", 1e-12);
    for (int i = 0; i < 22; ++i) REQUIRE(s.step_batch().empty());
    REQUIRE(s.data_run().epoch == 1); // 25 batches of 10: the epoch ended, the next batch is epoch 2's first
    check_next_step(s, "w_311", 1e-12);
}

TEST_CASE("grad plane: with L2 the step adds λ·w to the batch's mean — a bias has no penalty", "[session][grad]")
{
    Session s;
    REQUIRE(s.load_preset("circle").empty());
    Config c = s.config();
    c.regularization = Regularization::l2;
    c.regularization_rate = 0.1;
    REQUIRE(s.edit_data(c).empty());
    REQUIRE(s.set_focus("w_212").empty());
    const GradPlane& g = s.grad_plane();
    REQUIRE(g.ok);
    CHECK(g.penalty == Approx(0.1 * s.config().net.W[1](0, 1)).epsilon(1e-12));
    CHECK(g.step_gradient == g.batch_mean + g.penalty);
    check_next_step(s, "w_212", 1e-12);
    REQUIRE(s.set_focus("b_21").empty());
    CHECK(s.grad_plane().penalty == 0.0);
    check_next_step(s, "b_21", 1e-12);
}

TEST_CASE("grad plane: cells take the nearest training point's target, points their own", "[session][grad]")
{
    Session s;
    REQUIRE(s.load_preset("xor-data").empty());
    REQUIRE(s.step_epoch().empty()); // weights away from their start
    REQUIRE(s.set_focus("w_121").empty());
    const GradPlane& g = s.grad_plane();
    REQUIRE(g.ok);
    REQUIRE(g.n == kPlaneGrid);
    REQUIRE(g.value.size() == std::size_t(g.n * g.n));
    const Dataset& d = s.data();
    REQUIRE(g.point.size() == d.size());
    const Network& net = s.config().net;
    const std::vector<Sample> train = training_points(s);
    const std::vector<Sample> test = make_samples(net, *s.config().dataset, d, d.train_count, d.size());

    // Every point: forward_backward on the point with its own target.
    double largest = 0.0;
    for (std::size_t i = 0; i < d.size(); ++i) {
        const Trace t = forward_backward(net, i < d.train_count ? train[i] : test[i - d.train_count]);
        CHECK(g.point[i] == Approx(t.dW[0](1, 0)).margin(1e-15));
        largest = std::max(largest, std::abs(g.point[i]));
    }
    // Some cells, each with the target of the training point nearest its centre.
    for (int cell : {0, 63, 64 * 20 + 17, 64 * 40 + 50, 64 * 64 - 1}) {
        const int r = cell / g.n, c = cell % g.n;
        const double x1 = g.x_min + (c + 0.5) * (g.x_max - g.x_min) / g.n;
        const double x2 = g.y_max - (r + 0.5) * (g.y_max - g.y_min) / g.n;
        std::size_t nearest = 0;
        for (std::size_t i = 1; i < d.train_count; ++i)
            if (std::hypot(d.x[2 * i] - x1, d.x[2 * i + 1] - x2) <
                std::hypot(d.x[2 * nearest] - x1, d.x[2 * nearest + 1] - x2))
                nearest = i;
        Sample at{{x1, x2}, train[nearest].y};
        INFO("cell " << cell << " at (" << x1 << ", " << x2 << "), nearest training point " << nearest);
        CHECK(g.value[std::size_t(cell)] == Approx(forward_backward(net, at).dW[0](1, 0)).margin(1e-6));
    }
    // The colour scale: the 95th percentile of every |∂L/∂w_121| shown (points and cells), by sorting.
    std::vector<double> all;
    for (double v : g.point) all.push_back(std::abs(v));
    for (float v : g.value) all.push_back(double(std::abs(v)));
    std::sort(all.begin(), all.end());
    const double p95 = all[std::size_t(double(all.size() - 1) * 0.95)];
    CHECK(p95 < largest); // trained a little: a few points' gradients stand far out
    CHECK(g.scale == Approx(p95).epsilon(1e-6));

    // Versioned like the plane: recomputed when the weights or the focus change, not otherwise.
    const std::uint64_t v = g.version;
    CHECK(s.grad_plane().version == v);
    REQUIRE(s.set_focus("b_11").empty());
    CHECK(s.grad_plane().version != v);
    CHECK(s.grad_plane().name == "b_11");
    CHECK(s.grad_plane().param.kind == NodeKind::bias);
}

TEST_CASE("grad plane: without a focused parameter or plane data there is none, and it says why", "[session][grad]")
{
    Session s;
    REQUIRE(s.load_preset("spiral").empty());
    CHECK_FALSE(s.grad_plane().ok);
    CHECK_THAT(s.grad_plane().why, Catch::Contains("Focus a weight or bias"));
    REQUIRE(s.set_focus("a_21").empty()); // a node, not a parameter
    CHECK_FALSE(s.grad_plane().ok);
    REQUIRE(s.set_focus("w_212").empty());
    CHECK(s.grad_plane().ok);

    Session seed; // no dataset
    REQUIRE(seed.set_focus("w_212").empty());
    CHECK_FALSE(seed.grad_plane().ok);
    CHECK_FALSE(seed.grad_plane().why.empty());
}

namespace {

// A PlaneEvaluator standing in for the GPU: the CPU's forward pass rounded to float32, or a refusal.
struct FloatEvaluator final : PlaneEvaluator {
    bool accept = true;
    int calls = 0;
    bool evaluate(const Network& net, const std::vector<Feature>& features, int n, double x_min, double x_max,
                  double y_min, double y_max, std::vector<float>& out) override
    {
        ++calls;
        if (!accept) return false;
        const std::size_t outs = std::size_t(net.outputs());
        out.assign(std::size_t(n) * std::size_t(n) * outs, 0.0f);
        Sample s{Vec(std::size_t(net.inputs())), Vec(outs, 0.0)};
        for (int r = 0; r < n; ++r)
            for (int c = 0; c < n; ++c) {
                apply_features(features, x_min + (c + 0.5) * (x_max - x_min) / n,
                               y_max - (r + 0.5) * (y_max - y_min) / n, s.x.data());
                const Trace t = forward_backward(net, s);
                for (std::size_t o = 0; o < outs; ++o)
                    out[(std::size_t(r) * std::size_t(n) + std::size_t(c)) * outs + o] = float(t.h.back()[o]);
            }
        return true;
    }
};

} // namespace

TEST_CASE("plane: an evaluator is asked first — when it declines the CPU computes the same plane", "[session][grad]")
{
    Session s;
    REQUIRE(s.load_preset("spiral").empty());
    const std::vector<float> cpu = s.plane().value;
    CHECK_FALSE(s.plane().gpu);
    FloatEvaluator gpu;
    s.set_plane_evaluator(&gpu);
    const Plane& p = s.plane();
    CHECK(gpu.calls == 1);
    CHECK(p.gpu);
    REQUIRE(p.value.size() == cpu.size());
    float worst = 0.0f;
    for (std::size_t i = 0; i < cpu.size(); ++i) worst = std::max(worst, std::abs(p.value[i] - cpu[i]));
    CHECK(worst <= 1e-6f); // float32 outputs through plane_score
    gpu.accept = false;
    s.set_plane_evaluator(&gpu); // asked again, declines: the CPU's plane
    CHECK_FALSE(s.plane().gpu);
    CHECK(gpu.calls == 2);
    CHECK(s.plane().value == cpu);
    s.set_plane_evaluator(nullptr);
}
