// The timeline in words, for readers who cannot see the canvas (the page's aria-live region).
//
// narration(tl, net, t) is a pure function of the timeline and t, like sample(): one short
// sentence naming the phase and the latest value it revealed, e.g.
//   "Forward, layer 1: a_12 = 3.4"
//   "Backward, layer 2: ∂L/∂a_21 = −0.1377"
//   "Sum of the paths: ∂L/∂w_212 = −0.1377 from 2 paths"
// It changes only when an event starts (a phase, a value revealed, a hop), never between, so a
// caller that pushes it when it changes pushes per step, not per frame; rate limiting for the
// reader is the page's (web/shell.html).
#pragma once

#include "anim/timeline.hpp"
#include "core/network.hpp"

#include <string>

namespace gf::anim {

std::string narration(const Timeline& tl, const Network& net, double t);

} // namespace gf::anim
