// Test helpers: random networks, and the seed's numbers from ../shared/reference/worked-examples.md.
#pragma once

#include "core/config.hpp"
#include "core/network.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <random>
#include <vector>

namespace gf::test {

// A random network of the given shape; pre-activations are kept away from ReLU's kink so that
// finite differences are smooth there (a kink within h would make them disagree legitimately).
inline Network random_network(std::mt19937_64& rng, std::vector<int> sizes, std::vector<Activation> act, Loss loss)
{
    std::uniform_real_distribution<double> u(-1.0, 1.0);
    Network n;
    n.sizes = std::move(sizes);
    n.act = std::move(act);
    n.loss = loss;
    for (std::size_t l = 0; l + 1 < n.sizes.size(); ++l) {
        Matrix w(n.sizes[l + 1], n.sizes[l]);
        for (double& v : w.v) v = u(rng);
        Vec b(std::size_t(n.sizes[l + 1]));
        for (double& v : b) v = 0.5 * u(rng);
        n.W.push_back(w);
        n.b.push_back(b);
    }
    return n;
}

inline Sample random_sample(std::mt19937_64& rng, const Network& n)
{
    std::uniform_real_distribution<double> u(-1.0, 1.0), p(0.05, 0.95);
    Sample s;
    for (int i = 0; i < n.inputs(); ++i) s.x.push_back(2.0 * u(rng));
    const bool prob = n.loss == Loss::cross_entropy;
    if (prob && n.act.back() == Activation::softmax) {
        double sum = 0.0;
        for (int i = 0; i < n.outputs(); ++i) {
            s.y.push_back(p(rng));
            sum += s.y.back();
        }
        for (double& v : s.y) v /= sum;
    } else {
        for (int i = 0; i < n.outputs(); ++i) s.y.push_back(prob ? p(rng) : u(rng));
    }
    return s;
}

// Smallest |a| over the network: tests that difference across a kink skip samples near one.
inline double min_abs_pre(const Trace& t)
{
    double m = INFINITY;
    for (const Vec& a : t.a)
        for (double v : a) m = std::min(m, std::abs(v));
    return m;
}

inline void require_vec(const Vec& got, const std::vector<double>& want, double rel, double abs = 0.0)
{
    REQUIRE(got.size() == want.size());
    for (std::size_t i = 0; i < want.size(); ++i) {
        INFO("index " << i << ": got " << got[i] << ", want " << want[i]);
        if (want[i] == 0.0 || abs > 0.0)
            CHECK_THAT(got[i], Catch::Matchers::WithinAbs(want[i], abs > 0.0 ? abs : 1e-15));
        else
            CHECK_THAT(got[i], Catch::Matchers::WithinRel(want[i], rel));
    }
}

} // namespace gf::test
