// [SECTION] The network's formulas, fed by the student's values
// [SECTION] Mistakes, applied
// [SECTION] Evaluating the lines
// [SECTION] Verdicts
// [SECTION] JSON and text
#include "tutor/tutor.hpp"

#include "core/derive.hpp"
#include "core/json.hpp"
#include "core/paths.hpp"
#include "tutor/expr.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <set>
#include <tuple>

namespace gf::tutor {

namespace {

std::string num(double v) { return format_number(v, 6); }

// -----------------------------------------------------------------------------------------------
// [SECTION] The network's formulas, fed by the student's values
// -----------------------------------------------------------------------------------------------
// Every quantity has its formula from the quantities it is made of: a_lj from w, h and b; h from a;
// L and ∂L/∂ŷ from ŷ and y; a gradient from the gradients below it and the hops. In "student"
// mode the inputs are the student's own values wherever a line gives one (the network's
// elsewhere), so a formula says what *follows* from the working; with a Mutation it says what
// follows from one kind of mistake.

struct Mutation {
    SlipKind kind = SlipKind::none;
    int variant = 0; // which form of the mistake (see the formulas)
};

using NodeKey = std::tuple<int, int, int, int>;
NodeKey node_key(const NodeRef& n) { return {int(n.kind), n.layer, n.j, n.k}; }

double sigmoid(double a) { return a >= 0.0 ? 1.0 / (1.0 + std::exp(-a)) : std::exp(a) / (1.0 + std::exp(a)); }

double apply(Activation f, double a)
{
    switch (f) {
    case Activation::linear: return a;
    case Activation::sigmoid: return sigmoid(a);
    case Activation::tanh: return std::tanh(a);
    case Activation::relu: return a > 0.0 ? a : 0.0;
    case Activation::leaky_relu: return a > 0.0 ? a : kLeakyReluSlope * a;
    case Activation::softmax: break;
    }
    return a;
}

class Formulas {
public:
    Formulas(const Network& net, const Trace& t, const std::map<std::string, double>& env) : net_(net), t_(t), env_(env)
    {}

    // Student mode: the student's values where a line gives one, except for `exclude` (the line
    // being checked). Every value taken from a line is recorded in used().
    void set_mode(bool student, const std::string& exclude = {})
    {
        student_ = student;
        exclude_ = exclude;
        used_.clear();
        value_memo_.clear();
    }
    const std::set<std::string>& used() const { return used_; }

    std::string key(const Quantity& q) const { return quantity_name(net_, q, NameStyle::ascii); }

    std::optional<double> lookup(const Quantity& q)
    {
        if (!student_) return std::nullopt;
        const std::string k = key(q);
        if (k == exclude_) return std::nullopt;
        auto it = env_.find(k);
        if (it == env_.end()) return std::nullopt;
        used_.insert(k);
        return it->second;
    }

    double target(int j)
    {
        const NodeRef out{NodeKind::post, net_.layers() - 1, j, 0};
        if (auto v = lookup({QuantityKind::target, out, {}})) return *v;
        return t_.y[std::size_t(j)];
    }

    NodeRef input_node(int l, int k) const
    {
        return l == 0 ? NodeRef{NodeKind::input, -1, k, 0} : NodeRef{NodeKind::post, l - 1, k, 0};
    }

    double value(const NodeRef& n)
    {
        if (auto v = lookup({QuantityKind::value, n, {}})) return *v;
        if (!student_ || n.is_param() || n.kind == NodeKind::input) return node_value(net_, t_, n);
        auto it = value_memo_.find(node_key(n));
        if (it != value_memo_.end()) return it->second;
        const double v = value_formula(n, {});
        value_memo_[node_key(n)] = v;
        return v;
    }

    // Mutations here: index_swap (variant = another neuron), sign, factor and wrong_target on L.
    double value_formula(const NodeRef& n, const Mutation& m)
    {
        const int n_out = net_.outputs();
        double v = 0.0;
        switch (n.kind) {
        case NodeKind::pre: {
            const std::size_t l = std::size_t(n.layer);
            int j = n.j;
            if (m.kind == SlipKind::index_swap) j = m.variant;
            for (int k = 0; k < net_.sizes[l]; ++k)
                v += value(NodeRef{NodeKind::weight, n.layer, j, k}) * value(input_node(n.layer, k));
            v += value(NodeRef{NodeKind::bias, n.layer, j, 0});
            break;
        }
        case NodeKind::post: {
            const Activation f = net_.act[std::size_t(n.layer)];
            const int j = m.kind == SlipKind::index_swap ? m.variant : n.j;
            if (f != Activation::softmax) {
                v = apply(f, value(NodeRef{NodeKind::pre, n.layer, j, 0}));
                break;
            }
            std::vector<double> a;
            for (int i = 0; i < net_.width(n.layer); ++i) a.push_back(value(NodeRef{NodeKind::pre, n.layer, i, 0}));
            const double top = *std::max_element(a.begin(), a.end());
            double sum = 0.0;
            for (double ai : a) sum += std::exp(ai - top);
            v = std::exp(a[std::size_t(j)] - top) / sum;
            break;
        }
        case NodeKind::loss: {
            std::vector<double> y(static_cast<std::size_t>(n_out)), yh(static_cast<std::size_t>(n_out));
            for (int i = 0; i < n_out; ++i) {
                y[std::size_t(i)] = target(i);
                yh[std::size_t(i)] = value(NodeRef{NodeKind::post, net_.layers() - 1, i, 0});
            }
            // wrong_target: term i pairs y_k (variant 2(i·n + k)) or ŷ_k (variant 2(i·n + k) + 1).
            std::vector<double> ty = y, tyh = yh;
            if (m.kind == SlipKind::wrong_target) {
                const int i = m.variant / 2 / n_out, k = m.variant / 2 % n_out;
                if (m.variant % 2 == 0)
                    ty[std::size_t(i)] = y[std::size_t(k)];
                else
                    tyh[std::size_t(i)] = yh[std::size_t(k)];
            }
            for (int i = 0; i < n_out; ++i) {
                const double yy = ty[std::size_t(i)], p = tyh[std::size_t(i)];
                switch (net_.loss) {
                case Loss::sse:
                case Loss::half_sse:
                case Loss::mse: v += (yy - p) * (yy - p); break;
                case Loss::cross_entropy:
                    if (net_.act.back() == Activation::softmax)
                        v -= yy == 0.0 ? 0.0 : yy * std::log(p);
                    else
                        v -= (yy == 0.0 ? 0.0 : yy * std::log(p)) + (yy == 1.0 ? 0.0 : (1.0 - yy) * std::log(1.0 - p));
                    break;
                }
            }
            if (net_.loss == Loss::half_sse) v *= 0.5;
            if (net_.loss == Loss::mse) v /= double(n_out);
            break;
        }
        default: v = node_value(net_, t_, n); break;
        }
        return mutate_scale(v, m);
    }

    // sign and factor: the same number, negated or scaled.
    double mutate_scale(double v, const Mutation& m) const
    {
        if (m.kind == SlipKind::sign) return -v;
        if (m.kind == SlipKind::factor) return v * factor(m.variant);
        return v;
    }
    double factor(int variant) const
    {
        const double n = double(net_.outputs());
        switch (variant) {
        case 0: return 0.5;
        case 1: return 2.0;
        case 2: return n;
        default: return 1.0 / n;
        }
    }

    // ∂L/∂ŷ_i. Mutations: sign, factor, wrong_target (variant = the target used; -1 = y reversed),
    // index_swap (variant = the output used).
    double dl_dyhat(int i, const Mutation& m)
    {
        const int n = net_.outputs();
        int ti = i, pi = i;
        if (m.kind == SlipKind::wrong_target) ti = m.variant >= 0 ? m.variant : n - 1 - i;
        if (m.kind == SlipKind::index_swap) pi = m.variant;
        const double y = target(ti), p = value(NodeRef{NodeKind::post, net_.layers() - 1, pi, 0});
        double d = 0.0;
        switch (net_.loss) {
        case Loss::sse: d = -2.0 * (y - p); break;
        case Loss::half_sse: d = -(y - p); break;
        case Loss::mse: d = -2.0 * (y - p) / double(n); break;
        case Loss::cross_entropy:
            d = net_.act.back() == Activation::softmax ? (y == 0.0 ? 0.0 : -y / p)
                                                       : (1.0 - y) / (1.0 - p) - (y == 0.0 ? 0.0 : y / p);
            break;
        }
        return mutate_scale(d, m);
    }

    // The local derivative ∂num/∂den along one hop, from the student's values.
    double local_formula(const NodeRef& num, const NodeRef& den, const Mutation& m)
    {
        if (num.kind == NodeKind::loss) return dl_dyhat(den.j, m);
        double v = 0.0;
        if (num.kind == NodeKind::post) {
            const Activation f = net_.act[std::size_t(num.layer)];
            const int l = num.layer, i = num.j;
            const int k = m.kind == SlipKind::index_swap ? m.variant : den.j;
            if (f == Activation::softmax) {
                const double yi = value(NodeRef{NodeKind::post, l, i, 0}), yk = value(NodeRef{NodeKind::post, l, k, 0});
                v = i == k ? yi * (1.0 - yi) : -yi * yk;
                if (m.kind == SlipKind::softmax_diagonal) {
                    if (m.variant == 0 && i != k) v = yi * (1.0 - yi);
                    if (m.variant == 1 && i != k) v = yk * (1.0 - yk);
                    if (m.variant == 2 && i == k) v = -yi * yi;
                }
                if (m.kind == SlipKind::activation_not_derivative && i == k) v = yi;
            } else if (i == den.j) {
                const NodeRef h{NodeKind::post, l, k, 0}, a{NodeKind::pre, l, k, 0};
                if (m.kind == SlipKind::activation_not_derivative) {
                    v = value(h);
                } else {
                    switch (f) {
                    case Activation::sigmoid: {
                        const double s = value(h);
                        v = s * (1.0 - s);
                        break;
                    }
                    case Activation::tanh: {
                        const double s = value(h);
                        v = 1.0 - s * s;
                        break;
                    }
                    case Activation::relu: v = value(a) > 0.0 ? 1.0 : 0.0; break;
                    case Activation::leaky_relu: v = value(a) > 0.0 ? 1.0 : kLeakyReluSlope; break;
                    default: v = 1.0; break;
                    }
                }
            }
        } else if (num.kind == NodeKind::pre) {
            const int l = num.layer;
            if (den.kind == NodeKind::weight) {
                const int k = m.kind == SlipKind::index_swap ? m.variant : den.k;
                const double in = value(input_node(l, k));
                v = in;
                if (m.kind == SlipKind::weight_not_input) {
                    const double w = value(den);
                    v = m.variant == 0 ? w : w * in;
                }
            } else if (den.kind == NodeKind::bias) {
                v = 1.0;
            } else { // ∂a_lj/∂h_{l-1,k} = w_ljk; index_swap variant: w_lkj (0) or the next column (1+)
                NodeRef w{NodeKind::weight, l, num.j, den.j};
                if (m.kind == SlipKind::index_swap) {
                    if (m.variant < net_.sizes[std::size_t(l)])
                        w.k = m.variant;
                    else
                        w = NodeRef{NodeKind::weight, l, den.j, num.j}; // read as w_kj
                }
                v = value(w);
            }
        }
        return mutate_scale(v, m);
    }

    double local(const NodeRef& num, const NodeRef& den, const Mutation& m)
    {
        if (auto v = lookup({QuantityKind::derivative, num, den})) return *v;
        return local_formula(num, den, m);
    }

    std::vector<NodeRef> children(const NodeRef& x) const
    {
        std::vector<NodeRef> c;
        const int L = net_.layers();
        switch (x.kind) {
        case NodeKind::weight:
        case NodeKind::bias: c.push_back({NodeKind::pre, x.layer, x.j, 0}); break;
        case NodeKind::input:
            for (int o = 0; o < net_.width(0); ++o) c.push_back({NodeKind::pre, 0, o, 0});
            break;
        case NodeKind::pre:
            for (int i = 0; i < net_.width(x.layer); ++i)
                if (i == x.j || net_.act[std::size_t(x.layer)] == Activation::softmax)
                    c.push_back({NodeKind::post, x.layer, i, 0});
            break;
        case NodeKind::post:
            if (x.layer == L - 1)
                c.push_back(loss_ref(net_));
            else
                for (int o = 0; o < net_.width(x.layer + 1); ++o) c.push_back({NodeKind::pre, x.layer + 1, o, 0});
            break;
        case NodeKind::loss: break;
        }
        return c;
    }

    // ∂L/∂x through every path, each hop from the student's lines where they give it. The
    // mutation is applied to every hop it concerns that no line gives (a mistake made throughout).
    double grad(const NodeRef& x, const Mutation& m)
    {
        std::map<NodeKey, double> memo;
        return grad(x, m, memo);
    }

    double path_product(const Path& p)
    {
        double v = 1.0;
        for (std::size_t i = 0; i + 1 < p.nodes.size(); ++i) v *= local(p.nodes[i + 1], p.nodes[i], {});
        return v;
    }

private:
    double grad(const NodeRef& x, const Mutation& m, std::map<NodeKey, double>& memo)
    {
        if (x.kind == NodeKind::loss) return 1.0;
        if (auto v = lookup({QuantityKind::derivative, loss_ref(net_), x})) return *v;
        auto it = memo.find(node_key(x));
        if (it != memo.end()) return it->second;
        double g = 0.0;
        for (const NodeRef& c : children(x)) {
            const Mutation hop = m.kind == SlipKind::sign || m.kind == SlipKind::factor ? Mutation{} : m;
            g += grad(c, m, memo) * local(c, x, hop);
        }
        memo[node_key(x)] = g;
        return g;
    }

    const Network& net_;
    const Trace& t_;
    const std::map<std::string, double>& env_;
    bool student_ = false;
    std::string exclude_;
    std::set<std::string> used_;
    std::map<NodeKey, double> value_memo_;
};

double true_value(const Network& net, const Trace& t, const Quantity& q)
{
    switch (q.kind) {
    case QuantityKind::value: return node_value(net, t, q.num);
    case QuantityKind::target: return t.y[std::size_t(q.num.j)];
    case QuantityKind::derivative: break;
    }
    const NodeRef &num = q.num, &den = q.den;
    if (num.kind == NodeKind::loss) return node_gradient(t, den);
    if (num.kind == NodeKind::post) return t.J[std::size_t(num.layer)].at(num.j, den.j);
    if (den.kind == NodeKind::weight) return t.input_to(num.layer)[std::size_t(den.k)];
    if (den.kind == NodeKind::bias) return 1.0;
    return net.W[std::size_t(num.layer)](num.j, den.j);
}

// The quantity's nodes on the canvas: the node, or the hop's two ends (start first).
std::vector<NodeRef> focus_of(const Network& net, const Quantity& q)
{
    if (q.kind == QuantityKind::derivative) return {q.den, q.num};
    if (q.kind == QuantityKind::target) return {loss_ref(net)};
    return {q.num};
}

// -----------------------------------------------------------------------------------------------
// [SECTION] Mistakes, applied
// -----------------------------------------------------------------------------------------------

struct Candidate {
    SlipKind kind = SlipKind::none;
    double value = 0.0;
    std::string why;          // the sentence, without the numbers shared by all
    std::vector<NodeRef> hop; // where it happened, when not the line's own quantity
};

// The line's formula with mistake `m`, in the current mode.
double formula(Formulas& f, const Quantity& q, const Mutation& m)
{
    switch (q.kind) {
    case QuantityKind::value: return f.value_formula(q.num, m);
    case QuantityKind::target: return f.target(q.num.j);
    case QuantityKind::derivative: break;
    }
    if (q.num.kind != NodeKind::loss) return f.local_formula(q.num, q.den, m);
    if (q.den.kind == NodeKind::post && f.children(q.den).front().kind == NodeKind::loss) // ∂L/∂ŷ_i: one hop
        return f.dl_dyhat(q.den.j, m);
    const double g = f.grad(q.den, m);
    return f.mutate_scale(g, m);
}

std::vector<Candidate> candidates(const Network& net, const Trace& t, Formulas& f, const Quantity& q)
{
    std::vector<Candidate> out;
    auto add = [&](SlipKind k, const Mutation& m, std::string why, std::vector<NodeRef> hop = {}) {
        out.push_back({k, formula(f, q, m), std::move(why), std::move(hop)});
    };
    const int n_out = net.outputs();
    const std::string name = quantity_name(net, q);
    auto nm = [&](const NodeRef& n) { return node_name(net, n); };
    const bool output_hop = q.kind == QuantityKind::derivative && q.num.kind == NodeKind::loss &&
                            q.den.kind == NodeKind::post && q.den.layer == net.layers() - 1;
    const bool gradient = q.is_gradient() && !output_hop;

    // sign and factor: every quantity but the givens.
    if (q.kind != QuantityKind::target &&
        !(q.kind == QuantityKind::value && (q.num.is_param() || q.num.kind == NodeKind::input))) {
        add(SlipKind::sign, {SlipKind::sign, 0}, "the sign is flipped: check y − ŷ against ŷ − y, or a lost minus");
        if ((q.kind == QuantityKind::value && q.num.kind == NodeKind::loss) || output_hop || gradient) {
            add(SlipKind::factor, {SlipKind::factor, 0},
                "this is half the value: the 2 that comes down from the square is missing");
            add(SlipKind::factor, {SlipKind::factor, 1},
                "this is twice the value: a factor 2 (or a ½ the loss does not have) went wrong");
            if (n_out > 2) {
                add(SlipKind::factor, {SlipKind::factor, 2},
                    "this is " + std::to_string(n_out) + " times the value: the mean's 1/n is missing");
                add(SlipKind::factor, {SlipKind::factor, 3},
                    "this is the value over " + std::to_string(n_out) + ": a 1/n the loss does not have");
            }
        }
    }
    if (q.kind == QuantityKind::value && q.num.kind == NodeKind::loss) {
        // Last term first: with two outputs and targets that each sum to 1, (y_1 − ŷ_2)² = (y_2 − ŷ_1)²
        // and the term cannot be told apart; a slip in an expansion is most often in its later terms.
        for (int i = n_out - 1; i >= 0; --i)
            for (int k = 0; k < n_out; ++k) {
                if (k == i) continue;
                const std::string yi = "y_" + std::to_string(i + 1), yk = "y_" + std::to_string(k + 1);
                const NodeRef oi{NodeKind::post, net.layers() - 1, i, 0}, ok{NodeKind::post, net.layers() - 1, k, 0};
                add(SlipKind::wrong_target, {SlipKind::wrong_target, 2 * (i * n_out + k) + 1},
                    "term " + std::to_string(i + 1) + " pairs " + yi + " with " + nm(ok) + "; it is (" + yi + " − " +
                        nm(oi) + ")",
                    {oi});
                add(SlipKind::wrong_target, {SlipKind::wrong_target, 2 * (i * n_out + k)},
                    "term " + std::to_string(i + 1) + " pairs " + yk + " with " + nm(oi) + "; it is (" + yi + " − " +
                        nm(oi) + ")",
                    {oi});
            }
    }
    if (output_hop) {
        const int i = q.den.j;
        for (int k = 0; k < n_out; ++k) {
            if (k == i) continue;
            add(SlipKind::wrong_target, {SlipKind::wrong_target, k},
                "it uses the target y_" + std::to_string(k + 1) + " where " + name + " needs y_" +
                    std::to_string(i + 1));
            add(SlipKind::index_swap, {SlipKind::index_swap, k},
                "it uses " + nm(NodeRef{NodeKind::post, q.den.layer, k, 0}) + " where " + name + " needs " + nm(q.den));
        }
    }
    if (q.kind == QuantityKind::value && (q.num.kind == NodeKind::pre || q.num.kind == NodeKind::post)) {
        for (int j = 0; j < net.width(q.num.layer); ++j)
            if (j != q.num.j) {
                NodeRef other = q.num;
                other.j = j;
                add(SlipKind::index_swap, {SlipKind::index_swap, j},
                    "that is " + nm(other) + "'s value, another neuron's", {other});
            }
    }
    if (q.kind == QuantityKind::derivative && q.num.kind == NodeKind::post) {
        const Activation act = net.act[std::size_t(q.num.layer)];
        const NodeRef a{NodeKind::pre, q.num.layer, q.den.j, 0};
        if (act == Activation::softmax) {
            if (q.num.j == q.den.j) {
                add(SlipKind::softmax_diagonal, {SlipKind::softmax_diagonal, 2},
                    "−ŷ_iŷ_k is the cross term; on the diagonal ∂ŷ_i/∂a_i = ŷ_i(1 − ŷ_i)");
                add(SlipKind::activation_not_derivative, {SlipKind::activation_not_derivative, 0},
                    "that is " + nm(q.num) + " itself, not its derivative ŷ_i(1 − ŷ_i)");
            } else {
                add(SlipKind::softmax_diagonal, {SlipKind::softmax_diagonal, 0},
                    "ŷ_i(1 − ŷ_i) is the diagonal term; for i ≠ k ∂ŷ_i/∂a_k = −ŷ_iŷ_k");
                add(SlipKind::softmax_diagonal, {SlipKind::softmax_diagonal, 1},
                    "ŷ_k(1 − ŷ_k) is a diagonal term; for i ≠ k ∂ŷ_i/∂a_k = −ŷ_iŷ_k");
            }
        } else if (act == Activation::sigmoid || act == Activation::tanh) {
            const std::string fn = act == Activation::sigmoid ? "σ" : "tanh";
            add(SlipKind::activation_not_derivative, {SlipKind::activation_not_derivative, 0},
                "that is " + fn + "(" + nm(a) + ") itself; its derivative is " +
                    (act == Activation::sigmoid ? "σ(a)(1 − σ(a))" : std::string("1 − tanh²(a)")));
        }
        for (int j = 0; j < net.width(q.num.layer); ++j)
            if (j != q.den.j && act != Activation::softmax) {
                NodeRef other = a;
                other.j = j;
                add(SlipKind::index_swap, {SlipKind::index_swap, j},
                    "that is the derivative at " + nm(other) + ", another neuron", {other});
            }
    }
    if (q.kind == QuantityKind::derivative && q.num.kind == NodeKind::pre && q.den.kind == NodeKind::weight) {
        const NodeRef in = f.input_node(q.num.layer, q.den.k);
        add(SlipKind::weight_not_input, {SlipKind::weight_not_input, 0},
            "that is the weight " + nm(q.den) + "; ∂a/∂w is the input it multiplies, " + nm(in));
        add(SlipKind::weight_not_input, {SlipKind::weight_not_input, 1},
            "that is " + nm(q.den) + "·" + nm(in) + ", the term's value; ∂a/∂w is the input alone, " + nm(in));
        for (int k = 0; k < net.sizes[std::size_t(q.num.layer)]; ++k)
            if (k != q.den.k)
                add(SlipKind::index_swap, {SlipKind::index_swap, k},
                    "that is " + nm(f.input_node(q.num.layer, k)) + ", another neuron's input; " + nm(q.den) +
                        " multiplies " + nm(in),
                    {f.input_node(q.num.layer, k)});
    }
    if (q.kind == QuantityKind::derivative && q.num.kind == NodeKind::pre && q.den.kind != NodeKind::weight &&
        q.den.kind != NodeKind::bias) {
        const int cols = net.sizes[std::size_t(q.num.layer)];
        for (int k = 0; k < cols; ++k)
            if (k != q.den.j)
                add(SlipKind::index_swap, {SlipKind::index_swap, k},
                    "that is " + nm(NodeRef{NodeKind::weight, q.num.layer, q.num.j, k}) + "; the hop's weight is " +
                        nm(NodeRef{NodeKind::weight, q.num.layer, q.num.j, q.den.j}));
        if (q.den.j < net.width(q.num.layer) && q.num.j < cols && q.num.j != q.den.j)
            add(SlipKind::index_swap, {SlipKind::index_swap, cols},
                "that is " + nm(NodeRef{NodeKind::weight, q.num.layer, q.den.j, q.num.j}) +
                    ", w_jk read as w_kj; the hop's weight is " +
                    nm(NodeRef{NodeKind::weight, q.num.layer, q.num.j, q.den.j}));
    }
    if (gradient) {
        // Mistakes made along the whole chain.
        bool squashing = false;
        for (Activation a : net.act) squashing |= a == Activation::sigmoid || a == Activation::tanh;
        if (squashing)
            add(SlipKind::activation_not_derivative, {SlipKind::activation_not_derivative, 0},
                "it follows from using σ(a) (or tanh(a)) where the chain needs the derivative σ′(a) = σ(a)(1 − σ(a))");
        if (q.den.kind == NodeKind::weight) {
            const NodeRef a{NodeKind::pre, q.den.layer, q.den.j, 0};
            add(SlipKind::weight_not_input, {SlipKind::weight_not_input, 0},
                "it follows from ∂" + nm(a) + "/∂" + nm(q.den) + " = " + nm(q.den) + "; that hop is the input " +
                    nm(f.input_node(q.den.layer, q.den.k)),
                {q.den, a});
            add(SlipKind::weight_not_input, {SlipKind::weight_not_input, 1},
                "it follows from ∂" + nm(a) + "/∂" + nm(q.den) + " = " + nm(q.den) + "·" +
                    nm(f.input_node(q.den.layer, q.den.k)) + "; that hop is the input alone",
                {q.den, a});
        }
        if (net.act.back() == Activation::softmax)
            for (int v = 0; v < 3; ++v)
                add(SlipKind::softmax_diagonal, {SlipKind::softmax_diagonal, v},
                    v == 2 ? "it follows from −ŷ_i² on the softmax's diagonal, where ∂ŷ_i/∂a_i = ŷ_i(1 − ŷ_i)"
                           : "it follows from ŷ(1 − ŷ) for the softmax's cross terms, where ∂ŷ_i/∂a_k = −ŷ_iŷ_k");
        if (n_out >= 2)
            add(SlipKind::wrong_target, {SlipKind::wrong_target, -1},
                "it follows from the targets paired with the wrong outputs (y reversed)");
        (void)t;
    }
    return out;
}

// -----------------------------------------------------------------------------------------------
// [SECTION] Evaluating the lines
// -----------------------------------------------------------------------------------------------

struct Evaluated {
    const WorkingLine* w = nullptr;
    int state = 0; // 0 not yet, 1 in progress, 2 done
    bool ok = false;
    double value = 0.0;
    std::string error;
    int column = 0;
};

class Evaluator {
public:
    Evaluator(const Network& net, const Trace& t, std::vector<Evaluated>& lines) : net_(net), t_(t), lines_(lines)
    {
        for (std::size_t i = 0; i < lines_.size(); ++i)
            if (lines_[i].w->ok) by_key_.emplace(quantity_name(net_, lines_[i].w->q, NameStyle::ascii), i);
    }

    void run(std::size_t i)
    {
        Evaluated& e = lines_[i];
        if (e.state == 2) return;
        const WorkingLine& w = *e.w;
        e.state = 1;
        auto fail = [&](std::string why, int column) {
            e.ok = false;
            e.error = std::move(why);
            e.column = column;
            e.state = 2;
        };
        if (!w.ok) return fail(w.error, w.column);
        const std::string own = quantity_name(net_, w.q, NameStyle::ascii);
        if (auto it = by_key_.find(own); it != by_key_.end() && it->second != i)
            return fail(quantity_name(net_, w.q) + " is already given on line " +
                            std::to_string(lines_[it->second].w->line) + ": give each quantity once",
                        1);
        std::vector<std::pair<std::string, double>> vars;
        for (std::size_t r = 0; r < w.refs.size(); ++r) {
            const Quantity& q = w.refs[r];
            const std::string key = quantity_name(net_, q, NameStyle::ascii), name = quantity_name(net_, q);
            const int column = column_of(w, "q" + std::to_string(r));
            auto it = by_key_.find(key);
            if (it == by_key_.end()) {
                const bool given =
                    q.kind == QuantityKind::target ||
                    (q.kind == QuantityKind::value && (q.num.is_param() || q.num.kind == NodeKind::input));
                if (!given)
                    return fail("it uses " + name + ", which no line gives: add a line \"" + name +
                                    " = …\" or write its number",
                                column);
                vars.emplace_back("q" + std::to_string(r), true_value(net_, t_, q));
                continue;
            }
            Evaluated& dep = lines_[it->second];
            if (it->second == i || dep.state == 1)
                return fail("a cycle: " + name + " (line " + std::to_string(dep.w->line) +
                                ") is worked out from this line's " + quantity_name(net_, w.q) +
                                ", directly or through other lines",
                            column);
            run(it->second);
            if (!dep.ok)
                return fail("it uses " + name + " from line " + std::to_string(dep.w->line) +
                                (starts_with_cycle(dep.error) ? ", which is part of a cycle"
                                                              : ", which could not be worked out"),
                            column);
            vars.emplace_back("q" + std::to_string(r), dep.value);
        }
        ExprError err;
        double v = 0.0;
        if (!expr_evaluate(w.expr, vars, v, err)) {
            const std::size_t at =
                std::min<std::size_t>(std::size_t(std::max(err.column, 0)), w.expr_columns.size() - 1);
            return fail("cannot read the right side: " + err.message, w.expr_columns.empty() ? 1 : w.expr_columns[at]);
        }
        e.ok = true;
        e.value = v;
        e.state = 2;
    }

private:
    static bool starts_with_cycle(const std::string& e)
    {
        return e.rfind("a cycle", 0) == 0 || e.find("part of a cycle") != std::string::npos;
    }

    static int column_of(const WorkingLine& w, const std::string& var)
    {
        for (std::size_t p = w.expr.find(var); p != std::string::npos; p = w.expr.find(var, p + 1)) {
            const std::size_t end = p + var.size();
            if ((end == w.expr.size() || !std::isdigit(static_cast<unsigned char>(w.expr[end]))) &&
                p < w.expr_columns.size())
                return w.expr_columns[p];
        }
        return 1;
    }

    const Network& net_;
    const Trace& t_;
    std::vector<Evaluated>& lines_;
    std::map<std::string, std::size_t> by_key_; // the first line giving each quantity
};

} // namespace

// -----------------------------------------------------------------------------------------------
// [SECTION] Verdicts
// -----------------------------------------------------------------------------------------------

namespace {

std::string percent(double rel)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.2g%%", rel * 100.0);
    return buf;
}

class Judge {
public:
    Judge(const Network& net, const Trace& t, const std::vector<Evaluated>& lines, double rel_tol)
        : net_(net), t_(t), lines_(lines), rel_(rel_tol), f_(net, t, env_)
    {
        for (const Evaluated& e : lines_)
            if (e.ok) {
                const std::string k = quantity_name(net_, e.w->q, NameStyle::ascii);
                env_.emplace(k, e.value);
                line_of_.emplace(k, e.w->line);
            }
        for (const Evaluated& e : lines_)
            if (e.ok && strict(e.value, true_value(net_, t_, e.w->q))) right_.insert(e.w->line);
    }

    bool strict(double v, double c) const { return std::abs(v - c) <= rel_ * std::abs(c) + 1e-12; }
    // Student's numbers are rounded: a plain number matches to its last written digit too (at most 1%).
    bool loose(const WorkingLine& w, double v, double c) const
    {
        double tol = rel_ * std::abs(c);
        if (w.literal) tol = std::max(tol, std::min(0.5 * w.literal_unit, 0.01 * std::abs(c)));
        return std::abs(v - c) <= tol * (1.0 + 1e-9) + 1e-12;
    }

    // The student's wrong lines that the last student-mode formula read.
    std::vector<int> wrong_used() const
    {
        std::vector<int> out;
        for (const std::string& k : f_.used()) {
            const int line = line_of_.at(k);
            if (!right_.count(line)) out.push_back(line);
        }
        std::sort(out.begin(), out.end());
        return out;
    }

    std::string given(const std::vector<int>& from) const
    {
        std::string s;
        for (std::size_t i = 0; i < from.size(); ++i) {
            const Evaluated* e = nullptr;
            for (const Evaluated& x : lines_)
                if (x.w->line == from[i]) e = &x;
            s += (i ? i + 1 == from.size() ? " and " : ", " : "") + quantity_name(net_, e->w->q) + " (line " +
                 std::to_string(from[i]) + ")";
        }
        return s;
    }

    LineVerdict judge(const Evaluated& e)
    {
        const WorkingLine& w = *e.w;
        LineVerdict r;
        r.line = w.line;
        r.name = quantity_name(net_, w.q);
        r.quantity = w.q;
        r.value = e.value;
        r.has_value = true;
        const double t = true_value(net_, t_, w.q);
        r.expected = t;
        r.hop = focus_of(net_, w.q);
        const std::string tol = "relative tolerance " + format_number(rel_, 3);
        const double rel_err = t != 0.0 ? std::abs(e.value - t) / std::abs(t) : std::abs(e.value);
        if (strict(e.value, t)) {
            r.verdict = Verdict::right;
            r.why = "matches the network's " + num(t) + " (" + tol + ")";
            return r;
        }
        r.verdict = Verdict::slip;
        if (w.literal && std::abs(e.value - t) <= 0.5 * w.literal_unit * (1.0 + 1e-9)) {
            r.slip = SlipKind::rounding;
            r.why = "the network's " + num(t) + " rounded to the digits written, but off by " + percent(rel_err) +
                    ", more than the " + tol + ": keep more digits";
            return r;
        }
        const std::string key = quantity_name(net_, w.q, NameStyle::ascii);
        f_.set_mode(true, key);
        const double ft = formula(f_, w.q, {});
        const std::vector<int> from = wrong_used();
        if (!from.empty() && loose(w, e.value, ft) && !strict(ft, t)) {
            r.verdict = Verdict::follows_through;
            r.follows_from = from;
            r.why = "right given " + given(from) + ": the slip is charged there; the network's value is " + num(t);
            return r;
        }
        // Each mistake applied (the first that fits names it), first to the student's own values, then to the network's.
        for (bool student : {true, false}) {
            f_.set_mode(student, key);
            if (w.q.is_gradient() && match_paths(w, e.value, t, r)) {
                if (student) r.follows_from = wrong_used();
                return r;
            }
            f_.set_mode(student, key);
            for (Candidate& c : candidates(net_, t_, f_, w.q)) {
                if (strict(c.value, t) || strict(c.value, ft) || !loose(w, e.value, c.value)) continue;
                r.slip = c.kind;
                r.why = c.why + "; the network's value is " + num(t);
                if (!c.hop.empty()) r.hop = c.hop;
                if (student) r.follows_from = wrong_used();
                return r;
            }
        }
        r.slip = SlipKind::arithmetic;
        r.why = "no known mistake gives " + num(e.value) + "; the network's value is " + num(t) + " (off by " +
                percent(rel_err) + ", " + tol + ")";
        if (!from.empty()) r.why += "; given " + given(from) + " it would be " + num(ft);
        return r;
    }

private:
    // A gradient summed over some of its paths (missing_paths) or with one counted twice (extra_paths).
    bool match_paths(const WorkingLine& w, double v, double t, LineVerdict& r)
    {
        const NodeRef x = w.q.den;
        const double count = count_paths(net_, x);
        if (count < 2 || count > 16) return false;
        PathSet ps = enumerate_paths(net_, t_, x, 16);
        sort_by_route(ps.paths);
        const std::size_t n = ps.paths.size();
        std::vector<double> prod(n);
        double full = 0.0;
        for (std::size_t i = 0; i < n; ++i) full += prod[i] = f_.path_product(ps.paths[i]);
        const std::string from_to = " chain-rule paths from " + node_name(net_, x) + " to L";
        int best = -1, best_size = -1;
        for (unsigned mask = 1; mask + 1 < (1u << n); ++mask) {
            double s = 0.0;
            int size = 0;
            for (std::size_t i = 0; i < n; ++i)
                if (mask >> i & 1u) s += prod[i], ++size;
            if (strict(s, t) || !loose(w, v, s)) continue;
            if (size > best_size) best = int(mask), best_size = size;
        }
        if (best >= 0) {
            r.slip = SlipKind::missing_paths;
            std::string missing;
            bool first = true;
            for (std::size_t i = 0; i < n; ++i)
                if (!(unsigned(best) >> i & 1u)) {
                    missing += (first ? "" : ", ") + path_route(net_, ps.paths[i]);
                    if (first) r.hop = ps.paths[i].nodes;
                    first = false;
                }
            r.why =
                "sums " + std::to_string(best_size) + " of the " + std::to_string(n) + from_to + "; missing " + missing;
            if (loose(w, v, 0.5 * full)) r.why += "; this is exactly half of the full sum";
            r.why += "; the network's value is " + num(t);
            return true;
        }
        for (std::size_t i = 0; i < n; ++i) {
            if (!loose(w, v, full + prod[i]) || strict(full + prod[i], t)) continue;
            r.slip = SlipKind::extra_paths;
            r.hop = ps.paths[i].nodes;
            r.why = "counts " + path_route(net_, ps.paths[i]) + " twice among the " + std::to_string(n) + from_to +
                    "; the network's value is " + num(t);
            return true;
        }
        return false;
    }

    const Network& net_;
    const Trace& t_;
    const std::vector<Evaluated>& lines_;
    double rel_;
    std::map<std::string, double> env_;
    std::map<std::string, int> line_of_;
    std::set<int> right_;
    Formulas f_;
};

} // namespace

WorkingReport check_working(const Network& net, const Sample& sample, std::string_view text,
                            const TutorOptions& options)
{
    WorkingReport report;
    report.tolerance = options.rel_tol;
    const Trace t = forward_backward(net, sample);
    const std::vector<WorkingLine> parsed = parse_working(net, text);
    std::vector<Evaluated> lines(parsed.size());
    for (std::size_t i = 0; i < parsed.size(); ++i) lines[i].w = &parsed[i];
    Evaluator ev(net, t, lines);
    for (std::size_t i = 0; i < lines.size(); ++i) ev.run(i);
    Judge judge(net, t, lines, options.rel_tol);
    WorkingSummary& s = report.summary;
    std::string slips, errors;
    for (const Evaluated& e : lines) {
        LineVerdict r;
        if (e.ok) {
            r = judge.judge(e);
        } else {
            r.line = e.w->line;
            if (e.w->ok) r.name = quantity_name(net, e.w->q), r.quantity = e.w->q;
            r.verdict = Verdict::error;
            r.why = e.error;
            r.column = e.column;
        }
        ++s.lines;
        switch (r.verdict) {
        case Verdict::right: ++s.right; break;
        case Verdict::follows_through: ++s.follows_through; break;
        case Verdict::slip:
            ++s.slips;
            slips +=
                (slips.empty() ? "" : ", ") + std::string(to_string(r.slip)) + " at line " + std::to_string(r.line);
            break;
        case Verdict::error:
            ++s.errors;
            errors += (errors.empty() ? "" : ", ") + std::to_string(r.line);
            break;
        }
        report.lines.push_back(std::move(r));
    }
    s.text = std::to_string(s.right) + " of " + std::to_string(s.lines) + " lines right";
    if (s.follows_through) s.text += ", " + std::to_string(s.follows_through) + " follow through";
    if (s.slips) s.text += "; " + std::to_string(s.slips) + (s.slips == 1 ? " slip: " : " slips: ") + slips;
    if (s.errors)
        s.text += "; " + std::to_string(s.errors) + (s.errors == 1 ? " line" : " lines") + " not read (line" +
                  (s.errors == 1 ? " " : "s ") + errors + ")";
    return report;
}

// -----------------------------------------------------------------------------------------------
// [SECTION] JSON and text
// -----------------------------------------------------------------------------------------------

std::string working_json(const Network& net, const WorkingReport& r, int indent)
{
    using json::Value; // objects keep insertion order: the keys in the order, line, name, value, …
    Value lines = Value::array();
    for (const LineVerdict& l : r.lines) {
        Value j = Value::object();
        // A key that does not apply is left out rather than written null (the CLI never prints null).
        j["line"] = l.line;
        if (!l.name.empty()) j["name"] = l.name;
        if (l.has_value) {
            j["value"] = l.value;
            j["expected"] = l.expected;
        }
        j["verdict"] = std::string(to_string(l.verdict));
        if (l.slip != SlipKind::none) j["slip"] = std::string(to_string(l.slip));
        j["why"] = l.why;
        if (!l.follows_from.empty()) j["follows_from"] = l.follows_from;
        if (l.verdict == Verdict::error) j["column"] = l.column;
        Value hop = Value::array();
        for (const NodeRef& n : l.hop) hop.push_back(node_name(net, n));
        j["hop"] = hop;
        lines.push_back(std::move(j));
    }
    const WorkingSummary& s = r.summary;
    Value out = Value::object();
    out["tolerance"] = r.tolerance;
    out["lines"] = std::move(lines);
    out["summary"] = Value::object({{"lines", s.lines},
                                    {"right", s.right},
                                    {"follows_through", s.follows_through},
                                    {"slips", s.slips},
                                    {"errors", s.errors},
                                    {"text", s.text}});
    // A line quoted in a message may hold bytes that are not UTF-8: shown as U+FFFD, never a throw.
    return out.dump(indent, true);
}

std::string format_working(const WorkingReport& r)
{
    std::string out;
    for (const LineVerdict& l : r.lines) {
        std::string mark;
        switch (l.verdict) {
        case Verdict::right: mark = "right"; break;
        case Verdict::follows_through: mark = "follows through"; break;
        case Verdict::slip: mark = "slip: " + std::string(to_string(l.slip)); break;
        case Verdict::error: mark = "error at column " + std::to_string(l.column); break;
        }
        out += "line " + std::to_string(l.line) + "  " + mark + "  " + l.name;
        if (l.has_value) out += " = " + num(l.value);
        out += "\n    " + l.why + "\n";
    }
    out += r.summary.text + "\n";
    return out;
}

} // namespace gf::tutor
