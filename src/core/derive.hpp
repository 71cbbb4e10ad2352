// The chain-rule derivation of one gradient, written the way the seed's notes write it:
// the symbolic chain, the numbers substituted hop by hop (one line per path), the sum, and a
// central finite difference beside it. Plain text, Markdown, or LaTeX for an align* block.
#pragma once

#include "core/gradcheck.hpp"
#include "core/names.hpp"
#include "core/network.hpp"
#include "core/paths.hpp"

#include <string>
#include <string_view>

namespace gf {

enum class DerivFormat { text, markdown, latex };
bool parse_deriv_format(std::string_view s, DerivFormat& out);

struct Derivation {
    NodeRef                 target;
    PathSet                 paths;         // best first, at most max_paths listed
    std::vector<FactorLine> factored;      // one line per downstream node
    FdCheck                 fd;            // central finite difference vs backprop
    // The notes' shortcut: only paths whose every softmax hop is ŷ_i ← a_i (no cross terms).
    // NaN when the listed paths are not all the paths.
    double                  diagonal_only_sum = 0.0;
    bool                    has_cross_terms = false;  // some listed path crosses a softmax off-diagonal
};

inline constexpr std::size_t kDefaultDerivationPaths = 16;

Derivation derive(const Network& net, const Sample& s, const Trace& t, const NodeRef& target,
                  std::size_t max_paths = kDefaultDerivationPaths);

std::string format_derivation(const Network& net, const Derivation& d, DerivFormat format);

// "%.*g" with `sig` significant digits; "-0" becomes "0".
std::string format_number(double v, int sig);

} // namespace gf
