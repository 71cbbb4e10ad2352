// Text and number boxes are drawn without ImGui's text editor until an edit starts
// (widgets.cpp, editor_wanted): a click on the box, or Tab, must still start one in that frame.
#include "headless.hpp"
#include "ui/app.hpp"

#include "session/session.hpp"

#include "imgui.h"

#include <catch2/catch.hpp>

namespace {

using gf::test::Headless;

constexpr int kTabKey = 9, kEnterKey = 13; // any free indices: the test maps ImGui's keys to them

void map_keys()
{
    ImGuiIO& io = ImGui::GetIO();
    io.KeyMap[ImGuiKey_Tab] = kTabKey;
    io.KeyMap[ImGuiKey_Enter] = kEnterKey;
}

void press(Headless& hl, gf::ui::App& app, int key)
{
    ImGuiIO& io = ImGui::GetIO();
    io.KeysDown[key] = true;
    hl.frame(app);
    io.KeysDown[key] = false;
    hl.frame(app);
}

void type(Headless& hl, gf::ui::App& app, const char* text)
{
    ImGui::GetIO().AddInputCharactersUTF8(text);
    hl.frame(app);
}

// The seed, paused, at 1280x800 with two frames drawn (the boxes laid out), keys mapped.
struct Paused {
    Headless hl{1280, 800}; // first: the App needs its ImGui context
    gf::ui::App app;
    Paused()
    {
        map_keys();
        app.session().pause();
        hl.frame(app);
        hl.frame(app);
    }
};

} // namespace

TEST_CASE("ui: a click on a number box at rest edits it, and Enter applies what was typed", "[ui][fields]")
{
    Paused p;
    auto& [hl, app] = p;
    REQUIRE(app.session().config().sample().x[0] == 2.0);
    CHECK_FALSE(ImGui::GetIO().WantTextInput);
    hl.click(app, gf::test::button(app.layout_report(), "x_1"));
    REQUIRE(ImGui::GetIO().WantTextInput); // the click's own frame started the edit
    type(hl, app, "7.5");
    CHECK(app.session().config().sample().x[0] == 2.0); // nothing applied per keystroke
    press(hl, app, kEnterKey);
    CHECK(app.session().config().sample().x[0] == 7.5);
    hl.frame(app); // io.WantTextInput reports the frame before
    CHECK_FALSE(ImGui::GetIO().WantTextInput);
}

TEST_CASE("ui: the seed and steps boxes edit whole numbers on a click", "[ui][fields]")
{
    Paused p;
    auto& [hl, app] = p;
    // The steps box sits right of Train on the same row.
    const gf::view::Rect train = gf::test::button(app.layout_report(), "Train");
    hl.click(app, train.max.x + 40.0f, (train.min.y + train.max.y) * 0.5f);
    REQUIRE(ImGui::GetIO().WantTextInput);
    type(hl, app, "30");
    press(hl, app, kEnterKey);
    const int before = int(app.session().training().history.size());
    hl.click(app, gf::test::button(app.layout_report(), "Train"));
    for (int i = 0; i < 200 && app.session().training().remaining > 0; ++i) hl.frame(app);
    CHECK(int(app.session().training().history.size()) - before == 30);
}

TEST_CASE("ui: Tab from an edited box starts an edit in the next one, as ImGui's own boxes did", "[ui][fields]")
{
    Paused p;
    auto& [hl, app] = p;
    REQUIRE(app.session().config().sample().y[0] == 1.0);
    hl.click(app, gf::test::button(app.layout_report(), "x_1"));
    REQUIRE(ImGui::GetIO().WantTextInput);
    press(hl, app, kTabKey); // x_1 → y_1, the next box in its row
    hl.frame(app);
    REQUIRE(ImGui::GetIO().WantTextInput);
    type(hl, app, "9");
    press(hl, app, kEnterKey);
    CHECK(app.session().config().sample().y[0] == 9.0);
    CHECK(app.session().config().sample().x[0] == 2.0); // x_1 left unchanged
}
