#include "helpers.hpp"

#include <cmath>

using namespace gf;

TEST_CASE("XOR trains to a small loss", "[train]") {
    Config c = preset("xor");
    REQUIRE(c.samples.size() == 4);
    const TrainResult r = train(c.net, c.samples, 3000, c.learning_rate, c.train_biases);
    REQUIRE_FALSE(r.diverged);
    REQUIRE(r.loss_history.size() == 3001);
    INFO("loss " << r.loss_history.front() << " → " << r.loss_history.back());
    CHECK(r.loss_history.back() < 0.05);
    for (const Sample& s : c.samples) {
        const Trace t = forward_backward(c.net, s);
        CHECK(std::abs(t.h.back()[0] - s.y[0]) < 0.2);
    }
}

TEST_CASE("one training step on one sample is one SGD step", "[train]") {
    Config c = preset("seed");
    Network stepped = c.net;
    const Trace t = forward_backward(c.net, c.sample());
    sgd_step(stepped, t.dW, t.db, c.learning_rate, c.train_biases);
    const TrainResult r = train(c.net, c.samples, 1, c.learning_rate, c.train_biases);
    CHECK(c.net == stepped);
    CHECK(r.loss_history.size() == 2);
    CHECK(r.loss_history[1] < r.loss_history[0]);
}

TEST_CASE("a huge learning rate stops with a message and keeps a finite network", "[train]") {
    Config c = preset("deep");
    const TrainResult r = train(c.net, c.samples, 50, 1e300, true);
    CHECK(r.diverged);
    CHECK_FALSE(r.message.empty());
    CHECK(validate_network(c.net).empty());  // every weight still finite
}
