// Training over a dataset in the Session (issue 8): epochs and batches, the per-epoch history,
// a NaN stop that keeps the last good weights, reset, the time box, a clicked point as the sample,
// and the output plane behind the points.
#include "session/session.hpp"

#include <catch2/catch.hpp>

#include <cmath>

using namespace gf;

namespace {

// A clock that moves `tick` seconds every time it is read: train_for's time box without timing.
struct FakeClock {
    double t = 0.0, tick = 0.001;
    double operator()() { return t += tick; }
};

} // namespace

TEST_CASE("data: a batch moves one step, an epoch one pass, and each epoch adds its losses", "[session][data]")
{
    Session s;
    REQUIRE(s.load_preset("circle").empty());
    REQUIRE(s.has_data());
    const DataRun& r = s.data_run();
    CHECK(r.epoch == 0);
    REQUIRE(r.train_loss.size() == 1); // the initial weights' losses
    CHECK(r.classification);
    const Network start = s.config().net;

    REQUIRE(s.step_batch().empty());
    CHECK(r.batches == 1);
    CHECK(r.epoch == 0);
    CHECK(s.config().net != start);

    // 250 training points in batches of 10: the epoch ends after the other 24 batches.
    REQUIRE(s.step_epoch().empty());
    CHECK(r.epoch == 1);
    CHECK(r.batches == 25);
    REQUIRE(s.step_epoch().empty());
    CHECK(r.epoch == 2);
    CHECK(r.batches == 50);
    CHECK(r.train_loss.size() == 3);
    CHECK(r.test_loss.size() == 3);
    CHECK(r.train_accuracy.size() == 3);
    CHECK(r.test_accuracy.size() == 3);
    // The trace the diagram shows is of the trained network.
    CHECK(s.trace().loss == forward_backward(s.config().net, s.config().sample()).loss);
}

TEST_CASE("data: circle learns with its fixed seed (test loss below 0.05, accuracy above 95%)", "[session][data]")
{
    Session s;
    REQUIRE(s.load_preset("circle").empty());
    const float first = s.data_run().train_loss.front();
    for (int e = 0; e < 150; ++e) REQUIRE(s.step_epoch().empty());
    const DataRun& r = s.data_run();
    INFO("train loss " << first << " -> " << r.train_loss.back() << ", test " << r.test_loss.back() << ", accuracy "
                       << r.test_accuracy.back());
    CHECK(r.epoch == 150);
    CHECK(r.train_loss.back() < first * 0.25f);
    CHECK(r.test_loss.back() < 0.05f);
    CHECK(r.test_accuracy.back() > 0.95f);
}

TEST_CASE("data: a NaN or overflow stops training and keeps the last good weights", "[session][data]")
{
    Session s;
    REQUIRE(s.load_preset("spiral").empty());
    Config c = s.config();
    for (Activation& a : c.net.act) a = Activation::linear; // nothing saturates: the values run away
    c.learning_rate = 1e300;
    REQUIRE(s.edit(c).empty());
    const Network start = s.config().net;
    REQUIRE(s.set_data_training(true).empty());
    FakeClock clock;
    CHECK(s.train_for(0.01, clock) == 0); // stopped within the first epoch
    const DataRun& r = s.data_run();
    // The last good weights: those after the batches that were taken, each finite.
    REQUIRE(r.batches >= 1);
    Network good = start;
    {
        MiniBatchTrainer t(make_samples(start, *c.dataset, s.data(), 0, s.data().train_count), {},
                           Problem::classification, s.config().batch_options(), c.dataset->seed);
        for (int b = 0; b < r.batches; ++b) REQUIRE(t.step_batch(good));
        CHECK_FALSE(t.step_batch(good)); // the step training refused
    }
    CHECK(r.diverged);
    CHECK_FALSE(r.running);
    CHECK(r.message.find("learning_rate") != std::string::npos);
    CHECK(s.config().net == good); // the refused step was not taken
    for (const Matrix& w : s.config().net.W)
        for (double v : w.v) CHECK(std::isfinite(v));
    CHECK_FALSE(s.set_data_training(true).empty()); // refused until restored or reset
    // The one-click way back: the network before training, and training works again.
    REQUIRE(s.training().restore);
    REQUIRE(s.restore_training());
    CHECK_FALSE(s.data_run().diverged);
    CHECK(s.config().net == start);
    CHECK(s.set_data_training(true).empty());
}

TEST_CASE("data: reset goes back to the initial weights, epoch 0", "[session][data]")
{
    Session s;
    REQUIRE(s.load_preset("xor-data").empty());
    for (int e = 0; e < 5; ++e) REQUIRE(s.step_epoch().empty());
    REQUIRE(s.config().net != preset("xor-data").net);
    REQUIRE(s.reset_weights().empty());
    CHECK(s.config().net == preset("xor-data").net);
    CHECK(s.data_run().epoch == 0);
    CHECK(s.data_run().train_loss.size() == 1);
    // The same shuffles again: the same weights after one epoch as the first time.
    Session fresh;
    REQUIRE(fresh.load_preset("xor-data").empty());
    REQUIRE(fresh.step_epoch().empty());
    REQUIRE(s.step_epoch().empty());
    CHECK(s.config().net == fresh.config().net);
}

TEST_CASE("data: train_for runs whole epochs until its time box is spent", "[session][data]")
{
    Session s;
    REQUIRE(s.load_preset("gauss").empty());
    FakeClock clock;
    CHECK(s.train_for(1.0, clock) == 0); // not running
    CHECK_FALSE(s.moving());
    s.pause();
    REQUIRE(s.set_data_training(true).empty());
    CHECK(s.moving());
    // Reads: one at the start, one after each epoch; 5 ms at 1 ms a read is 5 epochs.
    CHECK(s.train_for(0.005, clock) == 5);
    CHECK(s.data_run().epoch == 5);
    CHECK(s.train_for(0.0, clock) == 1); // at least one
    // Measured once per call: after epoch 5 and epoch 6 (and at the start).
    CHECK(s.data_run().at_epoch == std::vector<int>{0, 5, 6});
    REQUIRE(s.set_data_training(false).empty());
    CHECK(s.train_for(1.0, clock) == 0);
    CHECK(s.data_run().epoch == 6);
}

TEST_CASE("data: a chosen point becomes the sample of the trace and derivation", "[session][data]")
{
    Session s;
    REQUIRE(s.load_preset("spiral").empty());
    REQUIRE(s.set_focus("w_111").empty());
    const Dataset& d = s.data();
    const std::size_t i = d.train_count + 3; // a test point
    REQUIRE(s.select_point(i).empty());
    CHECK(s.data_run().point == i);
    CHECK(s.config().sample().x[0] == d.x[2 * i]);
    CHECK(s.config().sample().x[1] == d.x[2 * i + 1]);
    CHECK(s.trace().x == s.config().sample().x);
    const double label = d.t[i];
    CHECK(s.config().sample().y[0] == label); // tanh output: the label as it is
    CHECK(s.focus().deriv.fd.backprop == forward_backward(s.config().net, s.config().sample()).dW[0](0, 0));
    // Training keeps it.
    REQUIRE(s.step_epoch().empty());
    CHECK(s.config().sample().x[0] == d.x[2 * i]);
    CHECK_FALSE(s.select_point(d.size()).empty());
    CHECK(s.data_run().point == i);
}

TEST_CASE("data: the plane is the output over the input box, recomputed when the weights change", "[session][data]")
{
    Session s;
    REQUIRE(s.load_preset("spiral").empty());
    const Plane& p = s.plane();
    REQUIRE(p.ok);
    REQUIRE(p.n == kPlaneGrid);
    REQUIRE(p.value.size() == std::size_t(p.n * p.n));
    const std::uint64_t v = p.version;
    CHECK(s.plane().version == v); // nothing changed: not recomputed
    // The cell at the top-left corner is the network's output there.
    Sample at;
    at.x = {p.x_min + 0.5 * (p.x_max - p.x_min) / p.n, p.y_max - 0.5 * (p.y_max - p.y_min) / p.n};
    at.y = {0.0};
    CHECK(p.value[0] == Approx(forward_backward(s.config().net, at).h.back()[0]).margin(1e-6));
    for (float x : p.value) CHECK((x >= -1.0f && x <= 1.0f));
    REQUIRE(s.step_epoch().empty());
    CHECK(s.plane().version != v);

    Session seed; // no dataset: no plane
    CHECK_FALSE(seed.plane().ok);
}

TEST_CASE("data: each hidden neuron's map is its activation over the plane's grid", "[session][data]")
{
    Session s;
    REQUIRE(s.load_preset("spiral").empty());
    const NeuronMaps& m = s.neuron_maps();
    REQUIRE(m.ok);
    const Network& net = s.config().net;
    int hidden = 0;
    for (int l = 0; l + 1 < net.layers(); ++l) hidden += net.sizes[std::size_t(l) + 1];
    REQUIRE(hidden > 0);
    REQUIRE(int(m.neurons.size()) == hidden);
    const Plane& p = s.plane();
    REQUIRE(m.n == p.n);
    REQUIRE(m.version == p.version);
    REQUIRE(m.value.size() == std::size_t(hidden) * std::size_t(m.n * m.n));
    // A few cells, each an independent forward pass at the cell's centre, through the features.
    const DataSpec& spec = *s.config().dataset;
    for (const auto& [r, c] : {std::pair{0, 0}, std::pair{17, 40}, std::pair{m.n - 1, 5}}) {
        const double x1 = p.x_min + (c + 0.5) * (p.x_max - p.x_min) / m.n;
        const double x2 = p.y_max - (r + 0.5) * (p.y_max - p.y_min) / m.n;
        Sample at;
        at.x.resize(std::size_t(net.inputs()));
        if (spec.features.empty())
            at.x = {x1, x2};
        else
            apply_features(spec.features, x1, x2, at.x.data());
        at.y.assign(std::size_t(net.outputs()), 0.0);
        const Trace t = forward_backward(net, at);
        for (int l = 0; l + 1 < net.layers(); ++l)
            for (int j = 0; j < net.sizes[std::size_t(l) + 1]; ++j) {
                const float* map = m.map(l, j);
                REQUIRE(map != nullptr);
                CHECK(map[r * m.n + c] == Approx(t.h[std::size_t(l)][std::size_t(j)]).margin(1e-6));
            }
    }
    CHECK(m.map(net.layers() - 1, 0) == nullptr); // the output layer is the plane, not a map
    const std::uint64_t v = m.version;
    const std::vector<float> before = m.value;
    CHECK(s.neuron_maps().version == v); // nothing changed: not recomputed
    REQUIRE(s.step_epoch().empty());
    CHECK(s.neuron_maps().version != v);
    CHECK(s.neuron_maps().value != before);

    Session seed; // no dataset: no maps
    CHECK_FALSE(seed.neuron_maps().ok);
}
