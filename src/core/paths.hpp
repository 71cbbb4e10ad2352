// Every chain-rule path from a parameter or node to the loss.
//
// A path is the sequence of nodes the notes write down, e.g. for the seed's w_212:
//   w_212 → a_21 → ŷ_1 → L   and   w_212 → a_21 → ŷ_2 → L.
// Each hop carries its local derivative, read from the Trace; the path's product is the product
// of its hops, and the products of all paths sum to ∂L/∂(start) from backprop.
//
// Counts grow as the product of layer widths, so paths are enumerated lazily, best first: an
// exact upper bound on |remaining product| from every node (a max-product dynamic programme)
// makes a best-first search return paths in decreasing |product| without visiting the rest.
#pragma once

#include "core/names.hpp"
#include "core/network.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace gf {

struct Path {
    std::vector<NodeRef> nodes; // start … L
    std::vector<double> local;  // local[i] = ∂nodes[i+1]/∂nodes[i]; local.size() = nodes.size() - 1
    double product = 0.0;       // Π local, with the last two hops taken as Trace::out_grad
    std::size_t rank = 0;       // 1 = the largest |product| of those listed (enumerate_paths' order)
};

// Puts listed paths in route order — by the nodes they visit, the order a person enumerates them
// (for w_212: via ŷ_1, then via ŷ_2) — so a path keeps its place when a training step changes
// which product is largest; Path::rank still says which is. Stable for equal routes.
void sort_by_route(std::vector<Path>& paths);

struct PathSet {
    NodeRef start;
    double count = 0.0;         // total number of paths (exact below 2^53)
    std::vector<Path> paths;    // the largest |product| first, at most `limit`
    double listed_sum = 0.0;    // Σ product over `paths`
    double gradient = 0.0;      // ∂L/∂start from backprop (= Σ over all paths)
    std::size_t requested = 0;  // min(limit, kMaxListedPaths): how many were asked for
    std::size_t search_cap = 0; // partial paths the search could keep
    bool truncated = false;     // the search hit its cap (kMaxSearchNodes) before listing
                                // `requested` paths: fewer are listed than asked for
    bool complete() const { return double(paths.size()) == count; }
};

inline constexpr std::size_t kMaxListedPaths = 100000;
inline constexpr std::size_t kMaxSearchNodes = std::size_t(8) << 20; // partial paths kept: 1.1 GB peak
                                                                     // measured at the cap (arena + queue)

// Paths from `start` to L; lists at most min(limit, kMaxListedPaths). The search keeps at most
// `max_search_nodes` partial paths (a parameter so tests can reach the cap on a small network).
PathSet enumerate_paths(const Network& net, const Trace& t, const NodeRef& start, std::size_t limit,
                        std::size_t max_search_nodes = kMaxSearchNodes);

// Number of paths from `start` to L without listing them.
double count_paths(const Network& net, const NodeRef& start);

// The factored form of ∂L/∂(start), one line of the chain rule per layer, e.g. for w_131:
//   ∂L/∂w_131 = ∂L/∂a_13 · ∂a_13/∂w_131
//   ∂L/∂a_13  = ∂L/∂h_13 · ∂h_13/∂a_13
//   ∂L/∂h_13  = Σ_o ∂L/∂a_2o · w_2o3
struct FactorTerm {
    NodeRef via;           // the node the gradient arrives from (e.g. a_2o)
    double upstream = 0.0; // ∂L/∂via
    double local = 0.0;    // ∂via/∂target
};
struct FactorLine {
    NodeRef target;                // the node whose gradient this line gives
    std::vector<FactorTerm> terms; // ∂L/∂target = Σ upstream · local
    double value = 0.0;            // from backprop
};
std::vector<FactorLine> factored_chain(const Network& net, const Trace& t, const NodeRef& start);

} // namespace gf
