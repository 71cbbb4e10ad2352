// libFuzzer target: any bytes as a parameter/node name for the seed network.
#include "core/config.hpp"
#include "core/names.hpp"

#include <cstddef>
#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    static const gf::Config seed = gf::preset("seed");
    gf::NodeRef r;
    std::string err;
    if (gf::parse_node(seed.net, std::string_view(reinterpret_cast<const char*>(data), size), r, err)) {
        // Whatever parses must name a real node, and its name must read back to it.
        gf::NodeRef back;
        if (!gf::parse_node(seed.net, gf::node_name(seed.net, r), back, err) || !(back == r)) __builtin_trap();
    } else if (err.empty() || err.size() > 2000) {
        __builtin_trap();
    }
    return 0;
}
