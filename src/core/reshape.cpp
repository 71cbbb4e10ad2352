#include "core/reshape.hpp"

#include <algorithm>
#include <cassert>

namespace gf {

namespace {

// A network of the new shape whose weights are the old ones where both have them (by `from`, the
// old layer index per new layer, -1 for a new layer) and fresh from init_weights elsewhere.
Network reshape(const Network& old, std::vector<int> sizes, std::vector<Activation> act, const std::vector<int>& from,
                std::uint64_t seed)
{
    Network n;
    n.sizes = std::move(sizes);
    n.act = std::move(act);
    n.loss = old.loss;
    init_weights(n, seed);
    for (std::size_t l = 0; l < n.W.size(); ++l) {
        const int o = from[l];
        if (o < 0) continue;
        const Matrix& ow = old.W[std::size_t(o)];
        Matrix& nw = n.W[l];
        for (int j = 0; j < std::min(ow.rows, nw.rows); ++j)
            for (int k = 0; k < std::min(ow.cols, nw.cols); ++k) nw(j, k) = ow(j, k);
        const Vec& ob = old.b[std::size_t(o)];
        for (std::size_t j = 0; j < std::min(ob.size(), n.b[l].size()); ++j) n.b[l][j] = ob[j];
    }
    return n;
}

std::vector<int> same_layers(const Network& net)
{
    std::vector<int> from(std::size_t(net.layers()));
    for (std::size_t l = 0; l < from.size(); ++l) from[l] = int(l);
    return from;
}

} // namespace

Network resize_layer(const Network& net, int i, int delta, std::uint64_t seed)
{
    assert(i >= 0 && i <= net.layers() && "resize_layer: i is a layer index, 0 (inputs) … layers() (outputs)");
    std::vector<int> sizes = net.sizes;
    sizes[std::size_t(i)] = std::max(sizes[std::size_t(i)] + delta, 0);
    return reshape(net, std::move(sizes), net.act, same_layers(net), seed);
}

Network insert_layer(const Network& net, int i, std::uint64_t seed)
{
    assert(i >= 0 && i < net.layers() && "insert_layer: a new layer goes after layer 0 (inputs) … layers() - 1");
    std::vector<int> sizes = net.sizes;
    std::vector<Activation> act = net.act;
    std::vector<int> from = same_layers(net);
    const Activation hidden = i >= 1             ? net.act[std::size_t(i) - 1]
                              : net.layers() > 1 ? net.act.front()
                                                 : Activation::sigmoid;
    sizes.insert(sizes.begin() + i + 1, net.sizes[std::size_t(i)]);
    act.insert(act.begin() + i, hidden);
    from.insert(from.begin() + i, -1);
    return reshape(net, std::move(sizes), std::move(act), from, seed);
}

Network remove_layer(const Network& net, int i, std::uint64_t seed)
{
    assert(i >= 1 && i < net.layers() && "remove_layer: only hidden layers 1 … layers() - 1 can be removed");
    std::vector<int> sizes = net.sizes;
    std::vector<Activation> act = net.act;
    std::vector<int> from = same_layers(net);
    sizes.erase(sizes.begin() + i);
    act.erase(act.begin() + i - 1);
    from.erase(from.begin() + i - 1);
    return reshape(net, std::move(sizes), std::move(act), from, seed);
}

void fit_samples(const Network& net, std::vector<Sample>& samples)
{
    for (Sample& s : samples) {
        s.x.resize(std::size_t(net.inputs()), 0.0);
        s.y.resize(std::size_t(net.outputs()), 0.0);
    }
}

} // namespace gf
