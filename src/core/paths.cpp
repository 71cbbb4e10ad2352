// [SECTION] The graph: successors of a node with their local derivatives
// [SECTION] Counting
// [SECTION] Best-first enumeration
// [SECTION] Factored chain
#include "core/paths.hpp"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <cstdlib>
#include <queue>

namespace gf {

// -----------------------------------------------------------------------------------------------
// [SECTION] The graph: successors of a node with their local derivatives
// -----------------------------------------------------------------------------------------------

namespace {

struct Edge {
    NodeRef to;
    double local;
};

// Calls f(Edge) for each hop out of `n` toward the loss.
template <class F>
void for_each_successor(const Network& net, const Trace& t, const NodeRef& n, F&& f)
{
    const int L = net.layers();
    switch (n.kind) {
    case NodeKind::weight:
        f(Edge{NodeRef{NodeKind::pre, n.layer, n.j, 0}, t.input_to(n.layer)[std::size_t(n.k)]});
        break;
    case NodeKind::bias: f(Edge{NodeRef{NodeKind::pre, n.layer, n.j, 0}, 1.0}); break;
    case NodeKind::input:
        for (int o = 0; o < net.width(0); ++o) f(Edge{NodeRef{NodeKind::pre, 0, o, 0}, net.W[0](o, n.j)});
        break;
    case NodeKind::pre: {
        const Jacobian& J = t.J[std::size_t(n.layer)];
        if (J.diagonal) {
            f(Edge{NodeRef{NodeKind::post, n.layer, n.j, 0}, J.diag[std::size_t(n.j)]});
        } else {
            for (int i = 0; i < net.width(n.layer); ++i)
                f(Edge{NodeRef{NodeKind::post, n.layer, i, 0}, J.full(i, n.j)});
        }
        break;
    }
    case NodeKind::post:
        if (n.layer == L - 1) {
            f(Edge{loss_ref(net), t.dL_dyhat[std::size_t(n.j)]});
        } else {
            const Matrix& W = net.W[std::size_t(n.layer) + 1];
            for (int o = 0; o < W.rows; ++o) f(Edge{NodeRef{NodeKind::pre, n.layer + 1, o, 0}, W(o, n.j)});
        }
        break;
    case NodeKind::loss: break;
    }
}

// Structural version (no trace): which successors exist.
template <class F>
void for_each_successor_shape(const Network& net, const NodeRef& n, F&& f)
{
    const int L = net.layers();
    switch (n.kind) {
    case NodeKind::weight:
    case NodeKind::bias: f(NodeRef{NodeKind::pre, n.layer, n.j, 0}); break;
    case NodeKind::input:
        for (int o = 0; o < net.width(0); ++o) f(NodeRef{NodeKind::pre, 0, o, 0});
        break;
    case NodeKind::pre:
        if (net.act[std::size_t(n.layer)] != Activation::softmax)
            f(NodeRef{NodeKind::post, n.layer, n.j, 0});
        else
            for (int i = 0; i < net.width(n.layer); ++i) f(NodeRef{NodeKind::post, n.layer, i, 0});
        break;
    case NodeKind::post:
        if (n.layer == L - 1)
            f(loss_ref(net));
        else
            for (int o = 0; o < net.width(n.layer + 1); ++o) f(NodeRef{NodeKind::pre, n.layer + 1, o, 0});
        break;
    case NodeKind::loss: break;
    }
}

} // namespace

// -----------------------------------------------------------------------------------------------
// [SECTION] Counting
// -----------------------------------------------------------------------------------------------
// C_post[L-1][i] = 1;  C_pre[l][k] = Σ_{i reachable} C_post[l][i];  C_post[l][j] = Σ_o C_pre[l+1][o].

namespace {
struct Counts {
    std::vector<Vec> pre, post; // paths from a_lk / h_lj to L
};

Counts count_tables(const Network& net)
{
    const int L = net.layers();
    Counts c;
    c.pre.resize(std::size_t(L));
    c.post.resize(std::size_t(L));
    for (int l = L - 1; l >= 0; --l) {
        const std::size_t ul = std::size_t(l), n = std::size_t(net.width(l));
        double from_post = 1.0; // the output layer's h is ŷ: one hop to L
        if (l < L - 1) {
            from_post = 0.0;
            for (double v : c.pre[ul + 1]) from_post += v;
        }
        c.post[ul].assign(n, from_post);
        // Element-wise: a_lk reaches h_lk only; softmax: every h_li.
        c.pre[ul].assign(n, net.act[ul] == Activation::softmax ? from_post * double(n) : from_post);
    }
    return c;
}

double lookup(const Counts& c, const NodeRef& n)
{
    switch (n.kind) {
    case NodeKind::pre: return c.pre[std::size_t(n.layer)][std::size_t(n.j)];
    case NodeKind::post: return c.post[std::size_t(n.layer)][std::size_t(n.j)];
    default: return 1.0; // L itself
    }
}
} // namespace

double count_paths(const Network& net, const NodeRef& start)
{
    const Counts c = count_tables(net);
    if (!start.is_param() && start.kind != NodeKind::input) return lookup(c, start);
    double s = 0.0;
    for_each_successor_shape(net, start, [&](const NodeRef& n) { s += lookup(c, n); });
    return s;
}

// -----------------------------------------------------------------------------------------------
// [SECTION] Best-first enumeration
// -----------------------------------------------------------------------------------------------

namespace {

// bound(n) = the largest |product| of any continuation from n to L (exact, by dynamic programming).
struct Bounds {
    std::vector<Vec> pre, post;
};

Bounds make_bounds(const Network& net, const Trace& t)
{
    const int L = net.layers();
    Bounds b;
    b.pre.resize(std::size_t(L));
    b.post.resize(std::size_t(L));
    for (int l = L - 1; l >= 0; --l) {
        const std::size_t ul = std::size_t(l);
        const int n = net.width(l);
        b.pre[ul].assign(std::size_t(n), 0.0);
        b.post[ul].assign(std::size_t(n), 0.0);
        if (l == L - 1) {
            for (int i = 0; i < n; ++i) b.post[ul][std::size_t(i)] = std::abs(t.dL_dyhat[std::size_t(i)]);
            // From a_Lk the last two hops are taken together as out_grad(i, k).
            for (int k = 0; k < n; ++k)
                for (int i = 0; i < n; ++i)
                    if (t.J[ul].nonzero(i, k))
                        b.pre[ul][std::size_t(k)] = std::max(b.pre[ul][std::size_t(k)], std::abs(t.out_grad(i, k)));
            continue;
        }
        const Matrix& W = net.W[ul + 1];
        for (int o = 0; o < W.rows; ++o)
            for (int j = 0; j < n; ++j)
                b.post[ul][std::size_t(j)] =
                    std::max(b.post[ul][std::size_t(j)], std::abs(W(o, j)) * b.pre[ul + 1][std::size_t(o)]);
        for (int k = 0; k < n; ++k)
            for (int i = 0; i < n; ++i)
                if (t.J[ul].nonzero(i, k))
                    b.pre[ul][std::size_t(k)] =
                        std::max(b.pre[ul][std::size_t(k)], std::abs(t.J[ul].at(i, k)) * b.post[ul][std::size_t(i)]);
    }
    return b;
}

struct Partial {
    std::int64_t parent; // index into the arena, -1 for the start
    NodeRef node;
    double local;  // hop into `node`
    double prefix; // product of hops so far (out_grad for the last pair)
};

struct QueueItem {
    double key;        // |prefix| · bound(node): an upper bound on the finished |product|
    int depth;         // among equal keys the deepest first: a tie (e.g. every product 0,
                       // when an input is 0) then finishes paths depth-first instead of
                       // widening breadth-first through 32^k partial paths
    std::uint64_t seq; // earlier first among equals, so the order is deterministic
    std::int64_t index;
    bool operator<(const QueueItem& o) const
    {
        if (key != o.key) return key < o.key;
        if (depth != o.depth) return depth < o.depth;
        return seq > o.seq;
    }
};

double safe_key(double v) { return std::isnan(v) ? INFINITY : v; }

} // namespace

PathSet enumerate_paths(const Network& net, const Trace& t, const NodeRef& start, std::size_t limit,
                        std::size_t max_search_nodes)
{
    const int L = net.layers();
    PathSet ps;
    ps.start = start;
    ps.count = count_paths(net, start);
    ps.gradient = node_gradient(t, start);
    limit = std::min(limit, kMaxListedPaths);
    ps.requested = limit;
    ps.search_cap = max_search_nodes;
    if (limit == 0) return ps;
    if (start.kind == NodeKind::loss) {
        ps.paths.push_back(Path{{start}, {}, 1.0, 1});
        ps.listed_sum = 1.0;
        return ps;
    }

    const Bounds bounds = make_bounds(net, t);
    auto bound_of = [&](const NodeRef& n) -> double {
        switch (n.kind) {
        case NodeKind::pre: return bounds.pre[std::size_t(n.layer)][std::size_t(n.j)];
        case NodeKind::post: return bounds.post[std::size_t(n.layer)][std::size_t(n.j)];
        case NodeKind::loss: return 1.0;
        default: return INFINITY; // a start node: expanded at once
        }
    };

    std::vector<Partial> arena;
    std::vector<int> depth_of; // parallel to arena
    std::priority_queue<QueueItem> queue;
    std::uint64_t seq = 0;
    auto push = [&](std::int64_t parent, const NodeRef& node, double local, double prefix) {
        const int depth = parent < 0 ? 0 : depth_of[std::size_t(parent)] + 1;
        arena.push_back(Partial{parent, node, local, prefix});
        depth_of.push_back(depth);
        queue.push(
            QueueItem{safe_key(std::abs(prefix) * bound_of(node)), depth, seq++, std::int64_t(arena.size()) - 1});
    };
    push(-1, start, 0.0, 1.0);

    while (!queue.empty() && ps.paths.size() < limit) {
        if (arena.size() > max_search_nodes) { // reached with 1024-wide layers and --limit 100000
            ps.truncated = true;
            break;
        }
        const QueueItem top = queue.top();
        queue.pop();
        const Partial cur = arena[std::size_t(top.index)];
        if (cur.node.kind == NodeKind::loss) {
            Path p;
            for (std::int64_t i = top.index; i >= 0; i = arena[std::size_t(i)].parent) {
                p.nodes.push_back(arena[std::size_t(i)].node);
                if (arena[std::size_t(i)].parent >= 0) p.local.push_back(arena[std::size_t(i)].local);
            }
            std::reverse(p.nodes.begin(), p.nodes.end());
            std::reverse(p.local.begin(), p.local.end());
            p.product = cur.prefix;
            p.rank = ps.paths.size() + 1;
            ps.listed_sum += p.product;
            ps.paths.push_back(std::move(p));
            continue;
        }
        const bool last_pre = cur.node.kind == NodeKind::pre && cur.node.layer == L - 1;
        for_each_successor(net, t, cur.node, [&](const Edge& e) {
            if (last_pre) {
                // a_Lk → ŷ_i → L in one go, so the product uses the stable out_grad(i, k).
                arena.push_back(Partial{top.index, e.to, e.local, 0.0});
                depth_of.push_back(depth_of[std::size_t(top.index)] + 1);
                const std::int64_t mid = std::int64_t(arena.size()) - 1;
                const double dl = t.dL_dyhat[std::size_t(e.to.j)];
                push(mid, loss_ref(net), dl, cur.prefix * t.out_grad(e.to.j, cur.node.j));
            } else {
                push(top.index, e.to, e.local, cur.prefix * e.local);
            }
        });
    }
    return ps;
}

namespace {

// qsort's comparison of two Path* by route, then rank (two listed paths never share a route).
int compare_routes(const void* x, const void* y)
{
    const Path& a = **static_cast<Path* const*>(x);
    const Path& b = **static_cast<Path* const*>(y);
    for (std::size_t i = 0; i < a.nodes.size() && i < b.nodes.size(); ++i) {
        const NodeRef &m = a.nodes[i], &n = b.nodes[i];
        if (m.kind != n.kind) return m.kind < n.kind ? -1 : 1;
        if (m.layer != n.layer) return m.layer < n.layer ? -1 : 1;
        if (m.j != n.j) return m.j < n.j ? -1 : 1;
        if (m.k != n.k) return m.k < n.k ? -1 : 1;
    }
    if (a.nodes.size() != b.nodes.size()) return a.nodes.size() < b.nodes.size() ? -1 : 1;
    return a.rank < b.rank ? -1 : a.rank > b.rank ? 1 : 0;
}

} // namespace

void sort_by_route(std::vector<Path>& paths)
{
    // qsort over pointers, then each path moved once: the page already links qsort (ImGui uses
    // it), while a std::sort instantiation here cost 4 KB of the page's gzip budget.
    std::vector<Path*> order(paths.size());
    for (std::size_t i = 0; i < paths.size(); ++i) order[i] = &paths[i];
    std::qsort(order.data(), order.size(), sizeof(Path*), compare_routes);
    std::vector<Path> sorted;
    sorted.reserve(paths.size());
    for (Path* p : order) sorted.push_back(std::move(*p));
    paths = std::move(sorted);
}

// -----------------------------------------------------------------------------------------------
// [SECTION] Factored chain
// -----------------------------------------------------------------------------------------------
// One line per node downstream of `start`, layer by layer. The number of lines grows with the
// sum of the widths, not their product.

std::vector<FactorLine> factored_chain(const Network& net, const Trace& t, const NodeRef& start)
{
    std::vector<FactorLine> lines;
    std::vector<NodeRef> frontier{start};
    while (!frontier.empty()) {
        std::vector<NodeRef> next;
        for (const NodeRef& n : frontier) {
            if (n.kind == NodeKind::loss) continue;
            FactorLine line;
            line.target = n;
            line.value = node_gradient(t, n);
            for_each_successor(net, t, n, [&](const Edge& e) {
                line.terms.push_back(FactorTerm{e.to, node_gradient(t, e.to), e.local});
                if (e.to.kind != NodeKind::loss && std::find(next.begin(), next.end(), e.to) == next.end())
                    next.push_back(e.to);
            });
            lines.push_back(std::move(line));
        }
        frontier = std::move(next);
    }
    return lines;
}

} // namespace gf
