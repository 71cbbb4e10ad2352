// The plane's gradient view driven headless (issue 8's bridge): the header's mode selector, a
// focus that never switches the mode, the view following the focus once chosen, the next batch
// marked, and the batch line's number being the Session's (the one the next step takes).
#include "headless.hpp"
#include "ui/app.hpp"
#include "ui/fonts.hpp"

#include "core/derive.hpp"
#include "session/session.hpp"

#include "imgui.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <string>

namespace {

using gf::test::button;
using gf::test::Headless;

std::size_t count_kind(const gf::ui::App::LayoutReport& r, const std::string& kind)
{
    return std::size_t(std::count_if(r.points.begin(), r.points.end(), [&](const auto& p) { return p.kind == kind; }));
}

} // namespace

TEST_CASE("ui grad view: chosen in the header, it follows the focus and states the next batch's mean", "[ui][data]")
{
    Headless hl(1280, 800);
    gf::ui::App app;
    gf::Session& m = app.session();
    REQUIRE(m.load_preset("circle").empty());
    m.pause();
    REQUIRE(m.set_focus("w_212").empty());
    hl.frame(app);
    hl.frame(app); // the panel's scroll bar appears on the second frame and rewraps the text above
    auto r = app.layout_report();
    CHECK(r.plane_mode == "output"); // focusing a weight does not switch the plane
    CHECK(r.batch_line.empty());
    CHECK(count_kind(r, "batch") == 0);

    hl.click(app, button(r, "plane gradient"));
    r = app.layout_report();
    REQUIRE(r.plane_mode == "gradient");
    const gf::GradPlane& g = m.grad_plane();
    REQUIRE(g.ok);
    CHECK(count_kind(r, "batch") == g.batch.size());
    CHECK(g.batch.size() == 10);
    INFO(r.batch_line);
    // The number shown first is the Session's mean, with a real minus sign.
    std::string shown;
    for (char ch : gf::format_number(g.batch_mean, 4)) shown += ch == '-' ? std::string("−") : std::string(1, ch);
    CHECK(r.batch_line == "batch gradient ∂J/∂w_212 = " + shown + ": the mean of these 10 points' ∂L/∂w_212 (squares)");

    // The focus moves to a bias: the view follows.
    REQUIRE(m.set_focus("b_21").empty());
    hl.frame(app);
    r = app.layout_report();
    CHECK(r.plane_mode == "gradient");
    CHECK(r.batch_line.find("∂J/∂b_21") != std::string::npos);

    // A node is not a parameter: the plane shows the output again and says why, the mode stays.
    REQUIRE(m.set_focus("a_21").empty());
    hl.frame(app);
    r = app.layout_report();
    CHECK(r.plane_mode == "gradient");
    CHECK(r.batch_line.empty());
    CHECK(count_kind(r, "batch") == 0);

    hl.click(app, button(r, "plane output"));
    CHECK(app.layout_report().plane_mode == "output");
}
