// Mini-batch SGD over a dataset, L1/L2, and the "dataset" config (issue 8).
#include "helpers.hpp"

#include "core/config.hpp"
#include "core/minibatch.hpp"

#include <cmath>

using namespace gf;
using Catch::Matchers::WithinAbs;
using Catch::Matchers::WithinRel;

namespace {

// The objective one batch step descends: mean loss over the batch plus λ·R(W).
double objective(const Network& net, const std::vector<Sample>& batch, Regularization r, double rate)
{
    double s = 0.0;
    for (const Sample& x : batch) s += loss_of(net, x);
    return s / double(batch.size()) + rate * regularization_penalty(net, r);
}

std::vector<Sample> some_points(const Network& net, int n)
{
    DataSpec spec;
    spec.kind = DatasetKind::spiral;
    spec.points = n;
    spec.noise = 10;
    const Dataset d = generate(spec);
    return make_samples(net, spec, d, 0, d.size());
}

} // namespace

TEST_CASE("the batch gradient is the mean of the per-sample gradients", "[minibatch]")
{
    std::mt19937_64 rng(3);
    const Network net = test::random_network(rng, {2, 5, 3, 1},
                                             {Activation::tanh, Activation::sigmoid, Activation::tanh}, Loss::half_sse);
    const std::vector<Sample> points = some_points(net, 12);
    const std::vector<std::size_t> order = {3, 7, 0, 11, 5};
    Trace t;
    std::vector<Matrix> gW;
    std::vector<Vec> gb;
    const double loss = batch_gradient(net, points, order.data(), order.size(), t, gW, gb);
    double mean_loss = 0.0;
    std::vector<Matrix> sumW(net.W.size());
    std::vector<Vec> sumb(net.W.size());
    for (std::size_t l = 0; l < net.W.size(); ++l) {
        sumW[l] = Matrix(net.W[l].rows, net.W[l].cols);
        sumb[l].assign(net.b[l].size(), 0.0);
    }
    for (std::size_t i : order) {
        const Trace one = forward_backward(net, points[i]);
        mean_loss += one.loss / 5.0;
        for (std::size_t l = 0; l < net.W.size(); ++l) {
            for (std::size_t k = 0; k < sumW[l].v.size(); ++k) sumW[l].v[k] += one.dW[l].v[k];
            for (std::size_t j = 0; j < sumb[l].size(); ++j) sumb[l][j] += one.db[l][j];
        }
    }
    CHECK_THAT(loss, WithinRel(mean_loss, 1e-12));
    for (std::size_t l = 0; l < net.W.size(); ++l) {
        for (std::size_t k = 0; k < sumW[l].v.size(); ++k) CHECK_THAT(gW[l].v[k], WithinAbs(sumW[l].v[k] / 5.0, 1e-14));
        for (std::size_t j = 0; j < sumb[l].size(); ++j) CHECK_THAT(gb[l][j], WithinAbs(sumb[l][j] / 5.0, 1e-14));
    }
    // ... and matches central finite differences of the mean loss.
    std::vector<Sample> batch;
    for (std::size_t i : order) batch.push_back(points[i]);
    Network n = net;
    const double h = 1e-6;
    for (std::size_t l = 0; l < n.W.size(); ++l)
        for (std::size_t k = 0; k < n.W[l].v.size(); ++k) {
            const double w = n.W[l].v[k];
            n.W[l].v[k] = w + h;
            const double up = objective(n, batch, Regularization::none, 0);
            n.W[l].v[k] = w - h;
            const double down = objective(n, batch, Regularization::none, 0);
            n.W[l].v[k] = w;
            CHECK_THAT(gW[l].v[k], WithinAbs((up - down) / (2 * h), 1e-7));
        }
}

TEST_CASE("L1 and L2 gradients agree with finite differences of the regularised objective", "[minibatch]")
{
    std::mt19937_64 rng(5);
    const Network net = test::random_network(rng, {2, 4, 1}, {Activation::tanh, Activation::tanh}, Loss::half_sse);
    const std::vector<Sample> batch = some_points(net, 6);
    std::vector<std::size_t> order(batch.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    for (Regularization r : {Regularization::l1, Regularization::l2}) {
        INFO(to_string(r));
        const double rate = 0.3;
        Trace t;
        std::vector<Matrix> gW;
        std::vector<Vec> gb;
        batch_gradient(net, batch, order.data(), order.size(), t, gW, gb);
        add_regularization_gradient(net, r, rate, gW);
        Network n = net;
        const double h = 1e-6; // the random weights are all further than h from L1's kink at 0
        for (std::size_t l = 0; l < n.W.size(); ++l)
            for (std::size_t k = 0; k < n.W[l].v.size(); ++k) {
                const double w = n.W[l].v[k];
                REQUIRE(std::abs(w) > 10 * h);
                n.W[l].v[k] = w + h;
                const double up = objective(n, batch, r, rate);
                n.W[l].v[k] = w - h;
                const double down = objective(n, batch, r, rate);
                n.W[l].v[k] = w;
                CHECK_THAT(gW[l].v[k], WithinAbs((up - down) / (2 * h), 1e-7));
            }
        // Biases are not regularised (as Playground): their gradient is the data term alone.
        std::vector<Matrix> plainW;
        std::vector<Vec> plainb;
        batch_gradient(net, batch, order.data(), order.size(), t, plainW, plainb);
        CHECK(plainb == gb);
    }
    CHECK(regularization_penalty(net, Regularization::none) == 0.0);
}

TEST_CASE("an epoch is one pass in batches, the last one smaller", "[minibatch]")
{
    Config c = preset("circle");
    Dataset d;
    REQUIRE(make_dataset(*c.dataset, d).empty());
    BatchOptions o = c.batch_options();
    o.batch_size = 40; // 250 training points: 6 batches of 40, then one of 10
    MiniBatchTrainer tr(make_samples(c.net, *c.dataset, d, 0, d.train_count),
                        make_samples(c.net, *c.dataset, d, d.train_count, d.size()), d.problem, o, 1);
    CHECK(tr.train_samples().size() == 250);
    CHECK(tr.test_samples().size() == 250);
    int steps = 0;
    while (tr.epoch() == 0) {
        REQUIRE(tr.step_batch(c.net));
        ++steps;
    }
    CHECK(steps == 7);
    CHECK(tr.batch_in_epoch() == 0);
    REQUIRE(tr.run_epoch(c.net));
    CHECK(tr.epoch() == 2);
}

TEST_CASE("training is deterministic in the seed", "[minibatch]")
{
    Config a = preset("gauss"), b = preset("gauss");
    Dataset d;
    REQUIRE(make_dataset(*a.dataset, d).empty());
    const DataTrainResult ra = train_on_data(a.net, *a.dataset, d, a.batch_options(), 3);
    const DataTrainResult rb = train_on_data(b.net, *b.dataset, d, b.batch_options(), 3);
    CHECK(a.net == b.net);
    CHECK(ra.metrics.train_loss == rb.metrics.train_loss);
}

TEST_CASE("a fixed-seed run learns each classification dataset", "[minibatch]")
{
    // Playground's default net (2-4-2-1 tanh) learns circle, xor and gauss from x1, x2; spiral
    // needs Playground's usual remedy, more features (all seven) and a wider net.
    struct Case {
        const char* preset;
        int epochs;
        double max_test_loss;
        double min_test_accuracy;
    };
    for (const Case& k :
         {Case{"gauss", 10, 0.02, 0.99}, Case{"circle", 100, 0.05, 0.95}, Case{"xor-data", 100, 0.08, 0.9}}) {
        Config c = preset(k.preset);
        Dataset d;
        REQUIRE(make_dataset(*c.dataset, d).empty());
        const DataTrainResult r = train_on_data(c.net, *c.dataset, d, c.batch_options(), k.epochs);
        INFO(k.preset << ": train loss " << r.metrics.train_loss << ", test loss " << r.metrics.test_loss
                      << ", test accuracy " << r.metrics.test_accuracy);
        REQUIRE_FALSE(r.diverged);
        CHECK(r.epochs_done == k.epochs);
        CHECK(r.metrics.classification);
        CHECK(r.metrics.test_loss < k.max_test_loss);
        CHECK(r.metrics.test_accuracy >= k.min_test_accuracy);
    }
    Config c = parse_config(R"({
      "layers": [7, 8, 8, 1], "activations": ["tanh", "tanh", "tanh"], "loss": "half_sse", "init_seed": 1,
      "dataset": {"name": "spiral", "features": ["x1", "x2", "x1^2", "x2^2", "x1x2", "sin_x1", "sin_x2"]},
      "learning_rate": 0.03, "batch_size": 10})");
    Dataset d;
    REQUIRE(make_dataset(*c.dataset, d).empty());
    const DataTrainResult r = train_on_data(c.net, *c.dataset, d, c.batch_options(), 200);
    INFO("spiral: train loss " << r.metrics.train_loss << ", test loss " << r.metrics.test_loss << ", test accuracy "
                               << r.metrics.test_accuracy);
    CHECK(r.metrics.test_loss < 0.05); // 0.024 here, against 0.47 for the 2-4-2-1 net on x1, x2
    CHECK(r.metrics.test_accuracy >= 0.95);
}

TEST_CASE("a fixed-seed run learns the plane (regression, no accuracy)", "[minibatch]")
{
    Config c = preset("plane");
    Dataset d;
    REQUIRE(make_dataset(*c.dataset, d).empty());
    const DataTrainResult r = train_on_data(c.net, *c.dataset, d, c.batch_options(), 20);
    INFO("test loss " << r.metrics.test_loss);
    CHECK_FALSE(r.metrics.classification);
    CHECK(r.metrics.test_loss < 0.005);
}

TEST_CASE("a diverging run stops with a message and keeps a finite network", "[minibatch]")
{
    Config c = preset("plane"); // a linear output: nothing saturates, the weights blow up
    c.learning_rate = 1e300;
    Dataset d;
    REQUIRE(make_dataset(*c.dataset, d).empty());
    const DataTrainResult r = train_on_data(c.net, *c.dataset, d, c.batch_options(), 5);
    CHECK(r.diverged);
    CHECK(r.message.find("smaller learning_rate") != std::string::npos);
    CHECK(validate_network(c.net).empty());
}

TEST_CASE("dataset config: presets, round trip and every error names its field", "[minibatch][config]")
{
    for (const char* name : {"circle", "xor-data", "gauss", "spiral", "plane", "gauss-reg"}) {
        INFO(name);
        const Config c = preset(name);
        REQUIRE(c.dataset);
        CHECK(c.net.sizes == std::vector<int>{2, 4, 2, 1});
        CHECK(c.batch_size == 10);
        CHECK(c.samples.size() == 1);
        const Config back = parse_config(config_to_json(c));
        CHECK(back.net == c.net);
        CHECK(back.dataset == c.dataset);
        CHECK(back.samples == c.samples);
        CHECK(back.batch_options() == c.batch_options());
    }
    const Config csv = parse_config(R"({"layers": [3, 2, 1], "activations": ["tanh", "tanh"], "loss": "half_sse",
      "dataset": {"csv": "a,b,c,label\n1,2,3,1\n4,5,6,0\n7,8,9,1\n", "train_fraction": 0.6, "seed": 4},
      "regularization": "l2", "regularization_rate": 0.001})");
    CHECK(csv.dataset->features.empty());
    CHECK(csv.regularization == Regularization::l2);
    const Config back = parse_config(config_to_json(csv));
    CHECK(back.dataset == csv.dataset);
    CHECK(back.batch_options() == csv.batch_options());

    const std::string net = R"("layers": [2, 4, 1], "activations": ["tanh", "tanh"], "loss": "half_sse")";
    auto error_of = [&](const std::string& rest) {
        try {
            parse_config("{" + net + ", " + rest + "}");
        } catch (const ConfigError& e) {
            return std::string(e.what());
        }
        return std::string("(accepted)");
    };
    using Catch::Matchers::Contains;
    CHECK_THAT(error_of(R"("dataset": {"name": "moons"})"),
               Contains("dataset.name is \"moons\"; choose one of circle"));
    CHECK_THAT(error_of(R"("dataset": {"name": "circle", "csv": "1,2,1"})"), Contains("dataset has both name and csv"));
    CHECK_THAT(error_of(R"("dataset": {})"), Contains("dataset needs a name or csv"));
    CHECK_THAT(error_of(R"("dataset": {"name": "circle", "size": 3})"), Contains("unknown field dataset.size"));
    CHECK_THAT(error_of(R"("dataset": {"name": "circle", "points": 1})"),
               Contains("dataset.points must be a whole number from 2 to 10000"));
    CHECK_THAT(error_of(R"("dataset": {"name": "circle", "noise": 60})"), Contains("from 0 to 50"));
    CHECK_THAT(error_of(R"("dataset": {"name": "circle", "train_fraction": 1})"),
               Contains("dataset.train_fraction is 1; give the share"));
    CHECK_THAT(error_of(R"("dataset": {"name": "circle", "features": ["x3"]})"),
               Contains("dataset.features[0] is \"x3\"; choose from x1, x2, x1^2"));
    CHECK_THAT(error_of(R"("dataset": {"name": "circle", "features": ["x1", "x2", "x1"]})"),
               Contains("dataset.features[2] repeats"));
    CHECK_THAT(error_of(R"("dataset": {"name": "circle", "features": ["x1"]})"),
               Contains("layers[0] is 2 but the dataset gives 1 features; make layers[0] 1"));
    CHECK_THAT(error_of(R"("dataset": {"csv": "1,2,1\n3,x,0\n"})"), Contains("dataset.csv: line 2: column 2 is \"x\""));
    CHECK_THAT(error_of(R"("dataset": {"name": "circle"}, "x": [1, 2, 3], "y": [1])"),
               Contains("x has 3 values; the input layer has 2"));
    CHECK_THAT(error_of(R"("dataset": {"name": "circle"}, "batch_size": 0)"),
               Contains("batch_size must be a whole number of points from 1"));
    CHECK_THAT(error_of(R"("dataset": {"name": "circle"}, "regularization": "l3")"),
               Contains("regularization is \"l3\"; choose one of none, l1, l2"));
    CHECK_THAT(error_of(R"("dataset": {"name": "circle"}, "regularization_rate": -1)"),
               Contains("regularization_rate must not be negative"));
    // Two softmax outputs take one-hot targets; a regression needs a squared error.
    const Config soft = parse_config(R"({"layers": [2, 2], "activations": ["softmax"], "loss": "cross_entropy",
                                         "dataset": {"name": "circle"}})");
    CHECK(soft.sample().y.size() == 2);
    CHECK_THROWS_WITH(parse_config(R"({"layers": [2, 1], "activations": ["sigmoid"], "loss": "cross_entropy",
                                       "dataset": {"name": "plane"}})"),
                      Contains("a regression dataset needs a squared-error loss"));
    CHECK_THAT(error_of(R"("dataset": {"name": "plane", "targets": 2})"), Contains("dataset.targets is for CSV"));
}
