#include "core/report.hpp"

#include <nlohmann/json.hpp>

namespace gf {

using json = nlohmann::ordered_json;  // keys in the documented order

namespace {
json matrices(const std::vector<Matrix>& ms) {
    json out = json::array();
    for (const Matrix& m : ms) {
        json rows = json::array();
        for (int r = 0; r < m.rows; ++r) rows.push_back(Vec(m.row(r), m.row(r) + m.cols));
        out.push_back(std::move(rows));
    }
    return out;
}
} // namespace

std::string eval_json(const Config& c, int indent) {
    return eval_json(c, forward_backward(c.net, c.sample()),
                     training_step(c.net, c.samples, c.learning_rate, c.train_biases), indent);
}

std::string eval_json(const Config& c, const Trace& t, const TrainingStep& step, int indent) {
    const Network& next = step.next;
    json j = json::object();
    j["loss"] = t.loss;
    j["a"] = t.a;
    j["h"] = t.h;
    j["output"] = t.h.back();
    j["dW"] = matrices(t.dW);
    j["db"] = t.db;
    j["W_next"] = matrices(next.W);
    j["b_next"] = next.b;
    j["loss_next"] = loss_of(next, c.sample());
    if (!step.ok) j["step_refused"] = step.message;
    return j.dump(indent);
}

std::string paths_json(const Network& net, const PathSet& ps, int indent) {
    json j = json::object();
    j["start"] = node_name(net, ps.start, NameStyle::text);
    if (ps.count < 9007199254740992.0) j["count"] = std::uint64_t(ps.count);  // exact below 2^53
    else j["count"] = ps.count;
    j["listed"] = ps.paths.size();
    j["complete"] = ps.complete();
    j["gradient"] = ps.gradient;
    j["listed_sum"] = ps.listed_sum;
    json paths = json::array();
    for (const Path& p : ps.paths) {
        json nodes = json::array(), hops = json::array();
        for (const NodeRef& n : p.nodes) nodes.push_back(node_name(net, n, NameStyle::text));
        for (std::size_t i = 0; i < p.local.size(); ++i)
            hops.push_back({{"symbol", partial_name(net, p.nodes[i + 1], p.nodes[i], NameStyle::text)},
                            {"latex", partial_name(net, p.nodes[i + 1], p.nodes[i], NameStyle::latex)},
                            {"value", p.local[i]}});
        paths.push_back({{"nodes", nodes}, {"hops", hops}, {"product", p.product}});
    }
    j["paths"] = paths;
    return j.dump(indent);
}

} // namespace gf
