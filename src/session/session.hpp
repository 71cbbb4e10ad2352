// The Session: the one model the visualizer shows — the network (config), its forward/backward
// record (trace), the next training step, training runs, the focus and its derivation, and the
// timeline with its play head. No ImGui, no platform: the UI (src/ui), the page's API
// (src/platform/web_api.cpp) and the tests all read it through const accessors and change it
// through the named operations below.
//
// Every change of the network takes one road: validate (the world's mistake is refused in
// words, and the last good network stays), then rebuild the trace, the next step, the
// derivation and the timeline from the core and gf::anim. Operations that can be refused return
// "" when done, otherwise the reason.
//
// The play head (t, playing) and the pending Step are written only here: advance() moves time by
// the clock the app read, the transport operations move it on request.
#pragma once

#include "anim/timeline.hpp"
#include "anim/transport.hpp"
#include "core/config.hpp"
#include "core/dataset.hpp"
#include "core/derive.hpp"
#include "core/minibatch.hpp"
#include "embed/page_state.hpp"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gf {

struct Focus {
    bool active = false;
    NodeRef ref;
    std::string name;           // node_name(ref)
    Derivation deriv;           // derive(): paths, factored chain, finite difference
    bool show_shortcut = false; // "the notes' one-path shortcut" (diagonal_only_sum)
    std::string error;          // the last set_focus() that was refused
};

struct Training {
    int total = 0;              // steps asked for by the running "Train N steps"
    int remaining = 0;          // > 0 while it runs, a chunk per advance()
    std::vector<float> history; // loss before each step (for the plot)
    bool diverged = false;
    std::string message;             // why training stopped
    std::string warning;             // training_warning() after the last run; "" when healthy
    int warnings = 0;                // counts warnings set, so the panel says each one once
    std::optional<Config> restore;   // the network before this training run
    std::size_t restore_history = 0; // history's length then: Undo takes the run's steps out of the plot
};

// Training over the config's dataset (issue 8): epochs of mini-batches from the initial weights,
// with the loss (and accuracy) of the training and test points after every epoch.
struct DataRun {
    bool running = false; // ▶: the App trains a time-boxed number of epochs each frame
    int epoch = 0;        // epochs completed since the initial weights
    int batches = 0;      // batch steps taken (all epochs)
    // Losses measured after at_epoch[i] epochs ([0]: the initial weights, epoch 0): after every
    // epoch stepped, and once per train_for() call while ▶ (evaluating all the points after each
    // epoch would cost ~40% of the training).
    std::vector<int> at_epoch;         //
    std::vector<float> train_loss;     //
    std::vector<float> test_loss;      //
    std::vector<float> train_accuracy; // classification only (empty for regression)
    std::vector<float> test_accuracy;  //
    bool classification = false;       //
    bool diverged = false;             // a batch's loss or step was not finite: stopped
    std::string message;               // why it stopped, or why the data cannot train this network
    std::size_t point = 0;             // the dataset's point shown as the sample (Dataset index)
    bool point_chosen = false;         // clicked: the sample is that point (else the config's)
};

// The output over the input plane, for the decision boundary / regression heatmap: n×n forward
// passes on a grid over the data's box, row 0 at the top (largest x₂).
struct Plane {
    bool ok = false; // the dataset is 2-D (features of x₁, x₂, or a CSV with 2 inputs)
    int n = 0;       // grid cells per side
    double x_min = 0, x_max = 0, y_min = 0, y_max = 0;
    std::vector<float> value;  // n·n, row-major; classification: a score in [−1, 1] (+1: class +1)
    double scale = 1.0;        // the symmetric colour scale: 1 for classification, max |target|
    std::uint64_t version = 0; // changes whenever value does
    bool gpu = false;          // computed by the PlaneEvaluator (float32), else on the CPU (double)
};
inline constexpr int kPlaneGrid = 64;

// Issue 8's bridge: the focused weight's (or bias's) per-point gradient ∂L/∂w over the input plane
// — where in the data this parameter is pushed up or down — and the trainer's next batch, whose
// mean of those per-point gradients is the gradient the next step takes. Every number is
// forward_backward()'s, the one backprop.
inline constexpr double kGradScalePercentile = 0.95; // GradPlane::scale: larger values saturate
struct GradPlane {
    bool ok = false;  // a weight or bias is focused, the data is a plane and can train the network
    std::string why;  // when !ok: why there is no gradient plane, in words
    NodeRef param;    // the focused weight or bias
    std::string name; // its name: "w_212", "b_21"
    int n = 0;        // grid cells per side; the box is Plane's
    double x_min = 0, x_max = 0, y_min = 0, y_max = 0;
    // n·n, row 0 at the top: ∂L/∂param at the cell's input. A cell has no target of its own, so it
    // takes the nearest training point's (encoded as the trainer encodes it).
    std::vector<float> value;
    std::vector<double> point;      // per Dataset point: ∂L/∂param at the point, with its own target
    double scale = 1.0;             // kGradScalePercentile of |∂L/∂param| over cells and points (else max, else 1)
    std::vector<std::size_t> batch; // the next step_batch()'s points (Dataset indices, its order)
    double batch_mean = 0.0;        // mean of point[] over `batch`: ∂J/∂param without the penalty
    double penalty = 0.0;           // λ·∂R/∂param (0 for a bias or without regularisation)
    double step_gradient = 0.0;     // batch_mean + penalty: what the next step multiplies by η
    std::uint64_t version = 0;      // changes whenever any of the above does
};

// The plane's forward passes done elsewhere — a fragment shader (src/platform/plane_gl.cpp) —
// behind this door, so the Session knows no GPU. Session::plane() asks it first and computes on
// the CPU (double precision) when there is none or it declines.
class PlaneEvaluator {
public:
    virtual ~PlaneEvaluator() = default;
    // ŷ of `net` at the centre of every cell of the n×n grid over [x_min, x_max]×[y_min, y_max],
    // row 0 at the top (largest x₂), inputs made by `features` (empty: x₁, x₂ as they are):
    // out[(r·n + c)·outputs + i] = ŷ_i, in float32. false (out unspecified) when it cannot —
    // a network deeper or wider than it takes, no float render target — and the caller computes.
    virtual bool evaluate(const Network& net, const std::vector<Feature>& features, int n, double x_min, double x_max,
                          double y_min, double y_max, std::vector<float>& out) = 0;
};

// Every hidden neuron's activation h over the input plane (Playground's neuron heatmaps): filled by
// the plane's own forward passes (one pass gives every neuron), on its grid and box, row 0 at the
// top. Neurons in order: layer 0's h_11, h_12, …, then layer 1's, … (hidden layers only).
struct NeuronMaps {
    bool ok = false; // the plane is (a 2-D dataset) and the network has hidden layers
    int n = 0;       // cells per side (Plane::n)
    struct Neuron {
        int layer = 0;      // 0-based non-input layer (h[layer])
        int j = 0;          // neuron within it
        double scale = 1.0; // symmetric colour scale: 1 for tanh/sigmoid, else max |h| on the grid
    };
    std::vector<Neuron> neurons;
    std::vector<float> value;  // neurons.size() · n · n: neuron i's map at [i·n·n, (i+1)·n·n)
    std::uint64_t version = 0; // Plane::version of the passes it came from
    // The map of hidden neuron (layer, j), or null when it has none.
    const float* map(int layer, int j) const;
    int index(int layer, int j) const; // into neurons, −1 when none
};

// The output of `net` for input `x` as the plane colours it (see Plane::value).
double plane_score(const Network& net, Problem p, const Vec& yhat);

// A run that "succeeds" with saturated units or runaway weights (η = 1e6: loss 0 with every sigmoid
// at its bound) is no success. Empty when `now` looks healthy; otherwise names the hidden units
// whose sigmoid/tanh sits at its bound on every sample (|a| > 30 or within 1e-6 of the bound) and
// the parameters that ran away (|w| > 1e3 and 100× their size in `start`), and suggests a learning
// rate: the largest of η/100, η/1000, … with which the same `steps` from `start` stay healthy
// (tried within a small budget), else η/100.
std::string training_warning(const Network& start, const Network& now, const std::vector<Sample>& samples, double lr,
                             bool train_biases, int steps);

// The training plot's label: the loss now (the L node's value, after the last step) and how many
// steps were taken — "loss 0.07842 after 1 step". `steps` is Training::history's size.
std::string training_summary(std::size_t steps, double loss_now);

class Session {
public:
    Session(); // the "seed" preset at t = 0, paused

    // --- the model -------------------------------------------------------------------------
    const Config& config() const { return config_; }
    const std::string& preset() const { return preset_; }   // "" for a pasted or loaded config
    const Trace& trace() const { return trace_; }           // forward_backward(config.net, config.sample())
    const TrainingStep& next_step() const { return next_; } // training_step(): what Step takes
    const Focus& focus() const { return focus_; }
    // The focus's derivation written out (format_derivation), made when first asked for after each
    // change: the panel shows it only on request (copy buttons, "Full derivation as text"), and
    // writing it at every focus kept the three writers in what the page's first part must hold.
    const std::string& focus_text(DerivFormat format) const;
    const Training& training() const { return training_; }
    // Counts changes to the network or its sample (every rebuild): what the working's check depends on.
    int revision() const { return revision_; }

    // A new network (a preset, a pasted or loaded config): it becomes what Reset returns to,
    // and training's history and restore point are cleared.
    std::string load(Config c, std::string preset_name);
    std::string load_preset(std::string_view name); // gf::presets()
    // The shown network edited (weights, structure, sample, learning rate, …): keeps the preset
    // name, the Reset point and training's history.
    std::string edit(Config c);
    std::string edit_network(const Network& net);
    std::string reset(); // back to the network as it was loaded

    // --- focus and derivation --------------------------------------------------------------
    std::string set_focus(std::string_view name); // "w_212", "a_21", "ŷ_1", "x_1"; "" clears
    void clear_focus();
    void set_show_shortcut(bool on);

    // --- the training step and training runs -----------------------------------------------
    std::string step_now();   // next_step() becomes the network
    std::string start_step(); // play the update section, then take it
    bool step_pending() const { return step_pending_; }
    std::string train_now(int steps); // synchronous; divergence kept in training()
    void start_training(int steps);   // spread over the next frames (advance())
    void stop_training();
    bool restore_training(); // the network before the last run

    // --- training over the dataset (a config with "dataset") ------------------------------
    bool has_data() const { return config_.dataset.has_value() && data_.size() > 0; }
    const Dataset& data() const { return data_; }
    const DataRun& data_run() const { return run_; }
    // Play / pause training; refused (the reason returned) when the data cannot train the network.
    std::string set_data_training(bool on);
    std::string step_epoch(); // the batches left in this epoch
    std::string step_batch();
    // Trains whole epochs until `budget_s` of `clock` (seconds) has passed, at least one; returns
    // how many. A NaN or overflow stops with the message and the weights of the last good step.
    int train_for(double budget_s, const std::function<double()>& clock);
    // Back to the initial weights (the network as loaded, or fresh ones for a new structure),
    // epoch 0, the history cleared; the dataset and settings stay.
    std::string reset_weights();
    // Point i of data() becomes the sample the animation and every derivation use.
    std::string select_point(std::size_t i);
    // The data's settings changed (dataset, features, batch size, rates): rebuilds the points
    // when the spec changed and starts again from the initial weights. Refused as edit() is.
    std::string edit_data(Config c);
    // Computed when the weights changed since the last call; refresh = false keeps the last one
    // computed (while training, a frame need not pay 4,096 forward passes for every epoch).
    const Plane& plane(bool refresh = true) const;
    // Where plane() computes: `gpu` (not owned; null: the CPU) is asked first. Recomputes the plane
    // on the next call.
    void set_plane_evaluator(PlaneEvaluator* gpu);
    PlaneEvaluator* plane_evaluator() const { return gpu_; }
    // The focused parameter's gradient plane and next batch (GradPlane), refreshed as plane() is.
    const GradPlane& grad_plane(bool refresh = true) const;

    // The hidden neurons' maps from the same passes as plane(refresh) (which this calls).
    const NeuronMaps& neuron_maps(bool refresh = true) const;

    // --- the timeline and its play head -----------------------------------------------------
    const anim::Timeline& timeline() const { return timeline_; }
    const anim::Frame& frame() const { return frame_; } // sample(timeline, t)
    const anim::Transport& transport() const { return transport_; }
    double time() const { return transport_.t; }
    bool playing() const { return transport_.playing; }
    std::string_view phase() const; // "" before the first phase
    double walk_start() const;      // -1 when there is no walk
    // Whether advance() changes anything: the play head moving, a Step animating, a training run
    // going. When false the picture stands still and the platform may stop drawing.
    bool moving() const { return transport_.playing || step_pending_ || training_.remaining > 0 || run_.running; }

    // The clock: moves t by dt (when playing), takes a pending Step once the update section has
    // played, and runs the next chunk of a training run.
    void advance(double dt_s);
    void play();
    void pause();
    void toggle_play();
    void seek(double t_s); // clamped; scrubbing back cancels a pending Step
    void step_next();      // next event, paused
    void step_prev();
    void home();
    void end();
    void play_walk(); // from the start of the path walk
    void set_speed(double speed);
    void set_loop(bool loop);
    // Pulses jump and fades are steps (prefers-reduced-motion); kept across rebuilds.
    void set_reduced_motion(bool on);
    bool reduced_motion() const { return reduced_motion_; }

    // --- colour scales and labels, derived from the timeline on every rebuild ----------------
    // Symmetric scale per edge role for what an edge shows in `view`, and for pulses.
    double scale(embed::View view, anim::EdgeRole role) const;
    double pulse_scale(bool backward, anim::EdgeRole role) const;
    // Per graph node: "a_21" above "h_21" for a hidden neuron; one name (bottom "") otherwise.
    const std::string& label_top(int node) const { return label_top_[std::size_t(node)]; }
    const std::string& label_bottom(int node) const { return label_bottom_[std::size_t(node)]; }

private:
    void install(Config c, std::string preset_name);    // load() without the check: a preset as built
    void forget_focus();                                // no focus, and no text written for one
    mutable std::optional<std::string> focus_texts_[3]; // focus_text(), by DerivFormat
    void rebuild();                                     // trace, next step, derivation, timeline, scales
    void derive_focus();
    void compute_scales();
    void resample() { anim::sample(timeline_, transport_.t, frame_); }
    std::string run_training(int steps);
    void rebuild_data();   // data_ from config_.dataset, then reset_data_run()
    void reset_data_run(); // trainer from the current network, epoch 0, history cleared
    void record_epoch_metrics();
    // One batch or the rest of an epoch; false: stopped. measure: evaluate the losses after an
    // epoch ends (train_for measures once per call instead).
    bool data_step(bool whole_epoch, bool measure = true);
    void show_point(); // config_.samples[0] = run_.point (when chosen)

    Config config_;
    std::string preset_;
    Config base_; // what reset() returns to
    Trace trace_;
    TrainingStep next_;
    Focus focus_;
    int revision_ = 0;
    Training training_;
    anim::Timeline timeline_;
    anim::Frame frame_;
    anim::Transport transport_;
    bool step_pending_ = false; // Step is animating; take it when it ends
    bool reduced_motion_ = false;
    double scale_[3][3] = {};       // [embed::View][anim::EdgeRole]
    double pulse_scale_[2][3] = {}; // [0 forward, 1 backward][anim::EdgeRole]
    std::vector<std::string> label_top_, label_bottom_;
    Dataset data_;                            // config_.dataset's points
    std::optional<MiniBatchTrainer> trainer_; // the epochs' shuffles and batch position
    DataRun run_;
    std::uint64_t weights_version_ = 0; // bumped by rebuild(): the plane is stale when it differs
    mutable Plane plane_;
    mutable NeuronMaps maps_; // filled beside plane_
    mutable std::uint64_t plane_for_ = ~std::uint64_t(0);
    PlaneEvaluator* gpu_ = nullptr; // set_plane_evaluator
    mutable std::vector<float> gpu_out_;
    mutable GradPlane grad_plane_;
    mutable std::uint64_t grad_plane_for_ = ~std::uint64_t(0);
    std::uint64_t data_version_ = 0;                        // bumped by reset_data_run(): new points or encoding
    mutable std::vector<std::size_t> nearest_;              // per grid cell: its nearest training point
    mutable std::uint64_t nearest_for_ = ~std::uint64_t(0); // the data_version_ nearest_ is for
};

} // namespace gf
