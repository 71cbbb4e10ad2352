// [SECTION] Names of activations and losses
// [SECTION] Validation
// [SECTION] Initialisation
// [SECTION] Activations
// [SECTION] Forward and backward
// [SECTION] SGD and training
#include "core/network.hpp"

#include "core/names.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace gf {

// -----------------------------------------------------------------------------------------------
// [SECTION] Names of activations and losses
// -----------------------------------------------------------------------------------------------

std::string_view to_string(Activation a)
{
    switch (a) {
    case Activation::linear: return "linear";
    case Activation::sigmoid: return "sigmoid";
    case Activation::tanh: return "tanh";
    case Activation::relu: return "relu";
    case Activation::leaky_relu: return "leaky_relu";
    case Activation::softmax: return "softmax";
    }
    return "?";
}

std::string_view to_string(Loss l)
{
    switch (l) {
    case Loss::sse: return "sse";
    case Loss::half_sse: return "half_sse";
    case Loss::mse: return "mse";
    case Loss::cross_entropy: return "cross_entropy";
    }
    return "?";
}

bool parse_activation(std::string_view s, Activation& out)
{
    for (Activation a : {Activation::linear, Activation::sigmoid, Activation::tanh, Activation::relu,
                         Activation::leaky_relu, Activation::softmax})
        if (s == to_string(a)) {
            out = a;
            return true;
        }
    return false;
}

bool parse_loss(std::string_view s, Loss& out)
{
    for (Loss l : {Loss::sse, Loss::half_sse, Loss::mse, Loss::cross_entropy})
        if (s == to_string(l)) {
            out = l;
            return true;
        }
    return false;
}

std::string loss_pairing_error(Activation output, Loss loss)
{
    if (loss != Loss::cross_entropy) return {};
    if (output == Activation::softmax || output == Activation::sigmoid) return {};
    return "loss \"cross_entropy\" needs a \"softmax\" output (categorical) or a \"sigmoid\" output "
           "(binary, summed per output); the output layer is \"" +
           std::string(to_string(output)) + "\". Change the last activation or use \"sse\", \"half_sse\" or \"mse\"";
}

std::size_t param_count(const std::vector<int>& sizes)
{
    constexpr std::size_t kMax = std::numeric_limits<std::size_t>::max();
    std::size_t n = 0;
    for (std::size_t l = 0; l + 1 < sizes.size(); ++l) {
        const std::size_t fan_in = std::size_t(std::max(sizes[l], 0)) + 1,
                          width = std::size_t(std::max(sizes[l + 1], 0));
        if (width != 0 && fan_in > kMax / width) return kMax;
        const std::size_t layer = width * fan_in;
        if (layer > kMax - n) return kMax;
        n += layer;
    }
    return n;
}

// -----------------------------------------------------------------------------------------------
// [SECTION] Validation
// -----------------------------------------------------------------------------------------------

std::string validate_network(const Network& net)
{
    if (net.sizes.size() < 2)
        return "layers must list at least two sizes (inputs first, then at least one layer), e.g. [4, 4, 2]";
    if (int(net.sizes.size()) > kMaxLayers)
        return "layers has " + std::to_string(net.sizes.size()) + " entries; gradflow supports at most " +
               std::to_string(kMaxLayers) + " (input included)";
    for (std::size_t i = 0; i < net.sizes.size(); ++i) {
        int n = net.sizes[i];
        if (n < 1 || n > kMaxWidth)
            return "layers[" + std::to_string(i) + "] is " + std::to_string(n) + "; every layer needs between 1 and " +
                   std::to_string(kMaxWidth) + " neurons";
    }
    if (net.param_count() > kMaxParams)
        return "the network has " + std::to_string(net.param_count()) + " parameters; the limit is " +
               std::to_string(kMaxParams) + ". Use fewer or narrower layers";
    const std::size_t L = net.sizes.size() - 1;
    if (net.act.size() != L)
        return "activations has " + std::to_string(net.act.size()) +
               " entries; it needs one per "
               "non-input layer, i.e. " +
               std::to_string(L);
    if (auto e = loss_pairing_error(net.act.back(), net.loss); !e.empty()) return e;
    if (net.W.size() != L)
        return "W has " + std::to_string(net.W.size()) + " matrices; it needs " + std::to_string(L) +
               " (one per non-input layer)";
    if (net.b.size() != L) return "b has " + std::to_string(net.b.size()) + " vectors; it needs " + std::to_string(L);
    for (std::size_t l = 0; l < L; ++l) {
        const Matrix& w = net.W[l];
        const std::string name = "W[" + std::to_string(l) + "]";
        if (w.rows != net.sizes[l + 1])
            return name + " has " + std::to_string(w.rows) + " rows; layer " + std::to_string(l + 1) + " has " +
                   std::to_string(net.sizes[l + 1]) + " neurons (one row per neuron fed)";
        if (w.cols != net.sizes[l])
            return name + " has " + std::to_string(w.cols) + " columns; layer " + std::to_string(l) + " has " +
                   std::to_string(net.sizes[l]) + " neurons (one column per neuron it comes from)";
        if (int(net.b[l].size()) != net.sizes[l + 1])
            return "b[" + std::to_string(l) + "] has " + std::to_string(net.b[l].size()) + " entries; layer " +
                   std::to_string(l + 1) + " has " + std::to_string(net.sizes[l + 1]) + " neurons";
        for (double v : w.v)
            if (!std::isfinite(v)) return name + " holds a value that is not a finite number";
        for (double v : net.b[l])
            if (!std::isfinite(v)) return "b[" + std::to_string(l) + "] holds a value that is not a finite number";
    }
    return {};
}

std::string validate_sample(const Network& net, const Sample& s)
{
    if (int(s.x.size()) != net.inputs())
        return "x has " + std::to_string(s.x.size()) + " values; the input layer has " + std::to_string(net.inputs()) +
               " neurons";
    if (int(s.y.size()) != net.outputs())
        return "y has " + std::to_string(s.y.size()) + " values; the output layer has " +
               std::to_string(net.outputs()) + " neurons";
    for (double v : s.x)
        if (!std::isfinite(v)) return "x holds a value that is not a finite number";
    for (double v : s.y)
        if (!std::isfinite(v)) return "y holds a value that is not a finite number";
    if (net.loss == Loss::cross_entropy && net.act.back() == Activation::sigmoid)
        for (double v : s.y)
            if (v < 0.0 || v > 1.0) return "y must lie in [0, 1] for binary cross-entropy";
    return {};
}

// -----------------------------------------------------------------------------------------------
// [SECTION] Initialisation
// -----------------------------------------------------------------------------------------------
// splitmix64 → uniform doubles, so the same seed gives the same weights with every compiler and
// standard library (std::uniform_real_distribution is not specified bit-for-bit).

namespace {
struct SplitMix64 {
    std::uint64_t s;
    std::uint64_t next()
    {
        std::uint64_t z = (s += 0x9E3779B97F4A7C15ull);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        return z ^ (z >> 31);
    }
    double uniform01() { return double(next() >> 11) * 0x1.0p-53; } // [0, 1)
};
} // namespace

void init_weights(Network& net, std::uint64_t seed)
{
    SplitMix64 rng{seed};
    const std::size_t L = net.sizes.size() - 1;
    net.W.assign(L, Matrix{});
    net.b.assign(L, Vec{});
    for (std::size_t l = 0; l < L; ++l) {
        const int in = net.sizes[l], out = net.sizes[l + 1];
        const bool rectifier = net.act[l] == Activation::relu || net.act[l] == Activation::leaky_relu;
        // He-uniform for rectifiers, Glorot-uniform otherwise; 2 decimals so the numbers read well.
        const double limit = rectifier ? std::sqrt(6.0 / in) : std::sqrt(6.0 / (in + out));
        net.W[l] = Matrix(out, in);
        for (double& w : net.W[l].v) {
            double r = (2.0 * rng.uniform01() - 1.0) * limit;
            w = std::round(r * 100.0) / 100.0;
        }
        net.b[l].assign(std::size_t(out), 0.0);
    }
}

// -----------------------------------------------------------------------------------------------
// [SECTION] Activations
// -----------------------------------------------------------------------------------------------

namespace {

double sigmoid(double a)
{
    if (a >= 0) return 1.0 / (1.0 + std::exp(-a));
    const double e = std::exp(a);
    return e / (1.0 + e);
}

double softplus(double z) { return std::max(z, 0.0) + std::log1p(std::exp(-std::abs(z))); }

double log_sum_exp(const Vec& a)
{
    const double m = *std::max_element(a.begin(), a.end());
    double s = 0.0;
    for (double v : a) s += std::exp(v - m);
    return m + std::log(s);
}

// a = W·in + b (the one place both forward passes compute it).
void affine(const Matrix& W, const Vec& b, const Vec& in, Vec& a)
{
    a.resize(std::size_t(W.rows));
    for (int j = 0; j < W.rows; ++j) {
        const double* w = W.row(j);
        double acc = b[std::size_t(j)];
        for (int k = 0; k < W.cols; ++k) acc += w[k] * in[std::size_t(k)];
        a[std::size_t(j)] = acc;
    }
}

// h = f(a) and J = ∂h/∂a.
void activate(Activation f, const Vec& a, Vec& h, Jacobian& J)
{
    const std::size_t n = a.size();
    h.resize(n);
    if (f == Activation::softmax) {
        const double m = *std::max_element(a.begin(), a.end());
        double s = 0.0;
        for (std::size_t i = 0; i < n; ++i) {
            h[i] = std::exp(a[i] - m);
            s += h[i];
        }
        for (double& v : h) v /= s;
        J.diagonal = false;
        J.diag.clear();
        if (J.full.rows != int(n)) J.full = Matrix(int(n), int(n));
        for (std::size_t i = 0; i < n; ++i)
            for (std::size_t k = 0; k < n; ++k) J.full(int(i), int(k)) = h[i] * ((i == k ? 1.0 : 0.0) - h[k]);
        return;
    }
    J.diagonal = true;
    J.full = Matrix{};
    J.diag.resize(n);
    for (std::size_t i = 0; i < n; ++i) {
        const double z = a[i];
        switch (f) {
        case Activation::linear:
            h[i] = z;
            J.diag[i] = 1.0;
            break;
        case Activation::sigmoid:
            h[i] = sigmoid(z);
            J.diag[i] = h[i] * (1.0 - h[i]);
            break;
        case Activation::tanh:
            h[i] = std::tanh(z);
            J.diag[i] = 1.0 - h[i] * h[i];
            break;
        case Activation::relu:
            h[i] = z > 0 ? z : 0.0;
            J.diag[i] = z > 0 ? 1.0 : 0.0;
            break;
        case Activation::leaky_relu:
            h[i] = z > 0 ? z : kLeakyReluSlope * z;
            J.diag[i] = z > 0 ? 1.0 : kLeakyReluSlope;
            break;
        case Activation::softmax: break; // handled above
        }
    }
}

// Loss from logits and outputs (cross-entropy uses the logits, for stability).
double loss_value(Loss loss, Activation out, const Vec& a, const Vec& yhat, const Vec& y)
{
    const std::size_t n = y.size();
    double s = 0.0;
    switch (loss) {
    case Loss::sse:
    case Loss::half_sse:
    case Loss::mse:
        for (std::size_t i = 0; i < n; ++i) s += (y[i] - yhat[i]) * (y[i] - yhat[i]);
        if (loss == Loss::half_sse) s *= 0.5;
        if (loss == Loss::mse) s /= double(n);
        return s;
    case Loss::cross_entropy:
        if (out == Activation::softmax) {
            const double lse = log_sum_exp(a);
            for (std::size_t i = 0; i < n; ++i)
                if (y[i] != 0.0) s -= y[i] * (a[i] - lse);
        } else { // summed binary cross-entropy on sigmoid outputs: y·softplus(−a) + (1−y)·softplus(a)
            for (std::size_t i = 0; i < n; ++i) s += y[i] * softplus(-a[i]) + (1.0 - y[i]) * softplus(a[i]);
        }
        return s;
    }
    return s;
}

} // namespace

// -----------------------------------------------------------------------------------------------
// [SECTION] Forward and backward
// -----------------------------------------------------------------------------------------------

Trace forward_backward(const Network& net, const Sample& s)
{
    Trace t;
    forward_backward(net, s, t);
    return t;
}

void forward_backward(const Network& net, const Sample& s, Trace& t)
{
    const int L = net.layers();
    t.x = s.x;
    t.y = s.y;
    t.a.resize(std::size_t(L));
    t.h.resize(std::size_t(L));
    t.J.resize(std::size_t(L));

    // Forward: a = W h_prev + b; h = f(a).
    for (int l = 0; l < L; ++l) {
        affine(net.W[std::size_t(l)], net.b[std::size_t(l)], t.input_to(l), t.a[std::size_t(l)]);
        activate(net.act[std::size_t(l)], t.a[std::size_t(l)], t.h[std::size_t(l)], t.J[std::size_t(l)]);
    }

    const Activation out_act = net.act.back();
    const Vec& aL = t.a.back();
    const Vec& yhat = t.h.back();
    const Vec& y = s.y;
    const int n = net.outputs();
    t.loss = loss_value(net.loss, out_act, aL, yhat, y);

    // ∂L/∂ŷ.
    t.dL_dyhat.resize(std::size_t(n));
    for (int i = 0; i < n; ++i) {
        const std::size_t u = std::size_t(i);
        switch (net.loss) {
        case Loss::sse: t.dL_dyhat[u] = -2.0 * (y[u] - yhat[u]); break;
        case Loss::half_sse: t.dL_dyhat[u] = -(y[u] - yhat[u]); break;
        case Loss::mse: t.dL_dyhat[u] = -2.0 * (y[u] - yhat[u]) / double(n); break;
        case Loss::cross_entropy:
            if (out_act == Activation::softmax)
                t.dL_dyhat[u] = y[u] == 0.0 ? 0.0 : -y[u] / yhat[u];
            else
                t.dL_dyhat[u] = (1.0 - y[u]) / (1.0 - yhat[u]) - (y[u] == 0.0 ? 0.0 : y[u] / yhat[u]);
            break;
        }
    }

    // out_grad(i, k) = ∂L/∂ŷ_i · ∂ŷ_i/∂a_k. For cross-entropy the product is formed analytically
    // so that it stays finite where ŷ_i underflows (logits of ±1000).
    const Jacobian& JL = t.J.back();
    if (t.out_grad.rows != n) t.out_grad = Matrix(n, n);
    for (int i = 0; i < n; ++i) {
        for (int k = 0; k < n; ++k) {
            double g;
            if (net.loss == Loss::cross_entropy && out_act == Activation::softmax)
                g = -y[std::size_t(i)] * ((i == k ? 1.0 : 0.0) - yhat[std::size_t(k)]);
            else if (net.loss == Loss::cross_entropy) // sigmoid + binary CE
                g = i == k ? yhat[std::size_t(i)] - y[std::size_t(i)] : 0.0;
            else
                g = JL.nonzero(i, k) ? t.dL_dyhat[std::size_t(i)] * JL.at(i, k) : 0.0;
            t.out_grad(i, k) = g;
        }
    }

    // Backward. dh[L-1] = ∂L/∂ŷ; da[L-1]_k = Σ_i out_grad(i, k).
    t.da.resize(std::size_t(L));
    t.dh.resize(std::size_t(L));
    t.dW.resize(std::size_t(L));
    t.db.resize(std::size_t(L));
    t.dh.back() = t.dL_dyhat;
    {
        Vec& da = t.da.back();
        da.assign(std::size_t(n), 0.0);
        for (int i = 0; i < n; ++i)
            for (int k = 0; k < n; ++k) da[std::size_t(k)] += t.out_grad(i, k);
    }
    for (int l = L - 1; l >= 0; --l) {
        const std::size_t ul = std::size_t(l);
        const Matrix& W = net.W[ul];
        const Vec& in = t.input_to(l);
        const Vec& da = t.da[ul];
        // dW = da · h_prevᵀ, db = da.
        Matrix& dW = t.dW[ul];
        if (dW.rows != W.rows || dW.cols != W.cols) dW = Matrix(W.rows, W.cols);
        for (int j = 0; j < W.rows; ++j) {
            double* g = dW.row(j);
            const double d = da[std::size_t(j)];
            for (int k = 0; k < W.cols; ++k) g[k] = d * in[std::size_t(k)];
        }
        t.db[ul] = da;
        // dh_prev = Wᵀ da.
        Vec& dprev = l == 0 ? t.dx : t.dh[ul - 1];
        dprev.assign(std::size_t(W.cols), 0.0);
        for (int j = 0; j < W.rows; ++j) {
            const double* w = W.row(j);
            const double d = da[std::size_t(j)];
            for (int k = 0; k < W.cols; ++k) dprev[std::size_t(k)] += w[k] * d;
        }
        if (l == 0) break;
        // da_prev = J_prevᵀ dh_prev.
        const Jacobian& J = t.J[ul - 1];
        Vec& daprev = t.da[ul - 1];
        const std::size_t m = dprev.size();
        daprev.assign(m, 0.0);
        if (J.diagonal) {
            for (std::size_t k = 0; k < m; ++k) daprev[k] = J.diag[k] * dprev[k];
        } else {
            for (std::size_t i = 0; i < m; ++i)
                for (std::size_t k = 0; k < m; ++k) daprev[k] += dprev[i] * J.full(int(i), int(k));
        }
    }
}

double forward_loss(const Network& net, const Sample& s, Trace& t)
{
    const int L = net.layers();
    t.a.resize(std::size_t(L));
    t.h.resize(std::size_t(L));
    t.J.resize(std::size_t(L));
    for (int l = 0; l < L; ++l) {
        affine(net.W[std::size_t(l)], net.b[std::size_t(l)], l == 0 ? s.x : t.h[std::size_t(l) - 1],
               t.a[std::size_t(l)]);
        activate(net.act[std::size_t(l)], t.a[std::size_t(l)], t.h[std::size_t(l)], t.J[std::size_t(l)]);
    }
    return loss_value(net.loss, net.act.back(), t.a.back(), t.h.back(), s.y);
}

double loss_of(const Network& net, const Sample& s, const Nudge& nudge)
{
    using At = Nudge::At;
    Vec in = s.x, a, h;
    Jacobian J;
    if (nudge.at == At::input) in[std::size_t(nudge.j)] += nudge.delta;
    for (int l = 0; l < net.layers(); ++l) {
        affine(net.W[std::size_t(l)], net.b[std::size_t(l)], in, a);
        if (nudge.at == At::pre && nudge.layer == l) a[std::size_t(nudge.j)] += nudge.delta;
        activate(net.act[std::size_t(l)], a, h, J);
        if (nudge.at == At::post && nudge.layer == l) h[std::size_t(nudge.j)] += nudge.delta;
        if (l + 1 < net.layers()) in = h;
    }
    const bool output_nudged = nudge.at == At::post && nudge.layer == net.layers() - 1;
    if (output_nudged && net.loss == Loss::cross_entropy) {
        double L = 0.0;
        for (std::size_t i = 0; i < h.size(); ++i) {
            const double y = s.y[i];
            if (net.act.back() == Activation::softmax) {
                if (y != 0.0) L -= y * std::log(h[i]);
            } else
                L -= (y != 0.0 ? y * std::log(h[i]) : 0.0) + (y != 1.0 ? (1.0 - y) * std::log(1.0 - h[i]) : 0.0);
        }
        return L;
    }
    return loss_value(net.loss, net.act.back(), a, h, s.y);
}

// -----------------------------------------------------------------------------------------------
// [SECTION] SGD and training
// -----------------------------------------------------------------------------------------------

void sgd_step(Network& net, const std::vector<Matrix>& dW, const std::vector<Vec>& db, double lr, bool train_biases)
{
    for (std::size_t l = 0; l < net.W.size(); ++l) {
        for (std::size_t i = 0; i < net.W[l].v.size(); ++i) net.W[l].v[i] -= lr * dW[l].v[i];
        if (train_biases)
            for (std::size_t j = 0; j < net.b[l].size(); ++j) net.b[l][j] -= lr * db[l][j];
    }
}

std::string step_overflow(const Network& net, const std::vector<Matrix>& dW, const std::vector<Vec>& db, double lr,
                          bool train_biases)
{
    auto say = [&](const NodeRef& ref, double v) {
        return node_name(net, ref) + " would be " + (std::isnan(v) ? "NaN" : v > 0 ? "inf" : "-inf");
    };
    for (std::size_t l = 0; l < net.W.size(); ++l) {
        const Matrix& m = net.W[l];
        for (int j = 0; j < m.rows; ++j)
            for (int k = 0; k < m.cols; ++k)
                if (const double v = m(j, k) - lr * dW[l](j, k); !std::isfinite(v))
                    return say(NodeRef{NodeKind::weight, int(l), j, k}, v);
        if (train_biases)
            for (std::size_t j = 0; j < net.b[l].size(); ++j)
                if (const double v = net.b[l][j] - lr * db[l][j]; !std::isfinite(v))
                    return say(NodeRef{NodeKind::bias, int(l), int(j), 0}, v);
    }
    return {};
}

TrainResult train(Network& net, const std::vector<Sample>& samples, int steps, double lr, bool train_biases,
                  const TrainStepHook& on_step)
{
    TrainResult r;
    if (samples.empty() || steps <= 0) return r;
    Trace t;
    // Mean-gradient accumulators, shaped like W and b once and zeroed every step.
    std::vector<Matrix> gW;
    std::vector<Vec> gb;
    for (std::size_t l = 0; l < net.W.size(); ++l) {
        gW.emplace_back(net.W[l].rows, net.W[l].cols);
        gb.emplace_back(net.b[l].size(), 0.0);
    }
    const double inv = 1.0 / double(samples.size());
    auto mean_loss_and_grad = [&](bool want_grad) {
        double total = 0.0;
        if (want_grad) {
            for (Matrix& m : gW) std::fill(m.v.begin(), m.v.end(), 0.0);
            for (Vec& v : gb) std::fill(v.begin(), v.end(), 0.0);
        }
        for (const Sample& s : samples) {
            if (!want_grad) {
                total += loss_of(net, s);
                continue;
            }
            forward_backward(net, s, t);
            total += t.loss;
            for (std::size_t l = 0; l < net.W.size(); ++l) {
                for (std::size_t i = 0; i < gW[l].v.size(); ++i) gW[l].v[i] += inv * t.dW[l].v[i];
                for (std::size_t j = 0; j < gb[l].size(); ++j) gb[l][j] += inv * t.db[l][j];
            }
        }
        return total * inv;
    };
    for (int step = 0; step < steps; ++step) {
        const double loss = mean_loss_and_grad(true);
        if (!std::isfinite(loss)) {
            r.diverged = true;
            r.message = "the loss became " + std::string(std::isnan(loss) ? "NaN" : "infinite") + " at step " +
                        std::to_string(step) + "; try a smaller learning rate";
            return r;
        }
        r.loss_history.push_back(loss);
        if (std::string overflow = step_overflow(net, gW, gb, lr, train_biases); !overflow.empty()) {
            r.diverged = true;
            r.message = overflow + " after step " + std::to_string(step + 1) +
                        " (the learning rate times the gradient is too large for double precision); the "
                        "network was kept as it was before that step. Use a smaller learning_rate";
            return r;
        }
        sgd_step(net, gW, gb, lr, train_biases);
        ++r.steps_done;
        if (on_step && !on_step(r.steps_done, loss) && step + 1 < steps) {
            r.stopped = true;
            break;
        }
    }
    const double final_loss = mean_loss_and_grad(false);
    r.loss_history.push_back(final_loss);
    if (!std::isfinite(final_loss)) {
        r.diverged = true;
        r.message = "the loss L would be " + std::string(std::isnan(final_loss) ? "NaN" : "inf") + " after step " +
                    std::to_string(r.steps_done) +
                    " (the learning rate times the gradient is too large for double precision); use a "
                    "smaller learning_rate";
    }
    return r;
}

TrainingStep training_step(const Network& net, const std::vector<Sample>& samples, double lr, bool train_biases)
{
    TrainingStep s;
    s.next = net;
    const TrainResult r = train(s.next, samples, 1, lr, train_biases);
    s.ok = !r.diverged && r.steps_done == 1;
    s.message = r.message;
    if (!s.ok) s.next = net;
    if (!s.ok && s.message.empty()) s.message = "there are no samples to take a step on; add a sample";
    return s;
}

} // namespace gf
