// [SECTION] Building the derivation
// [SECTION] Shared pieces of every format
// [SECTION] The text of one path
// [SECTION] Plain text
// [SECTION] Markdown
// [SECTION] LaTeX
#include "core/derive.hpp"

#include <cmath>
#include <cstdio>

namespace gf {

bool parse_deriv_format(std::string_view s, DerivFormat& out)
{
    if (s == "text") {
        out = DerivFormat::text;
        return true;
    }
    if (s == "markdown" || s == "md") {
        out = DerivFormat::markdown;
        return true;
    }
    if (s == "latex" || s == "tex") {
        out = DerivFormat::latex;
        return true;
    }
    return false;
}

std::string format_number(double v, int sig)
{
    if (std::isnan(v)) return "NaN";
    if (std::isinf(v)) return v > 0 ? "inf" : "-inf";
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*g", sig, v);
    std::string s = buf;
    if (s == "-0") s = "0";
    return s;
}

std::string path_rank_text(const PathSet& ps, const Path& p)
{
    if (ps.paths.size() < 2 || p.rank == 0) return {};
    return " (#" + std::to_string(p.rank) + (p.rank == 1 ? " by size, the largest)" : " by size)");
}

// -----------------------------------------------------------------------------------------------
// [SECTION] Building the derivation
// -----------------------------------------------------------------------------------------------

Derivation derive(const Network& net, const Sample& s, const Trace& t, const NodeRef& target, std::size_t max_paths)
{
    Derivation d;
    d.target = target;
    d.paths = enumerate_paths(net, t, target, max_paths);
    sort_by_route(d.paths.paths); // a path keeps its number across training steps; rank gives the size order
    d.factored = factored_chain(net, t, target);
    if (target.kind != NodeKind::loss)
        d.fd = check_one(net, s, t, target);
    else {
        d.fd.ref = target;
        d.fd.backprop = d.fd.numeric = 1.0;
    }

    // A hop pre(l, k) → post(l, i) with i ≠ k is a softmax cross term.
    double diag = 0.0;
    for (const Path& p : d.paths.paths) {
        bool cross = false;
        for (std::size_t i = 0; i + 1 < p.nodes.size(); ++i)
            cross |= p.nodes[i].kind == NodeKind::pre && p.nodes[i + 1].kind == NodeKind::post &&
                     p.nodes[i].j != p.nodes[i + 1].j;
        d.has_cross_terms |= cross;
        if (!cross) diag += p.product;
    }
    d.diagonal_only_sum = d.paths.complete() ? diag : NAN;
    return d;
}

// -----------------------------------------------------------------------------------------------
// [SECTION] Shared pieces of every format
// -----------------------------------------------------------------------------------------------

namespace {

constexpr int kHopDigits = 9; // as the worked examples print them
constexpr int kSumDigits = 15;

// "(-0.425133771)(0.167382205)(0.967704535)" with `sep` between factors, L back to the start.
std::string numeric_chain(const Path& p, std::string_view sep)
{
    std::string s;
    for (const std::string& f : path_factors(p, kHopDigits)) {
        if (!s.empty()) s += sep;
        s += f;
    }
    return s;
}

std::string count_text(double c)
{
    if (c < 9007199254740992.0) {
        std::string digits = format_number(c, 17), out;
        for (std::size_t i = 0; i < digits.size(); ++i) {
            if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
            out += digits[i];
        }
        return out;
    }
    return format_number(c, 4);
}

// Code points, which is what a monospace terminal shows for these names.
std::size_t utf8_width(const std::string& s)
{
    std::size_t n = 0;
    for (unsigned char c : s) n += (c & 0xC0) != 0x80;
    return n;
}

std::string plural(double n, const char* one, const char* many) { return n == 1.0 ? one : many; }

std::string fd_verdict(const FdCheck& fd) { return fd.ok ? "agrees" : "DISAGREES — check the derivation"; }

std::string h_text() { return format_number(kFdStep, 3); }

} // namespace

// -----------------------------------------------------------------------------------------------
// [SECTION] The text of one path
// -----------------------------------------------------------------------------------------------

std::string path_route(const Network& net, const Path& p, NameStyle style)
{
    const char* arrow = style == NameStyle::latex ? " \\to " : style == NameStyle::ascii ? " -> " : " → ";
    std::string s;
    for (const NodeRef& n : p.nodes) {
        if (!s.empty()) s += arrow;
        s += node_name(net, n, style);
    }
    return s;
}

std::string path_chain(const Network& net, const Path& p, NameStyle style, std::string_view times)
{
    std::string s;
    for (std::size_t i = p.nodes.size(); i-- > 1;) {
        if (!s.empty()) s += times;
        s += partial_name(net, p.nodes[i], p.nodes[i - 1], style);
    }
    return s;
}

std::vector<std::string> path_factors(const Path& p, int sig, NumberFormatter number)
{
    std::vector<std::string> out;
    out.reserve(p.local.size());
    for (std::size_t i = p.local.size(); i-- > 0;) out.push_back("(" + number(p.local[i], sig) + ")");
    return out;
}

std::string path_product_line(const Path& p, int sig, std::string_view times, NumberFormatter number)
{
    std::string s;
    for (const std::string& f : path_factors(p, sig, number)) {
        if (!s.empty()) s += times;
        s += f;
    }
    return s + " = " + number(p.product, sig);
}

std::string factor_line_numbers(const FactorLine& line, int sig, NumberFormatter number)
{
    std::string s;
    for (const FactorTerm& term : line.terms) {
        if (!s.empty()) s += " + ";
        s += "(" + number(term.upstream, sig) + ")(" + number(term.local, sig) + ")";
    }
    return s;
}

// -----------------------------------------------------------------------------------------------
// [SECTION] Plain text
// -----------------------------------------------------------------------------------------------

namespace {

std::string format_text(const Network& net, const Derivation& d)
{
    const NameStyle st = NameStyle::text;
    const PathSet& ps = d.paths;
    const std::string lhs = gradient_name(net, d.target, st);
    const std::string who = node_name(net, d.target, st);
    std::string o;
    o += lhs + " by the chain rule: " + count_text(ps.count) + " " + plural(ps.count, "path", "paths") + " from " +
         who + " to L\n";
    if (!ps.complete()) o += "(listing the " + std::to_string(ps.paths.size()) + " with the largest |product|)\n";
    o += "\n";
    const std::string indent(2 + utf8_width(lhs) + 1, ' ');
    for (std::size_t i = 0; i < ps.paths.size(); ++i)
        o += (i == 0 ? "  " + lhs + " = " : indent + "+ ") + path_chain(net, ps.paths[i], st, " · ") + "\n";
    if (!ps.complete()) o += indent + "+ … (" + count_text(ps.count - double(ps.paths.size())) + " more)\n";

    o += "\nNumbers from the forward and backward pass, one line per path:\n";
    for (std::size_t i = 0; i < ps.paths.size(); ++i) {
        const Path& p = ps.paths[i];
        o += "  path " + std::to_string(i + 1) + path_rank_text(ps, p) + ":  " + path_route(net, p, st) + "\n      " +
             path_product_line(p, kHopDigits) + "\n";
    }
    o += "\n";
    if (ps.complete()) {
        o += "  sum of " + count_text(ps.count) + " " + plural(ps.count, "path", "paths") + ":  " + lhs + " = " +
             format_number(ps.listed_sum, kSumDigits) + "\n";
    } else {
        o += "  sum of the " + std::to_string(ps.paths.size()) +
             " listed:  " + format_number(ps.listed_sum, kSumDigits) + "\n";
        o += "  all " + count_text(ps.count) + " paths sum to the backprop value below\n";
    }
    o += "  backprop:          " + format_number(ps.gradient, kSumDigits) + "\n";
    if (d.target.kind != NodeKind::loss)
        o += "  finite difference: " + format_number(d.fd.numeric, 12) + "  (central, h = " + h_text() +
             "; relative error " + format_number(d.fd.rel_err, 2) + ") — " + fd_verdict(d.fd) + "\n";
    if (d.has_cross_terms && !std::isnan(d.diagonal_only_sum)) {
        o += "\nWithout the softmax cross terms (treating ŷ_i as if it depended on a_i alone) the sum would be " +
             format_number(d.diagonal_only_sum, kHopDigits);
        if (ps.gradient != 0.0)
            o += ", " + format_number(d.diagonal_only_sum / ps.gradient, 6) + " × the true gradient";
        o += ".\n";
    }

    o += "\nFactored form (one line per node, summing over where its output goes):\n";
    std::size_t shown = 0;
    for (const FactorLine& line : d.factored) {
        if (++shown > 12) {
            o += "  … " + std::to_string(d.factored.size() - 12) + " more lines\n";
            break;
        }
        if (line.terms.size() == 1 && line.terms[0].via.kind == NodeKind::loss) { // ∂L/∂ŷ_i: read off the loss
            o += "  " + partial_name(net, line.terms[0].via, line.target, st) + " = " +
                 format_number(line.value, kHopDigits) + "  (from the " + std::string(to_string(net.loss)) + " loss)\n";
            continue;
        }
        std::string terms;
        for (const FactorTerm& term : line.terms) {
            if (!terms.empty()) terms += " + ";
            terms += gradient_name(net, term.via, st) + " · " + partial_name(net, term.via, line.target, st);
        }
        o += "  " + gradient_name(net, line.target, st) + " = " + terms +
             "\n      = " + factor_line_numbers(line, kHopDigits) + " = " + format_number(line.value, kHopDigits) +
             "\n";
    }
    return o;
}

// -----------------------------------------------------------------------------------------------
// [SECTION] Markdown
// -----------------------------------------------------------------------------------------------

std::string format_markdown(const Network& net, const Derivation& d)
{
    const NameStyle st = NameStyle::latex;
    const PathSet& ps = d.paths;
    const NodeRef L = loss_ref(net);
    const std::string lhs = partial_name(net, L, d.target, st);
    std::string o;
    o += "**" + partial_name(net, L, d.target, NameStyle::text) + "** by the chain rule: " + count_text(ps.count) +
         " " + plural(ps.count, "path", "paths") + " from $" + node_name(net, d.target, st) + "$ to $L$";
    if (!ps.complete()) o += " (the " + std::to_string(ps.paths.size()) + " largest listed)";
    o += "\n\n$$" + lhs + " = ";
    for (std::size_t i = 0; i < ps.paths.size(); ++i) o += (i ? " + " : "") + path_chain(net, ps.paths[i], st, " \\, ");
    if (!ps.complete()) o += " + \\dots";
    o += "$$\n\n| # | path | local derivatives (from $L$ back) | product | by size |\n| ---: | --- | --- | ---: | "
         "---: |\n";
    for (std::size_t i = 0; i < ps.paths.size(); ++i) {
        const Path& p = ps.paths[i];
        o += "| " + std::to_string(i + 1) + " | $" + path_route(net, p, st) + "$ | $" + numeric_chain(p, "") + "$ | $" +
             format_number(p.product, kHopDigits) + "$ | #" + std::to_string(p.rank) + " |\n";
    }
    o += "\n";
    if (ps.complete())
        o += "- **Sum of " + count_text(ps.count) + " " + plural(ps.count, "path", "paths") + ":** $" +
             format_number(ps.listed_sum, kSumDigits) + "$\n";
    else
        o += "- **Sum of the " + std::to_string(ps.paths.size()) + " listed:** $" +
             format_number(ps.listed_sum, kSumDigits) + "$ (all " + count_text(ps.count) +
             " paths sum to the backprop value)\n";
    o += "- **Backprop:** $" + format_number(ps.gradient, kSumDigits) + "$\n";
    if (d.target.kind != NodeKind::loss)
        o += "- **Finite difference** (central, $h = 10^{-6}$): $" + format_number(d.fd.numeric, 12) +
             "$, relative error " + format_number(d.fd.rel_err, 2) + " — " + fd_verdict(d.fd) + "\n";
    if (d.has_cross_terms && !std::isnan(d.diagonal_only_sum) && ps.gradient != 0.0)
        o += "- Without the softmax cross terms the sum would be $" + format_number(d.diagonal_only_sum, kHopDigits) +
             "$, " + format_number(d.diagonal_only_sum / ps.gradient, 6) + " × the true gradient.\n";
    return o;
}

// -----------------------------------------------------------------------------------------------
// [SECTION] LaTeX
// -----------------------------------------------------------------------------------------------
// A fragment for \begin{align*} … \end{align*} (amsmath): rows end in \\, the relation is
// aligned with &.

std::string format_latex(const Network& net, const Derivation& d)
{
    const NameStyle st = NameStyle::latex;
    const PathSet& ps = d.paths;
    const NodeRef L = loss_ref(net);
    std::vector<std::string> rows;
    for (std::size_t i = 0; i < ps.paths.size(); ++i)
        rows.push_back((i == 0 ? partial_name(net, L, d.target, st) + " &= " : std::string("&\\quad + ")) +
                       path_chain(net, ps.paths[i], st, " \\, "));
    if (!ps.complete())
        rows.push_back("&\\quad + \\dots \\quad \\text{(" + count_text(ps.count - double(ps.paths.size())) +
                       " more paths)}");
    for (std::size_t i = 0; i < ps.paths.size(); ++i)
        rows.push_back(std::string(i == 0 ? "&= " : "&\\quad + ") + numeric_chain(ps.paths[i], ""));
    if (ps.paths.size() > 1) {
        std::string sum = "&= ";
        for (std::size_t i = 0; i < ps.paths.size(); ++i)
            sum += (i ? " + " : "") + std::string("(") + format_number(ps.paths[i].product, kHopDigits) + ")";
        if (!ps.complete()) sum += " + \\dots";
        rows.push_back(sum);
    }
    rows.push_back("&= " + format_number(ps.gradient, kSumDigits));
    if (d.target.kind != NodeKind::loss)
        rows.push_back("&\\approx " + format_number(d.fd.numeric, 12) +
                       " \\quad \\text{(central finite difference, } h = 10^{-6}\\text{)}");
    std::string o;
    for (std::size_t i = 0; i < rows.size(); ++i) o += rows[i] + (i + 1 < rows.size() ? " \\\\\n" : "\n");
    return o;
}

} // namespace

std::string format_derivation(const Network& net, const Derivation& d, DerivFormat format)
{
    switch (format) {
    case DerivFormat::text: return format_text(net, d);
    case DerivFormat::markdown: return format_markdown(net, d);
    case DerivFormat::latex: return format_latex(net, d);
    }
    return {};
}

} // namespace gf
