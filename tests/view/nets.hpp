// The networks layouts are checked on: the presets and synthetic deep/wide ones.
#pragma once

#include "core/config.hpp"
#include "core/network.hpp"

#include <string>
#include <utility>
#include <vector>

namespace gf::view::test {

// `hidden` layers of `width` tanh neurons between `in` inputs and `out` softmax outputs.
inline Network mlp(int in, int hidden, int width, int out)
{
    Network net;
    net.sizes.push_back(in);
    for (int l = 0; l < hidden; ++l) net.sizes.push_back(width);
    net.sizes.push_back(out);
    for (int l = 0; l < hidden; ++l) net.act.push_back(Activation::tanh);
    net.act.push_back(Activation::softmax);
    net.loss = Loss::cross_entropy;
    init_weights(net, 5);
    return net;
}

inline std::vector<std::pair<std::string, Network>> layout_nets()
{
    return {
        {"seed", preset("seed").net},
        {"mazur", preset("mazur").net},
        {"8x32", mlp(32, 8, 32, 32)},
        {"wide preset", preset("wide").net},
        {"15 layers x 32", mlp(32, 14, 32, 10)}, // kMaxLayers: 16 sizes
        {"784-100-10 (elided)", mlp(784, 1, 100, 10)},
    };
}

inline const std::vector<std::pair<float, float>>& canvas_sizes()
{
    static const std::vector<std::pair<float, float>> s = {
        {640, 400}, {1280, 800}, {1920, 1080}, {320, 200}, {400, 900}};
    return s;
}

} // namespace gf::view::test
