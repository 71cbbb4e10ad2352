// [SECTION] Rebuild: everything derived from the network
// [SECTION] Changing the network (configs, edits)
// [SECTION] Focus
// [SECTION] Training and the SGD step
// [SECTION] GRADFLOW_DEMO / apply_demo
//
// The operations on App::State. Every change to the network goes through apply_network_edit()
// or apply_config(): validate first (the world's mistake is refused in words and the last good
// network stays), then rebuild() recomputes the trace, the step after it, the focused
// derivation and the timeline from the core and gf::anim. Nothing here draws.
#include "ui/state.hpp"

#include "core/names.hpp"
#include "core/report.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>

namespace gf::ui {

// -----------------------------------------------------------------------------------------------
// [SECTION] Rebuild: everything derived from the network
// -----------------------------------------------------------------------------------------------

namespace {

// Symmetric colour scales per edge role: weights, local derivatives and ∂L/∂ŷ differ by orders
// of magnitude, so each role gets its own (the legend says which one is shown).
void compute_view_cache(State& s)
{
    const anim::Timeline& tl = s.anim.timeline;
    std::vector<double> v[3][3], p[2][3];
    for (std::size_t e = 0; e < tl.edge_tracks.size(); ++e) {
        const anim::EdgeTrack& t = tl.edge_tracks[e];
        const int role = int(tl.graph.edges[e].role);
        v[int(ViewMode::weights)][role].push_back(t.value_old);
        v[int(ViewMode::weights)][role].push_back(t.value_new);
        v[int(ViewMode::contributions)][role].push_back(t.fwd_carry);
        v[int(ViewMode::gradients)][role].push_back(t.grad);
        p[0][role].push_back(t.fwd_carry);
        p[1][role].push_back(t.bwd_carry);
    }
    for (int m = 0; m < 3; ++m)
        for (int r = 0; r < 3; ++r) s.view.scale[m][r] = view::value_scale(v[m][r].data(), v[m][r].size());
    for (int d = 0; d < 2; ++d)
        for (int r = 0; r < 3; ++r) s.view.pulse_scale[d][r] = view::value_scale(p[d][r].data(), p[d][r].size());

    // Node labels: a hidden neuron is both a_lj and h_lj; the others have one name.
    const Network& net = s.model.config.net;
    const std::size_t n = tl.graph.nodes.size();
    s.view.name_top.assign(n, {});
    s.view.name_bottom.assign(n, {});
    for (std::size_t i = 0; i < n; ++i) {
        const anim::GraphNode& g = tl.graph.nodes[i];
        const NodeRef ref = tl.graph.node_ref(int(i));
        s.view.name_top[i] = node_name(net, ref);
        if (g.role == anim::NodeRole::neuron && g.layer < net.layers() - 1)
            s.view.name_bottom[i] = node_name(net, NodeRef{NodeKind::post, g.layer, g.j, 0});
    }
}

void derive_focus(State& s)
{
    State::Focus& f = s.focus;
    const Config& c = s.model.config;
    NodeRef ref;
    std::string err;
    if (!parse_node(c.net, f.name, ref, err)) {   // the structure changed under the focus
        f = State::Focus{};
        return;
    }
    f.ref = ref;
    f.deriv = derive(c.net, c.sample(), s.model.trace, ref);
    f.text = format_derivation(c.net, f.deriv, DerivFormat::text);
    f.markdown = format_derivation(c.net, f.deriv, DerivFormat::markdown);
    f.latex = format_derivation(c.net, f.deriv, DerivFormat::latex);
}

} // namespace

void rebuild(State& s)
{
    State::Model& m = s.model;
    const Config& c = m.config;
    forward_backward(c.net, c.sample(), m.trace);

    // The update section shows exactly what "Step" will do: one full-batch training step.
    m.next = c.net;
    const TrainResult r = gf::train(m.next, c.samples, 1, c.learning_rate, c.train_biases);
    m.next_ok = !r.diverged && r.steps_done == 1;
    m.next_message = r.message;

    if (s.focus.active) derive_focus(s);

    anim::TimelineInput in;
    in.net = &c.net;
    in.trace = &m.trace;
    in.next = m.next_ok ? &m.next : nullptr;
    in.focus = s.focus.active ? &s.focus.deriv.paths : nullptr;
    s.anim.timeline = anim::make_timeline(in);
    s.anim.transport.t = std::clamp(s.anim.transport.t, 0.0, s.anim.timeline.duration);
    anim::sample(s.anim.timeline, s.anim.transport.t, s.anim.frame);
    compute_view_cache(s);
    ++m.revision;
}

// -----------------------------------------------------------------------------------------------
// [SECTION] Changing the network (configs, edits)
// -----------------------------------------------------------------------------------------------

std::string apply_config(State& s, Config c, std::string preset_name)
{
    std::string err = validate_network(c.net);
    for (std::size_t i = 0; err.empty() && i < c.samples.size(); ++i) err = validate_sample(c.net, c.samples[i]);
    if (!err.empty()) return err;
    s.anim.pending_step = false;
    s.model.base = c;
    s.model.config = std::move(c);
    s.model.preset = std::move(preset_name);
    const int steps = s.train.steps;
    s.train = State::Train{};
    s.train.steps = steps;
    rebuild(s);
    return {};
}

std::string apply_config_edit(State& s, Config c)
{
    std::string err = validate_network(c.net);
    for (std::size_t i = 0; err.empty() && i < c.samples.size(); ++i) err = validate_sample(c.net, c.samples[i]);
    if (err.empty() && !(std::isfinite(c.learning_rate) && c.learning_rate >= 0))
        err = "the learning rate must be a finite number, 0 or more";
    if (!err.empty()) return err;
    s.anim.pending_step = false;
    s.model.config = std::move(c);
    rebuild(s);
    return {};
}

std::string apply_network_edit(State& s, const Network& net)
{
    Config c = s.model.config;
    c.net = net;
    return apply_config_edit(s, std::move(c));
}

std::string apply_sample_edit(State& s, const Sample& sample)
{
    if (std::string err = validate_sample(s.model.config.net, sample); !err.empty()) return err;
    s.model.config.samples.front() = sample;
    rebuild(s);
    return {};
}

// -----------------------------------------------------------------------------------------------
// [SECTION] Focus
// -----------------------------------------------------------------------------------------------

std::string set_focus(State& s, std::string_view name)
{
    if (name.empty()) {
        clear_focus(s);
        return {};
    }
    NodeRef ref;
    std::string err;
    if (!parse_node(s.model.config.net, name, ref, err)) return s.focus.error = err;
    if (ref.kind == NodeKind::loss) return s.focus.error = "L is the loss itself; focus a weight, bias or node that leads to it";
    s.focus.active = true;
    s.focus.name = node_name(s.model.config.net, ref);
    s.focus.error.clear();
    rebuild(s);
    return {};
}

void clear_focus(State& s)
{
    if (!s.focus.active) return;
    s.focus = State::Focus{};
    rebuild(s);
}

double walk_start(const State& s)
{
    const anim::Timeline& tl = s.anim.timeline;
    return tl.walk.empty() ? -1.0 : tl.walk.front().start;
}

// -----------------------------------------------------------------------------------------------
// [SECTION] Training and the SGD step
// -----------------------------------------------------------------------------------------------

std::string commit_step(State& s)
{
    s.anim.pending_step = false;
    if (!s.model.next_ok)
        return "this step would make a parameter non-finite, so it is not taken: " + s.model.next_message;
    s.train.history.push_back(float(s.model.trace.loss));
    const Network next = s.model.next;
    return apply_network_edit(s, next);
}

void start_step_animation(State& s)
{
    if (s.anim.pending_step) commit_step(s);   // a second click: finish the first step at once
    if (!s.model.next_ok) {
        s.edit.message = "Step refused: " + s.model.next_message;
        s.edit.message_is_error = true;
        return;
    }
    s.anim.transport.t = s.anim.timeline.update_start;
    s.anim.transport.playing = true;
    s.anim.pending_step = true;
}

namespace {

// Runs `steps` training steps; keeps the restore point of the current run.
std::string run_training(State& s, int steps)
{
    if (!s.train.restore) s.train.restore = s.model.config;
    Network net = s.model.config.net;
    const Config& c = s.model.config;
    const TrainResult r = gf::train(net, c.samples, steps, c.learning_rate, c.train_biases);
    // loss_history ends with the loss after the last step; the next chunk starts with it again.
    for (std::size_t i = 0; i + 1 < r.loss_history.size(); ++i) s.train.history.push_back(float(r.loss_history[i]));
    if (r.steps_done == 0 && !r.loss_history.empty() && r.diverged) s.train.history.push_back(float(r.loss_history.back()));
    if (r.steps_done > 0) {
        if (std::string err = apply_network_edit(s, net); !err.empty()) {
            s.train.diverged = true;
            s.train.message = "training produced a network that is not valid: " + err;
            s.train.remaining = 0;
            return s.train.message;
        }
    }
    if (r.diverged) {
        s.train.diverged = true;
        s.train.message = r.message.empty() ? std::string("training diverged (a loss or parameter became NaN or infinite)") : r.message;
        s.train.remaining = 0;
        return s.train.message;
    }
    return {};
}

} // namespace

std::string train_now(State& s, int steps)
{
    s.anim.pending_step = false;
    s.train.restore.reset();
    s.train.diverged = false;
    s.train.message.clear();
    return run_training(s, std::max(steps, 0));
}

void train_tick(State& s)
{
    if (s.train.remaining <= 0) return;
    // Spread a run over about a second of frames so the loss plot grows visibly, but never
    // more work per frame than ~2 M multiply-adds (the wide preset: a few steps per frame).
    const double work = double(s.model.config.net.param_count()) * double(s.model.config.samples.size());
    const int by_time = std::max(1, s.train.steps / 60);
    const int by_cost = std::max(1, int(2.0e6 / std::max(work, 1.0)));
    const int chunk = std::min({s.train.remaining, by_time, by_cost});
    s.train.remaining -= chunk;
    run_training(s, chunk);
}

bool restore_training(State& s)
{
    if (!s.train.restore) return false;
    Config c = std::move(*s.train.restore);
    s.train.restore.reset();
    s.train.remaining = 0;
    s.train.diverged = false;
    s.train.message.clear();
    s.model.config = std::move(c);
    s.anim.pending_step = false;
    rebuild(s);
    return true;
}

// -----------------------------------------------------------------------------------------------
// [SECTION] GRADFLOW_DEMO / apply_demo
// -----------------------------------------------------------------------------------------------

std::string apply_demo(State& s, std::string_view spec)
{
    std::string errors;
    auto fail = [&](const std::string& e) { errors += (errors.empty() ? "" : "; ") + e; };
    double seek_to = -1.0;
    bool play = false;
    std::size_t pos = 0;
    while (pos <= spec.size()) {
        std::size_t end = spec.find_first_of(";&", pos);
        if (end == std::string_view::npos) end = spec.size();
        const std::string_view item = spec.substr(pos, end - pos);
        pos = end + 1;
        if (item.empty()) continue;
        const std::size_t eq = item.find('=');
        const std::string key(item.substr(0, eq));
        const std::string val(eq == std::string_view::npos ? std::string_view{} : item.substr(eq + 1));
        if (key == "preset") {
            try {
                if (std::string e = apply_config(s, gf::preset(val), val); !e.empty()) fail(e);
            } catch (const ConfigError& e) {
                fail(e.what());
            }
        } else if (key == "focus") {
            if (std::string e = set_focus(s, val); !e.empty()) fail(e);
        } else if (key == "t") {
            seek_to = std::atof(val.c_str());
        } else if (key == "walk") {   // seconds into the path walk
            const double w = walk_start(s);
            if (w >= 0) seek_to = w + std::atof(val.c_str());
        } else if (key == "end") {
            seek_to = 1e300;
        } else if (key == "mode") {
            if (val == "weights") s.view.mode = ViewMode::weights;
            else if (val == "contributions") s.view.mode = ViewMode::contributions;
            else if (val == "gradients") s.view.mode = ViewMode::gradients;
            else fail("mode must be weights, contributions or gradients");
        } else if (key == "play") {
            play = val != "0";
        } else if (key == "panel") {
            s.panels.side_open = val == "side" || val == "both";
            s.panels.inspector_open = val == "inspector" || val == "both";
        } else if (key == "size") {   // "640x400": lay the panels out in that corner of the window
            float w = 0, h = 0;
            if (std::sscanf(val.c_str(), "%fx%f", &w, &h) == 2 && w > 0 && h > 0) s.panels.force_size = ImVec2(w, h);
            else fail("size must look like 640x400");
        } else if (key == "shortcut") {
            s.focus.show_shortcut = val != "0";
        } else if (key == "train") {
            if (std::string e = train_now(s, std::atoi(val.c_str())); !e.empty()) fail(e);
        } else if (key == "lr") {
            s.model.config.learning_rate = std::atof(val.c_str());
            rebuild(s);
        } else {
            fail("unknown demo key \"" + key + "\" (preset, focus, t, walk, end, mode, play, panel, shortcut, train, lr, size)");
        }
    }
    if (seek_to >= 0) s.anim.transport.seek(s.anim.timeline, seek_to);
    s.anim.transport.playing = play;
    return errors;
}

} // namespace gf::ui
