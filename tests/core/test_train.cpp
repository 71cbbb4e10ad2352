#include "helpers.hpp"

#include <cmath>

using namespace gf;

TEST_CASE("XOR trains to a small loss", "[train]")
{
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

TEST_CASE("one training step on one sample is one SGD step", "[train]")
{
    Config c = preset("seed");
    Network stepped = c.net;
    const Trace t = forward_backward(c.net, c.sample());
    sgd_step(stepped, t.dW, t.db, c.learning_rate, c.train_biases);
    const TrainResult r = train(c.net, c.samples, 1, c.learning_rate, c.train_biases);
    CHECK(c.net == stepped);
    CHECK(r.loss_history.size() == 2);
    CHECK(r.loss_history[1] < r.loss_history[0]);
}

TEST_CASE("a huge learning rate stops with a message and keeps a finite network", "[train]")
{
    Config c = preset("deep");
    const TrainResult r = train(c.net, c.samples, 50, 1e300, true);
    CHECK(r.diverged);
    CHECK_FALSE(r.message.empty());
    CHECK(validate_network(c.net).empty()); // every weight still finite
}

TEST_CASE("a step hook sees every step and can stop training, which keeps what was done (issue 12)", "[train]")
{
    Config c = preset("xor");
    std::vector<double> seen;
    const TrainResult r = train(c.net, c.samples, 1000, c.learning_rate, c.train_biases, [&](int done, double loss) {
        seen.push_back(loss);
        return done < 7; // as Ctrl-C would, after the 7th step
    });
    CHECK(r.stopped);
    CHECK_FALSE(r.diverged);
    CHECK(r.steps_done == 7);
    REQUIRE(r.loss_history.size() == 8); // before each of the 7 steps, then after the last
    CHECK(seen == std::vector<double>(r.loss_history.begin(), r.loss_history.begin() + 7));
    // The network is the one after 7 steps: the same as training 7 steps without a hook.
    Config again = preset("xor");
    train(again.net, again.samples, 7, again.learning_rate, again.train_biases);
    CHECK(again.net == c.net);
    // Asking to stop after the last step is not stopping early.
    Config last = preset("xor");
    CHECK_FALSE(train(last.net, last.samples, 3, last.learning_rate, last.train_biases, [](int done, double) {
                    return done < 3;
                }).stopped);
}
