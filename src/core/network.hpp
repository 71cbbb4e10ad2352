// The network, its forward and backward passes, and the record they leave behind.
//
// Conventions follow the seed's notes (../shared/reference/worked-examples.md §1):
//   a[l] = W[l] h[l-1] + b[l],  h[l] = f_l(a[l]),  h[-1] = x,  ŷ = h[L-1].
//   W[l] is stored out × in: W[l](j, k) is the weight to neuron j from neuron k.
// Internally layers and neurons are 0-based; the notes' names (w_212, a_21, ŷ_1) are made by
// names.hpp, where layer l here is the notes' layer l+1.
//
// forward_backward() records every local derivative (the activation Jacobians, dL/dŷ, the
// weights on a→h edges are W itself) so that paths and derivations are read from the Trace,
// never recomputed elsewhere.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace gf {

using Vec = std::vector<double>;

// Row-major dense matrix.
struct Matrix {
    int rows = 0;
    int cols = 0;
    Vec v; // rows*cols values, row-major

    Matrix() = default;
    Matrix(int r, int c, double fill = 0.0) : rows(r), cols(c), v(std::size_t(r) * std::size_t(c), fill) {}
    double& operator()(int r, int c) { return v[std::size_t(r) * std::size_t(cols) + std::size_t(c)]; }
    double operator()(int r, int c) const { return v[std::size_t(r) * std::size_t(cols) + std::size_t(c)]; }
    const double* row(int r) const { return v.data() + std::size_t(r) * std::size_t(cols); }
    double* row(int r) { return v.data() + std::size_t(r) * std::size_t(cols); }
    bool operator==(const Matrix&) const = default;
};

enum class Activation { linear, sigmoid, tanh, relu, leaky_relu, softmax };
enum class Loss { sse, half_sse, mse, cross_entropy };

inline constexpr double kLeakyReluSlope = 0.01;
inline constexpr int kMaxLayers = 16;                            // sizes.size(), input included
inline constexpr int kMaxWidth = 1024;                           // neurons in any layer
inline constexpr std::size_t kMaxParams = std::size_t(11) << 20; // 11.5 M: ten 1024-wide layers fit

std::string_view to_string(Activation a);
std::string_view to_string(Loss l);
bool parse_activation(std::string_view s, Activation& out);
bool parse_loss(std::string_view s, Loss& out);

// Empty when the pairing is allowed; otherwise the reason and the fix.
std::string loss_pairing_error(Activation output, Loss loss);

// Weights and biases of a network with these layer sizes (input first): Σ sizes[l+1]·(sizes[l]+1).
// Saturates at SIZE_MAX rather than wrapping (size_t is 32 bits in wasm), so a limit check on an
// absurd architecture read from a link still fails. Also for sizes not yet built into a Network.
std::size_t param_count(const std::vector<int>& sizes);

struct Network {
    std::vector<int> sizes;      // neurons per layer, input first
    std::vector<Activation> act; // one per non-input layer
    Loss loss = Loss::sse;
    std::vector<Matrix> W; // W[l]: sizes[l+1] × sizes[l]
    std::vector<Vec> b;    // b[l]: sizes[l+1]

    int layers() const { return int(act.size()); }               // non-input layers
    int width(int l) const { return sizes[std::size_t(l) + 1]; } // neurons of non-input layer l
    int inputs() const { return sizes.front(); }
    int outputs() const { return sizes.back(); }
    std::size_t param_count() const { return gf::param_count(sizes); }
    bool operator==(const Network&) const = default;
};

struct Sample {
    Vec x;
    Vec y;
    bool operator==(const Sample&) const = default;
};

// ∂h/∂a of one layer. Element-wise activations have a diagonal Jacobian; softmax a full one.
struct Jacobian {
    bool diagonal = true;
    Vec diag;    // diagonal ? diag[i] = ∂h_i/∂a_i
    Matrix full; // !diagonal ? full(i, k) = ∂h_i/∂a_k
    double at(int i, int k) const
    {
        if (diagonal) return i == k ? diag[std::size_t(i)] : 0.0;
        return full(i, k);
    }
    bool nonzero(int i, int k) const { return !diagonal || i == k; }
};

// Everything one forward + backward pass on one sample knows.
struct Trace {
    Vec x, y;           // the sample
    std::vector<Vec> a; // a[l], pre-activations
    std::vector<Vec> h; // h[l], activations; h.back() = ŷ
    double loss = 0.0;

    // Local derivatives.
    Vec dL_dyhat;            // ∂L/∂ŷ_i (for cross-entropy may be ±inf where ŷ_i underflows)
    std::vector<Jacobian> J; // J[l] = ∂h[l]/∂a[l]
    Matrix out_grad;         // out_grad(i, k) = ∂L/∂ŷ_i · ∂ŷ_i/∂a_Lk, computed stably:
                             // a path through ŷ_i from a_Lk multiplies by this pair

    // Gradients.
    std::vector<Vec> da;    // ∂L/∂a[l]
    std::vector<Vec> dh;    // ∂L/∂h[l]
    Vec dx;                 // ∂L/∂x
    std::vector<Matrix> dW; // shaped like W
    std::vector<Vec> db;    // shaped like b

    const Vec& input_to(int l) const { return l == 0 ? x : h[std::size_t(l) - 1]; } // h[l-1]
};

// Initialise W and b for `sizes`/`act` deterministically from `seed` (see README "Initialisation").
void init_weights(Network& net, std::uint64_t seed);

// A small change added to one node during a forward pass (finite differences on nodes).
struct Nudge {
    enum class At { nothing, input, pre, post } at = At::nothing;
    int layer = 0; // non-input layer (pre/post)
    int j = 0;     // neuron
    double delta = 0.0;
};

// Forward only: the loss of `net` on `s`, optionally with one node nudged. A nudge of an output
// ŷ_j is seen by every loss (cross-entropy is then computed from ŷ rather than the logits).
double loss_of(const Network& net, const Sample& s, const Nudge& nudge = {});

// Forward and backward on one sample, recording everything. Preconditions (checked by
// validate_network/validate_sample): shapes agree.
Trace forward_backward(const Network& net, const Sample& s);

// Reuses `t`'s buffers (hot path for benchmarks and training).
void forward_backward(const Network& net, const Sample& s, Trace& t);

// Forward only, into `t`'s a and h (no backward, no allocation once `t` has its shapes): the loss
// of `net` on `s`. For evaluating many points (test loss, heatmaps) where forward_backward's
// backward pass would be wasted.
double forward_loss(const Network& net, const Sample& s, Trace& t);

// Structural checks; empty string when fine, otherwise the message naming the field and fix.
std::string validate_network(const Network& net);
std::string validate_sample(const Network& net, const Sample& s);

// One SGD step: W -= lr·dW, b -= lr·db (biases untouched when !train_biases).
void sgd_step(Network& net, const std::vector<Matrix>& dW, const std::vector<Vec>& db, double lr, bool train_biases);

// The first parameter that W ← W − η·dW (and b likewise) would make non-finite, named as the notes
// name it, with the value it would take; "" when the whole step stays finite. Checked before
// stepping so a diverging run keeps its last good network without copying it.
std::string step_overflow(const Network& net, const std::vector<Matrix>& dW, const std::vector<Vec>& db, double lr,
                          bool train_biases);

struct TrainResult {
    std::vector<double> loss_history; // mean loss over samples before each step, then after the last
    bool diverged = false;            // a loss or parameter became NaN/inf; net holds the last finite state
    bool stopped = false;             // on_step asked to stop before `steps` (e.g. Ctrl-C)
    int steps_done = 0;
    std::string message; // why training stopped early
};

// Called after each step taken with (steps done, mean loss before that step); returning false
// stops training there, and the result still ends with the loss after the last step taken.
using TrainStepHook = std::function<bool(int, double)>;

// N steps of full-batch gradient descent: each step uses the mean gradient over `samples`.
TrainResult train(Network& net, const std::vector<Sample>& samples, int steps, double lr, bool train_biases,
                  const TrainStepHook& on_step = {});

// The next training step — one definition for the app's Step button (and the update section it
// animates), the page's getState() and the CLI's `eval` (W_next, b_next, loss_next).
// It is one step of train(): full-batch gradient descent with the mean gradient over all N
// samples, W ← W − η·(1/N)·Σₙ ∂Lₙ/∂W, and b likewise unless biases are frozen. With one sample
// that is plain SGD on it. A step that would make a loss or parameter non-finite is refused.
struct TrainingStep {
    Network next;        // the network after the step; `net` unchanged when refused
    bool ok = false;     // false: the step was refused (see message)
    std::string message; // why it was refused, with what to do
};
TrainingStep training_step(const Network& net, const std::vector<Sample>& samples, double lr, bool train_biases);

} // namespace gf
