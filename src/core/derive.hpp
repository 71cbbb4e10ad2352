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
#include <vector>

namespace gf {

enum class DerivFormat { text, markdown, latex };
bool parse_deriv_format(std::string_view s, DerivFormat& out);

struct Derivation {
    NodeRef target;
    PathSet paths;                    // route order (sort_by_route), at most max_paths listed
    std::vector<FactorLine> factored; // one line per downstream node
    FdCheck fd;                       // central finite difference vs backprop
    // The notes' shortcut: only paths whose every softmax hop is ŷ_i ← a_i (no cross terms).
    // NaN when the listed paths are not all the paths.
    double diagonal_only_sum = 0.0;
    bool has_cross_terms = false; // some listed path crosses a softmax off-diagonal
};

inline constexpr std::size_t kDefaultDerivationPaths = 16;

Derivation derive(const Network& net, const Sample& s, const Trace& t, const NodeRef& target,
                  std::size_t max_paths = kDefaultDerivationPaths);

std::string format_derivation(const Network& net, const Derivation& d, DerivFormat format);

// "%.*g" with `sig` significant digits; "-0" becomes "0".
std::string format_number(double v, int sig);

// " (#1 by size, the largest)", " (#2 by size)": where a path's |product| ranks among those
// listed, shown beside its number in route order (which stays put across training steps);
// nothing when one path is listed.
std::string path_rank_text(const PathSet& ps, const Path& p);

// The text of one path, the single formatter behind the CLI's derivations, the inspector and
// the canvas's walk caption. Numbers go through `number` (format_number, or the UI's version
// with a real minus sign).
using NumberFormatter = std::string (*)(double v, int sig);

// "w_212 → a_21 → ŷ_2 → L" (LaTeX: "w_{212} \to a_{21} \to …"): the start to L.
std::string path_route(const Network& net, const Path& p, NameStyle style = NameStyle::text);
// "∂L/∂ŷ_1 · ∂ŷ_1/∂a_21 · ∂a_21/∂w_212": the hops from L back to the start, as the notes
// write the chain rule, joined by `times`.
std::string path_chain(const Network& net, const Path& p, NameStyle style = NameStyle::text,
                       std::string_view times = " · ");
// The local derivatives from L back to the start, one "(-0.425133771)" per hop, `sig` digits.
std::vector<std::string> path_factors(const Path& p, int sig, NumberFormatter number = format_number);
// "(-0.425133771) · (0.167382205) · (0.967704535) = -0.0688616882": the factors joined by
// `times`, then their product.
std::string path_product_line(const Path& p, int sig, std::string_view times = " · ",
                              NumberFormatter number = format_number);
// "(-0.1)(0.2) + (0.3)(0.4)": one factored-form line's terms, ∂L/∂via then ∂via/∂target.
std::string factor_line_numbers(const FactorLine& line, int sig, NumberFormatter number = format_number);

} // namespace gf
