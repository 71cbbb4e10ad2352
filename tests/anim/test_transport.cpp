#include "anim/transport.hpp"
#include "helpers.hpp"

#include <catch2/catch.hpp>

#include <vector>

using namespace gf;
using namespace gf::anim;
using namespace gf::anim::test;
using Catch::Matchers::WithinAbs;

TEST_CASE("transport: play, stop at the end, loop, reverse", "[anim][transport]")
{
    const Fixture f("seed");
    const Timeline tl = f.timeline();
    const double D = tl.duration;
    Transport tr;
    tr.advance(tl, 1.0);
    CHECK(tr.t == 0.0); // paused: dt is ignored
    tr.toggle(tl);
    REQUIRE(tr.playing);
    tr.advance(tl, 0.5);
    CHECK(tr.t == 0.5);
    tr.speed = 2.0;
    tr.advance(tl, 0.25);
    CHECK(tr.t == 1.0);
    tr.advance(tl, D); // past the end: stops there
    CHECK(tr.t == D);
    CHECK_FALSE(tr.playing);
    tr.toggle(tl); // play from the end starts over
    CHECK(tr.t == 0.0);
    CHECK(tr.playing);

    tr.loop = true;
    tr.speed = 1.0;
    tr.seek(tl, D - 0.25);
    tr.advance(tl, 0.5);
    CHECK_THAT(tr.t, WithinAbs(0.25, 1e-12));
    CHECK(tr.playing);
    tr.speed = -1.0;
    tr.advance(tl, 0.5); // backward past 0 wraps to the end
    CHECK_THAT(tr.t, WithinAbs(D - 0.25, 1e-12));
    tr.loop = false;
    tr.seek(tl, 0.1);
    tr.advance(tl, 1.0);
    CHECK(tr.t == 0.0);
    CHECK_FALSE(tr.playing);
}

TEST_CASE("transport: step, seek, home, end", "[anim][transport]")
{
    const Fixture f("seed");
    const Timeline tl = f.timeline();
    Transport tr;
    tr.playing = true;
    tr.step_next(tl);
    CHECK_FALSE(tr.playing); // a step pauses
    CHECK(tr.t == next_event_time(tl, 0.0));
    tr.step_next(tl, true);
    CHECK(phase_at(tl, tr.t) == "forward layer 2");
    tr.step_next(tl);
    CHECK(tr.t == event(tl, "a_21 revealed").start);
    tr.step_prev(tl);
    CHECK(tr.t == event(tl, "forward layer 2").start);
    tr.step_prev(tl, true);
    CHECK(tr.t == event(tl, "forward layer 1").start);
    tr.seek(tl, -5.0);
    CHECK(tr.t == 0.0);
    tr.seek(tl, 1e9);
    CHECK(tr.t == tl.duration);
    tr.home();
    CHECK(tr.t == 0.0);
    tr.playing = true;
    tr.end(tl);
    CHECK(tr.t == tl.duration);
    CHECK_FALSE(tr.playing);
    // Ten steps land on the tenth distinct event start after 0, and ten steps back return to 0.
    tr.home();
    for (int i = 0; i < 10; ++i) tr.step_next(tl);
    const double t10 = tr.t;
    std::vector<double> starts;
    for (const Event& e : tl.events)
        if (e.start > 0.0 && (starts.empty() || e.start > starts.back())) starts.push_back(e.start);
    REQUIRE(starts.size() >= 10);
    CHECK(t10 == starts[9]);
    for (int i = 0; i < 10; ++i) tr.step_prev(tl);
    CHECK(tr.t == 0.0);
    // The frame sampled where the steps stopped is in the phase of the last major event started
    // by then, found here by a linear scan of the schedule (phase_index searches a separate index
    // of major events), and shows exactly the values whose reveal time has come.
    int expected = -1;
    for (std::size_t i = 0; i < tl.events.size(); ++i)
        if (tl.events[i].major && tl.events[i].start <= t10) expected = int(i);
    REQUIRE(expected >= 0);
    const Frame fr = sample(tl, t10);
    CHECK(fr.phase == expected);
    CHECK(fr.section == tl.events[std::size_t(expected)].section);
    int shown = 0;
    for (std::size_t i = 0; i < fr.nodes.size(); ++i) {
        const NodeTrack& v = tl.node_tracks[i];
        const float want_a = v.t_a <= t10 ? 1.0f : v.t_a > t10 + tl.timing.fade ? 0.0f : fr.nodes[i].show_a;
        const float want_h = v.t_h <= t10 ? 1.0f : v.t_h > t10 + tl.timing.fade ? 0.0f : fr.nodes[i].show_h;
        CHECK(fr.nodes[i].show_a == want_a);
        CHECK(fr.nodes[i].show_h == want_h);
        shown += v.t_a <= t10;
    }
    CHECK(shown > 0);
}
