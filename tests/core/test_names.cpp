#include "helpers.hpp"

#include "core/names.hpp"

using namespace gf;
using Catch::Matchers::Contains;

namespace {
NodeRef parse_ok(const Network& n, const char* s)
{
    NodeRef r;
    std::string err;
    INFO(s << ": " << err);
    REQUIRE(parse_node(n, s, r, err));
    return r;
}
std::string parse_err(const Network& n, const char* s)
{
    NodeRef r;
    std::string err;
    CHECK_FALSE(parse_node(n, s, r, err));
    return err;
}
} // namespace

TEST_CASE("the notes' names parse in all their spellings", "[names]")
{
    const Network n = preset("seed").net;
    CHECK(parse_ok(n, "w_212") == NodeRef{NodeKind::weight, 1, 0, 1});
    CHECK(parse_ok(n, "w_{212}") == NodeRef{NodeKind::weight, 1, 0, 1});
    CHECK(parse_ok(n, "w_2,1,2") == NodeRef{NodeKind::weight, 1, 0, 1});
    CHECK(parse_ok(n, "W2[1,2]") == NodeRef{NodeKind::weight, 1, 0, 1});
    CHECK(parse_ok(n, "w_131") == NodeRef{NodeKind::weight, 0, 2, 0});
    CHECK(parse_ok(n, "b_21") == NodeRef{NodeKind::bias, 1, 0, 0});
    CHECK(parse_ok(n, "b2[2]") == NodeRef{NodeKind::bias, 1, 1, 0});
    CHECK(parse_ok(n, "a_21") == NodeRef{NodeKind::pre, 1, 0, 0});
    CHECK(parse_ok(n, "h_13") == NodeRef{NodeKind::post, 0, 2, 0});
    CHECK(parse_ok(n, "ŷ_1") == NodeRef{NodeKind::post, 1, 0, 0});
    CHECK(parse_ok(n, "yhat_2") == NodeRef{NodeKind::post, 1, 1, 0});
    CHECK(parse_ok(n, "h_22") == NodeRef{NodeKind::post, 1, 1, 0});
    CHECK(parse_ok(n, "x_4") == NodeRef{NodeKind::input, -1, 3, 0});
    CHECK(parse_ok(n, " L ").kind == NodeKind::loss);
}

TEST_CASE("names round-trip through node_name and parse_node", "[names]")
{
    Network n;
    n.sizes = {12, 11, 3};
    n.act = {Activation::relu, Activation::softmax};
    n.loss = Loss::sse;
    init_weights(n, 4);
    for (NodeRef r :
         {NodeRef{NodeKind::weight, 0, 10, 11}, NodeRef{NodeKind::weight, 1, 2, 9}, NodeRef{NodeKind::bias, 0, 10, 0},
          NodeRef{NodeKind::pre, 0, 3, 0}, NodeRef{NodeKind::post, 1, 2, 0}, NodeRef{NodeKind::input, -1, 11, 0}}) {
        for (NameStyle st : {NameStyle::text, NameStyle::ascii, NameStyle::latex}) {
            const std::string name = node_name(n, r, st);
            INFO(name);
            CHECK(parse_ok(n, name.c_str()) == r);
        }
    }
}

TEST_CASE("bad names say what is wrong", "[names]")
{
    const Network n = preset("seed").net;
    CHECK_THAT(parse_err(n, "w_312"), Contains("layer 3 does not exist"));
    CHECK_THAT(parse_err(n, "w_252"), Contains("neuron 5 does not exist"));
    CHECK_THAT(parse_err(n, "w_2123"), Contains("commas"));
    CHECK_THAT(parse_err(n, "q_12"), Contains("unknown name"));
    CHECK_THAT(parse_err(n, "w_0,1,1"), Contains("1-based"));
    CHECK_THAT(parse_err(n, ""), Contains("accepted"));
    CHECK_THAT(parse_err(n, "W2[1]"), Contains("row, column"));
    const std::string huge(1 << 20, 'w');
    CHECK(parse_err(n, huge.c_str()).size() < 1000);
}

TEST_CASE("long names in messages are cut on a UTF-8 character boundary (issue 12)", "[names][hostile]")
{
    CHECK(clip_utf8("w_212", 64) == "w_212");
    // 63 ASCII bytes then a 2-byte é: cutting at 64 bytes would keep half of it.
    const std::string name = std::string(63, 'a') + "é" + "tail";
    CHECK(clip_utf8(name, 64) == std::string(63, 'a') + "…");
    const std::string cjk = "重重重重重重重重重重重重重重重重重重重重重重重"; // 3 bytes each
    const std::string cut = clip_utf8(cjk, 64);
    CHECK(cut == "重重重重重重重重重重重重重重重重重重重重重…"); // 21 × 3 = 63 bytes kept
    // And the messages that quote a name use it.
    std::string error;
    NodeRef r;
    REQUIRE_FALSE(parse_node(preset("seed").net, name, r, error));
    CHECK_THAT(error, Contains(std::string(63, 'a') + "…\""));
    CHECK(error.find(std::string(63, 'a') + "\xC3\"") == std::string::npos);
}
