// The built-in presets are C++ values (src/core/presets.cpp). Their JSON texts live here, as an
// independent statement of each preset: parse_config(text) must build exactly what the C++ builds,
// and every preset must have a text.
#include "helpers.hpp"

#include "core/config.hpp"

#include <string>
#include <string_view>
#include <vector>

using namespace gf;

namespace {

struct PresetText {
    std::string_view name;
    const char* json;
};

// The presets as they read in a config file (README "Config format"), in presets() order.
const PresetText kPresetTexts[] = {
    {"seed", R"({
  "name": "seed",
  "description": "The handwritten notes' 4-4-2 network: sigmoid hidden units, softmax outputs, L = sum (y - yhat)^2.",
  "layers": [4, 4, 2],
  "activations": ["sigmoid", "softmax"],
  "loss": "sse",
  "W": [[[0.1, 0.3, 0.8, -0.4], [-0.3, 0.2, 0.5, 0.5], [-0.3, 0, 0.5, 0.4], [0.2, 0.5, -0.9, 0.7]],
        [[0.5, 0.8, 0.2, 0.4], [0.5, 0.2, 0.3, -0.5]]],
  "b": [[0, 0, 0, 0], [0, 0]],
  "x": [2, 5, 3, 3],
  "y": [1, 0],
  "learning_rate": 0.1,
  "train_biases": true
})"},
    {"mazur", R"({
  "name": "mazur",
  "description": "Mazur's 'A Step by Step Backpropagation Example': 2-2-2 sigmoid, half sum of squares, biases frozen, learning rate 0.5.",
  "layers": [2, 2, 2],
  "activations": ["sigmoid", "sigmoid"],
  "loss": "half_sse",
  "W": [[[0.15, 0.20], [0.25, 0.30]],
        [[0.40, 0.45], [0.50, 0.55]]],
  "b": [[0.35, 0.35], [0.60, 0.60]],
  "x": [0.05, 0.10],
  "y": [0.01, 0.99],
  "learning_rate": 0.5,
  "train_biases": false
})"},
    {"xor", R"({
  "name": "xor",
  "description": "XOR, the classic problem a single layer cannot solve: 2-2-1, tanh hidden, sigmoid output, binary cross-entropy.",
  "layers": [2, 2, 1],
  "activations": ["tanh", "sigmoid"],
  "loss": "cross_entropy",
  "W": [[[-1.06, 0.52], [-0.17, 0.5]], [[-1.07, 1.18]]],
  "b": [[0, 0], [0]],
  "x": [0, 1],
  "y": [1],
  "samples": [{"x": [0, 0], "y": [0]}, {"x": [1, 0], "y": [1]}, {"x": [1, 1], "y": [0]}],
  "learning_rate": 0.5,
  "train_biases": true
})"},
    {"classifier", R"({
  "name": "classifier",
  "description": "Three classes in the plane: 2-3-3, ReLU hidden, softmax output, categorical cross-entropy (dL/da = yhat - y).",
  "layers": [2, 3, 3],
  "activations": ["relu", "softmax"],
  "loss": "cross_entropy",
  "W": [[[0.6, -0.3], [-0.4, 0.8], [0.5, 0.5]],
        [[0.9, -0.2, 0.1], [-0.5, 0.7, 0.3], [0.2, 0.1, -0.6]]],
  "b": [[0.1, 0.1, 0.1], [0, 0, 0]],
  "x": [1.0, 0.5],
  "y": [1, 0, 0],
  "samples": [{"x": [-0.5, 1.0], "y": [0, 1, 0]}, {"x": [0.2, -1.0], "y": [0, 0, 1]}],
  "learning_rate": 0.3,
  "train_biases": true
})"},
    {"deep", R"({
  "name": "deep",
  "description": "Deeper: 2-8-8-8-1 with tanh hidden layers and a linear output, mean squared error. Weights from init_seed 7.",
  "layers": [2, 8, 8, 8, 1],
  "activations": ["tanh", "tanh", "tanh", "linear"],
  "loss": "mse",
  "init_seed": 7,
  "x": [0.5, -1.0],
  "y": [0.25],
  "learning_rate": 0.05,
  "train_biases": true
})"},
    {"wide", R"({
  "name": "wide",
  "description": "8 hidden layers of 32 leaky-ReLU neurons, softmax out: one first-layer weight reaches L by 32^7 · 4 paths.",
  "layers": [4, 32, 32, 32, 32, 32, 32, 32, 32, 2],
  "activations": ["leaky_relu", "leaky_relu", "leaky_relu", "leaky_relu", "leaky_relu", "leaky_relu", "leaky_relu", "leaky_relu", "softmax"],
  "loss": "cross_entropy",
  "init_seed": 3,
  "x": [1, -0.5, 0.25, 2],
  "y": [0, 1],
  "learning_rate": 0.01,
  "train_biases": true
})"},
    {"circle", R"({
  "name": "circle",
  "description": "Classification (labels -1/1 on a tanh output) on Playground's circle dataset with its default network: 2 inputs (x1, x2), hidden layers of 4 and 2 tanh, tanh output, half squared error, batch 10, learning rate 0.03.",
  "layers": [2, 4, 2, 1],
  "activations": ["tanh", "tanh", "tanh"],
  "loss": "half_sse",
  "init_seed": 1,
  "dataset": {"name": "circle", "points": 500, "noise": 0, "train_fraction": 0.5, "seed": 1, "features": ["x1", "x2"]},
  "batch_size": 10,
  "regularization": "none",
  "regularization_rate": 0,
  "learning_rate": 0.03,
  "train_biases": true
})"},
    {"xor-data", R"({
  "name": "xor-data",
  "description": "Classification (labels -1/1 on a tanh output) on Playground's xor dataset with its default network: 2 inputs (x1, x2), hidden layers of 4 and 2 tanh, tanh output, half squared error, batch 10, learning rate 0.03.",
  "layers": [2, 4, 2, 1],
  "activations": ["tanh", "tanh", "tanh"],
  "loss": "half_sse",
  "init_seed": 1,
  "dataset": {"name": "xor", "points": 500, "noise": 0, "train_fraction": 0.5, "seed": 1, "features": ["x1", "x2"]},
  "batch_size": 10,
  "regularization": "none",
  "regularization_rate": 0,
  "learning_rate": 0.03,
  "train_biases": true
})"},
    {"gauss", R"({
  "name": "gauss",
  "description": "Classification (labels -1/1 on a tanh output) on Playground's gauss dataset with its default network: 2 inputs (x1, x2), hidden layers of 4 and 2 tanh, tanh output, half squared error, batch 10, learning rate 0.03.",
  "layers": [2, 4, 2, 1],
  "activations": ["tanh", "tanh", "tanh"],
  "loss": "half_sse",
  "init_seed": 1,
  "dataset": {"name": "gauss", "points": 500, "noise": 0, "train_fraction": 0.5, "seed": 1, "features": ["x1", "x2"]},
  "batch_size": 10,
  "regularization": "none",
  "regularization_rate": 0,
  "learning_rate": 0.03,
  "train_biases": true
})"},
    {"spiral", R"({
  "name": "spiral",
  "description": "Classification (labels -1/1 on a tanh output) on Playground's spiral dataset with its default network: 2 inputs (x1, x2), hidden layers of 4 and 2 tanh, tanh output, half squared error, batch 10, learning rate 0.03.",
  "layers": [2, 4, 2, 1],
  "activations": ["tanh", "tanh", "tanh"],
  "loss": "half_sse",
  "init_seed": 1,
  "dataset": {"name": "spiral", "points": 500, "noise": 0, "train_fraction": 0.5, "seed": 1, "features": ["x1", "x2"]},
  "batch_size": 10,
  "regularization": "none",
  "regularization_rate": 0,
  "learning_rate": 0.03,
  "train_biases": true
})"},
    {"plane", R"({
  "name": "plane",
  "description": "Regression on Playground's plane dataset with its default network: 2 inputs (x1, x2), hidden layers of 4 and 2 tanh, linear output, half squared error, batch 10, learning rate 0.03.",
  "layers": [2, 4, 2, 1],
  "activations": ["tanh", "tanh", "linear"],
  "loss": "half_sse",
  "init_seed": 1,
  "dataset": {"name": "plane", "points": 1200, "noise": 0, "train_fraction": 0.5, "seed": 1, "features": ["x1", "x2"]},
  "batch_size": 10,
  "regularization": "none",
  "regularization_rate": 0,
  "learning_rate": 0.03,
  "train_biases": true
})"},
    {"gauss-reg", R"({
  "name": "gauss-reg",
  "description": "Regression on Playground's gauss-reg dataset with its default network: 2 inputs (x1, x2), hidden layers of 4 and 2 tanh, linear output, half squared error, batch 10, learning rate 0.03.",
  "layers": [2, 4, 2, 1],
  "activations": ["tanh", "tanh", "linear"],
  "loss": "half_sse",
  "init_seed": 1,
  "dataset": {"name": "gauss-reg", "points": 1200, "noise": 0, "train_fraction": 0.5, "seed": 1, "features": ["x1", "x2"]},
  "batch_size": 10,
  "regularization": "none",
  "regularization_rate": 0,
  "learning_rate": 0.03,
  "train_biases": true
})"},
};

// Field by field first, so a mismatch names the part that differs; then the whole Config, so a
// field added to Config later is compared too.
void check_same(const Config& parsed, const Config& built)
{
    CHECK(parsed.name == built.name);
    CHECK(parsed.description == built.description);
    CHECK(parsed.net.sizes == built.net.sizes);
    CHECK(parsed.net.act == built.net.act);
    CHECK(parsed.net.loss == built.net.loss);
    CHECK(parsed.net.W == built.net.W);
    CHECK(parsed.net.b == built.net.b);
    CHECK(parsed.samples == built.samples);
    CHECK(parsed.learning_rate == built.learning_rate);
    CHECK(parsed.train_biases == built.train_biases);
    CHECK(parsed.init_seed == built.init_seed);
    CHECK(parsed.dataset == built.dataset);
    CHECK(parsed.batch_size == built.batch_size);
    CHECK(parsed.regularization == built.regularization);
    CHECK(parsed.regularization_rate == built.regularization_rate);
    CHECK(parsed == built);
}

} // namespace

TEST_CASE("every preset has its JSON text here, in presets() order", "[config][presets]")
{
    std::vector<std::string> texts, built;
    for (const PresetText& p : kPresetTexts) texts.emplace_back(p.name);
    for (const PresetInfo& p : presets()) built.emplace_back(p.name);
    CHECK(texts == built);
}

TEST_CASE("each preset built in C++ is what its JSON text parses to", "[config][presets]")
{
    for (const PresetText& p : kPresetTexts) {
        INFO("preset " << p.name);
        check_same(parse_config(p.json), preset(p.name));
    }
}

TEST_CASE("each preset written as JSON reads back to itself", "[config][presets]")
{
    for (const PresetInfo& p : presets()) {
        INFO("preset " << p.name);
        const Config c = preset(p.name);
        Config back = parse_config(config_to_json(c));
        // config_to_json always writes W (README "Config format"), never the seed it came from.
        CHECK_FALSE(back.init_seed.has_value());
        back.init_seed = c.init_seed;
        check_same(back, c);
    }
}
