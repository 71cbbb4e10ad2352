// wrap_lines: the inspector's word wrap breaks between tokens, never inside a number (issue 11:
// ImGui's own wrap split "0.002766543388" into "0." and "002766543388" on a narrow panel).
#include "ui/state.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace {
// 7 px per byte: enough to make the widths below bite.
float measure(std::string_view t) { return 7.0f * float(t.size()); }
} // namespace

TEST_CASE("wrap_lines: breaks at spaces only, so numbers stay whole", "[ui][wrap]")
{
    const std::string text = "∂L/∂w_212 = 0.002766543388 + −0.1377233765 · 0.5";
    for (float width : {60.0f, 90.0f, 120.0f, 200.0f, 400.0f}) {
        INFO("width " << width);
        const auto lines = gf::ui::wrap_lines(text, width, measure);
        std::string joined;
        for (const std::string& l : lines) {
            // Every line is whole words: a number is never cut after its '.'.
            CHECK((l.find("0.") == std::string::npos || l.find("0.") + 2 < l.size()));
            CHECK(l.back() != '.');
            CHECK((measure(l) <= width || l.find(" ") == std::string::npos));
            joined += (joined.empty() ? "" : " ") + l;
        }
        CHECK(joined == text);
    }
    CHECK(gf::ui::wrap_lines(text, 1000.0f, measure).size() == 1);
}

TEST_CASE("wrap_lines: newlines kept, indentation stays with the first word", "[ui][wrap]")
{
    const auto lines = gf::ui::wrap_lines("a = 1\n  b = 0.25 · 4\n", 1000.0f, measure);
    REQUIRE(lines.size() == 3);
    CHECK(lines[0] == "a = 1");
    CHECK(lines[1] == "  b = 0.25 · 4");
    CHECK(lines[2].empty());
}

TEST_CASE("wrap_link: a link breaks before ? & # and after /, never inside a number", "[ui][wrap]")
{
    const std::string url = "http://127.0.0.1:37753/?focus=w_212&autoplay=0&t=1.925&theme=dark";
    for (float width : {70.0f, 140.0f, 210.0f, 280.0f, 1000.0f}) {
        INFO("width " << width);
        const auto lines = gf::ui::wrap_link(url, width, measure);
        std::string joined;
        for (const auto& l : lines) {
            joined += l;
            CHECK((l.find("t=1.") == std::string::npos || l.find("t=1.925") != std::string::npos));
            if (l.size() > 10) CHECK(measure(l) <= width); // every piece here is at most 10 bytes
        }
        CHECK(joined == url); // nothing lost, nothing added
    }
    CHECK(gf::ui::wrap_link(url, 1000.0f, measure).size() == 1);
    // 140 px = 20 bytes: each line ends where a parameter ends.
    const auto lines = gf::ui::wrap_link(url, 140.0f, measure);
    for (std::size_t i = 1; i < lines.size(); ++i)
        CHECK((lines[i].front() == '&' || lines[i].front() == '?' || lines[i - 1].back() == '/'));
}

TEST_CASE("wrap_link: a run with no place to break is cut by whole characters", "[ui][wrap]")
{
    const std::string payload = "#config=" + std::string(50, 'A') + "\xE2\x88\x82" + std::string(10, 'B'); // ∂ inside
    const auto lines = gf::ui::wrap_link(payload, 70.0f, measure);
    std::string joined;
    for (const auto& l : lines) {
        joined += l;
        CHECK(measure(l) <= 70.0f);
        CHECK(!l.empty());
        CHECK((static_cast<unsigned char>(l.front()) & 0xC0) != 0x80); // no line starts mid-character
    }
    CHECK(joined == payload);
    CHECK(gf::ui::wrap_link("", 70.0f, measure) == std::vector<std::string>{""});
}
