// The built-in presets as C++ values. Start-up shows the seed preset, so building one must not need
// the JSON reader: on the page that keeps the parser out of the part a watching reader downloads.
// What a preset leaves out (W from init_seed, zero biases, the first training point as the shown
// sample) is filled in by complete_config(), the same code parse_config uses. Each preset's JSON
// text is kept in tests/core/test_presets.cpp, which checks it parses to exactly what is built here.
#include "core/config.hpp"

#include "core/names.hpp"

#include <algorithm>
#include <cassert>
#include <initializer_list>
#include <iterator>
#include <optional>
#include <span>

namespace gf {

namespace {

// A preset's network shape and training settings; W, b and samples are added by the helpers below
// or, where a preset leaves them out, by complete_config().
Config network(const char* name, const char* description, std::initializer_list<int> sizes,
               std::initializer_list<Activation> act, Loss loss, double learning_rate, bool train_biases)
{
    Config c;
    c.name = name;
    c.description = description;
    c.net.sizes = sizes;
    c.net.act = act;
    c.net.loss = loss;
    c.learning_rate = learning_rate;
    c.train_biases = train_biases;
    return c;
}

// W of every layer in turn, each written out × in as the notes write it (one row per neuron fed,
// one column per neuron feeding it), then b likewise. Flat arrays of numbers rather than nested
// vectors: the builders stay a few hundred bytes of wasm each.
void set_params(Network& net, std::span<const double> W, std::span<const double> b)
{
    std::size_t w = 0, k = 0;
    net.W.clear();
    net.b.clear();
    for (int l = 0; l < net.layers(); ++l) {
        Matrix m(net.width(l), net.sizes[std::size_t(l)]);
        assert(w + m.v.size() <= W.size() && k + std::size_t(m.rows) <= b.size() &&
               "a preset's W and b must hold exactly its network's parameters");
        std::copy_n(W.begin() + std::ptrdiff_t(w), m.v.size(), m.v.begin());
        w += m.v.size();
        net.b.emplace_back(b.begin() + std::ptrdiff_t(k), b.begin() + std::ptrdiff_t(k + std::size_t(m.rows)));
        k += std::size_t(m.rows);
        net.W.push_back(std::move(m));
    }
    assert(w == W.size() && k == b.size() && "a preset's W and b must hold exactly its network's parameters");
}

// The samples, each as x then y; the first is the one shown.
void set_samples(Config& c, std::span<const double> xy)
{
    const std::size_t nx = std::size_t(c.net.inputs()), ny = std::size_t(c.net.outputs());
    assert(xy.size() % (nx + ny) == 0 && "a preset's samples are x then y, one after another");
    c.samples.clear();
    for (auto p = xy.begin(); p != xy.end(); p += std::ptrdiff_t(nx + ny))
        c.samples.push_back({Vec(p, p + std::ptrdiff_t(nx)), Vec(p + std::ptrdiff_t(nx), p + std::ptrdiff_t(nx + ny))});
}

Config seed()
{
    Config c = network("seed",
                       "The handwritten notes' 4-4-2 network: sigmoid hidden units, softmax outputs, "
                       "L = sum (y - yhat)^2.",
                       {4, 4, 2}, {Activation::sigmoid, Activation::softmax}, Loss::sse, 0.1, true);
    static constexpr double W[] = {
        0.1,  0.3, 0.8,  -0.4, // → a_11
        -0.3, 0.2, 0.5,  0.5,  // → a_12
        -0.3, 0,   0.5,  0.4,  // → a_13
        0.2,  0.5, -0.9, 0.7,  // → a_14
        0.5,  0.8, 0.2,  0.4,  // → a_21
        0.5,  0.2, 0.3,  -0.5, // → a_22
    };
    static constexpr double b[] = {0, 0, 0, 0, /* layer 2 */ 0, 0};
    static constexpr double samples[] = {2, 5, 3, 3, /* y */ 1, 0};
    set_params(c.net, W, b);
    set_samples(c, samples);
    return c;
}

Config mazur()
{
    Config c = network("mazur",
                       "Mazur's 'A Step by Step Backpropagation Example': 2-2-2 sigmoid, half sum of squares, biases "
                       "frozen, learning rate 0.5.",
                       {2, 2, 2}, {Activation::sigmoid, Activation::sigmoid}, Loss::half_sse, 0.5, false);
    static constexpr double W[] = {
        0.15, 0.20, // → a_11
        0.25, 0.30, // → a_12
        0.40, 0.45, // → a_21
        0.50, 0.55, // → a_22
    };
    static constexpr double b[] = {0.35, 0.35, /* layer 2 */ 0.60, 0.60};
    static constexpr double samples[] = {0.05, 0.10, /* y */ 0.01, 0.99};
    set_params(c.net, W, b);
    set_samples(c, samples);
    return c;
}

Config xor_()
{
    Config c = network("xor",
                       "XOR, the classic problem a single layer cannot solve: 2-2-1, tanh hidden, sigmoid output, "
                       "binary cross-entropy.",
                       {2, 2, 1}, {Activation::tanh, Activation::sigmoid}, Loss::cross_entropy, 0.5, true);
    static constexpr double W[] = {
        -1.06, 0.52, // → a_11
        -0.17, 0.5,  // → a_12
        -1.07, 1.18, // → a_21
    };
    static constexpr double b[] = {0, 0, /* layer 2 */ 0};
    static constexpr double samples[] = {
        0, 1, /* y */ 1, //
        0, 0, /* y */ 0, //
        1, 0, /* y */ 1, //
        1, 1, /* y */ 0, //
    };
    set_params(c.net, W, b);
    set_samples(c, samples);
    return c;
}

Config classifier()
{
    Config c = network("classifier",
                       "Three classes in the plane: 2-3-3, ReLU hidden, softmax output, categorical cross-entropy "
                       "(dL/da = yhat - y).",
                       {2, 3, 3}, {Activation::relu, Activation::softmax}, Loss::cross_entropy, 0.3, true);
    static constexpr double W[] = {
        0.6,  -0.3,      // → a_11
        -0.4, 0.8,       // → a_12
        0.5,  0.5,       // → a_13
        0.9,  -0.2, 0.1, // → a_21
        -0.5, 0.7,  0.3, // → a_22
        0.2,  0.1,  -0.6 // → a_23
    };
    static constexpr double b[] = {0.1, 0.1, 0.1, /* layer 2 */ 0, 0, 0};
    static constexpr double samples[] = {
        1.0,  0.5,  /* y */ 1, 0, 0, //
        -0.5, 1.0,  /* y */ 0, 1, 0, //
        0.2,  -1.0, /* y */ 0, 0, 1, //
    };
    set_params(c.net, W, b);
    set_samples(c, samples);
    return c;
}

Config deep()
{
    Config c = network("deep",
                       "Deeper: 2-8-8-8-1 with tanh hidden layers and a linear output, mean squared error. Weights "
                       "from init_seed 7.",
                       {2, 8, 8, 8, 1}, {Activation::tanh, Activation::tanh, Activation::tanh, Activation::linear},
                       Loss::mse, 0.05, true);
    c.init_seed = 7; // W and b: complete_config
    static constexpr double samples[] = {0.5, -1.0, /* y */ 0.25};
    set_samples(c, samples);
    return c;
}

Config wide()
{
    constexpr Activation leaky = Activation::leaky_relu;
    Config c = network("wide",
                       "8 hidden layers of 32 leaky-ReLU neurons, softmax out: one first-layer weight reaches L by "
                       "32^7 · 4 paths.",
                       {4, 32, 32, 32, 32, 32, 32, 32, 32, 2},
                       {leaky, leaky, leaky, leaky, leaky, leaky, leaky, leaky, Activation::softmax},
                       Loss::cross_entropy, 0.01, true);
    c.init_seed = 3; // W and b: complete_config
    static constexpr double samples[] = {1, -0.5, 0.25, 2, /* y */ 0, 1};
    set_samples(c, samples);
    return c;
}

// Playground's default network (2 inputs x1, x2; hidden layers of 4 and 2 tanh; half squared
// error, batch 10, η = 0.03) on one of its datasets. The shown sample is the first training point
// and W comes from init_seed 1 (complete_config).
Config playground(const char* name, const char* description, DatasetKind kind, int points, Activation output)
{
    Config c = network(name, description, {2, 4, 2, 1}, {Activation::tanh, Activation::tanh, output}, Loss::half_sse,
                       0.03, true);
    c.init_seed = 1;
    DataSpec d;
    d.kind = kind;
    d.points = points;
    d.noise = 0;
    d.train_fraction = 0.5;
    d.seed = 1;
    d.features = {Feature::x1, Feature::x2};
    c.dataset = d;
    c.batch_size = 10;
    c.regularization = Regularization::none;
    c.regularization_rate = 0;
    return c;
}

Config circle()
{
    return playground("circle",
                      "Classification (labels -1/1 on a tanh output) on Playground's circle dataset with its default "
                      "network: 2 inputs (x1, x2), hidden layers of 4 and 2 tanh, tanh output, half squared error, "
                      "batch 10, learning rate 0.03.",
                      DatasetKind::circle, 500, Activation::tanh);
}

Config xor_data()
{
    return playground("xor-data",
                      "Classification (labels -1/1 on a tanh output) on Playground's xor dataset with its default "
                      "network: 2 inputs (x1, x2), hidden layers of 4 and 2 tanh, tanh output, half squared error, "
                      "batch 10, learning rate 0.03.",
                      DatasetKind::xor_, 500, Activation::tanh);
}

Config gauss()
{
    return playground("gauss",
                      "Classification (labels -1/1 on a tanh output) on Playground's gauss dataset with its default "
                      "network: 2 inputs (x1, x2), hidden layers of 4 and 2 tanh, tanh output, half squared error, "
                      "batch 10, learning rate 0.03.",
                      DatasetKind::gauss, 500, Activation::tanh);
}

Config spiral()
{
    return playground("spiral",
                      "Classification (labels -1/1 on a tanh output) on Playground's spiral dataset with its default "
                      "network: 2 inputs (x1, x2), hidden layers of 4 and 2 tanh, tanh output, half squared error, "
                      "batch 10, learning rate 0.03.",
                      DatasetKind::spiral, 500, Activation::tanh);
}

Config plane()
{
    return playground("plane",
                      "Regression on Playground's plane dataset with its default network: 2 inputs (x1, x2), hidden "
                      "layers of 4 and 2 tanh, linear output, half squared error, batch 10, learning rate 0.03.",
                      DatasetKind::plane, 1200, Activation::linear);
}

Config gauss_reg()
{
    return playground("gauss-reg",
                      "Regression on Playground's gauss-reg dataset with its default network: 2 inputs (x1, x2), "
                      "hidden layers of 4 and 2 tanh, linear output, half squared error, batch 10, learning rate 0.03.",
                      DatasetKind::gauss_reg, 1200, Activation::linear);
}

struct PresetEntry {
    PresetInfo info;
    Config (*build)();
};

const PresetEntry kPresets[] = {
    {{"seed", "the course notes' 4-4-2 net: sigmoid hidden, softmax out, sum-of-squares loss"}, seed},
    {{"mazur", "Matt Mazur's step-by-step 2-2-2 example: sigmoid everywhere, E = sum 1/2 (t - o)^2, frozen biases"},
     mazur},
    {{"xor", "XOR with a 2-2-1 net: tanh hidden, sigmoid out, binary cross-entropy, four samples"}, xor_},
    {{"classifier", "a 2-3-3 softmax classifier with categorical cross-entropy, three samples"}, classifier},
    {{"deep", "a 2-8-8-8-1 tanh regression net (initialised from init_seed 7)"}, deep},
    {{"wide", "8 hidden layers of 32 (leaky ReLU), to see how paths multiply"}, wide},
    {{"circle", "a blob inside a ring (Playground's circle), 500 points, the default 2-4-2-1 tanh net"}, circle},
    {{"xor-data", "Playground's exclusive-or: 500 points in four quadrants, the default 2-4-2-1 tanh net"}, xor_data},
    {{"gauss", "two Gaussian clusters (Playground's), 500 points, the default 2-4-2-1 tanh net"}, gauss},
    {{"spiral", "two interleaved spirals (Playground's hardest), 500 points, the default 2-4-2-1 tanh net"}, spiral},
    {{"plane", "regression on a tilted plane (Playground's), 1200 points, 2-4-2-1 tanh with a linear output"}, plane},
    {{"gauss-reg", "regression on six Gaussian bumps (Playground's), 1200 points, 2-4-2-1 tanh, linear output"},
     gauss_reg},
};

} // namespace

const std::vector<PresetInfo>& presets()
{
    static const std::vector<PresetInfo> list = [] {
        std::vector<PresetInfo> v;
        for (const PresetEntry& p : kPresets) v.push_back(p.info);
        return v;
    }();
    return list;
}

Config preset(std::string_view name)
{
    // Each preset is built once and kept: start-up asks for the default preset twice (the Session,
    // then the page's link), and matching_preset() compares a config with all of them; a data
    // preset's first sample means generating its points. (gradflow is single-threaded: no lock.)
    static std::optional<Config> built[std::size(kPresets)];
    for (std::size_t i = 0; i < std::size(kPresets); ++i) {
        if (kPresets[i].info.name != name) continue;
        if (!built[i]) {
            Config c = kPresets[i].build();
            complete_config(c);
            assert(c.name == name && validate_network(c.net).empty() && "a preset's builder made an invalid network");
            built[i] = std::move(c);
        }
        return *built[i];
    }
    std::string names;
    for (const PresetEntry& p : kPresets) names += std::string(names.empty() ? "" : ", ") + std::string(p.info.name);
    throw ConfigError("there is no preset \"" + clip_utf8(name, 64) + "\"; the presets are " + names);
}

} // namespace gf
