// [SECTION] Argument checking
// [SECTION] Methods
// [SECTION] Dispatch
// [SECTION] Events
#include "embed/api.hpp"

#include "core/derive.hpp"
#include "core/finite.hpp"
#include "core/report.hpp"

#include <cctype>
#include <cmath>
#include <exception>
#include <functional>
#include <map>

namespace gf::embed {

using json::Value;

namespace {
// The API's objects list their keys in byte order, as they did with nlohmann::json (a std::map).
Value obj(std::initializer_list<json::Member> members = {}) { return Value::object(members, json::Order::sorted); }

// A value built in documented key order (eval_value, config_to_value) with its objects' keys in
// byte order, as the API has always answered them.
Value sorted(Value v)
{
    if (v.is_array()) {
        json::Array items;
        items.reserve(v.size());
        for (const Value& e : v.elements()) items.push_back(sorted(e));
        return Value::array(std::move(items));
    }
    if (!v.is_object()) return v;
    Value out = obj();
    for (const json::Member& m : v.members()) out[m.first] = sorted(m.second);
    return out;
}
} // namespace

std::string focus_name(const Config& c, const std::optional<NodeRef>& n)
{
    return n ? node_name(c.net, *n, NameStyle::ascii) : std::string();
}

Value api_state(const ApiTarget& target)
{
    Value st = sorted(eval_value(target.config(), target.trace(), target.next_step()));
    st["t"] = target.t();
    st["duration"] = target.duration();
    st["phase"] = target.phase();
    st["playing"] = target.playing();
    const std::string f = focus_name(target.config(), target.focus());
    st["focus"] = f.empty() ? Value() : Value(f);
    const Value data = target.data_state(); // issue 8: epochs
    for (const auto& [key, value] : data.members()) st[key] = value;
    return st;
}

// -----------------------------------------------------------------------------------------------
// [SECTION] Argument checking
// -----------------------------------------------------------------------------------------------
namespace {

// The world's mistake in a request: caught in dispatch and answered as {error}.
struct BadRequest {
    std::string message;
};

const char* type_name(const Value& v)
{
    switch (v.type()) {
    case json::Type::null: return "null";
    case json::Type::boolean: return "a boolean";
    case json::Type::string: return "a string";
    case json::Type::array: return "an array";
    case json::Type::object: return "an object";
    default: return "a number";
    }
}

struct Args {
    std::string_view method;
    const Value& list;

    void count(std::size_t min, std::size_t max) const
    {
        if (list.size() < min || list.size() > max) {
            std::string want = min == max ? std::to_string(min) : std::to_string(min) + " to " + std::to_string(max);
            throw BadRequest{std::string(method) + "() takes " + want + " argument" +
                             (max == 1 && min == max ? "" : "s") + ", not " + std::to_string(list.size())};
        }
    }
    const Value* at(std::size_t i) const { return i < list.size() ? &list[i] : nullptr; }
    std::string string(std::size_t i, const char* what) const
    {
        const Value& v = list[i];
        if (!v.is_string())
            throw BadRequest{std::string(method) + "(): " + what + " must be a string, not " + type_name(v)};
        return v.as_string();
    }
    double number(std::size_t i, const char* what) const
    {
        const Value& v = list[i];
        if (!v.is_number())
            throw BadRequest{std::string(method) + "(): " + what + " must be a number, not " + type_name(v)};
        const double d = v.as_double();
        if (!std::isfinite(d)) throw BadRequest{std::string(method) + "(): " + what + " must be finite"};
        return d;
    }
};

Value ok() { return obj({{"ok", true}}); }
Value not_ok(std::string e) { return obj({{"ok", false}, {"error", std::move(e)}}); }

NodeRef node_arg(const ApiTarget& target, const Args& a, std::size_t i)
{
    const std::string name = a.string(i, "the name");
    NodeRef ref;
    std::string error;
    if (!parse_node(target.config().net, name, ref, error)) throw BadRequest{std::string(a.method) + "(): " + error};
    return ref;
}

// A base for a share link: an http(s) page address without query or fragment — or the page's
// own location, whatever its scheme (the standalone file opened from file://). Anything else
// (javascript:, data:, a relative path) would hand the caller a link that runs script or goes
// nowhere, under gradflow's name.
std::string checked_base(const ShareState& own, const Args& a)
{
    const std::string base = a.string(0, "the base URL");
    if (!base.empty() && base == own.base_url) return base;
    const auto refuse = [&](const char* why) {
        std::string shown = base.substr(0, 60);
        for (char& c : shown)
            if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) c = '?';
        return BadRequest{std::string(a.method) + "(): the base URL \"" + shown + (base.size() > 60 ? "…" : "") +
                          "\" " + why + "; give the page's address starting with https:// or http://, without ? or #"};
    };
    const auto starts = [&](std::string_view prefix) {
        if (base.size() < prefix.size()) return false;
        for (std::size_t i = 0; i < prefix.size(); ++i)
            if (std::tolower(static_cast<unsigned char>(base[i])) != prefix[i]) return false;
        return true;
    };
    const std::size_t host = starts("https://") ? 8 : starts("http://") ? 7 : 0;
    if (host == 0) throw refuse("is not an http(s) address");
    if (base.size() == host || base[host] == '/') throw refuse("has no host");
    if (base.size() > 2048) throw refuse("is over 2048 bytes");
    for (char c : base) {
        const auto u = static_cast<unsigned char>(c);
        if (u <= 0x20 || u == 0x7f || c == '"' || c == '<' || c == '>' || c == '\\')
            throw refuse("holds a space, a control character or one of \" < > \\");
        if (c == '?' || c == '#') throw refuse("has a query or fragment (the link adds its own)");
    }
    return base;
}

ShareState share_from(const ApiTarget& target, const Args& a)
{
    ShareState s = target.share_state();
    s.config = &target.config();
    s.focus = focus_name(target.config(), target.focus());
    s.t = target.t();
    if (a.list.size() == 1) s.base_url = checked_base(s, a);
    return s;
}

// -----------------------------------------------------------------------------------------------
// [SECTION] Methods
// -----------------------------------------------------------------------------------------------

using Method = std::function<Value(ApiTarget&, const Args&)>;

const std::map<std::string, Method, std::less<>>& methods()
{
    static const std::map<std::string, Method, std::less<>> m = {
        {"getState",
         [](ApiTarget& t, const Args& a) {
             a.count(0, 0);
             try {
                 return api_state(t);
             } catch (const NumericError& e) {
                 return not_ok(e.what()); // a value overflowed: say which, never answer null
             }
         }},
        {"getConfig",
         [](ApiTarget& t, const Args& a) {
             a.count(0, 0);
             return sorted(config_to_value(t.config()));
         }},
        {"setConfig",
         [](ApiTarget& t, const Args& a) {
             a.count(1, 1);
             const Value& v = a.list[0];
             std::string text;
             if (v.is_string())
                 text = v.as_string();
             else if (v.is_object())
                 text = v.dump();
             else
                 throw BadRequest{std::string("setConfig(): the config must be an object or a JSON string, not ") +
                                  type_name(v)};
             try {
                 Config c = parse_page_config(text);
                 t.set_config(c);
                 return ok();
             } catch (const std::exception& e) {
                 return not_ok(e.what()); // the previous network stays
             }
         }},
        {"train",
         [](ApiTarget& t, const Args& a) {
             a.count(1, 1);
             if (!a.list[0].is_boolean())
                 throw BadRequest{std::string("train(): pass true to start training or false to stop, not ") +
                                  type_name(a.list[0])};
             const bool on = a.list[0].as_bool();
             if (std::string why = t.train(on); !why.empty()) return not_ok("train(): " + why);
             return obj({{"ok", true}, {"training", on}});
         }},
        {"play",
         [](ApiTarget& t, const Args& a) {
             a.count(0, 0);
             t.play();
             return ok();
         }},
        {"pause",
         [](ApiTarget& t, const Args& a) {
             a.count(0, 0);
             t.pause();
             return ok();
         }},
        {"step",
         [](ApiTarget& t, const Args& a) {
             a.count(0, 0);
             t.step();
             return obj({{"ok", true}, {"t", t.t()}, {"phase", t.phase()}});
         }},
        {"seek",
         [](ApiTarget& t, const Args& a) {
             a.count(1, 1);
             const double to = a.number(0, "t");
             if (to < 0) throw BadRequest{"seek(): t must be 0 or more"};
             t.seek(to);
             return obj({{"ok", true}, {"t", t.t()}});
         }},
        {"focus",
         [](ApiTarget& t, const Args& a) {
             a.count(1, 1);
             if (a.list[0].is_null() || (a.list[0].is_string() && a.list[0].as_string().empty())) {
                 t.set_focus(std::nullopt);
                 return obj({{"ok", true}, {"focus", nullptr}});
             }
             const NodeRef ref = node_arg(t, a, 0);
             if (std::string why = focus_refusal(t.config().net, ref); !why.empty())
                 throw BadRequest{"focus(): " + why};
             t.set_focus(ref);
             return obj({{"ok", true}, {"focus", focus_name(t.config(), ref)}});
         }},
        {"derivation",
         [](ApiTarget& t, const Args& a) {
             a.count(1, 2);
             const NodeRef ref = node_arg(t, a, 0);
             DerivFormat format = DerivFormat::text;
             if (a.list.size() == 2) {
                 const std::string f = a.string(1, "the format");
                 if (!parse_deriv_format(f, format))
                     throw BadRequest{"derivation(): the format \"" + clip_utf8(f, 32) +
                                      "\" is not text, markdown or latex"};
             }
             if (ref.kind == NodeKind::loss)
                 throw BadRequest{"derivation(): L is the loss itself; pick a weight, bias or node"};
             const Config& c = t.config();
             if (auto e = non_finite_in_trace(c.net, t.trace()); !e.empty()) throw BadRequest{"derivation(): " + e};
             return Value(format_derivation(c.net, derive(c.net, c.sample(), t.trace(), ref), format));
         }},
        {"nodePositions",
         [](ApiTarget& t, const Args& a) {
             a.count(0, 0);
             return t.node_positions();
         }},
        {"layout",
         [](ApiTarget& t, const Args& a) {
             a.count(0, 0);
             return t.layout();
         }},
        {"shareUrl",
         [](ApiTarget& t, const Args& a) {
             a.count(0, 1);
             return Value(share_url(share_from(t, a)));
         }},
        {"embedSnippet",
         [](ApiTarget& t, const Args& a) {
             a.count(0, 1);
             return Value(iframe_snippet(share_from(t, a)));
         }},
    };
    return m;
}

Value reply(const Value& id) { return obj({{"type", "gradflow"}, {"id", id}}); }

// What a reply may echo as the request's id: a number, null or a short string.
bool usable_id(const Value& id)
{
    return id.is_number() || id.is_null() || (id.is_string() && id.as_string().size() <= 256);
}

} // namespace

// -----------------------------------------------------------------------------------------------
// [SECTION] Dispatch
// -----------------------------------------------------------------------------------------------

Value handle_api_request(ApiTarget& target, const Value& request)
{
    Value id = nullptr;
    try {
        if (!request.is_object())
            throw BadRequest{std::string("a request must be an object, not ") + type_name(request)};
        if (const Value* it = request.find("id")) {
            if (usable_id(*it))
                id = *it;
            else
                throw BadRequest{"the request's id must be a number or a short string"};
        }
        const Value* type = request.find("type");
        if (!type || *type != "gradflow") throw BadRequest{"not a gradflow request: it needs \"type\": \"gradflow\""};
        const Value* method = request.find("method");
        if (!method || !method->is_string()) throw BadRequest{"the request needs \"method\": a string"};
        const std::string& name = method->as_string();
        const auto found = methods().find(name);
        if (found == methods().end()) {
            std::string all;
            for (const auto& [k, v] : methods()) all += (all.empty() ? "" : ", ") + k;
            throw BadRequest{"there is no method \"" + clip_utf8(name, 40) + "\"; the methods are " + all};
        }
        static const Value empty = Value::array();
        const Value* args = request.find("args");
        if (args && !args->is_array() && !args->is_null()) throw BadRequest{name + "(): \"args\" must be an array"};
        const Value& list = !args || args->is_null() ? empty : *args;
        Value r = reply(id);
        r["result"] = found->second(target, Args{name, list});
        return r;
    } catch (const BadRequest& e) {
        Value r = reply(id);
        r["error"] = e.message;
        return r;
    } catch (const std::exception& e) {
        Value r = reply(id);
        r["error"] = std::string("internal error: ") + e.what();
        return r;
    }
}

std::string oversize_reply_text(std::size_t bytes, std::string_view id_json)
{
    Value id;
    if (id_json.size() > 1024 || !json::try_parse(id_json, id) || !usable_id(id)) id = nullptr;
    Value r = reply(id);
    r["error"] = "the request is " + std::to_string((bytes + 1023) >> 10) + " KiB; at most " +
                 std::to_string(kMaxRequestBytes >> 10) + " KiB are read (a network of the page's " +
                 std::to_string(kMaxPageParameters) + " parameters with all its weights fits)";
    return r.dump(-1, true);
}

std::string handle_api_request_text(ApiTarget& target, std::string_view request_json)
{
    if (request_json.size() > kMaxRequestBytes) return oversize_reply_text(request_json.size());
    try {
        Value request;
        if (!json::try_parse(request_json, request)) {
            Value r = reply(nullptr);
            r["error"] = "the request is not JSON";
            return r.dump();
        }
        // Non-finite doubles cannot be written as JSON; a replace handler keeps dump() from
        // throwing on invalid UTF-8 in a quoted name.
        return handle_api_request(target, request).dump(-1, true);
    } catch (const std::exception& e) {
        // Out of memory for a large reply, say: an error reply, not an exception through the
        // exported C function (which would abort the page).
        Value r = reply(nullptr);
        r["error"] = std::string("internal error: ") + e.what();
        return r.dump(-1, true);
    }
}

// -----------------------------------------------------------------------------------------------
// [SECTION] Events
// -----------------------------------------------------------------------------------------------

Value EventTracker::poll(const ApiTarget& target)
{
    Value events = Value::array();
    const std::string phase = target.phase();
    const std::string focus = focus_name(target.config(), target.focus());
    if (primed_ && phase != phase_)
        events.push_back(obj({{"type", "gradflow"}, {"event", "phase"}, {"phase", phase}, {"t", target.t()}}));
    if (primed_ && focus != focus_)
        events.push_back(
            obj({{"type", "gradflow"}, {"event", "focus"}, {"focus", focus.empty() ? Value() : Value(focus)}}));
    const Value data = target.data_state();
    const long epoch = data.contains("epoch") ? long(data["epoch"].as_int64()) : -1;
    if (primed_ && epoch >= 0 && epoch != epoch_)
        events.push_back(obj({{"type", "gradflow"},
                              {"event", "epoch"},
                              {"epoch", epoch},
                              {"train_loss", data["train_loss"]},
                              {"test_loss", data["test_loss"]}}));
    primed_ = true;
    phase_ = phase;
    focus_ = focus;
    epoch_ = epoch;
    return events;
}

} // namespace gf::embed
