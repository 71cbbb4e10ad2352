// "Check my working": the seed's notes and their five slips; random networks where correct
// working is all right and each mistake, applied by hand from the trace, is named as its kind;
// lines that cannot be read.
#include "../core/helpers.hpp"
#include "core/config.hpp"
#include "core/names.hpp"
#include "core/paths.hpp"
#include "tutor/tutor.hpp"
#include "tutor/web_entry.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>

using namespace gf;
using namespace gf::tutor;

namespace {

std::string read_file(const std::string& path)
{
    std::ifstream in(path);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

const LineVerdict& at(const WorkingReport& r, int line)
{
    for (const LineVerdict& l : r.lines)
        if (l.line == line) return l;
    FAIL("no verdict for line " << line);
    return r.lines.front();
}

std::string g17(double v)
{
    char buf[40];
    std::snprintf(buf, sizeof buf, "%.17g", v);
    return buf;
}

std::string line(const Network& net, const Quantity& q, double v)
{
    return quantity_name(net, q, NameStyle::ascii) + " = " + g17(v) + "\n";
}

Quantity val(NodeRef n) { return {QuantityKind::value, n, {}}; }
Quantity der(NodeRef num, NodeRef den) { return {QuantityKind::derivative, num, den}; }

// One line checked alone.
LineVerdict check_one(const Network& net, const Sample& s, const Quantity& q, double v)
{
    const WorkingReport r = check_working(net, s, line(net, q, v));
    REQUIRE(r.lines.size() == 1);
    return r.lines.front();
}

} // namespace

TEST_CASE("the seed's notes: each of the five slips is named at its line, the a_12 error follows through")
{
    const Config c = preset("seed");
    const WorkingReport r = check_working(c.net, c.sample(), read_file(GRADFLOW_TUTOR_DIR "/seed-notes.txt"));
    INFO(format_working(r));
    // 1. a_12 written 1.4 (row 2 of W1 times x is 3.4): no pattern, so arithmetic, 3.4 expected.
    CHECK(at(r, 4).verdict == Verdict::slip);
    CHECK(at(r, 4).slip == SlipKind::arithmetic);
    CHECK_THAT(at(r, 4).expected, Catch::Matchers::WithinRel(3.4, 1e-12));
    // … carried into h_12, a_21, a_22, ŷ: follow-through, pointing back to where it happened.
    CHECK(at(r, 8).verdict == Verdict::follows_through);
    CHECK(at(r, 8).follows_from == std::vector<int>{4});
    for (int l : {11, 12}) CHECK(at(r, l).verdict == Verdict::follows_through);
    CHECK(at(r, 11).follows_from == std::vector<int>{8});
    for (int l : {13, 14}) CHECK(at(r, l).follows_from == std::vector<int>{11, 12});
    for (int l : {18, 19}) CHECK(at(r, l).verdict == Verdict::follows_through);
    // The lines without the a_12 error are right.
    for (int l : {3, 5, 6, 7, 9, 10}) CHECK(at(r, l).verdict == Verdict::right);
    // 5. the loss's typo (y_2 − ŷ_1)².
    CHECK(at(r, 16).slip == SlipKind::wrong_target);
    CHECK_THAT(at(r, 16).why, Catch::Matchers::Contains("pairs y_2 with ŷ_1"));
    // 3. ∂a_21/∂w_212 written w_212·h_12.
    CHECK(at(r, 20).slip == SlipKind::weight_not_input);
    // 2. softmax as if ŷ_1 depended on a_21 alone: half the gradient, the ŷ_2 path missing.
    CHECK(at(r, 21).slip == SlipKind::missing_paths);
    CHECK_THAT(at(r, 21).why, Catch::Matchers::Contains("w_212 → a_21 → ŷ_2 → L"));
    CHECK_THAT(at(r, 21).why, Catch::Matchers::Contains("exactly half"));
    CHECK_THAT(at(r, 21).expected, Catch::Matchers::WithinRel(-0.137723376450254, 1e-12));
    // 4. ∂h_13/∂a_13 written σ(a_13).
    CHECK(at(r, 23).slip == SlipKind::activation_not_derivative);
    CHECK(r.summary.slips == 5);
    CHECK(r.summary.errors == 0);
}

TEST_CASE("correct working on random networks is all right")
{
    std::mt19937_64 rng(9);
    const std::vector<std::pair<std::vector<Activation>, Loss>> shapes = {
        {{Activation::sigmoid, Activation::softmax}, Loss::sse},
        {{Activation::tanh, Activation::sigmoid}, Loss::half_sse},
        {{Activation::sigmoid, Activation::linear}, Loss::mse},
        {{Activation::tanh, Activation::softmax}, Loss::cross_entropy},
    };
    for (const auto& [act, loss] : shapes)
        for (int rep = 0; rep < 3; ++rep) {
            const Network net = test::random_network(rng, {3, 3, 3}, act, loss);
            const Sample s = test::random_sample(rng, net);
            const Trace t = forward_backward(net, s);
            std::string text;
            int lines = 0;
            auto add = [&](const Quantity& q, double v) {
                text += line(net, q, v);
                ++lines;
            };
            add(val(loss_ref(net)), t.loss);
            for (int l = 0; l < net.layers(); ++l)
                for (int j = 0; j < net.width(l); ++j) {
                    const NodeRef a{NodeKind::pre, l, j, 0}, h{NodeKind::post, l, j, 0}, b{NodeKind::bias, l, j, 0};
                    add(val(a), t.a[l][j]);
                    add(val(h), t.h[l][j]);
                    add(der(loss_ref(net), a), t.da[l][j]);
                    add(der(loss_ref(net), h), t.dh[l][j]);
                    add(der(loss_ref(net), b), t.db[l][j]);
                    add(der(a, b), 1.0);
                    for (int i = 0; i < net.width(l); ++i)
                        if (t.J[l].nonzero(i, j)) add(der(NodeRef{NodeKind::post, l, i, 0}, a), t.J[l].at(i, j));
                    for (int k = 0; k < net.sizes[l]; ++k) {
                        const NodeRef w{NodeKind::weight, l, j, k};
                        add(der(loss_ref(net), w), t.dW[l](j, k));
                        add(der(a, w), t.input_to(l)[k]);
                        const NodeRef in =
                            l == 0 ? NodeRef{NodeKind::input, -1, k, 0} : NodeRef{NodeKind::post, l - 1, k, 0};
                        add(der(a, in), net.W[l](j, k));
                    }
                }
            const WorkingReport r = check_working(net, s, text);
            INFO(format_working(r));
            CHECK(r.summary.lines == lines);
            CHECK(r.summary.right == lines);
        }
}

TEST_CASE("each slip kind applied by hand is named as that kind and not another")
{
    std::mt19937_64 rng(2026);
    for (int rep = 0; rep < 5; ++rep) {
        const Network net = test::random_network(rng, {3, 3, 3}, {Activation::sigmoid, Activation::softmax}, Loss::sse);
        const Sample s = test::random_sample(rng, net);
        const Trace t = forward_backward(net, s);
        const NodeRef L = loss_ref(net);
        const NodeRef y1{NodeKind::post, 1, 0, 0}, a21{NodeKind::pre, 1, 0, 0}, a22{NodeKind::pre, 1, 1, 0},
            a11{NodeKind::pre, 0, 0, 0}, h11{NodeKind::post, 0, 0, 0}, w212{NodeKind::weight, 1, 0, 1};
        const double h12 = t.h[0][1], yh1 = t.h[1][0], yh2 = t.h[1][1], yt1 = s.y[0], yt2 = s.y[1];
        struct Case {
            SlipKind kind;
            Quantity q;
            double v;
        };
        // The full gradient of w_212 and its first path, from the path listing.
        PathSet ps = enumerate_paths(net, t, w212, 10);
        const std::vector<Case> cases = {
            {SlipKind::sign, der(L, y1), 2.0 * (yt1 - yh1)},
            {SlipKind::factor, der(L, y1), -(yt1 - yh1)},
            {SlipKind::wrong_target, der(L, y1), -2.0 * (yt2 - yh1)},
            {SlipKind::activation_not_derivative, der(h11, a11), t.h[0][0]},
            {SlipKind::weight_not_input, der(a21, w212), net.W[1](0, 1) * h12},
            {SlipKind::weight_not_input, der(a21, w212), net.W[1](0, 1)},
            {SlipKind::softmax_diagonal, der(y1, a22), yh1 * (1.0 - yh1)},
            {SlipKind::softmax_diagonal, der(y1, a21), -yh1 * yh1},
            {SlipKind::index_swap, val(a11), t.a[0][1]},
            {SlipKind::index_swap, der(a21, w212), t.h[0][2]},
            {SlipKind::missing_paths, der(L, w212), -2.0 * (yt1 - yh1) * yh1 * (1.0 - yh1) * h12},
            {SlipKind::extra_paths, der(L, w212), t.dW[1](0, 1) + ps.paths.back().product},
            {SlipKind::wrong_target, val(L),
             (yt1 - yh1) * (yt1 - yh1) + (yt2 - yh1) * (yt2 - yh1) + (s.y[2] - t.h[1][2]) * (s.y[2] - t.h[1][2])},
            {SlipKind::factor, val(L), 0.5 * t.loss},
            {SlipKind::arithmetic, val(a11), 1.37 * t.a[0][0] + 0.05},
            {SlipKind::arithmetic, der(L, w212), 0.73 * t.dW[1](0, 1) - 0.011},
        };
        (void)yh2;
        for (const Case& c : cases) {
            const LineVerdict v = check_one(net, s, c.q, c.v);
            INFO("rep " << rep << ": " << quantity_name(net, c.q) << " = " << c.v << " → " << to_string(v.verdict)
                        << " " << to_string(v.slip) << ": " << v.why);
            CHECK(v.verdict == Verdict::slip);
            CHECK(to_string(v.slip) == to_string(c.kind));
        }
    }
}

TEST_CASE("a number rounded too far is rounding, and the tolerance is shown")
{
    const Config c = preset("seed");
    // h_12 = 0.967704535…: 0.97 is it to two decimals but 0.24% off.
    const LineVerdict v = check_working(c.net, c.sample(), "h_12 = 0.97").lines.front();
    CHECK(v.slip == SlipKind::rounding);
    CHECK_THAT(v.why, Catch::Matchers::Contains("relative tolerance 0.001"));
    // 0.9677 is within 1e-3: right.
    CHECK(check_working(c.net, c.sample(), "h_12 = 0.9677").lines.front().verdict == Verdict::right);
    // A tighter tolerance refuses it.
    TutorOptions strict;
    strict.rel_tol = 1e-6;
    CHECK(check_working(c.net, c.sample(), "h_12 = 0.9677", strict).lines.front().verdict == Verdict::slip);
}

TEST_CASE("an unreadable line is an error with where and why, and the other lines are still checked")
{
    const Config c = preset("seed");
    const WorkingReport r = check_working(c.net, c.sample(),
                                          "a_11 = 0.1*2 + 0.3*5 + 0.8*3 + (-0.4)*3\n"
                                          "a_12 = 0.3*/2\n"
                                          "q_12 = 1\n"
                                          "h_11 = sigmoid(a_11)\n"
                                          "a_21 = w_211*h_11 + w_212*h_99\n"
                                          "h_13 = sigmoid(a_13)\n"
                                          "h_21 = a_21\n"
                                          "a_22 = h_22\n"
                                          "h_22 = σ(a_22)\n"
                                          "the end\n");
    INFO(format_working(r));
    REQUIRE(r.lines.size() == 10);
    CHECK(r.lines[0].verdict == Verdict::right);
    CHECK(r.lines[1].verdict == Verdict::error);
    CHECK(r.lines[1].column == 12); // the second operator
    CHECK(r.lines[2].verdict == Verdict::error);
    CHECK_THAT(r.lines[2].why, Catch::Matchers::Contains("did you mean"));
    CHECK(r.lines[3].verdict == Verdict::right);
    CHECK(r.lines[4].verdict == Verdict::error);
    CHECK_THAT(r.lines[4].why, Catch::Matchers::Contains("h_99"));
    CHECK(r.lines[5].verdict == Verdict::error);
    CHECK_THAT(r.lines[5].why, Catch::Matchers::Contains("a_13, which no line gives"));
    CHECK(r.lines[6].verdict == Verdict::error); // uses line 5, which failed
    CHECK_THAT(r.lines[7].why, Catch::Matchers::Contains("a cycle"));
    CHECK_THAT(r.lines[8].why, Catch::Matchers::Contains("a cycle"));
    CHECK_THAT(r.lines[9].why, Catch::Matchers::Contains("no '='"));
    CHECK(r.summary.right == 2);
    CHECK(r.summary.errors == 8);
}

TEST_CASE("the right side: the notes' functions and symbols, and names of derivatives as variables")
{
    const Config c = preset("seed");
    const WorkingReport r = check_working(c.net, c.sample(),
                                          "ŷ_1 = 1/(1 + exp(a_22 − a_21))\n"
                                          "a_21 = log(exp(1.789818298056966))\n"
                                          "a_22 = 0.480296559669845\n"
                                          "∂L/∂ŷ_1 = −2·(y_1 − ŷ_1)\n"
                                          "dL/dyhat_2 = 2*(yhat_2 - y_2)\n"
                                          "dL/da_21 = dL/dyhat_1 * ŷ_1*(1 - ŷ_1) + ∂L/∂ŷ_2 × (-ŷ_1*yhat_2)\n"
                                          "dL/dw_212 = dL/da_21 * h_12\n"
                                          "h_12 = sigmoid(3.4)\n"
                                          "dh_12/da_12 = h_12 * (1 - h_12)\n"
                                          "dh_11/da_11 = tanh(0) + σ(2.9)*(1-σ(2.9))\n"
                                          "yhat_2 = 1 - ŷ_1\n");
    INFO(format_working(r));
    CHECK(r.summary.right == r.summary.lines);
}

TEST_CASE("Mazur's example with planted slips of every kind that a sigmoid output can have")
{
    // Numbers from Mazur's post (../shared/reference/worked-examples.md §2), with one mistake
    // planted per line. w_211 is w5 (h1 → o1), w_111 is w1 (i1 → h1); E = Σ ½(target − out)².
    const Config c = preset("mazur");
    const WorkingReport r = check_working(c.net, c.sample(),
                                          "h_11 = 0.59\n"                                              // 1
                                          "a_11 = 0.15*0.05 + 0.2*0.1 + 0.35 + 0.01\n"                 // 2
                                          "dL/dyhat_1 = 0.01 - 0.75136507\n"                           // 3
                                          "dL/dyhat_2 = -2*(0.99 - 0.772928465)\n"                     // 4
                                          "dyhat_1/da_21 = 0.75136507\n"                               // 5
                                          "da_21/dw_211 = 0.40\n"                                      // 6
                                          "da_21/dw_212 = 0.593269992\n"                               // 7
                                          "L = 0.5*((0.99 - 0.75136507)^2 + (0.99 - 0.772928465)^2)\n" // 8
                                          "dL/dw_111 = 0.000668396\n"                                  // 9
                                          "dL/dw_112 = 0.000877135 + 2*0.000668396\n"                  // 10
                                          "dL/dw_211 = -0.082167041\n"                                 // 11
                                          "dL/dw_221 = -0.022602540\n");                               // 12
    INFO(format_working(r));
    const std::vector<SlipKind> want = {SlipKind::rounding,
                                        SlipKind::arithmetic,
                                        SlipKind::sign,
                                        SlipKind::factor,
                                        SlipKind::activation_not_derivative,
                                        SlipKind::weight_not_input,
                                        SlipKind::index_swap,
                                        SlipKind::wrong_target,
                                        SlipKind::missing_paths,
                                        SlipKind::extra_paths,
                                        SlipKind::sign};
    for (std::size_t i = 0; i < want.size(); ++i) {
        INFO("line " << i + 1);
        CHECK(to_string(at(r, int(i) + 1).slip) == to_string(want[i]));
    }
    CHECK(at(r, 12).verdict == Verdict::right);
    CHECK_THAT(at(r, 9).why, Catch::Matchers::Contains("missing w_111 → a_11 → h_11 → a_22 → ŷ_2 → L"));
}

TEST_CASE("bytes that are not UTF-8 in a quoted line do not break the JSON")
{
    // Found by fuzz_working: an unknown name holding a stray byte was quoted in the message, and
    // the JSON writer threw on it.
    const Config c = preset("seed");
    const WorkingReport r = check_working(c.net, c.sample(), "a_12 = \xe2\x34 + 1\nh_11 = sigmoid(2.9)\n");
    REQUIRE(r.lines.size() == 2);
    CHECK(r.lines[0].verdict == Verdict::error);
    CHECK(r.lines[1].verdict == Verdict::right);
    std::string json;
    CHECK_NOTHROW(json = working_json(c.net, r));
    CHECK_THAT(json, Catch::Matchers::Contains("\"verdict\": \"right\""));
}

// The web module's door: what gradflow-tutor.js hands the page. Config text in, JSON text out.
namespace {

std::string web_check(const std::string& config, int sample, const std::string& text, double tol)
{
    char* p = gf_tutor_check(config.c_str(), sample, text.c_str(), tol);
    REQUIRE(p != nullptr);
    std::string s = p;
    std::free(p);
    return s;
}

} // namespace

TEST_CASE("gf_tutor_check: the seed's notes as the page sends them, and each bad input in words")
{
    const std::string seed = config_to_json(preset("seed"), -1);
    const std::string notes = read_file(GRADFLOW_TUTOR_DIR "/seed-notes.txt");
    const std::string out = web_check(seed, 0, notes, 1e-3);
    const Config c = preset("seed");
    CHECK(out == working_json(c.net, check_working(c.net, c.sample(), notes), -1));
    CHECK_THAT(out, Catch::Matchers::Contains("\"slips\":5"));

    CHECK_THAT(web_check("{\"layers\": [2, 0]}", 0, notes, 1e-3), Catch::Matchers::StartsWith("{\"error\":"));
    CHECK_THAT(web_check("not json", 0, notes, 1e-3), Catch::Matchers::StartsWith("{\"error\":"));
    CHECK_THAT(web_check(seed, 1, notes, 1e-3), Catch::Matchers::Contains("sample 1 does not exist"));
    CHECK_THAT(web_check(seed, -1, notes, 1e-3), Catch::Matchers::Contains("sample -1 does not exist"));
    for (double bad : {0.0, -1e-3, 1.0, 2.0, std::nan("")})
        CHECK_THAT(web_check(seed, 0, notes, bad), Catch::Matchers::Contains("tolerance must be"));
    CHECK_THAT(web_check(seed, 0, std::string(kMaxWorkingBytes + 1, 'a'), 1e-3),
               Catch::Matchers::Contains("the limit is 65,536"));
    CHECK(gf_tutor_max_text_bytes() == 65536);
    // A looser tolerance changes the verdicts, so it reached the engine: a_12 = 1.4 against 3.4
    // is still wrong at 0.5, but a rounding-sized difference is not.
    CHECK_THAT(web_check(seed, 0, "a_12 = 3.39\n", 1e-3), Catch::Matchers::Contains("\"verdict\":\"slip\""));
    CHECK_THAT(web_check(seed, 0, "a_12 = 3.39\n", 0.01), Catch::Matchers::Contains("\"verdict\":\"right\""));
}
