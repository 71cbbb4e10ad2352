#include "embed/base64url.hpp"
#include "embed/page_state.hpp"

#include "core/json.hpp"
#include "core/report.hpp"

#include <catch2/catch.hpp>

using namespace gf;
using namespace gf::embed;
using Catch::Matchers::Contains;

namespace {
std::string fragment_for(const Config& c) { return "#config=" + base64url_encode(config_to_json(c, -1)); }
bool mentions(const PageState& s, const std::string& what)
{
    for (const auto& p : s.problems)
        if (p.find(what) != std::string::npos) return true;
    return false;
}
} // namespace

TEST_CASE("page url: nothing given is the seed network, no problems")
{
    const PageState s = parse_page_url("", "");
    CHECK(s.problems.empty());
    CHECK(s.preset == "seed");
    CHECK(s.config == preset("seed"));
    CHECK_FALSE(s.focus);
    CHECK(s.view == View::forward);
    CHECK_FALSE(s.autoplay.has_value());
    CHECK(s.speed == 1.0);
    CHECK_FALSE(s.embed);
    CHECK_FALSE(s.panels);
}

TEST_CASE("page url: every parameter")
{
    const PageState s = parse_page_url("?preset=mazur&focus=w_212&view=gradients&autoplay&speed=0.5&t=3.25"
                                       "&embed=1&panels=timeline,derivation&contrast=high&motion=reduced&utm_source=x",
                                       "");
    INFO(s.problems.size());
    CHECK(s.problems.empty());
    CHECK(s.preset == "mazur");
    CHECK(s.config == preset("mazur"));
    REQUIRE(s.focus);
    CHECK(s.focus_name == "w_212");
    CHECK(s.focus->kind == NodeKind::weight);
    CHECK(s.view == View::gradients);
    CHECK(s.autoplay == true);
    CHECK(s.speed == 0.5);
    CHECK(s.t == 3.25);
    CHECK(s.embed);
    REQUIRE(s.panels);
    CHECK(*s.panels == std::vector<std::string>{"timeline", "derivation"});
    CHECK(s.high_contrast);
    CHECK(s.reduced_motion == true);
}

TEST_CASE("page url: percent-encoding and the notes' Unicode names")
{
    const PageState s = parse_page_url("focus=%C5%B7_1&panels=none", ""); // ŷ_1
    CHECK(s.problems.empty());
    CHECK(s.focus_name == "yhat_1");
    REQUIRE(s.panels);
    CHECK(s.panels->empty());
}

TEST_CASE("page url: a whole network in #config=")
{
    const PageState s = parse_page_url("", fragment_for(preset("mazur")));
    CHECK(s.problems.empty());
    CHECK(s.from_fragment);
    CHECK(s.preset == "mazur"); // recognised as the preset it is
    const auto e = gf::json::parse(eval_json(s.config));
    CHECK_THAT(e["loss_next"].as_double(), Catch::Matchers::WithinAbs(0.2910277737, 1e-9));

    Config custom = preset("mazur");
    custom.net.W[0](0, 0) = 0.123;
    custom.name = "custom";
    const PageState c = parse_page_url("preset=xor", fragment_for(custom)); // #config= wins
    CHECK(c.problems.empty());
    CHECK(c.config == custom);
    CHECK(c.preset.empty());
}

TEST_CASE("page url: hand-written JSON in #config= (percent-encoded) also works")
{
    const std::string json = config_to_json(preset("xor"), -1);
    const PageState s = parse_page_url("", "config=" + percent_encode(json));
    CHECK(s.problems.empty());
    CHECK(s.config == preset("xor"));
}

TEST_CASE("page url: hostile links say what was wrong and show the default network")
{
    SECTION("broken base64")
    {
        const PageState s = parse_page_url("", "#config=eyJsYXllcnMi!!!");
        REQUIRE(s.problems.size() == 1);
        CHECK_THAT(s.problems[0], Contains("not valid base64url") && Contains("'!'") && Contains("default network"));
        CHECK(s.config == preset("seed"));
    }
    SECTION("cut-off base64")
    {
        const std::string f = fragment_for(preset("mazur"));
        const PageState s = parse_page_url("", f.substr(0, f.size() - 7));
        REQUIRE(s.problems.size() == 1);
        CHECK(s.config == preset("seed"));
    }
    SECTION("invalid JSON")
    {
        const PageState s = parse_page_url("", "#config=" + base64url_encode("{\"layers\": [2, 2"));
        REQUIRE(s.problems.size() == 1);
        CHECK_THAT(s.problems[0], Contains("#config="));
        CHECK(s.config == preset("seed"));
    }
    SECTION("a config with a wrong field")
    {
        const PageState s = parse_page_url(
            "", "#config=" + base64url_encode(
                                 R"({"layers":[2,2],"activations":["sigmoid"],"loss":"sse","x":[1,2],"y":[1,0,0]})"));
        REQUIRE(s.problems.size() == 1);
        CHECK_THAT(s.problems[0], Contains("refused"));
        CHECK(s.config == preset("seed"));
    }
    SECTION("an architecture over the page's limits")
    {
        const PageState s = parse_page_url(
            "", "#config=" +
                    base64url_encode(
                        R"({"layers":[1024,1024,1024],"activations":["relu","linear"],"loss":"mse","x":[0],"y":[0]})"));
        REQUIRE(s.problems.size() == 1);
        CHECK_THAT(s.problems[0], Contains("2099200 parameters") && Contains("at most 100000"));
        CHECK(s.config == preset("seed"));
    }
    SECTION("a megabyte-long hash is refused before decoding")
    {
        const PageState s = parse_page_url("", "#config=" + std::string(1 << 20, 'A'));
        REQUIRE(s.problems.size() == 1);
        CHECK_THAT(s.problems[0], Contains("1025 KiB") && Contains("256 KiB"));
        CHECK(s.config == preset("seed"));
    }
    SECTION("an unknown preset, a focus that is not in the network, bad values")
    {
        const PageState s = parse_page_url("preset=nope&focus=w_999&view=sideways&speed=fast&t=-1&autoplay=maybe"
                                           "&panels=timeline,secret&contrast=ultra",
                                           "");
        CHECK(s.problems.size() == 8);
        CHECK(mentions(s, "preset=\"nope\""));
        CHECK(mentions(s, "focus=\"w_999\""));
        CHECK(mentions(s, "view=\"sideways\""));
        CHECK(mentions(s, "speed=\"fast\""));
        CHECK(mentions(s, "t=\"-1\""));
        CHECK(mentions(s, "autoplay=\"maybe\""));
        CHECK(mentions(s, "\"secret\""));
        CHECK(mentions(s, "contrast=\"ultra\""));
        CHECK(s.config == preset("seed"));
        CHECK_FALSE(s.focus);
        CHECK(s.speed == 1.0);
        CHECK_FALSE(s.t);
    }
    SECTION("a control character is not echoed")
    {
        const PageState s = parse_page_url("view=%1B%5B31m", "");
        REQUIRE(s.problems.size() == 1);
        CHECK(s.problems[0].find('\x1b') == std::string::npos);
    }
    SECTION("a huge query")
    {
        const PageState s = parse_page_url("preset=" + std::string(100000, 'x'), "");
        REQUIRE(s.problems.size() == 1);
        CHECK(s.config == preset("seed"));
    }
}

TEST_CASE("share url: presets by name, custom networks whole, and back to the same state")
{
    const Config seed = preset("seed");
    ShareState st;
    st.base_url = "https://example.org/course/gradflow/";
    st.config = &seed;
    CHECK(share_url(st) == "https://example.org/course/gradflow/");

    st.focus = "w_212";
    st.view = View::gradients;
    st.t = 2.5;
    st.speed = 0.25;
    st.high_contrast = true;
    st.panels = std::vector<std::string>{"timeline"};
    st.autoplay = false;
    const std::string url = share_url(st);
    CHECK(url == "https://example.org/course/gradflow/"
                 "?focus=w_212&view=gradients&autoplay=0&speed=0.25&t=2.5&panels=timeline&contrast=high");

    const PageState back = parse_page_url(url.substr(url.find('?')), "");
    CHECK(back.problems.empty());
    CHECK(back.config == seed);
    CHECK(back.focus_name == "w_212");
    CHECK(back.view == View::gradients);
    CHECK(back.t == 2.5);
    CHECK(back.speed == 0.25);
    CHECK(back.high_contrast);
    CHECK(back.autoplay == false);

    Config custom = preset("classifier");
    custom.net.W[1](2, 1) = -0.3333333333333333;
    st = ShareState{};
    st.base_url = "file:///tmp/gradflow-standalone.html";
    st.config = &custom;
    const std::string u2 = share_url(st);
    const auto hash = u2.find('#');
    REQUIRE(hash != std::string::npos);
    const PageState b2 = parse_page_url("", u2.substr(hash));
    CHECK(b2.problems.empty());
    CHECK(b2.config == custom); // bit for bit
}

TEST_CASE("iframe snippet: embed=1, a title, escaped attributes")
{
    const Config mazur = preset("mazur");
    ShareState st;
    st.base_url = "https://example.org/g/";
    st.config = &mazur;
    st.focus = "w_111";
    const std::string s = iframe_snippet(st, 640, 400);
    CHECK_THAT(s, Contains("src=\"https://example.org/g/?preset=mazur&amp;focus=w_111&amp;embed=1\""));
    CHECK_THAT(s, Contains("width=\"640\" height=\"400\""));
    CHECK_THAT(s, Contains("title=\"gradflow: mazur — backpropagation of w_111\""));

    Config evil = preset("seed");
    evil.name = "\"><script>alert(1)</script>";
    st.config = &evil;
    const std::string e = iframe_snippet(st);
    CHECK(e.find("<script>") == std::string::npos);
    CHECK_THAT(e, Contains("&quot;&gt;&lt;script&gt;"));
}

TEST_CASE("theme: light, dark or auto from the link, back into share links only when chosen")
{
    CHECK(parse_page_url("", "").theme == ThemeChoice::follow_system);
    CHECK(parse_page_url("theme=light", "").theme == ThemeChoice::light);
    CHECK(parse_page_url("theme=dark", "").theme == ThemeChoice::dark);
    CHECK(parse_page_url("theme=light&theme=auto", "").theme == ThemeChoice::follow_system); // the last wins

    const PageState bad = parse_page_url("theme=sepia", "");
    REQUIRE(bad.problems.size() == 1);
    CHECK_THAT(bad.problems[0], Contains("theme=\"sepia\"") && Contains("light, dark or auto"));
    CHECK(bad.theme == ThemeChoice::follow_system);

    const Config seed = preset("seed");
    ShareState st;
    st.base_url = "https://example.org/g/";
    st.config = &seed;
    CHECK(share_url(st) == "https://example.org/g/"); // auto is the default: not written
    st.theme = ThemeChoice::light;
    CHECK(share_url(st) == "https://example.org/g/?theme=light");
    CHECK_THAT(iframe_snippet(st), Contains("theme=light"));
    st.theme = ThemeChoice::dark;
    const std::string url = share_url(st);
    CHECK(parse_page_url(url.substr(url.find('?')), "").theme == ThemeChoice::dark);
}

TEST_CASE("page url: an unknown parameter is named, with the nearest known one")
{
    const PageState s = parse_page_url("?focuss=w_212&view=gradients", "");
    REQUIRE(s.problems.size() == 1);
    CHECK_THAT(s.problems[0], Contains("\"focuss\"") && Contains("did you mean focus?"));
    CHECK(s.view == View::gradients); // the rest of the link still counts

    const PageState far = parse_page_url("?zzzzzzzz=1", "");
    REQUIRE(far.problems.size() == 1);
    CHECK_THAT(far.problems[0], Contains("\"zzzzzzzz\"") && !Contains("did you mean"));

    // What course platforms and trackers add is not a typo of ours.
    CHECK(parse_page_url("?utm_source=moodle&fbclid=abc&lti_version=1", "").problems.empty());
    CHECK(closest_name("autoplya", parameter_names()) == "autoplay");
    CHECK(closest_name("t", parameter_names()).empty() == false); // itself: t
    CHECK(edit_distance("focuss", "focus") == 1);
    CHECK(edit_distance("", "abc") == 3);
}

TEST_CASE("page url: the contributions view has one name, and the old one still opens it")
{
    CHECK(view_name(View::forward) == "contributions");
    View v = View::weights;
    CHECK(parse_view("contributions", v));
    CHECK(v == View::forward);
    v = View::weights;
    CHECK(parse_view("forward", v)); // links written before the rename
    CHECK(v == View::forward);
    CHECK(parse_page_url("?view=forward", "").problems.empty());

    const Config seed = preset("seed");
    ShareState st;
    st.base_url = "https://example.org/g/";
    st.config = &seed;
    st.view = View::weights;
    CHECK_THAT(share_url(st), Contains("view=weights"));
    const PageState bad = parse_page_url("?view=sideways", "");
    REQUIRE(bad.problems.size() == 1);
    CHECK_THAT(bad.problems[0], Contains("contributions"));
}

TEST_CASE("page url: a link that names a time opens paused there")
{
    const PageState s = parse_page_url("?t=11", "");
    CHECK(s.problems.empty());
    CHECK(s.t == 11.0);
    CHECK(s.autoplay == false);
    CHECK(parse_page_url("?t=11&autoplay=1", "").autoplay == true); // asked for: plays from t
    CHECK_FALSE(parse_page_url("?focus=w_212", "").autoplay.has_value());
}

TEST_CASE("working: the student's lines travel in ?working= and come back unchanged")
{
    const std::string text = "a_12 = 1.4   # the notes' slip\nh_12 = σ(a_12)\ndL/dw_212 = -0.0688\n";
    const Config seed = preset("seed");
    ShareState st;
    st.base_url = "https://example.org/gradflow/";
    st.config = &seed;
    st.working = text;
    const std::string url = share_url(st);
    CHECK_THAT(url, Contains("working=" + base64url_encode(text)));
    const std::size_t q = url.find('?');
    REQUIRE(q != std::string::npos);
    const PageState back = parse_page_url(url.substr(q), "");
    CHECK(back.problems.empty());
    REQUIRE(back.working);
    CHECK(*back.working == text);
    // Nothing typed: nothing in the link, nothing opened.
    st.working.clear();
    CHECK_THAT(share_url(st), !Contains("working="));
    CHECK_FALSE(parse_page_url(share_url(st), "").working);
}

TEST_CASE("working: over the limit, bad base64url or not text is a problem naming working=, never a crash")
{
    const std::string big(kMaxWorkingBytes + 1, 'a');
    const PageState over = parse_page_url("?working=" + base64url_encode(big), "");
    CHECK_FALSE(over.working);
    REQUIRE(over.problems.size() == 1);
    CHECK_THAT(over.problems[0], Contains("working=") && Contains("at most 4 KiB"));
    // At the limit it is read.
    const PageState at = parse_page_url("?working=" + base64url_encode(std::string(kMaxWorkingBytes, 'a')), "");
    CHECK(at.problems.empty());
    CHECK(at.working);

    const PageState bad = parse_page_url("?working=a_12*=*1.4", "");
    CHECK_FALSE(bad.working);
    REQUIRE(bad.problems.size() == 1);
    CHECK_THAT(bad.problems[0], Contains("working= is not valid base64url"));

    const PageState nul = parse_page_url("?working=" + base64url_encode(std::string("a\0b", 3)), "");
    CHECK_FALSE(nul.working);
    CHECK(mentions(nul, "working= does not decode to text"));

    // A share link never writes what a link could not carry back.
    const Config seed = preset("seed");
    ShareState st;
    st.config = &seed;
    st.working = big;
    CHECK_THAT(share_url(st), !Contains("working="));
}

TEST_CASE("working: a misspelt working= is named with the nearest parameter")
{
    const PageState s = parse_page_url("?workng=YQ", "");
    REQUIRE(s.problems.size() == 1);
    CHECK_THAT(s.problems[0], Contains("did you mean working?"));
}

TEST_CASE("page url: discretize=1 travels in share links and a wrong value is named", "[embed][url]")
{
    const Config spiral = preset("spiral");
    ShareState st;
    st.base_url = "https://example.org/g/";
    st.config = &spiral;
    CHECK(share_url(st).find("discretize") == std::string::npos); // the default is left out
    st.discretize = true;
    const std::string url = share_url(st);
    CHECK(url == "https://example.org/g/?preset=spiral&discretize=1");
    const PageState back = parse_page_url(url.substr(url.find('?')), "");
    CHECK(back.problems.empty());
    CHECK(back.discretize);
    CHECK_FALSE(parse_page_url("?preset=spiral", "").discretize);
    const PageState bad = parse_page_url("?discretize=yes", "");
    REQUIRE(bad.problems.size() == 1);
    CHECK(bad.problems[0].find("discretize=\"yes\"") != std::string::npos);
    CHECK_FALSE(bad.discretize);
}
