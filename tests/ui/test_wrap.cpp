// wrap_lines: the inspector's word wrap breaks between tokens, never inside a number (issue 11:
// ImGui's own wrap split "0.002766543388" into "0." and "002766543388" on a narrow panel).
#include "ui/state.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <string_view>

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
