// Shared fixtures: a preset, its trace, the network after one SGD step, and a timeline of it.
#pragma once

#include "anim/timeline.hpp"
#include "core/config.hpp"
#include "core/network.hpp"
#include "core/paths.hpp"

#include <string_view>

namespace gf::anim::test {

struct Fixture {
    Config cfg;
    Trace trace;
    Network next; // after one SGD step with the config's learning rate

    explicit Fixture(std::string_view preset_name) : cfg(preset(preset_name))
    {
        trace = forward_backward(cfg.net, cfg.sample());
        next = cfg.net;
        sgd_step(next, trace.dW, trace.db, cfg.learning_rate, cfg.train_biases);
    }
    Timeline timeline(const PathSet* focus = nullptr, const TimelineOptions& opt = {}) const
    {
        TimelineInput in;
        in.net = &cfg.net;
        in.trace = &trace;
        in.next = &next;
        in.focus = focus;
        return make_timeline(in, opt);
    }
};

inline const Event& event(const Timeline& tl, std::string_view name)
{
    const int i = find_event(tl, name);
    if (i < 0) throw std::runtime_error("no event named " + std::string(name));
    return tl.events[std::size_t(i)];
}

} // namespace gf::anim::test
