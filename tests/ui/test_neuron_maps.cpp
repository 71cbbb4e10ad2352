// The hidden neurons' maps on the canvas, driven headless (issue 8): a map in every hidden node of
// a 2-D dataset's network (one atlas upload), none for the seed preset, and the large view while a
// hidden node is hovered — not while the output is. Also the plane's discretised view.
#include "headless.hpp"
#include "ui/app.hpp"
#include "ui/fonts.hpp"

#include "core/names.hpp"
#include "embed/page_state.hpp"
#include "session/session.hpp"

#include "imgui.h"

#include <catch2/catch.hpp>

#include <cstdint>
#include <set>
#include <string>
#include <vector>

namespace {

using gf::test::Headless;

// Textures by size: the plane's (64×64, also the large view's) and everything else (the atlas).
struct SizedTextures final : gf::ui::Textures {
    int square = 0, other = 0, next = 1;
    int last_w = 0, last_h = 0;
    ImTextureID update(ImTextureID id, int w, int h, const unsigned char*) override
    {
        (w == gf::kPlaneGrid && h == gf::kPlaneGrid ? square : other) += 1;
        if (w != gf::kPlaneGrid || h != gf::kPlaneGrid) last_w = w, last_h = h;
        return id ? id : reinterpret_cast<ImTextureID>(std::intptr_t(next++));
    }
};

const gf::ui::App::DrawnBox* find(const std::vector<gf::ui::App::DrawnBox>& v, const std::string& node)
{
    for (const auto& b : v)
        if (b.node == node) return &b;
    return nullptr;
}

} // namespace

TEST_CASE("ui neuron maps: every hidden node shows its map, from one atlas", "[ui][data][neurons]")
{
    Headless hl(1280, 800);
    gf::ui::App app;
    SizedTextures tex;
    app.set_textures(&tex);
    app.session().pause();
    hl.frame(app);
    CHECK(app.layout_report().neuron_maps.empty()); // the seed preset has no data: plain nodes
    CHECK(tex.other == 0);
    REQUIRE(app.session().load_preset("spiral").empty());
    app.session().pause();
    hl.frame(app);
    hl.frame(app);
    const auto r = app.layout_report();
    const gf::Network& net = app.session().config().net;
    std::size_t hidden = 0;
    for (int l = 0; l + 1 < net.layers(); ++l) hidden += std::size_t(net.sizes[std::size_t(l) + 1]);
    REQUIRE(hidden > 0);
    CHECK(r.neuron_maps.size() == hidden);
    for (const auto& m : r.neuron_maps) {
        const auto* node = find(r.nodes, m.node);
        REQUIRE(node != nullptr);
        // Inside its node's disc.
        CHECK(m.box.min.x >= node->box.min.x - 0.01f);
        CHECK(m.box.max.x <= node->box.max.x + 0.01f);
        CHECK(m.text.rfind("h", 0) == 0);
    }
    CHECK(find(r.neuron_maps, gf::node_name(net, gf::NodeRef{gf::NodeKind::pre, net.layers() - 1, 0, 0},
                                            gf::NameStyle::ascii)) == nullptr); // the output: no map
    CHECK(tex.other == 1);                                                      // one atlas for every neuron
    CHECK(tex.last_w * tex.last_h >= int(hidden) * 32 * 32);
    const int before = tex.other;
    hl.frame(app);
    CHECK(tex.other == before); // nothing changed: no upload
    REQUIRE(app.session().step_epoch().empty());
    hl.frame(app);
    CHECK(tex.other == before + 1); // new weights: the atlas again
    app.set_textures(nullptr);
}

TEST_CASE("ui neuron maps: hovering a hidden node shows its map large, the output does not", "[ui][data][neurons]")
{
    Headless hl(1280, 800);
    gf::ui::App app;
    SizedTextures tex;
    app.set_textures(&tex);
    REQUIRE(app.session().load_preset("spiral").empty());
    app.session().pause();
    hl.frame(app);
    hl.frame(app);
    const gf::Network& net = app.session().config().net;
    const std::string hidden_name =
        gf::node_name(net, gf::NodeRef{gf::NodeKind::pre, 0, 1, 0}, gf::NameStyle::ascii); // a_12
    const std::string output_name =
        gf::node_name(net, gf::NodeRef{gf::NodeKind::pre, net.layers() - 1, 0, 0}, gf::NameStyle::ascii);
    const auto r = app.layout_report();
    const auto* hidden = find(r.nodes, hidden_name);
    const auto* output = find(r.nodes, output_name);
    REQUIRE(hidden != nullptr);
    REQUIRE(output != nullptr);
    CHECK(r.neuron_view.node.empty()); // nothing hovered

    ImGuiIO& io = ImGui::GetIO();
    io.MousePos =
        ImVec2((hidden->box.min.x + hidden->box.max.x) * 0.5f, (hidden->box.min.y + hidden->box.max.y) * 0.5f);
    hl.frame(app);
    hl.frame(app);
    const auto hv = app.layout_report().neuron_view;
    CHECK(hv.node == hidden_name);
    CHECK(hv.kind == "neuron-view");
    CHECK(hv.text.find("over the input plane") != std::string::npos);
    CHECK(hv.box.max.x - hv.box.min.x >= 160.0f);
    CHECK(hv.box.max.y - hv.box.min.y >= 160.0f);
    CHECK(tex.square >= 2); // the plane's and the large view's

    io.MousePos =
        ImVec2((output->box.min.x + output->box.max.x) * 0.5f, (output->box.min.y + output->box.max.y) * 0.5f);
    hl.frame(app);
    hl.frame(app);
    CHECK(app.layout_report().neuron_view.node.empty());
    app.set_textures(nullptr);
}

namespace {

// Keeps the last plane-sized upload's pixels.
struct KeepingTextures final : gf::ui::Textures {
    std::vector<unsigned char> plane;
    ImTextureID update(ImTextureID id, int w, int h, const unsigned char* rgba) override
    {
        if (w == gf::kPlaneGrid && h == gf::kPlaneGrid) plane.assign(rgba, rgba + std::size_t(w * h * 4));
        return id ? id : reinterpret_cast<ImTextureID>(std::intptr_t(9));
    }
    std::size_t colours() const
    {
        std::set<std::uint32_t> seen;
        for (std::size_t i = 0; i + 3 < plane.size(); i += 4)
            seen.insert(std::uint32_t(plane[i]) << 16 | std::uint32_t(plane[i + 1]) << 8 | plane[i + 2]);
        return seen.size();
    }
};

} // namespace

TEST_CASE("ui plane: the discretised view paints the classes flat and the link setting turns it on", "[ui][data]")
{
    Headless hl(1280, 800);
    gf::ui::App app;
    KeepingTextures tex;
    app.set_textures(&tex);
    REQUIRE(app.session().load_preset("circle").empty());
    app.session().pause();
    hl.frame(app);
    CHECK(tex.colours() > 20); // a smooth score
    app.set_discretize(true);
    hl.frame(app);
    CHECK(tex.colours() <= 3); // −1, +1 (and an exact 0, if any)
    CHECK(tex.colours() >= 2);
    gf::embed::PageState page = gf::embed::parse_page_url("?preset=circle&discretize=0", "");
    app.apply_page(page);
    hl.frame(app);
    CHECK_FALSE(app.discretize());
    CHECK(tex.colours() > 20);
    app.set_textures(nullptr);
}
