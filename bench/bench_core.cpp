// Google Benchmark figures for the engine (figures, not tests): forward+backward per sample on the
// seed net, a 2-8-8-8-1 net and a 784-128-10 net, plus path listing and a derivation, and epochs/s
// of mini-batch training over Playground's spiral (issue 8), and the config's JSON both ways for a
// network at the page's size limit (getConfig, share links, setConfig).
// Run natively (build/release/bench/gradflow_bench) and in wasm under node (scripts/bench.sh).
#include "core/config.hpp"
#include "core/derive.hpp"
#include "core/minibatch.hpp"
#include "core/network.hpp"
#include "core/paths.hpp"

#include <benchmark/benchmark.h>

#include <string>

namespace {

gf::Config make(std::vector<int> sizes, std::vector<gf::Activation> act, gf::Loss loss)
{
    gf::Config c;
    c.net.sizes = std::move(sizes);
    c.net.act = std::move(act);
    c.net.loss = loss;
    gf::init_weights(c.net, 1);
    gf::Sample s;
    for (int i = 0; i < c.net.inputs(); ++i) s.x.push_back(0.1 + 0.01 * (i % 100));
    s.y.assign(std::size_t(c.net.outputs()), 0.0);
    s.y[0] = 1.0;
    c.samples = {s};
    return c;
}

gf::Config net_for(int which)
{
    using A = gf::Activation;
    switch (which) {
    case 0: return gf::preset("seed");
    case 1: return make({2, 8, 8, 8, 1}, {A::tanh, A::tanh, A::tanh, A::sigmoid}, gf::Loss::sse);
    default: return make({784, 128, 10}, {A::relu, A::softmax}, gf::Loss::cross_entropy);
    }
}

const char* kNames[] = {"seed_4-4-2", "2-8-8-8-1", "784-128-10"};

void BM_forward_backward(benchmark::State& state)
{
    const gf::Config c = net_for(int(state.range(0)));
    state.SetLabel(kNames[state.range(0)]);
    gf::Trace t;
    for (auto _ : state) {
        gf::forward_backward(c.net, c.sample(), t);
        benchmark::DoNotOptimize(t.loss);
    }
    state.SetItemsProcessed(state.iterations());
    state.counters["params"] = double(c.net.param_count());
}
BENCHMARK(BM_forward_backward)->Arg(0)->Arg(1)->Arg(2);

void BM_sgd_step(benchmark::State& state)
{
    gf::Config c = net_for(int(state.range(0)));
    state.SetLabel(kNames[state.range(0)]);
    gf::Trace t;
    for (auto _ : state) {
        gf::forward_backward(c.net, c.sample(), t);
        gf::sgd_step(c.net, t.dW, t.db, 1e-6, true);
    }
}
BENCHMARK(BM_sgd_step)->Arg(0)->Arg(2);

// The 20 largest of 32^7·4 paths from one first-layer weight of 8 × 32 tanh layers.
void BM_top_paths_8x32(benchmark::State& state)
{
    using A = gf::Activation;
    std::vector<A> act(8, A::tanh);
    act.push_back(A::softmax);
    const gf::Config c = make({4, 32, 32, 32, 32, 32, 32, 32, 32, 2}, act, gf::Loss::sse);
    const gf::Trace t = gf::forward_backward(c.net, c.sample());
    for (auto _ : state) {
        gf::PathSet ps = gf::enumerate_paths(c.net, t, {gf::NodeKind::weight, 0, 0, 0}, std::size_t(state.range(0)));
        benchmark::DoNotOptimize(ps.listed_sum);
    }
}
BENCHMARK(BM_top_paths_8x32)->Arg(20)->Arg(1000);

void BM_derivation_seed_w212(benchmark::State& state)
{
    const gf::Config c = gf::preset("seed");
    const gf::Trace t = gf::forward_backward(c.net, c.sample());
    for (auto _ : state) {
        const gf::Derivation d = gf::derive(c.net, c.sample(), t, {gf::NodeKind::weight, 1, 0, 1});
        std::string s = gf::format_derivation(c.net, d, gf::DerivFormat::latex);
        benchmark::DoNotOptimize(s.data());
    }
}
BENCHMARK(BM_derivation_seed_w212);

// One epoch over spiral (500 points, half for training, batch 10, learning rate 0.03) and the
// train and test losses after it, as a page showing live loss curves does every epoch. Arg 0:
// Playground's default net (2-4-2-1 tanh), arg 1: its largest (6 hidden layers of 8, tanh).
void BM_epoch_spiral(benchmark::State& state)
{
    const bool largest = state.range(0) == 1;
    gf::Config c = gf::parse_config(largest ? R"({"layers": [2, 8, 8, 8, 8, 8, 8, 1],
      "activations": ["tanh", "tanh", "tanh", "tanh", "tanh", "tanh", "tanh"], "loss": "half_sse",
      "dataset": {"name": "spiral"}, "batch_size": 10, "learning_rate": 0.03})"
                                            : R"({"layers": [2, 4, 2, 1], "activations": ["tanh", "tanh", "tanh"],
      "loss": "half_sse", "dataset": {"name": "spiral"}, "batch_size": 10, "learning_rate": 0.03})");
    state.SetLabel(largest ? "2-8-8-8-8-8-8-1" : "2-4-2-1");
    gf::Dataset d;
    gf::make_dataset(*c.dataset, d);
    gf::MiniBatchTrainer trainer(gf::make_samples(c.net, *c.dataset, d, 0, d.train_count),
                                 gf::make_samples(c.net, *c.dataset, d, d.train_count, d.size()), d.problem,
                                 c.batch_options(), 1);
    for (auto _ : state) {
        if (!trainer.run_epoch(c.net)) state.SkipWithError(trainer.message().c_str());
        const gf::DataMetrics m = trainer.evaluate(c.net);
        benchmark::DoNotOptimize(m.test_loss);
    }
    state.counters["epochs/s"] = benchmark::Counter(double(state.iterations()), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_epoch_spiral)->Arg(0)->Arg(1);

} // namespace

// A 784-128-10 network (101,770 parameters, about the page's limit) as config JSON: written
// (getConfig, a share link's #config=) and read back (setConfig, a link opened).
void BM_config_json_write(benchmark::State& state)
{
    const gf::Config c = net_for(2);
    std::size_t bytes = 0;
    for (auto _ : state) {
        const std::string text = gf::config_to_json(c, -1);
        bytes = text.size();
        benchmark::DoNotOptimize(text.data());
    }
    state.SetBytesProcessed(std::int64_t(state.iterations() * bytes));
}
BENCHMARK(BM_config_json_write)->Unit(benchmark::kMillisecond);

void BM_config_json_parse(benchmark::State& state)
{
    const std::string text = gf::config_to_json(net_for(2), -1);
    for (auto _ : state) {
        const gf::Config c = gf::parse_config(text);
        benchmark::DoNotOptimize(c.net.W.data());
    }
    state.SetBytesProcessed(std::int64_t(state.iterations() * text.size()));
}
BENCHMARK(BM_config_json_parse)->Unit(benchmark::kMillisecond);

BENCHMARK_MAIN();
