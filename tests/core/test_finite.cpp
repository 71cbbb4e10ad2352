// Values that overflow double precision are named, never passed on as null (issue 12).
#include "helpers.hpp"

#include "core/config.hpp"
#include "core/finite.hpp"
#include "core/report.hpp"

using namespace gf;
using Catch::Matchers::Contains;

namespace {
std::string numeric_error_of(const Config& c)
{
    try {
        (void)eval_json(c);
    } catch (const NumericError& e) {
        return e.what();
    }
    return {};
}
} // namespace

TEST_CASE("a finite trace and step have nothing to report", "[finite]")
{
    const Config c = preset("seed");
    const Trace t = forward_backward(c.net, c.sample());
    CHECK(non_finite_in_trace(c.net, t).empty());
    CHECK(numeric_error_of(c).empty());
}

TEST_CASE("a weight of 1e308 overflows the loss: eval names L and says what to do", "[finite]")
{
    const Config c = parse_config(R"({"layers":[2,1],"activations":["linear"],"loss":"sse",
                                      "W":[[[1e308,1]]],"x":[1,1],"y":[0]})");
    const Trace t = forward_backward(c.net, c.sample());
    REQUIRE(std::isfinite(t.a[0][0])); // 1e308 + 1 still fits; its square does not
    REQUIRE_FALSE(std::isfinite(t.loss));
    const std::string e = numeric_error_of(c);
    CHECK_THAT(e, Contains("the loss L is inf"));
    CHECK_THAT(e, Contains("use smaller values"));
}

TEST_CASE("the first node that overflows is the one named", "[finite]")
{
    // a_11 = 1e308·2 overflows before anything after it.
    const Config c = parse_config(R"({"layers":[2,2,1],"activations":["linear","linear"],"loss":"sse",
                                      "W":[[[1e308,1e308],[1,1]],[[1,1]]],"x":[1,1],"y":[0]})");
    CHECK_THAT(numeric_error_of(c), Contains("a_11 is inf"));
}

TEST_CASE("a gradient that overflows while the forward pass is finite is named as ∂L/∂…", "[finite]")
{
    // a = 1e-290 · 1e300 = 1e10 and L = 1e20 are finite; ∂L/∂w = 2a · x = 2e310 is not.
    const Config c = parse_config(R"({"layers":[1,1],"activations":["linear"],"loss":"sse",
                                      "W":[[[1e-290]]],"x":[1e300],"y":[0]})");
    Trace t = forward_backward(c.net, c.sample());
    REQUIRE(std::isfinite(t.loss));
    REQUIRE_FALSE(std::isfinite(t.dW[0](0, 0)));
    CHECK_THAT(non_finite_in_trace(c.net, t), Contains("∂L/∂w_111 is inf"));
}

TEST_CASE("a learning rate of 1e308 makes the step overflow: eval names the parameter", "[finite]")
{
    // dL/dw_111 = 2·a·x_1 = 3, so w_111 − 1e308·3 is −inf.
    const Config c = parse_config(R"({"layers":[2,1],"activations":["linear"],"loss":"sse",
                                      "W":[[[0.5,1]]],"x":[1,1],"y":[0],"learning_rate":1e308})");
    const std::string e = numeric_error_of(c);
    CHECK_THAT(e, Contains("w_111 would be -inf after step 1"));
    CHECK_THAT(e, Contains("learning_rate"));
    // Only the step is at fault: the trace itself is fine.
    CHECK(non_finite_in_trace(c.net, forward_backward(c.net, c.sample())).empty());
}

TEST_CASE("cross-entropy's ∂L/∂ŷ may be inf where ŷ underflows without being an error", "[finite]")
{
    // Logits ±1000: ŷ_2 underflows to 0, so ∂L/∂ŷ_2 = −y_2/ŷ_2 = −inf, yet L and every gradient
    // below ŷ are finite through the stable out_grad.
    const Config c = parse_config(R"({"layers":[1,2],"activations":["softmax"],"loss":"cross_entropy",
                                      "W":[[[1000],[-1000]]],"x":[1],"y":[0.5,0.5]})");
    const Trace t = forward_backward(c.net, c.sample());
    REQUIRE_FALSE(std::isfinite(t.dL_dyhat[1]));
    CHECK(non_finite_in_trace(c.net, t).empty());
}
