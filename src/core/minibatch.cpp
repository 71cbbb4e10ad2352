#include "core/minibatch.hpp"

#include <cassert>
#include <cmath>
#include <numeric>

namespace gf {

std::string_view to_string(Regularization r)
{
    switch (r) {
    case Regularization::none: return "none";
    case Regularization::l1: return "l1";
    case Regularization::l2: return "l2";
    }
    return "?";
}

bool parse_regularization(std::string_view s, Regularization& out)
{
    for (Regularization r : {Regularization::none, Regularization::l1, Regularization::l2})
        if (s == to_string(r)) {
            out = r;
            return true;
        }
    return false;
}

double regularization_penalty(const Network& net, Regularization r)
{
    double s = 0.0;
    if (r == Regularization::none) return s;
    for (const Matrix& W : net.W)
        for (double w : W.v) s += r == Regularization::l1 ? std::abs(w) : 0.5 * w * w;
    return s;
}

void add_regularization_gradient(const Network& net, Regularization r, double rate, std::vector<Matrix>& dW)
{
    if (r == Regularization::none || rate == 0.0) return;
    for (std::size_t l = 0; l < net.W.size(); ++l) {
        const Vec& w = net.W[l].v;
        Vec& g = dW[l].v;
        for (std::size_t i = 0; i < w.size(); ++i)
            g[i] += rate * (r == Regularization::l2 ? w[i] : w[i] > 0 ? 1.0 : w[i] < 0 ? -1.0 : 0.0);
    }
}

double batch_gradient(const Network& net, const std::vector<Sample>& samples, const std::size_t* order, std::size_t n,
                      Trace& t, std::vector<Matrix>& gW, std::vector<Vec>& gb)
{
    const std::size_t L = net.W.size();
    gW.resize(L);
    gb.resize(L);
    for (std::size_t l = 0; l < L; ++l) {
        if (gW[l].rows != net.W[l].rows || gW[l].cols != net.W[l].cols) gW[l] = Matrix(net.W[l].rows, net.W[l].cols);
        std::fill(gW[l].v.begin(), gW[l].v.end(), 0.0);
        gb[l].assign(net.b[l].size(), 0.0);
    }
    const double inv = 1.0 / double(n);
    double total = 0.0;
    for (std::size_t i = 0; i < n; ++i) {
        forward_backward(net, samples[order[i]], t);
        total += t.loss;
        for (std::size_t l = 0; l < L; ++l) {
            const Vec& dW = t.dW[l].v;
            Vec& g = gW[l].v;
            for (std::size_t k = 0; k < g.size(); ++k) g[k] += inv * dW[k];
            for (std::size_t j = 0; j < gb[l].size(); ++j) gb[l][j] += inv * t.db[l][j];
        }
    }
    return total * inv;
}

MiniBatchTrainer::MiniBatchTrainer(std::vector<Sample> train, std::vector<Sample> test, Problem problem,
                                   const BatchOptions& options, std::uint64_t seed)
    : train_(std::move(train)), test_(std::move(test)), problem_(problem), opts_(options),
      // A different stream from the points' (which used `seed` itself), so changing the batch
      // size does not change the data.
      rng_(seed ^ 0x5DEECE66Dull), order_(train_.size())
{
    assert(opts_.batch_size >= 1 && "batch_size must be at least 1 (the config parser checks it)");
    std::iota(order_.begin(), order_.end(), std::size_t(0));
    shuffle(); // the first epoch's order is known before its first step (next_batch())
}

void MiniBatchTrainer::shuffle()
{
    for (std::size_t i = order_.size(); i > 1; --i) std::swap(order_[i - 1], order_[rng_.below(i)]);
}

bool MiniBatchTrainer::step_batch(Network& net)
{
    if (diverged_ || train_.empty()) return false;
    const std::size_t n = std::min(std::size_t(opts_.batch_size), order_.size() - next_);
    const double loss = batch_gradient(net, train_, order_.data() + next_, n, t_, gW_, gb_);
    const auto where = [&] {
        return "epoch " + std::to_string(epoch_ + 1) + ", batch " + std::to_string(next_ / opts_.batch_size + 1);
    };
    if (!std::isfinite(loss)) {
        diverged_ = true;
        message_ = "the batch loss became " + std::string(std::isnan(loss) ? "NaN" : "infinite") + " in " + where() +
                   "; the network was kept as it was before it. Use a smaller learning_rate";
        return false;
    }
    add_regularization_gradient(net, opts_.regularization, opts_.regularization_rate, gW_);
    if (std::string overflow = step_overflow(net, gW_, gb_, opts_.learning_rate, opts_.train_biases);
        !overflow.empty()) {
        diverged_ = true;
        message_ = overflow + " in " + where() +
                   " (the learning rate times the gradient is too large for double precision); the network was "
                   "kept as it was before that step. Use a smaller learning_rate";
        return false;
    }
    sgd_step(net, gW_, gb_, opts_.learning_rate, opts_.train_biases);
    last_loss_ = loss;
    next_ += n;
    if (next_ >= order_.size()) {
        next_ = 0;
        ++epoch_;
        shuffle(); // the next epoch's order, drawn as soon as this one ends (same PRNG sequence)
    }
    return true;
}

bool MiniBatchTrainer::run_epoch(Network& net)
{
    const int start = epoch_;
    while (epoch_ == start)
        if (!step_batch(net)) return false;
    return true;
}

void MiniBatchTrainer::set_options(const BatchOptions& options)
{
    assert(options.batch_size >= 1 && "batch_size must be at least 1 (the config parser checks it)");
    opts_ = options;
}

DataMetrics MiniBatchTrainer::evaluate(const Network& net)
{
    DataMetrics m;
    m.classification = problem_ == Problem::classification;
    auto over = [&](const std::vector<Sample>& set, double& loss, double& accuracy) {
        double total = 0.0;
        std::size_t right = 0;
        for (const Sample& s : set) {
            total += forward_loss(net, s, t_);
            if (m.classification) right += predicted_label(net, t_.h.back()) == predicted_label(net, s.y);
        }
        const double n = double(std::max<std::size_t>(set.size(), 1));
        loss = total / n;
        accuracy = double(right) / n;
    };
    over(train_, m.train_loss, m.train_accuracy);
    over(test_, m.test_loss, m.test_accuracy);
    return m;
}

DataTrainResult train_on_data(Network& net, const DataSpec& spec, const Dataset& data, const BatchOptions& options,
                              int epochs, const EpochHook& on_epoch)
{
    assert(data_network_error(net, spec, data).empty() && "check data_network_error() first");
    MiniBatchTrainer trainer(make_samples(net, spec, data, 0, data.train_count),
                             make_samples(net, spec, data, data.train_count, data.size()), data.problem, options,
                             spec.seed);
    DataTrainResult r;
    for (int e = 0; e < epochs; ++e) {
        if (!trainer.run_epoch(net)) {
            r.diverged = true;
            r.message = trainer.message();
            break;
        }
        ++r.epochs_done;
        if (on_epoch && !on_epoch(r.epochs_done) && e + 1 < epochs) {
            r.stopped = true;
            break;
        }
    }
    r.metrics = trainer.evaluate(net);
    if (!r.diverged && !(std::isfinite(r.metrics.train_loss) && std::isfinite(r.metrics.test_loss))) {
        r.diverged = true;
        r.message = "the loss became " + std::string(std::isnan(r.metrics.train_loss) ? "NaN" : "infinite") +
                    " after epoch " + std::to_string(r.epochs_done) + "; use a smaller learning_rate";
    }
    return r;
}

} // namespace gf
