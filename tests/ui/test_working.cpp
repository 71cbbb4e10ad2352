// "Check my working" in the App: the seed's notes through the panel, a click on a verdict, the
// hop on the canvas, and the asynchronous answers the page's checker gives (stale ones dropped).
#include "headless.hpp"
#include "ui/app.hpp"
#include "ui/fonts.hpp"

#include "session/session.hpp"
#include "tutor/tutor.hpp"

#include "imgui.h"

#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

namespace {

using gf::test::Headless;

std::string seed_notes()
{
    std::ifstream in(std::string(GRADFLOW_TUTOR_DIR) + "/seed-notes.txt");
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

// The native checker, as src/platform/main.cpp installs it.
void install_native_checker(gf::ui::App& app)
{
    app.set_working_checker([&app](std::string text, int generation) {
        const gf::Config& c = app.session().config();
        app.receive_working_report(generation, gf::tutor::check_working(c.net, c.sample(), text));
    });
}

const gf::ui::App::DrawnBox* row(const gf::ui::App::LayoutReport& r, const std::string& line)
{
    for (const auto& b : r.working)
        if (b.node == line) return &b;
    return nullptr;
}

// Scrolls the panel with the mouse wheel over its rows until `line` is in view.
void scroll_to(Headless& hl, gf::ui::App& app, const std::string& line)
{
    auto shown = [&] {
        const auto r = app.layout_report();
        const auto* b = row(r, line);
        return b && b->kind == "verdict";
    };
    for (int i = 0; i < 40 && !shown(); ++i) {
        const auto rows = app.layout_report().working;
        REQUIRE(!rows.empty());
        ImGui::GetIO().MousePos = ImVec2(rows.front().box.min.x + 4, rows.front().box.max.y + 2);
        ImGui::GetIO().MouseWheel = -1.0f;
        hl.frame(app);
        ImGui::GetIO().MouseWheel = 0.0f;
        hl.frame(app);
    }
    REQUIRE(shown());
}

} // namespace

TEST_CASE("working: the seed's notes in the panel show the five slips at their lines", "[ui][working]")
{
    Headless hl(1280, 800);
    gf::ui::App app;
    app.session().pause();
    install_native_checker(app);
    hl.frame(app);
    CHECK(app.layout_report().working.empty()); // the panel is closed: nothing checked or shown
    app.set_working_text(seed_notes());
    hl.frame(app);
    hl.frame(app);
    const auto r = app.layout_report();
    std::vector<int> slips;
    for (const auto& b : r.working) {
        INFO(b.node << ": " << b.text);
        if (b.text.rfind("slip", 0) == 0) slips.push_back(std::stoi(b.node.substr(5)));
        // Every row is inside the inspector's column, not over the canvas.
        CHECK(b.box.min.x >= r.canvas.max.x - 1);
    }
    CHECK(slips == std::vector<int>{4, 16, 20, 21, 23});
    REQUIRE(row(r, "line 20"));
    CHECK(row(r, "line 20")->text == "slip: weight_not_input");
    REQUIRE(row(r, "line 8"));
    CHECK(row(r, "line 8")->text == "follows through");
}

TEST_CASE("working: a click on line 20 focuses w_212 and marks the hop on the canvas", "[ui][working]")
{
    Headless hl(1280, 800);
    gf::ui::App app;
    app.session().pause();
    install_native_checker(app);
    app.set_working_text(seed_notes());
    hl.frame(app);
    hl.frame(app);
    CHECK(app.layout_report().hops.empty()); // nothing selected: no hop drawn
    scroll_to(hl, app, "line 20");
    const auto before = app.layout_report(); // row() points into it
    const auto* line20 = row(before, "line 20");
    REQUIRE(line20);
    const gf::view::Vec2 at{(line20->box.min.x + line20->box.max.x) * 0.5f,
                            (line20->box.min.y + line20->box.max.y) * 0.5f};
    hl.click(app, at);
    hl.frame(app);
    CHECK(app.session().focus().name == "w_212");
    const auto r = app.layout_report();
    std::vector<std::string> hops;
    for (const auto& h : r.hops) {
        hops.push_back(h.kind + " " + h.node);
        CHECK(h.box.min.x >= r.canvas.min.x);
        CHECK(h.box.max.x <= r.canvas.max.x);
    }
    // ∂a_21/∂w_212: the weight's edge h_12 → a_21, and a_21 where it was written wrong.
    CHECK(hops == std::vector<std::string>{"hop-edge w_212", "hop-node a_21"});
}

TEST_CASE("working: the page's asynchronous answers — stale ones dropped, failures said, JSON read", "[ui][working]")
{
    Headless hl(1280, 800);
    gf::ui::App app;
    app.session().pause();
    std::vector<std::pair<std::string, int>> asked;
    app.set_working_checker([&](std::string text, int generation) { asked.emplace_back(std::move(text), generation); });
    app.set_working_text("a_12 = 3.4\n");
    hl.frame(app);
    REQUIRE(asked.size() == 1);
    app.set_working_text("a_12 = 1.4\n");
    hl.frame(app);
    REQUIRE(asked.size() == 2);
    hl.frame(app);
    CHECK(asked.size() == 2); // unchanged text and network: not asked again

    const gf::Config& c = app.session().config();
    auto json_for = [&](const std::string& text) {
        return gf::tutor::working_json(c.net, gf::tutor::check_working(c.net, c.sample(), text));
    };
    // The newer answer first, then the older one arriving late: the older is dropped.
    app.receive_working_json(asked[1].second, json_for(asked[1].first));
    app.receive_working_json(asked[0].second, json_for(asked[0].first));
    hl.frame(app);
    auto r = app.layout_report();
    REQUIRE(r.working.size() == 1);
    CHECK(r.working[0].text == "slip: arithmetic");

    // A failed checker: its sentence in the panel, the last good verdicts kept.
    app.set_working_text("a_12 = 3.4\n");
    hl.frame(app);
    REQUIRE(asked.size() == 3);
    app.receive_working_error(asked[2].second, "The checker could not load: no network.");
    hl.frame(app);
    bool said = false;
    for (const auto& [name, box] : app.layout_report().buttons) said |= name == "working: summary";
    CHECK(said);
    CHECK(app.layout_report().working.size() == 1);
    // An answer that is not a report is refused in words, never shown as verdicts.
    app.set_working_text("a_12 = 3.5\n");
    hl.frame(app);
    app.receive_working_json(asked.back().second, "{\"lines\": 3}");
    hl.frame(app);
    CHECK(app.layout_report().working.size() == 1); // still the last good one
    CHECK_THAT(app.layout_report().working_message, Catch::Matchers::Contains("could not be read"));
    // The page's checker resolves its failures as {"error": "…"}: said as it is.
    app.set_working_text("a_12 = 3.6\n");
    hl.frame(app);
    app.receive_working_json(asked.back().second, R"({"error": "the tutor could not be loaded: offline"})");
    hl.frame(app);
    CHECK(app.layout_report().working_message == "the tutor could not be loaded: offline");

    // A new network asks again.
    (void)app.session().load_preset("mazur");
    hl.frame(app);
    CHECK(asked.back().first == "a_12 = 3.6\n");
    CHECK(asked.size() == 6);
}

TEST_CASE("working: opened with nothing typed it shows an example, not a blank box", "[ui][working]")
{
    for (auto [w, h] : {std::pair{1280.0f, 800.0f}, std::pair{800.0f, 500.0f}, std::pair{390.0f, 844.0f}}) {
        INFO(w << "x" << h);
        Headless hl(w, h);
        gf::ui::App app;
        app.session().pause();
        app.set_working_open(true);
        hl.frame(app);
        hl.frame(app);
        bool example = false;
        for (const auto& [name, box] : app.layout_report().buttons) example |= name == "working: example";
        CHECK(example);
        CHECK(app.working_open());
    }
}

TEST_CASE("working: a working= link opens the panel with its text", "[ui][working]")
{
    Headless hl(800, 500);
    gf::ui::App app;
    const std::string text = "a_12 = 1.4\n";
    app.apply_page(gf::embed::parse_page_url("?working=YV8xMiA9IDEuNAo", ""));
    hl.frame(app);
    CHECK(app.working_text() == text);
    CHECK(app.working_open());
    CHECK(app.inspector_open());
}
