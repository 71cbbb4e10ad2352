// [SECTION] Rebuild: everything derived from the network
// [SECTION] Changing the network
// [SECTION] Focus
// [SECTION] The training step and training runs
// [SECTION] Training over the dataset
// [SECTION] The timeline and its play head
#include "session/session.hpp"

#include "core/names.hpp"
#include "core/reshape.hpp"
#include "view/color.hpp"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <limits>

namespace gf {

Session::Session() { install(gf::preset("seed"), "seed"); }

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
    ++weights_version_;
}

void Session::derive_focus()
{
    NodeRef ref;
    std::string err;
    if (!parse_node(config_.net, focus_.name, ref, err)) { // the structure changed under the focus
        forget_focus();
        return;
    }
    focus_.ref = ref;
    focus_.deriv = derive(config_.net, config_.sample(), trace_, ref);
    for (auto& t : focus_texts_) t.reset();
}

void Session::forget_focus()
{
    focus_ = Focus{};
    for (auto& t : focus_texts_) t.reset();
}

const std::string& Session::focus_text(DerivFormat format) const
{
    std::optional<std::string>& t = focus_texts_[int(format)];
    if (!t) t = format_derivation(config_.net, focus_.deriv, format);
    return *t;
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

// The targets' encoding and the trainer's buffers follow these; the weights do not matter.
bool same_structure(const Network& a, const Network& b)
{
    return a.sizes == b.sizes && a.act == b.act && a.loss == b.loss;
}

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
    install(std::move(c), std::move(preset_name));
    return {};
}

// A preset is valid as built (tests/core/test_presets.cpp: each is what its JSON text parses to, and
// parsing validates), so it is not checked again: that keeps the validator out of what the page's
// first part needs to show a preset (web/split_module.py).
void Session::install(Config c, std::string preset_name)
{
    step_pending_ = false;
    base_ = c;
    config_ = std::move(c);
    preset_ = std::move(preset_name);
    training_ = Training{};
    rebuild_data();
    rebuild();
}

std::string Session::load_preset(std::string_view name)
{
    try {
        install(gf::preset(name), std::string(name));
        return {};
    } catch (const ConfigError& e) {
        return e.what();
    }
}

std::string Session::edit(Config c)
{
    if (std::string err = check_config(c); !err.empty()) return err;
    step_pending_ = false;
    training_.warning.clear(); // it described the network as training left it
    const bool new_data = config_.dataset != c.dataset, reshaped = !same_structure(config_.net, c.net);
    config_ = std::move(c);
    if (new_data) {
        rebuild_data();
    } else if (config_.dataset && reshaped) { // the targets' encoding follows the output: a new run
        reset_data_run();
    } else if (trainer_ && !(trainer_->options() == config_.batch_options())) {
        trainer_->set_options(config_.batch_options());
    }
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
    forget_focus();
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
    if (!training_.restore) {
        training_.restore = config_;
        training_.restore_history = training_.history.size();
    }
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
    training_.history.resize(std::min(training_.history.size(), training_.restore_history));
    training_.remaining = 0;
    training_.diverged = false;
    training_.message.clear();
    training_.warning.clear();
    config_ = std::move(c);
    step_pending_ = false;
    if (has_data()) reset_data_run(); // the trainer refuses every step after a NaN: start again from here
    rebuild();
    return true;
}

// -----------------------------------------------------------------------------------------------
// [SECTION] Training over the dataset
// -----------------------------------------------------------------------------------------------
// The trainer works on a copy of the network and hands it back once per call, so a frame that
// trains fifty epochs rebuilds the trace, derivation and timeline once, not fifty times.

double plane_score(const Network& net, Problem p, const Vec& yhat)
{
    if (p == Problem::regression) return yhat.front();
    if (net.outputs() == 2) return yhat[1] - yhat[0]; // softmax: P(+1) − P(−1)
    const double y = yhat.front();
    if (net.act.back() == Activation::sigmoid) return 2.0 * y - 1.0;
    return std::clamp(y, -1.0, 1.0);
}

void Session::rebuild_data()
{
    data_ = Dataset{};
    if (config_.dataset) {
        const std::string err = make_dataset(*config_.dataset, data_);
        if (!err.empty()) data_ = Dataset{}; // parse_config checked it; a bad spec shows no data
    }
    run_ = DataRun{};
    reset_data_run();
}

void Session::reset_data_run()
{
    trainer_.reset();
    ++data_version_;
    const bool chosen = run_.point_chosen;
    const std::size_t point = run_.point;
    run_ = DataRun{};
    run_.point = point < data_.size() ? point : 0;
    run_.point_chosen = chosen && point < data_.size();
    if (!has_data()) return;
    const DataSpec& spec = *config_.dataset;
    run_.classification = data_.problem == Problem::classification;
    if (std::string err = data_network_error(config_.net, spec, data_); !err.empty()) {
        run_.message = "This network cannot learn from the data: " + err;
        return;
    }
    trainer_.emplace(make_samples(config_.net, spec, data_, 0, data_.train_count),
                     make_samples(config_.net, spec, data_, data_.train_count, data_.size()), data_.problem,
                     config_.batch_options(), spec.seed);
    record_epoch_metrics();
}

void Session::record_epoch_metrics()
{
    const DataMetrics m = trainer_->evaluate(config_.net);
    run_.at_epoch.push_back(run_.epoch);
    run_.train_loss.push_back(float(m.train_loss));
    run_.test_loss.push_back(float(m.test_loss));
    if (m.classification) {
        run_.train_accuracy.push_back(float(m.train_accuracy));
        run_.test_accuracy.push_back(float(m.test_accuracy));
    }
}

bool Session::data_step(bool whole_epoch, bool measure)
{
    if (!trainer_ || run_.diverged) return false;
    if (!training_.restore) training_.restore = config_; // the one-click way back
    Network net = config_.net;
    const int before = trainer_->epoch();
    bool ok = true;
    do {
        // step_batch leaves `net` as it was when it refuses: the last good weights stay.
        ok = trainer_->step_batch(net);
        if (ok) ++run_.batches;
    } while (ok && whole_epoch && trainer_->epoch() == before);
    config_.net = std::move(net);
    if (trainer_->epoch() != before) {
        ++run_.epoch;
        if (measure) record_epoch_metrics();
    }
    if (!ok) {
        run_.running = false;
        run_.diverged = true;
        run_.message = "Training stopped: " + trainer_->message();
        training_.diverged = true;
        training_.message = trainer_->message();
    }
    return ok;
}

std::string Session::set_data_training(bool on)
{
    if (!on) {
        run_.running = false;
        return {};
    }
    if (!has_data()) return "This network has no dataset; pick one of the data presets (circle, spiral, …)";
    if (!trainer_) return run_.message;
    if (run_.diverged) return run_.message + ". Restore the last good network or reset the weights first";
    step_pending_ = false;
    run_.running = true;
    return {};
}

std::string Session::step_epoch()
{
    if (!has_data()) return "This network has no dataset to train on";
    if (!trainer_) return run_.message;
    step_pending_ = false;
    const bool ok = data_step(true);
    rebuild();
    return ok ? std::string() : run_.message;
}

std::string Session::step_batch()
{
    if (!has_data()) return "This network has no dataset to train on";
    if (!trainer_) return run_.message;
    step_pending_ = false;
    const bool ok = data_step(false);
    rebuild();
    return ok ? std::string() : run_.message;
}

int Session::train_for(double budget_s, const std::function<double()>& clock)
{
    if (!run_.running || !trainer_) return 0;
    const double start = clock();
    int epochs = 0;
    do {
        if (!data_step(true, false)) break;
        ++epochs;
    } while (clock() - start < budget_s);
    if (epochs > 0) record_epoch_metrics();
    rebuild();
    return epochs;
}

std::string Session::reset_weights()
{
    Config c = config_;
    if (same_structure(base_.net, c.net))
        c.net = base_.net;
    else
        init_weights(c.net, c.init_seed.value_or(1));
    if (std::string err = check_config(c); !err.empty()) return err;
    step_pending_ = false;
    config_ = std::move(c);
    training_ = Training{};
    reset_data_run();
    rebuild();
    return {};
}

std::string Session::select_point(std::size_t i)
{
    if (!has_data()) return "This network has no dataset";
    if (i >= data_.size())
        return "There is no point " + std::to_string(i) + "; the dataset has " + std::to_string(data_.size());
    if (std::string err = data_network_error(config_.net, *config_.dataset, data_); !err.empty())
        return "This network cannot take the data's points: " + err;
    run_.point = i;
    run_.point_chosen = true;
    show_point();
    rebuild();
    return {};
}

void Session::show_point()
{
    if (!run_.point_chosen || !has_data() || run_.point >= data_.size()) return;
    config_.samples.front() = make_samples(config_.net, *config_.dataset, data_, run_.point, run_.point + 1).front();
}

std::string Session::edit_data(Config c)
{
    if (!c.dataset) return "edit_data needs a config with a dataset";
    Dataset d;
    if (std::string err = make_dataset(*c.dataset, d); !err.empty()) return err;
    // Layer 0 follows the features (Playground adds an input per feature checked).
    const int need = input_width(*c.dataset, d);
    if (c.net.inputs() != need) c.net = resize_layer(c.net, 0, need - c.net.inputs(), c.init_seed.value_or(1));
    // The output follows the problem: a target per output for regression (linear), one tanh
    // output for labels unless it is a 2-way softmax.
    if (!data_network_error(c.net, *c.dataset, d).empty()) {
        const bool regression = d.problem == Problem::regression;
        const bool softmax2 = c.net.outputs() == 2 && c.net.act.back() == Activation::softmax;
        const int want = regression ? d.targets : softmax2 ? 2 : 1;
        if (c.net.outputs() != want)
            c.net = resize_layer(c.net, c.net.layers(), want - c.net.outputs(), c.init_seed.value_or(1));
        if (regression && c.net.act.back() == Activation::softmax) c.net.act.back() = Activation::linear;
        if (!regression && want == 1 && c.net.act.back() == Activation::softmax) c.net.act.back() = Activation::tanh;
        if (regression && c.net.loss == Loss::cross_entropy) c.net.loss = Loss::half_sse;
    }
    const bool new_data = !config_.dataset || !(*config_.dataset == *c.dataset);
    if (new_data) {
        if (std::string err = data_network_error(c.net, *c.dataset, d); !err.empty()) return err;
        Sample first = make_samples(c.net, *c.dataset, d, 0, 1).front();
        c.samples.assign(1, std::move(first));
    }
    if (std::string err = check_config(c); !err.empty()) return err;
    step_pending_ = false;
    const bool reshaped = !same_structure(config_.net, c.net);
    config_ = std::move(c);
    if (new_data) {
        preset_.clear(); // no longer the preset's data: the picker says "(custom)"
        data_ = std::move(d);
        run_.point_chosen = false;
        run_.point = 0;
    }
    if (new_data || reshaped) {
        training_ = Training{};
        reset_data_run();
    } else if (trainer_) {
        trainer_->set_options(config_.batch_options());
    }
    show_point();
    rebuild();
    return {};
}

namespace {

// The input plane's box: Playground's for its generators; a CSV's own, with a margin.
void plane_box(const DataSpec& spec, const Dataset& data, double& x_min, double& x_max, double& y_min, double& y_max)
{
    x_min = y_min = -6.0;
    x_max = y_max = 6.0;
    if (spec.kind != DatasetKind::csv) return;
    x_min = y_min = std::numeric_limits<double>::infinity();
    x_max = y_max = -x_min;
    for (std::size_t i = 0; i < data.size(); ++i) {
        x_min = std::min(x_min, data.x[2 * i]), x_max = std::max(x_max, data.x[2 * i]);
        y_min = std::min(y_min, data.x[2 * i + 1]), y_max = std::max(y_max, data.x[2 * i + 1]);
    }
    const double mx = std::max((x_max - x_min) * 0.05, 1e-3), my = std::max((y_max - y_min) * 0.05, 1e-3);
    x_min -= mx, x_max += mx, y_min -= my, y_max += my;
}

// ∂L/∂param in a trace that forward_backward() filled.
double param_gradient(const Trace& t, const NodeRef& param)
{
    const std::size_t l = std::size_t(param.layer);
    return param.kind == NodeKind::weight ? t.dW[l](param.j, param.k) : t.db[l][std::size_t(param.j)];
}

} // namespace

const Plane& Session::plane(bool refresh) const
{
    if (plane_for_ == weights_version_ || (!refresh && plane_.ok)) return plane_;
    plane_for_ = weights_version_;
    Plane& p = plane_;
    p.ok = false;
    ++p.version;
    NeuronMaps& maps = maps_;
    maps.ok = false;
    maps.version = p.version;
    if (!has_data() || data_.inputs != 2) return p;
    const DataSpec& spec = *config_.dataset;
    const Network& net = config_.net;
    if (!data_network_error(net, spec, data_).empty()) return p;
    plane_box(spec, data_, p.x_min, p.x_max, p.y_min, p.y_max);
    p.scale = 1.0;
    if (data_.problem == Problem::regression) {
        double m = 0.0;
        for (double t : data_.t) m = std::max(m, std::abs(t));
        p.scale = m > 0 ? m : 1.0;
    }
    const int n = kPlaneGrid;
    p.n = n;
    p.value.resize(std::size_t(n) * std::size_t(n));
    // The GPU evaluator gives ŷ only: with it the neuron maps stay off (maps.ok false, the nodes
    // drawn plain). It is off by default (platform/loop.hpp: kPlaneOnGpu).
    p.gpu = gpu_ && gpu_->evaluate(net, spec.features, n, p.x_min, p.x_max, p.y_min, p.y_max, gpu_out_);
    if (p.gpu) {
        const std::size_t outs = std::size_t(net.outputs());
        Vec yhat(outs);
        for (std::size_t i = 0; i < p.value.size(); ++i) {
            for (std::size_t o = 0; o < outs; ++o) yhat[o] = gpu_out_[i * outs + o];
            p.value[i] = float(plane_score(net, data_.problem, yhat));
        }
        p.ok = true;
        return p;
    }
    Sample s;
    s.x.resize(std::size_t(net.inputs()));
    s.y.assign(std::size_t(net.outputs()), 0.0);
    Trace t;
    // Hidden layers' neurons, each a map of n·n cells written from the same pass as the plane's.
    const std::size_t cells = std::size_t(n) * std::size_t(n);
    maps.n = n;
    maps.neurons.clear();
    for (int l = 0; l + 1 < net.layers(); ++l)
        for (int j = 0; j < net.sizes[std::size_t(l) + 1]; ++j) maps.neurons.push_back({l, j, 1.0});
    maps.value.resize(maps.neurons.size() * cells);
    for (int r = 0; r < n; ++r) {
        const double x2 = p.y_max - (r + 0.5) * (p.y_max - p.y_min) / n;
        for (int c = 0; c < n; ++c) {
            const double x1 = p.x_min + (c + 0.5) * (p.x_max - p.x_min) / n;
            if (spec.features.empty())
                s.x[0] = x1, s.x[1] = x2;
            else
                apply_features(spec.features, x1, x2, s.x.data());
            forward_loss(net, s, t);
            const std::size_t cell = std::size_t(r) * std::size_t(n) + std::size_t(c);
            p.value[cell] = float(plane_score(net, data_.problem, t.h.back()));
            float* out = maps.value.data() + cell;
            for (int l = 0; l + 1 < net.layers(); ++l)
                for (double h : t.h[std::size_t(l)]) *out = float(h), out += cells;
        }
    }
    p.ok = true;
    // tanh and sigmoid share Playground's fixed scale, so a map's colour reads as the value; an
    // unbounded unit (ReLU, linear) is scaled by its own largest |h| on the grid.
    for (std::size_t i = 0; i < maps.neurons.size(); ++i) {
        NeuronMaps::Neuron& nm = maps.neurons[i];
        const Activation act = net.act[std::size_t(nm.layer)];
        if (act == Activation::tanh || act == Activation::sigmoid) continue;
        float m = 0.0f;
        for (std::size_t k = 0; k < cells; ++k) m = std::max(m, std::abs(maps.value[i * cells + k]));
        nm.scale = m > 0.0f && std::isfinite(m) ? double(m) : 1.0;
    }
    maps.ok = !maps.neurons.empty();
    return p;
}

void Session::set_plane_evaluator(PlaneEvaluator* gpu)
{
    gpu_ = gpu;
    plane_for_ = ~std::uint64_t(0);
}

const GradPlane& Session::grad_plane(bool refresh) const
{
    if (grad_plane_for_ == weights_version_ || (!refresh && grad_plane_.ok)) return grad_plane_;
    grad_plane_for_ = weights_version_;
    GradPlane& g = grad_plane_;
    const std::uint64_t version = g.version + 1;
    g = GradPlane{};
    g.version = version;
    if (!focus_.active || !focus_.ref.is_param()) {
        g.why = "Focus a weight or bias (click an edge or node on the diagram) to see its gradient over the plane";
        return g;
    }
    g.param = focus_.ref;
    g.name = focus_.name;
    if (!has_data() || data_.inputs != 2) {
        g.why = "This data is not a plane (it has more than two inputs)";
        return g;
    }
    if (!trainer_ || trainer_->train_samples().empty()) {
        g.why = run_.message.empty() ? "There are no training points" : run_.message;
        return g;
    }
    const DataSpec& spec = *config_.dataset;
    const Network& net = config_.net;
    const std::vector<Sample>& train = trainer_->train_samples();
    const std::vector<Sample>& test = trainer_->test_samples();
    Trace t;

    // Each point with its own target, exactly as the trainer sees it (features applied, target
    // encoded): Dataset point i is train[i], then test[i − train_count].
    g.point.resize(data_.size());
    for (std::size_t i = 0; i < data_.size(); ++i) {
        forward_backward(net, i < train.size() ? train[i] : test[i - train.size()], t);
        g.point[i] = param_gradient(t, g.param);
    }
    // The next batch, and the gradient its step takes: the mean over the batch (in the trainer's
    // order and arithmetic, batch_gradient()'s `+= (1/n)·∂L/∂w`) plus the penalty's.
    const std::span<const std::size_t> batch = trainer_->next_batch();
    g.batch.assign(batch.begin(), batch.end());
    const double inv = 1.0 / double(std::max<std::size_t>(batch.size(), 1));
    for (std::size_t i : g.batch) g.batch_mean += inv * g.point[i];
    const BatchOptions& opts = trainer_->options();
    if (g.param.kind == NodeKind::weight && opts.regularization != Regularization::none) {
        std::vector<Matrix> dR;
        for (const Matrix& W : net.W) dR.emplace_back(W.rows, W.cols);
        add_regularization_gradient(net, opts.regularization, opts.regularization_rate, dR);
        g.penalty = dR[std::size_t(g.param.layer)](g.param.j, g.param.k);
    }
    g.step_gradient = g.batch_mean + g.penalty;

    // The grid: each cell's input with the nearest training point's target. Which point is
    // nearest depends on the data alone: found once per dataset (10,000 CSV rows × 4,096 cells).
    plane_box(spec, data_, g.x_min, g.x_max, g.y_min, g.y_max);
    const int n = kPlaneGrid;
    if (nearest_for_ != data_version_) {
        nearest_for_ = data_version_;
        nearest_.assign(std::size_t(n) * std::size_t(n), 0);
        for (int r = 0; r < n; ++r)
            for (int c = 0; c < n; ++c) {
                const double x2 = g.y_max - (r + 0.5) * (g.y_max - g.y_min) / n;
                const double x1 = g.x_min + (c + 0.5) * (g.x_max - g.x_min) / n;
                double best = std::numeric_limits<double>::infinity();
                for (std::size_t i = 0; i < train.size(); ++i) {
                    const double dx = data_.x[2 * i] - x1, dy = data_.x[2 * i + 1] - x2;
                    if (dx * dx + dy * dy < best)
                        best = dx * dx + dy * dy, nearest_[std::size_t(r) * std::size_t(n) + std::size_t(c)] = i;
                }
            }
    }
    g.n = n;
    g.value.resize(std::size_t(n) * std::size_t(n));
    Sample s;
    s.x.resize(std::size_t(net.inputs()));
    // The colour scale: the 95th percentile of |∂L/∂param| over the points and cells. Once trained,
    // a few points far from their class carry gradients orders above the rest; scaled by the
    // largest, everything else would be neutral and the pushes on the data unreadable.
    std::vector<double> magnitude;
    magnitude.reserve(g.point.size() + std::size_t(n) * std::size_t(n));
    for (double v : g.point)
        if (std::isfinite(v)) magnitude.push_back(std::abs(v));
    for (int r = 0; r < n; ++r) {
        const double x2 = g.y_max - (r + 0.5) * (g.y_max - g.y_min) / n;
        for (int c = 0; c < n; ++c) {
            const double x1 = g.x_min + (c + 0.5) * (g.x_max - g.x_min) / n;
            const std::size_t cell = std::size_t(r) * std::size_t(n) + std::size_t(c);
            if (spec.features.empty())
                s.x[0] = x1, s.x[1] = x2;
            else
                apply_features(spec.features, x1, x2, s.x.data());
            s.y = train[nearest_[cell]].y;
            forward_backward(net, s, t);
            const double v = param_gradient(t, g.param);
            g.value[cell] = float(v);
            if (std::isfinite(v)) magnitude.push_back(std::abs(v));
        }
    }
    double scale = 0.0;
    if (!magnitude.empty()) {
        const auto at = magnitude.begin() + std::ptrdiff_t(double(magnitude.size() - 1) * kGradScalePercentile);
        std::nth_element(magnitude.begin(), at, magnitude.end());
        scale = *at;
        if (!(scale > 0)) scale = *std::max_element(magnitude.begin(), magnitude.end());
    }
    g.scale = scale > 0 ? scale : 1.0;
    g.ok = true;
    return g;
}

const NeuronMaps& Session::neuron_maps(bool refresh) const
{
    plane(refresh);
    return maps_;
}

int NeuronMaps::index(int layer, int j) const
{
    if (!ok) return -1;
    for (std::size_t i = 0; i < neurons.size(); ++i)
        if (neurons[i].layer == layer && neurons[i].j == j) return int(i);
    return -1;
}

const float* NeuronMaps::map(int layer, int j) const
{
    const int i = index(layer, j);
    return i < 0 ? nullptr : value.data() + std::size_t(i) * std::size_t(n) * std::size_t(n);
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
