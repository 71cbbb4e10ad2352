// Mini-batch SGD over a dataset, with L1/L2 regularisation: Playground's training, on our backprop.
//
// One step on a batch B of training points, with R the regulariser and λ its rate:
//   J(W, b) = (1/|B|)·Σ_{n∈B} L_n + λ·R(W),   R = Σ|w| (L1) or ½·Σw² (L2), weights only (as
//   Playground: biases are not regularised),
//   W ← W − η·((1/|B|)·Σ_{n∈B} ∂L_n/∂W + λ·∂R/∂W),   b ← b − η·(1/|B|)·Σ_{n∈B} ∂L_n/∂b.
// ∂L_n/∂W is forward_backward()'s, the one backprop. ∂|w|/∂w is taken as sign(w) (0 at w = 0).
// One epoch is one pass over the training points in an order shuffled by the seeded PRNG; the last
// batch of an epoch may be smaller (it is averaged over its own size).
#pragma once

#include "core/dataset.hpp"
#include "core/network.hpp"

#include <algorithm>
#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace gf {

enum class Regularization { none, l1, l2 };
std::string_view to_string(Regularization r);
bool parse_regularization(std::string_view s, Regularization& out);

// R(W) over every weight (not the biases).
double regularization_penalty(const Network& net, Regularization r);
// dW += rate·∂R/∂W.
void add_regularization_gradient(const Network& net, Regularization r, double rate, std::vector<Matrix>& dW);

struct BatchOptions {
    int batch_size = 10;         // points per step (Playground's default)
    double learning_rate = 0.03; // η (Playground's default)
    Regularization regularization = Regularization::none;
    double regularization_rate = 0.0; // λ
    bool train_biases = true;
    bool operator==(const BatchOptions&) const = default;
};

inline constexpr int kMaxBatchSize = 10000;

// The mean over samples[order[0..n)] of the per-sample gradients, into gW/gb (resized and
// overwritten), using `t` as scratch; returns the mean loss. No allocation once the buffers have
// their shapes.
double batch_gradient(const Network& net, const std::vector<Sample>& samples, const std::size_t* order, std::size_t n,
                      Trace& t, std::vector<Matrix>& gW, std::vector<Vec>& gb);

struct DataMetrics {
    double train_loss = 0.0;     // mean data loss over the training points (no penalty term)
    double test_loss = 0.0;      // mean over the test points
    double train_accuracy = 0.0; // classification: share of points whose predicted label is right
    double test_accuracy = 0.0;
    bool classification = false; // accuracies are meaningful only when true
};

// The training state between batches, so a UI can step one batch or one epoch and a CLI can run
// many. Owns the samples (features applied, targets encoded for the network it was made for).
class MiniBatchTrainer {
public:
    MiniBatchTrainer(std::vector<Sample> train, std::vector<Sample> test, Problem problem, const BatchOptions& options,
                     std::uint64_t seed);

    // One batch step. false when refused (a loss or parameter would be non-finite): `net` is left
    // as it was and message() says why and what to do; every later call is refused too.
    bool step_batch(Network& net);
    // The batches left in the current epoch (a whole epoch when at its start).
    bool run_epoch(Network& net);

    DataMetrics evaluate(const Network& net);
    // New rates or batch size from the next batch on (the epoch's order and position stay).
    void set_options(const BatchOptions& options);

    int epoch() const { return epoch_; } // epochs completed
    std::size_t batch_in_epoch() const { return next_ / std::size_t(opts_.batch_size); }
    bool diverged() const { return diverged_; }
    const std::string& message() const { return message_; }
    const std::vector<Sample>& train_samples() const { return train_; }
    const std::vector<Sample>& test_samples() const { return test_; }
    const BatchOptions& options() const { return opts_; }
    double last_batch_loss() const { return last_loss_; } // mean data loss of the last batch, before its step
    // The training points (indices into train_samples()) the next step_batch() averages over, in
    // its order: what a UI shows as "the next batch" is then the one the step takes.
    std::span<const std::size_t> next_batch() const
    {
        const std::size_t n = std::min(std::size_t(opts_.batch_size), order_.size() - next_);
        return {order_.data() + next_, n};
    }

private:
    void shuffle(); // a new epoch's order_: Fisher–Yates with our PRNG

    std::vector<Sample> train_, test_;
    Problem problem_;
    BatchOptions opts_;
    Rng rng_;
    std::vector<std::size_t> order_; // this epoch's visiting order
    std::size_t next_ = 0;           // position in order_
    int epoch_ = 0;
    bool diverged_ = false;
    std::string message_;
    double last_loss_ = 0.0;
    Trace t_;
    std::vector<Matrix> gW_;
    std::vector<Vec> gb_;
};

// Everything the CLI (and a test) needs to train a network on a dataset for N epochs.
struct DataTrainResult {
    int epochs_done = 0;
    DataMetrics metrics; // after the last epoch taken
    bool diverged = false;
    bool stopped = false; // the hook asked to stop
    std::string message;
};
// Called after each epoch with (epochs done); returning false stops there.
using EpochHook = std::function<bool(int)>;

// Builds the samples from `spec` for `net` (data_network_error must be empty: asserted) and
// trains `epochs` epochs. The shuffles use spec.seed.
DataTrainResult train_on_data(Network& net, const DataSpec& spec, const Dataset& data, const BatchOptions& options,
                              int epochs, const EpochHook& on_epoch = {});

} // namespace gf
