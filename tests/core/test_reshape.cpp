#include "helpers.hpp"

#include "core/reshape.hpp"

using namespace gf;

TEST_CASE("adding a neuron keeps every old weight and gives the new one fresh weights", "[reshape]")
{
    const Network old = preset("seed").net; // 4-4-2
    const Network n = resize_layer(old, 1, +1, 7);
    REQUIRE(n.sizes == std::vector<int>{4, 5, 2});
    REQUIRE(validate_network(n).empty());
    for (int j = 0; j < 4; ++j)
        for (int k = 0; k < 4; ++k) CHECK(n.W[0](j, k) == old.W[0](j, k));
    for (int j = 0; j < 2; ++j)
        for (int k = 0; k < 4; ++k) CHECK(n.W[1](j, k) == old.W[1](j, k));
    // The new neuron's row and the new column into layer 2 come from init_weights(seed).
    Network fresh = n;
    init_weights(fresh, 7);
    for (int k = 0; k < 4; ++k) CHECK(n.W[0](4, k) == fresh.W[0](4, k));
    for (int j = 0; j < 2; ++j) CHECK(n.W[1](j, 4) == fresh.W[1](j, 4));
    CHECK(n.b[0][4] == 0.0);
}

TEST_CASE("removing a neuron drops its row and column, and the last one cannot go", "[reshape]")
{
    const Network old = preset("seed").net;
    const Network n = resize_layer(old, 1, -1, 1);
    REQUIRE(n.sizes == std::vector<int>{4, 3, 2});
    REQUIRE(validate_network(n).empty());
    for (int j = 0; j < 3; ++j) CHECK(n.b[0][std::size_t(j)] == old.b[0][std::size_t(j)]);
    for (int j = 0; j < 2; ++j)
        for (int k = 0; k < 3; ++k) CHECK(n.W[1](j, k) == old.W[1](j, k));
    // Down to zero neurons: a network validate_network refuses in words.
    Network thin = preset("xor").net; // 2-2-1
    thin = resize_layer(thin, 2, -1, 1);
    CHECK(thin.sizes.back() == 0);
    CHECK_FALSE(validate_network(thin).empty());
}

TEST_CASE("inserting a layer keeps every matrix, and removing it gives the network back", "[reshape]")
{
    const Network old = preset("seed").net;
    const Network n = insert_layer(old, 1, 3);
    REQUIRE(n.sizes == std::vector<int>{4, 4, 4, 2});
    REQUIRE(n.act.size() == 3);
    CHECK(n.act[1] == old.act[0]); // the new hidden layer is like the one before it
    REQUIRE(validate_network(n).empty());
    CHECK(n.W[0] == old.W[0]);
    CHECK(n.W[2] == old.W[1]);
    CHECK(n.b[2] == old.b[1]);
    CHECK(n.W[1] != old.W[0]); // fresh, from the seed
    CHECK(remove_layer(n, 2, 3) == old);
}

TEST_CASE("removing the first hidden layer pads the next matrix to the input width", "[reshape]")
{
    const Network old = preset("classifier").net; // 2-3-3
    const Network n = remove_layer(old, 1, 5);
    REQUIRE(n.sizes == std::vector<int>{2, 3});
    REQUIRE(validate_network(n).empty());
    for (int j = 0; j < 3; ++j)
        for (int k = 0; k < 2; ++k) CHECK(n.W[0](j, k) == old.W[1](j, k));
    CHECK(n.act == std::vector<Activation>{old.act[1]});
}

TEST_CASE("samples follow the network's widths", "[reshape]")
{
    Config c = preset("seed");
    c.net = resize_layer(c.net, 0, +2, 1);
    c.net = resize_layer(c.net, 2, -1, 1);
    fit_samples(c.net, c.samples);
    REQUIRE(c.sample().x.size() == 6);
    CHECK(c.sample().x[4] == 0.0);
    CHECK(c.sample().x[0] == preset("seed").sample().x[0]);
    CHECK(c.sample().y.size() == 1);
    CHECK(validate_sample(c.net, c.sample()).empty());
}
