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

namespace gf {

namespace {

// W[l] written as it reads in the notes: one row per neuron fed, one column per neuron feeding it.
Matrix rows(std::initializer_list<std::initializer_list<double>> r)
{
    Matrix m(int(r.size()), int(r.begin()->size()));
    int i = 0;
    for (const std::initializer_list<double>& row : r) {
        assert(int(row.size()) == m.cols && "every row of a preset's W needs one weight per neuron of the layer below");
        std::copy(row.begin(), row.end(), m.row(i++));
    }
    return m;
}

Config seed()
{
    Config c;
    c.name = "seed";
    c.description =
        "The handwritten notes' 4-4-2 network: sigmoid hidden units, softmax outputs, L = sum (y - yhat)^2.";
    c.net.sizes = {4, 4, 2};
    c.net.act = {Activation::sigmoid, Activation::softmax};
    c.net.loss = Loss::sse;
    c.net.W = {rows({{0.1, 0.3, 0.8, -0.4}, {-0.3, 0.2, 0.5, 0.5}, {-0.3, 0, 0.5, 0.4}, {0.2, 0.5, -0.9, 0.7}}),
               rows({{0.5, 0.8, 0.2, 0.4}, {0.5, 0.2, 0.3, -0.5}})};
    c.net.b = {{0, 0, 0, 0}, {0, 0}};
    c.samples = {{{2, 5, 3, 3}, {1, 0}}};
    c.learning_rate = 0.1;
    c.train_biases = true;
    return c;
}

Config mazur()
{
    Config c;
    c.name = "mazur";
    c.description = "Mazur's 'A Step by Step Backpropagation Example': 2-2-2 sigmoid, half sum of squares, biases "
                    "frozen, learning rate 0.5.";
    c.net.sizes = {2, 2, 2};
    c.net.act = {Activation::sigmoid, Activation::sigmoid};
    c.net.loss = Loss::half_sse;
    c.net.W = {rows({{0.15, 0.20}, {0.25, 0.30}}), rows({{0.40, 0.45}, {0.50, 0.55}})};
    c.net.b = {{0.35, 0.35}, {0.60, 0.60}};
    c.samples = {{{0.05, 0.10}, {0.01, 0.99}}};
    c.learning_rate = 0.5;
    c.train_biases = false;
    return c;
}

Config xor_()
{
    Config c;
    c.name = "xor";
    c.description = "XOR, the classic problem a single layer cannot solve: 2-2-1, tanh hidden, sigmoid output, "
                    "binary cross-entropy.";
    c.net.sizes = {2, 2, 1};
    c.net.act = {Activation::tanh, Activation::sigmoid};
    c.net.loss = Loss::cross_entropy;
    c.net.W = {rows({{-1.06, 0.52}, {-0.17, 0.5}}), rows({{-1.07, 1.18}})};
    c.net.b = {{0, 0}, {0}};
    c.samples = {{{0, 1}, {1}}, {{0, 0}, {0}}, {{1, 0}, {1}}, {{1, 1}, {0}}};
    c.learning_rate = 0.5;
    c.train_biases = true;
    return c;
}

Config classifier()
{
    Config c;
    c.name = "classifier";
    c.description = "Three classes in the plane: 2-3-3, ReLU hidden, softmax output, categorical cross-entropy "
                    "(dL/da = yhat - y).";
    c.net.sizes = {2, 3, 3};
    c.net.act = {Activation::relu, Activation::softmax};
    c.net.loss = Loss::cross_entropy;
    c.net.W = {rows({{0.6, -0.3}, {-0.4, 0.8}, {0.5, 0.5}}),
               rows({{0.9, -0.2, 0.1}, {-0.5, 0.7, 0.3}, {0.2, 0.1, -0.6}})};
    c.net.b = {{0.1, 0.1, 0.1}, {0, 0, 0}};
    c.samples = {{{1.0, 0.5}, {1, 0, 0}}, {{-0.5, 1.0}, {0, 1, 0}}, {{0.2, -1.0}, {0, 0, 1}}};
    c.learning_rate = 0.3;
    c.train_biases = true;
    return c;
}

Config deep()
{
    Config c;
    c.name = "deep";
    c.description = "Deeper: 2-8-8-8-1 with tanh hidden layers and a linear output, mean squared error. Weights from "
                    "init_seed 7.";
    c.net.sizes = {2, 8, 8, 8, 1};
    c.net.act = {Activation::tanh, Activation::tanh, Activation::tanh, Activation::linear};
    c.net.loss = Loss::mse;
    c.init_seed = 7; // W and b: complete_config
    c.samples = {{{0.5, -1.0}, {0.25}}};
    c.learning_rate = 0.05;
    c.train_biases = true;
    return c;
}

Config wide()
{
    Config c;
    c.name = "wide";
    c.description = "8 hidden layers of 32 leaky-ReLU neurons, softmax out: one first-layer weight reaches L by 32^7 "
                    "· 4 paths.";
    c.net.sizes = {4, 32, 32, 32, 32, 32, 32, 32, 32, 2};
    c.net.act.assign(8, Activation::leaky_relu);
    c.net.act.push_back(Activation::softmax);
    c.net.loss = Loss::cross_entropy;
    c.init_seed = 3; // W and b: complete_config
    c.samples = {{{1, -0.5, 0.25, 2}, {0, 1}}};
    c.learning_rate = 0.01;
    c.train_biases = true;
    return c;
}

// Playground's default network (2 inputs x1, x2; hidden layers of 4 and 2 tanh; half squared
// error, batch 10, η = 0.03) on one of its datasets. The shown sample is the first training point
// and W comes from init_seed 1 (complete_config).
Config playground(const char* name, const char* description, DatasetKind kind, int points, Activation output)
{
    Config c;
    c.name = name;
    c.description = description;
    c.net.sizes = {2, 4, 2, 1};
    c.net.act = {Activation::tanh, Activation::tanh, output};
    c.net.loss = Loss::half_sse;
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
    c.learning_rate = 0.03;
    c.train_biases = true;
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
