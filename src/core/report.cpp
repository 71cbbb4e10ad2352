#include "core/report.hpp"

#include "core/finite.hpp"
#include "core/json.hpp"

namespace gf {

using json::Value; // objects keep their keys in the documented (insertion) order

namespace {
Value matrices(const std::vector<Matrix>& ms)
{
    Value out = Value::array();
    for (const Matrix& m : ms) {
        Value rows = Value::array();
        for (int r = 0; r < m.rows; ++r) rows.push_back(Vec(m.row(r), m.row(r) + m.cols));
        out.push_back(std::move(rows));
    }
    return out;
}
} // namespace

std::string eval_json(const Config& c, int indent)
{
    return eval_json(c, forward_backward(c.net, c.sample()),
                     training_step(c.net, c.samples, c.learning_rate, c.train_biases), indent);
}

std::string eval_json(const Config& c, const Trace& t, const TrainingStep& step, int indent)
{
    return eval_value(c, t, step).dump(indent);
}

Value eval_value(const Config& c, const Trace& t, const TrainingStep& step)
{
    if (auto e = non_finite_in_trace(c.net, t); !e.empty()) throw NumericError(e);
    // A refused step names the parameter that would overflow (training_step's message); eval
    // answers with that sentence, not with today's W beside a note that is easy to miss.
    if (!step.ok) throw NumericError(step.message);
    const Network& next = step.next;
    const double loss_next = loss_of(next, c.sample());
    if (auto e = non_finite_in_step(next, loss_next); !e.empty()) throw NumericError(e);
    Value j = Value::object();
    j["loss"] = t.loss;
    j["a"] = t.a;
    j["h"] = t.h;
    j["output"] = t.h.back();
    j["dW"] = matrices(t.dW);
    j["db"] = t.db;
    j["W_next"] = matrices(next.W);
    j["b_next"] = next.b;
    j["loss_next"] = loss_next;
    return j;
}

std::string search_note(const PathSet& ps)
{
    if (!ps.truncated) return {};
    return "the search stopped at its cap of " + std::to_string(ps.search_cap) +
           " partial paths in memory after listing " + std::to_string(ps.paths.size()) + " of the " +
           std::to_string(ps.requested) +
           " asked for; these are still the largest |product| first. Ask for fewer (--limit), start nearer L or raise "
           "the cap (--search-cap)";
}

std::string paths_json(const Network& net, const PathSet& ps, int indent)
{
    Value j = Value::object();
    j["start"] = node_name(net, ps.start, NameStyle::text);
    if (ps.count < 9007199254740992.0)
        j["count"] = std::uint64_t(ps.count); // exact below 2^53
    else
        j["count"] = ps.count;
    j["listed"] = ps.paths.size();
    j["complete"] = ps.complete();
    j["requested"] = ps.requested;
    j["search_cap_reached"] = ps.truncated; // fewer listed than requested: see search_note()
    if (ps.truncated) j["note"] = search_note(ps);
    j["gradient"] = ps.gradient;
    j["listed_sum"] = ps.listed_sum;
    Value paths = Value::array();
    for (const Path& p : ps.paths) {
        Value nodes = Value::array(), hops = Value::array();
        for (const NodeRef& n : p.nodes) nodes.push_back(node_name(net, n, NameStyle::text));
        for (std::size_t i = 0; i < p.local.size(); ++i)
            hops.push_back(Value::object({{"symbol", partial_name(net, p.nodes[i + 1], p.nodes[i], NameStyle::text)},
                                          {"latex", partial_name(net, p.nodes[i + 1], p.nodes[i], NameStyle::latex)},
                                          {"value", p.local[i]}}));
        paths.push_back(
            Value::object({{"nodes", std::move(nodes)}, {"hops", std::move(hops)}, {"product", p.product}}));
    }
    j["paths"] = std::move(paths);
    return j.dump(indent);
}

} // namespace gf
