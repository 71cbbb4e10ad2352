// The timeline in words: the sentence names the phase and the value just revealed, and the value
// is the trace's own (checked against forward_backward, not against the timeline it came from).
#include "anim/narrate.hpp"

#include "core/derive.hpp"
#include "core/names.hpp"

#include "helpers.hpp"

#include <catch2/catch.hpp>

#include <set>

using namespace gf;
using namespace gf::anim;
using namespace gf::anim::test;
using Catch::Matchers::Contains;
using Catch::Matchers::StartsWith;

namespace {

std::string minus(std::string s)
{
    if (!s.empty() && s[0] == '-') s.replace(0, 1, "−");
    return s;
}

} // namespace

TEST_CASE("narration: the forward pass says each value as it is revealed", "[anim][narrate]")
{
    const Fixture f("seed");
    const Timeline tl = f.timeline();
    const Network& net = f.cfg.net;

    CHECK_THAT(narration(tl, net, 0.0), StartsWith("Inputs: x_1 = " + minus(format_number(f.trace.x[0], 4))));

    // a_12 in layer 1 (0-based layer 0, neuron 1) and h_12 after it.
    const std::string a12 = node_name(net, NodeRef{NodeKind::pre, 0, 1, 0});
    const std::string h12 = node_name(net, NodeRef{NodeKind::post, 0, 1, 0});
    const Event& ra = event(tl, a12 + " revealed");
    CHECK(narration(tl, net, ra.start) ==
          "Forward, layer 1: " + a12 + " = " + minus(format_number(f.trace.a[0][1], 4)));
    const Event& rh = event(tl, h12 + " revealed");
    CHECK(narration(tl, net, rh.start + 1e-9) ==
          "Forward, layer 1: " + h12 + " = " + minus(format_number(f.trace.h[0][1], 4)));
    // Between two events the sentence does not change (no per-frame chatter).
    CHECK(narration(tl, net, ra.start + 1e-6) == narration(tl, net, ra.start));

    const Event& loss = event(tl, "L revealed");
    CHECK(narration(tl, net, loss.start) == "Forward, the loss: L = " + minus(format_number(f.trace.loss, 4)));
}

TEST_CASE("narration: the backward pass says gradients with a real minus sign", "[anim][narrate]")
{
    const Fixture f("seed");
    const Timeline tl = f.timeline();
    const Network& net = f.cfg.net;
    const std::string da21 = gradient_name(net, NodeRef{NodeKind::pre, 1, 0, 0});
    const Event& ev = event(tl, da21 + " revealed");
    const std::string s = narration(tl, net, ev.start);
    CHECK_THAT(s, StartsWith("Backward"));
    CHECK_THAT(s, Contains(da21 + " = " + minus(format_number(f.trace.da[1][0], 4))));
    CHECK(s.find('-') == std::string::npos); // U+2212, never a hyphen

    // Each phase has its own sentence: stepping through the major events never repeats one.
    std::set<std::string> seen;
    for (int i : tl.major_events) seen.insert(narration(tl, net, tl.events[std::size_t(i)].start));
    CHECK(seen.size() == tl.major_events.size());
}

TEST_CASE("narration: the walk ends with the gradient and the number of paths", "[anim][narrate]")
{
    const Fixture f("seed");
    const NodeRef w212{NodeKind::weight, 1, 0, 1};
    const PathSet ps = enumerate_paths(f.cfg.net, f.trace, w212, 100);
    const Timeline tl = f.timeline(&ps);
    const Network& net = f.cfg.net;
    const std::string g = gradient_name(net, w212);
    const std::string sum = narration(tl, net, tl.t_walk_sum);
    CHECK(sum == "Sum of the paths: " + g + " = " + minus(format_number(f.trace.dW[1](0, 1), 4)) + " from " +
                     std::to_string(ps.paths.size()) + (ps.paths.size() == 1 ? " path" : " paths"));
    const Event& first = event(tl, "walk path 1 of " + std::to_string(tl.walk.size()));
    CHECK_THAT(narration(tl, net, first.start), StartsWith("Path 1 of "));
    CHECK_THAT(narration(tl, net, tl.walk[0].hops[0].start + tl.timing.hop), Contains("hop 1: product"));
}

TEST_CASE("narration: the update says the loss before and after", "[anim][narrate]")
{
    const Fixture f("seed");
    const Timeline tl = f.timeline();
    CHECK_THAT(narration(tl, f.cfg.net, tl.update_start), StartsWith("Update"));
    CHECK_THAT(narration(tl, f.cfg.net, tl.duration),
               Contains("the loss went from " + minus(format_number(tl.loss_before, 4))));
}
