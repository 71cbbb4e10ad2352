// [SECTION] Rebuild: everything derived from the network
// [SECTION] Changing the network
// [SECTION] Focus
// [SECTION] The training step and training runs
// [SECTION] The timeline and its play head
#include "session/session.hpp"

#include "core/names.hpp"
#include "view/color.hpp"

#include <algorithm>
#include <cassert>
#include <cmath>

namespace gf {

Session::Session()
{
    const std::string err = load(gf::preset("seed"), "seed");
    (void)err;
    assert(err.empty() && "the seed preset must be valid");
}

// -----------------------------------------------------------------------------------------------
// [SECTION] Rebuild: everything derived from the network
// -----------------------------------------------------------------------------------------------

void Session::rebuild()
{
    const Config& c = config_;
    ++revision_;
    forward_backward(c.net, c.sample(), trace_);
    // The update section shows exactly what Step takes.
    next_ = training_step(c.net, c.samples, c.learning_rate, c.train_biases);

    if (focus_.active) derive_focus();

    anim::TimelineInput in;
    in.net = &c.net;
    in.trace = &trace_;
    in.next = next_.ok ? &next_.next : nullptr;
    in.focus = focus_.active ? &focus_.deriv.paths : nullptr;
    timeline_ = anim::make_timeline(in);
    timeline_.reduced_motion = reduced_motion_;
    transport_.t = std::clamp(transport_.t, 0.0, timeline_.duration);
    resample();
    compute_scales();
}

void Session::derive_focus()
{
    NodeRef ref;
    std::string err;
    if (!parse_node(config_.net, focus_.name, ref, err)) { // the structure changed under the focus
        focus_ = Focus{};
        return;
    }
    focus_.ref = ref;
    focus_.deriv = derive(config_.net, config_.sample(), trace_, ref);
    focus_.text = format_derivation(config_.net, focus_.deriv, DerivFormat::text);
    focus_.markdown = format_derivation(config_.net, focus_.deriv, DerivFormat::markdown);
    focus_.latex = format_derivation(config_.net, focus_.deriv, DerivFormat::latex);
}

// Symmetric colour scales per edge role: weights, local derivatives and ∂L/∂ŷ differ by orders
// of magnitude, so each role gets its own (the legend says which one is shown).
void Session::compute_scales()
{
    const anim::Timeline& tl = timeline_;
    constexpr int weights = int(embed::View::weights), forward = int(embed::View::forward),
                  gradients = int(embed::View::gradients);
    std::vector<double> v[3][3], p[2][3];
    for (std::size_t e = 0; e < tl.edge_tracks.size(); ++e) {
        const anim::EdgeTrack& t = tl.edge_tracks[e];
        const int role = int(tl.graph.edges[e].role);
        v[weights][role].push_back(t.value_old);
        v[weights][role].push_back(t.value_new);
        v[forward][role].push_back(t.fwd_carry);
        v[gradients][role].push_back(t.grad);
        p[0][role].push_back(t.fwd_carry);
        p[1][role].push_back(t.bwd_carry);
    }
    for (int m = 0; m < 3; ++m)
        for (int r = 0; r < 3; ++r) scale_[m][r] = view::value_scale(v[m][r].data(), v[m][r].size());
    for (int d = 0; d < 2; ++d)
        for (int r = 0; r < 3; ++r) pulse_scale_[d][r] = view::value_scale(p[d][r].data(), p[d][r].size());

    // Node labels: a hidden neuron is both a_lj and h_lj; the others have one name.
    const Network& net = config_.net;
    const std::size_t n = tl.graph.nodes.size();
    label_top_.assign(n, {});
    label_bottom_.assign(n, {});
    for (std::size_t i = 0; i < n; ++i) {
        const anim::GraphNode& g = tl.graph.nodes[i];
        label_top_[i] = node_name(net, tl.graph.node_ref(int(i)));
        if (g.role == anim::NodeRole::neuron && g.layer < net.layers() - 1)
            label_bottom_[i] = node_name(net, NodeRef{NodeKind::post, g.layer, g.j, 0});
    }
}

double Session::scale(embed::View view, anim::EdgeRole role) const { return scale_[int(view)][int(role)]; }
double Session::pulse_scale(bool backward, anim::EdgeRole role) const
{
    return pulse_scale_[backward ? 1 : 0][int(role)];
}

// -----------------------------------------------------------------------------------------------
// [SECTION] Changing the network
// -----------------------------------------------------------------------------------------------

namespace {

std::string check_config(const Config& c)
{
    std::string err = validate_network(c.net);
    for (std::size_t i = 0; err.empty() && i < c.samples.size(); ++i) err = validate_sample(c.net, c.samples[i]);
    if (err.empty() && !(std::isfinite(c.learning_rate) && c.learning_rate >= 0))
        err = "the learning rate must be a finite number, 0 or more";
    return err;
}

} // namespace

std::string Session::load(Config c, std::string preset_name)
{
    if (std::string err = check_config(c); !err.empty()) return err;
    step_pending_ = false;
    base_ = c;
    config_ = std::move(c);
    preset_ = std::move(preset_name);
    training_ = Training{};
    rebuild();
    return {};
}

std::string Session::load_preset(std::string_view name)
{
    try {
        return load(gf::preset(name), std::string(name));
    } catch (const ConfigError& e) {
        return e.what();
    }
}

std::string Session::edit(Config c)
{
    if (std::string err = check_config(c); !err.empty()) return err;
    step_pending_ = false;
    training_.warning.clear(); // it described the network as training left it
    config_ = std::move(c);
    rebuild();
    return {};
}

std::string Session::edit_network(const Network& net)
{
    Config c = config_;
    c.net = net;
    return edit(std::move(c));
}

std::string Session::reset()
{
    Config base = base_;
    std::string name = preset_;
    return load(std::move(base), std::move(name));
}

// -----------------------------------------------------------------------------------------------
// [SECTION] Focus
// -----------------------------------------------------------------------------------------------

std::string Session::set_focus(std::string_view name)
{
    if (name.empty()) {
        clear_focus();
        return {};
    }
    NodeRef ref;
    std::string err;
    if (!parse_node(config_.net, name, ref, err)) return focus_.error = err;
    if (ref.kind == NodeKind::loss)
        return focus_.error = "L is the loss itself; focus a weight, bias or node that leads to it";
    focus_.active = true;
    focus_.name = node_name(config_.net, ref);
    focus_.error.clear();
    rebuild();
    return {};
}

void Session::clear_focus()
{
    if (!focus_.active) return;
    focus_ = Focus{};
    rebuild();
}

void Session::set_show_shortcut(bool on) { focus_.show_shortcut = on; }

// -----------------------------------------------------------------------------------------------
// [SECTION] The training step and training runs
// -----------------------------------------------------------------------------------------------

std::string training_summary(std::size_t steps, double loss_now)
{
    return "loss " + format_number(loss_now, 4) + " after " + std::to_string(steps) + (steps == 1 ? " step" : " steps");
}

namespace {

// A sigmoid or tanh unit whose derivative is ~0: |a| > 30, or h within 1e-6 of the bound.
bool saturated(Activation act, double a, double h)
{
    constexpr double kNear = 1e-6, kFar = 30.0;
    if (!std::isfinite(a) || std::abs(a) > kFar) return true;
    if (act == Activation::sigmoid) return h < kNear || h > 1.0 - kNear;
    return std::abs(h) > 1.0 - kNear; // tanh
}

// "h_12, h_13 are saturated (…); w_212 = 1.4e+05 ran away", or "" when `now` looks healthy.
std::string trouble(const Network& start, const Network& now, const std::vector<Sample>& samples)
{
    // Only vectors of types the page already has (double, NodeRef, string): each new element type
    // instantiates vector's code again, and the page's gzip size has a budget.
    // Hidden units saturated on every sample: one forward pass per sample, as one training step costs.
    std::vector<NodeRef> units; // sigmoid/tanh hidden units, then those saturated so far
    for (int l = 0; l + 1 < now.layers(); ++l)
        if (now.act[std::size_t(l)] == Activation::sigmoid || now.act[std::size_t(l)] == Activation::tanh)
            for (int j = 0; j < now.width(l); ++j) units.push_back(NodeRef{NodeKind::post, l, j, 0});
    Trace t;
    for (std::size_t i = 0; i < samples.size() && !units.empty(); ++i) {
        forward_backward(now, samples[i], t);
        std::vector<NodeRef> still;
        for (const NodeRef& u : units)
            if (saturated(now.act[std::size_t(u.layer)], t.a[std::size_t(u.layer)][std::size_t(u.j)],
                          t.h[std::size_t(u.layer)][std::size_t(u.j)]))
                still.push_back(u);
        units = std::move(still);
    }
    if (samples.empty()) units.clear();

    // Parameters that ran away: large, and far larger than where the run started.
    constexpr double kLarge = 1e3, kGrowth = 100.0;
    std::vector<NodeRef> runaway; // in network order
    Vec size;                     // |value| of each, -1 once named
    const bool same_shape = start.sizes == now.sizes;
    for (int l = 0; l < now.layers(); ++l) {
        const Matrix& w = now.W[std::size_t(l)];
        for (int j = 0; j < w.rows; ++j)
            for (int k = 0; k <= w.cols; ++k) { // k == cols: the bias b_lj
                const bool bias = k == w.cols;
                const double v = bias ? now.b[std::size_t(l)][std::size_t(j)] : w(j, k);
                const double v0 = !same_shape ? 0.0
                                  : bias      ? start.b[std::size_t(l)][std::size_t(j)]
                                              : start.W[std::size_t(l)](j, k);
                if (std::abs(v) > kLarge && std::abs(v) > kGrowth * std::abs(v0)) {
                    runaway.push_back(NodeRef{bias ? NodeKind::bias : NodeKind::weight, l, j, bias ? 0 : k});
                    size.push_back(std::abs(v));
                }
            }
    }

    std::string out;
    constexpr std::size_t kUnits = 4, kParams = 3;
    for (std::size_t i = 0; i < units.size() && i < kUnits; ++i) out += (i ? ", " : "") + node_name(now, units[i]);
    if (units.size() > kUnits) out += " and " + std::to_string(units.size() - kUnits) + " more";
    if (!units.empty())
        out +=
            (units.size() == 1 ? " is" : " are") + std::string(" saturated on every sample (no gradient gets through)");
    // The three largest named, largest first (earliest among equals), the rest counted: a
    // selection, as this runs once per run.
    for (std::size_t n = 0; n < kParams && n < runaway.size(); ++n) {
        std::size_t best = 0;
        for (std::size_t i = 1; i < size.size(); ++i)
            if (size[i] > size[best]) best = i;
        size[best] = -1.0;
        out += std::string(n               ? ", "
                           : units.empty() ? ""
                                           : "; ") +
               node_name(now, runaway[best]) + " = " + format_number(node_value(now, t, runaway[best]), 2);
    }
    if (runaway.size() > kParams) out += " and " + std::to_string(runaway.size() - kParams) + " more";
    if (!runaway.empty()) out += " ran away";
    return out;
}

} // namespace

std::string training_warning(const Network& start, const Network& now, const std::vector<Sample>& samples, double lr,
                             bool train_biases, int steps)
{
    const std::string what = trouble(start, now, samples);
    if (what.empty()) return {};
    // η/100 can still saturate (1e6 → 1e4), so try the same run from `start` with η 100×, 1000×, …
    // smaller and name the first that stays healthy; a budget of ~2e7 multiply-adds keeps this a
    // fraction of a second even on the wide preset, and when it runs out η/100 is the suggestion.
    const double work = double(start.param_count()) * double(std::max<std::size_t>(samples.size(), 1));
    const int trial_steps = std::clamp(steps, 1, 200);
    double budget = 2e7;
    double suggest = lr / 100.0;
    bool checked = false;
    for (double candidate = lr / 100.0; candidate > 1e-6 && budget >= work * trial_steps; candidate /= 10.0) {
        budget -= work * trial_steps;
        Network trial = start;
        const TrainResult r = train(trial, samples, trial_steps, candidate, train_biases);
        if (!r.diverged && trouble(start, trial, samples).empty()) {
            suggest = candidate;
            checked = true;
            break;
        }
    }
    return "Warning: " + what +
           ". This low loss is not learning: Undo training, then try η = " + format_number(suggest, 2) +
           (checked ? " (that run saturates nothing)." : " (100× smaller).");
}

std::string Session::step_now()
{
    step_pending_ = false;
    if (!next_.ok) return "this step would make a parameter non-finite, so it is not taken: " + next_.message;
    training_.history.push_back(float(trace_.loss));
    const Network next = next_.next;
    return edit_network(next);
}

std::string Session::start_step()
{
    if (step_pending_) step_now(); // a second click: finish the first step at once
    if (!next_.ok) return "Step refused: " + next_.message;
    transport_.t = timeline_.update_start;
    transport_.playing = true;
    step_pending_ = true;
    resample();
    return {};
}

// Runs `steps` training steps; keeps the restore point of the current run.
std::string Session::run_training(int steps)
{
    if (!training_.restore) training_.restore = config_;
    Network net = config_.net;
    const Config& c = config_;
    const TrainResult r = gf::train(net, c.samples, steps, c.learning_rate, c.train_biases);
    // loss_history ends with the loss after the last step; the next chunk starts with it again.
    for (std::size_t i = 0; i + 1 < r.loss_history.size(); ++i) training_.history.push_back(float(r.loss_history[i]));
    if (r.steps_done == 0 && !r.loss_history.empty() && r.diverged)
        training_.history.push_back(float(r.loss_history.back()));
    if (r.steps_done > 0) {
        if (std::string err = edit_network(net); !err.empty()) {
            training_.diverged = true;
            training_.message = "training produced a network that is not valid: " + err;
            training_.remaining = 0;
            return training_.message;
        }
    }
    if (!r.diverged && training_.remaining == 0 && training_.restore) {
        training_.warning = training_warning(training_.restore->net, config_.net, config_.samples,
                                             config_.learning_rate, config_.train_biases, training_.total);
        if (!training_.warning.empty()) ++training_.warnings;
    }
    if (r.diverged) {
        training_.diverged = true;
        training_.message = r.message.empty()
                                ? std::string("training diverged (a loss or parameter became NaN or infinite)")
                                : r.message;
        training_.remaining = 0;
        return training_.message;
    }
    return {};
}

std::string Session::train_now(int steps)
{
    step_pending_ = false;
    training_.restore.reset();
    training_.diverged = false;
    training_.message.clear();
    training_.warning.clear();
    training_.remaining = 0;
    training_.total = std::max(steps, 0);
    return run_training(training_.total);
}

void Session::start_training(int steps)
{
    step_pending_ = false;
    training_.restore.reset();
    training_.diverged = false;
    training_.message.clear();
    training_.warning.clear();
    training_.total = training_.remaining = std::max(steps, 1);
    // The network, everything shown, while the loss plot grows.
    transport_.playing = false;
    transport_.t = std::min(timeline_.update_start, timeline_.duration);
    resample();
}

void Session::stop_training() { training_.remaining = 0; }

bool Session::restore_training()
{
    if (!training_.restore) return false;
    Config c = std::move(*training_.restore);
    training_.restore.reset();
    training_.remaining = 0;
    training_.diverged = false;
    training_.message.clear();
    training_.warning.clear();
    config_ = std::move(c);
    step_pending_ = false;
    rebuild();
    return true;
}

// -----------------------------------------------------------------------------------------------
// [SECTION] The timeline and its play head
// -----------------------------------------------------------------------------------------------

void Session::advance(double dt_s)
{
    transport_.advance(timeline_, dt_s);
    // Step: once the update section has played to its end, the step becomes the network.
    if (step_pending_) {
        if (transport_.t < timeline_.update_start)
            step_pending_ = false; // scrubbed back: cancelled
        else if (transport_.t >= timeline_.duration) {
            step_now();
            transport_.t = timeline_.update_start; // the new network, everything shown
            transport_.playing = false;
        }
    }
    if (training_.remaining > 0) {
        // Spread a run over about a second of frames so the loss plot grows visibly, but never
        // more work per frame than ~2 M multiply-adds (the wide preset: a few steps per frame).
        const double work = double(config_.net.param_count()) * double(config_.samples.size());
        const int by_time = std::max(1, training_.total / 60);
        const int by_cost = std::max(1, int(2.0e6 / std::max(work, 1.0)));
        const int chunk = std::min({training_.remaining, by_time, by_cost});
        training_.remaining -= chunk;
        run_training(chunk);
    }
    resample();
}

std::string_view Session::phase() const { return anim::phase_at(timeline_, transport_.t); }

double Session::walk_start() const { return timeline_.walk.empty() ? -1.0 : timeline_.walk.front().start; }

void Session::play()
{
    if (!transport_.playing) transport_.toggle(timeline_);
    resample();
}

void Session::pause() { transport_.playing = false; }

void Session::toggle_play()
{
    transport_.toggle(timeline_);
    resample();
}

void Session::seek(double t_s)
{
    transport_.seek(timeline_, t_s);
    if (step_pending_ && transport_.t < timeline_.update_start) step_pending_ = false;
    resample();
}

void Session::step_next()
{
    transport_.step_next(timeline_);
    resample();
}

void Session::step_prev()
{
    transport_.step_prev(timeline_);
    if (step_pending_ && transport_.t < timeline_.update_start) step_pending_ = false;
    resample();
}

void Session::home()
{
    transport_.home();
    step_pending_ = false;
    resample();
}

void Session::end()
{
    transport_.end(timeline_);
    resample();
}

void Session::play_walk()
{
    transport_.seek(timeline_, walk_start());
    transport_.playing = true;
    resample();
}

void Session::set_speed(double speed) { transport_.speed = speed; }
void Session::set_loop(bool loop) { transport_.loop = loop; }

void Session::set_reduced_motion(bool on)
{
    reduced_motion_ = on;
    timeline_.reduced_motion = on;
    resample();
}

} // namespace gf
