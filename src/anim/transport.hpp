// The play head the app drives. The app reads the clock and calls advance(dt); everything else
// here is arithmetic on t, so a recorded sequence of calls replays exactly.
#pragma once

#include "anim/timeline.hpp"

namespace gf::anim {

// The longest step one frame may take, in seconds: a hidden tab or a stall must not make the
// story (or ImGui's own animations) jump. The app's clock and the platform's DeltaTime both cap here.
inline constexpr double kMaxFrameStep = 0.25;

struct Transport {
    double t = 0.0;     // seconds into the timeline
    double speed = 1.0; // multiplies dt; negative plays backward
    bool playing = false;
    bool loop = false; // wrap at either end instead of stopping there

    // Moves t by dt·speed when playing. At an end it wraps (loop) or stops playing there.
    void advance(const Timeline& tl, double dt);
    // Jump to the next / previous event (major_only: phases only) and pause, as a step button does.
    void step_next(const Timeline& tl, bool major_only = false);
    void step_prev(const Timeline& tl, bool major_only = false);
    void seek(const Timeline& tl, double to); // clamps to [0, duration]; keeps playing as it was
    void home() { t = 0.0; }
    void end(const Timeline& tl)
    {
        t = tl.duration;
        playing = false;
    }
    // Play/pause; playing from the very end starts again from the beginning.
    void toggle(const Timeline& tl);
};

} // namespace gf::anim
