// The derivation of dL/dw_212 carries the right numbers in every format.
#include "helpers.hpp"

#include "core/derive.hpp"

#include <algorithm>

using namespace gf;
using Catch::Matchers::Contains;

namespace {
std::string derivation(const char* preset_name, const char* param, DerivFormat f, std::size_t max_paths = 16)
{
    const Config c = preset(preset_name);
    const Trace t = forward_backward(c.net, c.sample());
    NodeRef r;
    std::string err;
    REQUIRE(parse_node(c.net, param, r, err));
    return format_derivation(c.net, derive(c.net, c.sample(), t, r, max_paths), f);
}

// Balanced braces and \frac with two groups: the cheapest check that a fragment will typeset.
bool balanced(const std::string& s)
{
    int depth = 0;
    for (char c : s) {
        depth += c == '{' ? 1 : c == '}' ? -1 : 0;
        if (depth < 0) return false;
    }
    return depth == 0;
}
} // namespace

TEST_CASE("derivation of w_212 in plain text", "[derive]")
{
    const std::string s = derivation("seed", "w_212", DerivFormat::text);
    CHECK_THAT(s, Contains("2 paths from w_212 to L"));
    CHECK_THAT(s, Contains("∂L/∂ŷ_1 · ∂ŷ_1/∂a_21 · ∂a_21/∂w_212"));
    CHECK_THAT(s, Contains("∂L/∂ŷ_2 · ∂ŷ_2/∂a_21 · ∂a_21/∂w_212"));
    CHECK_THAT(s, Contains("(-0.425133771) · (0.167382205) · (0.967704535) = -0.0688616882"));
    CHECK_THAT(s, Contains("(0.425133771) · (-0.167382205) · (0.967704535) = -0.0688616882"));
    CHECK_THAT(s, Contains("-0.137723376450254"));
    CHECK_THAT(s, Contains("agrees"));
    CHECK_THAT(s, Contains("0.5 × the true gradient"));
}

TEST_CASE("derivation of w_212 in Markdown", "[derive]")
{
    const std::string s = derivation("seed", "w_212", DerivFormat::markdown);
    CHECK_THAT(s, Contains("$w_{212} \\to a_{21} \\to \\hat{y}_{1} \\to L$"));
    CHECK_THAT(s, Contains("$(-0.425133771)(0.167382205)(0.967704535)$"));
    CHECK_THAT(s, Contains("| $-0.0688616882$ |"));
    CHECK_THAT(s, Contains("$-0.137723376450254$"));
    CHECK(balanced(s));
}

TEST_CASE("derivation of w_212 in LaTeX for align*", "[derive]")
{
    const std::string s = derivation("seed", "w_212", DerivFormat::latex);
    CHECK_THAT(s, Contains("\\frac{\\partial L}{\\partial w_{212}} &= "));
    CHECK_THAT(s, Contains("\\frac{\\partial \\hat{y}_{1}}{\\partial a_{21}}"));
    CHECK_THAT(s, Contains("&= (-0.425133771)(0.167382205)(0.967704535)"));
    CHECK_THAT(s, Contains("&= -0.137723376450254"));
    CHECK_THAT(s, Contains("&\\approx -0.137723376"));
    CHECK(balanced(s));
    // Every row but the last ends in \\; no blank lines (they break align*).
    CHECK(s.find("\n\n") == std::string::npos);
    CHECK(s.substr(s.size() - 3) != "\\\\\n");
}

TEST_CASE("derivation of w_131 lists its four paths and the factored form", "[derive]")
{
    const std::string s = derivation("seed", "w_131", DerivFormat::text);
    CHECK_THAT(s, Contains("4 paths from w_131 to L"));
    CHECK_THAT(s, Contains("0.00414981508"));
    CHECK_THAT(s, Contains("-0.00276654339"));
    CHECK_THAT(s, Contains("0.00276654338796"));
    CHECK_THAT(s, Contains("∂L/∂h_13 = ∂L/∂a_21 · ∂a_21/∂h_13 + ∂L/∂a_22 · ∂a_22/∂h_13"));
}

TEST_CASE("a capped derivation says how many paths it left out", "[derive]")
{
    const std::string s = derivation("wide", "w_111", DerivFormat::text, 5);
    CHECK_THAT(s, Contains("listing the 5 with the largest |product|"));
    CHECK_THAT(s, Contains("more)"));
    const std::string tex = derivation("wide", "w_111", DerivFormat::latex, 5);
    CHECK_THAT(tex, Contains("\\dots"));
    CHECK(balanced(tex));
}

TEST_CASE("indices of 10 or more use commas", "[derive][names]")
{
    Network n;
    n.sizes = {12, 11, 2};
    n.act = {Activation::tanh, Activation::softmax};
    n.loss = Loss::sse;
    init_weights(n, 2);
    CHECK(node_name(n, {NodeKind::weight, 0, 10, 11}) == "w_1,11,12");
    CHECK(node_name(n, {NodeKind::weight, 0, 10, 11}, NameStyle::latex) == "w_{1,11,12}");
    CHECK(node_name(n, {NodeKind::pre, 0, 10, 0}, NameStyle::latex) == "a_{1,11}");
    CHECK(node_name(n, {NodeKind::weight, 1, 0, 1}, NameStyle::latex) == "w_{212}");
}

// -----------------------------------------------------------------------------------------------
// The text of one path: the formatter the CLI, the inspector and the canvas share.
// -----------------------------------------------------------------------------------------------

namespace {
struct SeedPaths {
    Config c = preset("seed");
    Trace t = forward_backward(c.net, c.sample());
    PathSet ps;
    explicit SeedPaths(const char* param)
    {
        NodeRef r;
        std::string err;
        REQUIRE(parse_node(c.net, param, r, err));
        ps = enumerate_paths(c.net, t, r, 16);
    }
    // The path through `via` (a node name), whatever order enumerate_paths lists it in.
    const Path& through(const char* via) const
    {
        NodeRef v;
        std::string err;
        REQUIRE(parse_node(c.net, via, v, err));
        for (const Path& p : ps.paths)
            if (std::find(p.nodes.begin(), p.nodes.end(), v) != p.nodes.end()) return p;
        FAIL("no path through " << via);
        return ps.paths.front();
    }
};

std::string bracketed(double v, int sig) { return "<" + format_number(v, sig) + ">"; }
} // namespace

TEST_CASE("a path's route, chain and factors read as the worked example writes them", "[derive][path-text]")
{
    const SeedPaths s("w_212");
    REQUIRE(s.ps.paths.size() == 2);
    const Path& p1 = s.through("yhat_1");
    const Path& p2 = s.through("yhat_2");

    CHECK(path_route(s.c.net, p1) == "w_212 → a_21 → ŷ_1 → L");
    CHECK(path_route(s.c.net, p2) == "w_212 → a_21 → ŷ_2 → L");
    CHECK(path_route(s.c.net, p2, NameStyle::ascii) == "w_212 -> a_21 -> yhat_2 -> L");
    CHECK(path_route(s.c.net, p1, NameStyle::latex) == "w_{212} \\to a_{21} \\to \\hat{y}_{1} \\to L");

    // From L back to the start, as the chain rule is written.
    CHECK(path_chain(s.c.net, p1) == "∂L/∂ŷ_1 · ∂ŷ_1/∂a_21 · ∂a_21/∂w_212");
    CHECK(path_chain(s.c.net, p2, NameStyle::text, " ") == "∂L/∂ŷ_2 ∂ŷ_2/∂a_21 ∂a_21/∂w_212");

    CHECK(path_factors(p1, 9) == std::vector<std::string>{"(-0.425133771)", "(0.167382205)", "(0.967704535)"});
    CHECK(path_product_line(p2, 9) == "(0.425133771) · (-0.167382205) · (0.967704535) = -0.0688616882");
    CHECK(path_product_line(p1, 3, "") == "(-0.425)(0.167)(0.968) = -0.0689");
}

TEST_CASE("every number of a path's text goes through the formatter it is given", "[derive][path-text]")
{
    const SeedPaths s("w_212");
    const Path& p1 = s.through("yhat_1");
    CHECK(path_factors(p1, 4, bracketed) == std::vector<std::string>{"(<-0.4251>)", "(<0.1674>)", "(<0.9677>)"});
    CHECK(path_product_line(p1, 4, " · ", bracketed) == "(<-0.4251>) · (<0.1674>) · (<0.9677>) = <-0.06886>");

    // The factored form's line for a_21: both softmax outputs feed back into it.
    const std::vector<FactorLine> lines = factored_chain(s.c.net, s.t, NodeRef{NodeKind::weight, 1, 0, 1});
    const auto a21 = std::find_if(lines.begin(), lines.end(), [](const FactorLine& l) {
        return l.target == NodeRef{NodeKind::pre, 1, 0, 0};
    });
    REQUIRE(a21 != lines.end());
    CHECK(factor_line_numbers(*a21, 4) == "(-0.4251)(0.1674) + (0.4251)(-0.1674)");
    CHECK(factor_line_numbers(*a21, 2, bracketed) == "(<-0.43>)(<0.17>) + (<0.43>)(<-0.17>)");
}
