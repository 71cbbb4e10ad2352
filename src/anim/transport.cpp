#include "anim/transport.hpp"

#include <algorithm>
#include <cmath>

namespace gf::anim {

void Transport::advance(const Timeline& tl, double dt)
{
    if (!playing) return;
    const double d = tl.duration;
    if (d <= 0.0) {
        t = 0.0;
        playing = false;
        return;
    }
    t += dt * speed;
    if (t >= d || t < 0.0) {
        if (loop) {
            t = std::fmod(t, d);
            if (t < 0.0) t += d;
        } else {
            t = std::clamp(t, 0.0, d);
            playing = false;
        }
    }
}

void Transport::step_next(const Timeline& tl, bool major_only)
{
    t = next_event_time(tl, t, major_only);
    playing = false;
}

void Transport::step_prev(const Timeline& tl, bool major_only)
{
    t = prev_event_time(tl, t, major_only);
    playing = false;
}

void Transport::seek(const Timeline& tl, double to) { t = std::clamp(to, 0.0, tl.duration); }

void Transport::toggle(const Timeline& tl)
{
    if (!playing && speed >= 0.0 && t >= tl.duration) t = 0.0;
    playing = !playing;
}

} // namespace gf::anim
