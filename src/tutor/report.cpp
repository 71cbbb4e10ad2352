// The report's names and its JSON read back (the page's side of "check my working").
#include "tutor/report.hpp"

#include "core/json.hpp"

#include <cmath>

namespace gf::tutor {

std::string_view to_string(Verdict v)
{
    switch (v) {
    case Verdict::right: return "right";
    case Verdict::follows_through: return "follows_through";
    case Verdict::slip: return "slip";
    case Verdict::error: return "error";
    }
    return "?";
}

std::string_view to_string(SlipKind k)
{
    switch (k) {
    case SlipKind::none: return "none";
    case SlipKind::arithmetic: return "arithmetic";
    case SlipKind::missing_paths: return "missing_paths";
    case SlipKind::extra_paths: return "extra_paths";
    case SlipKind::activation_not_derivative: return "activation_not_derivative";
    case SlipKind::weight_not_input: return "weight_not_input";
    case SlipKind::sign: return "sign";
    case SlipKind::factor: return "factor";
    case SlipKind::index_swap: return "index_swap";
    case SlipKind::softmax_diagonal: return "softmax_diagonal";
    case SlipKind::wrong_target: return "wrong_target";
    case SlipKind::rounding: return "rounding";
    }
    return "?";
}

namespace {

bool parse_verdict(std::string_view s, Verdict& out)
{
    for (Verdict v : {Verdict::right, Verdict::follows_through, Verdict::slip, Verdict::error})
        if (to_string(v) == s) return out = v, true;
    return false;
}

bool parse_slip(std::string_view s, SlipKind& out)
{
    for (int i = 0; i <= int(SlipKind::rounding); ++i)
        if (to_string(SlipKind(i)) == s) return out = SlipKind(i), true;
    return false;
}

} // namespace

bool working_report_from_json(const Network& net, std::string_view text, WorkingReport& out, std::string& error)
{
    using json::Value;
    // Every field is checked before it is used: the text comes from another module over a JS
    // boundary, and a wrong shape must become a sentence in the panel, not an exception or a NaN.
    auto fail = [&](std::string why) {
        error = "The checker's answer could not be read: " + std::move(why);
        return false;
    };
    Value j;
    if (!json::try_parse(text, j)) return fail("it is not JSON.");
    // The page's checker answers a failure (it could not load, bad input) as {"error": "…"}.
    if (j.is_object() && j.size() == 1 && j.contains("error") && j["error"].is_string()) {
        error = j["error"].as_string();
        if (error.empty()) error = "The checker failed without saying why.";
        return false;
    }
    if (!j.is_object() || !j.contains("lines") || !j["lines"].is_array() || !j.contains("summary") ||
        !j["summary"].is_object())
        return fail("it has no \"lines\" and \"summary\".");
    WorkingReport r;
    if (j.contains("tolerance")) {
        if (!j["tolerance"].is_number() || !std::isfinite(j["tolerance"].as_double()))
            return fail("\"tolerance\" is not a number.");
        r.tolerance = j["tolerance"].as_double();
    }
    for (const Value& l : j["lines"].elements()) {
        LineVerdict v;
        const std::string at = "line " + std::to_string(r.lines.size() + 1) + " of the answer";
        if (!l.is_object() || !l.contains("line") || !l["line"].is_number_integer() || !l.contains("verdict") ||
            !l["verdict"].is_string())
            return fail(at + " has no \"line\" and \"verdict\".");
        v.line = l["line"].as_int();
        if (!parse_verdict(l["verdict"].as_string(), v.verdict))
            return fail(at + ": unknown verdict \"" + l["verdict"].as_string() + "\".");
        if (l.contains("slip") && (!l["slip"].is_string() || !parse_slip(l["slip"].as_string(), v.slip)))
            return fail(at + ": unknown slip kind.");
        if (l.contains("why") && l["why"].is_string()) v.why = l["why"].as_string();
        if (l.contains("column") && l["column"].is_number_integer()) v.column = l["column"].as_int();
        if (l.contains("value") || l.contains("expected")) {
            if (!l.contains("value") || !l.contains("expected") || !l["value"].is_number() ||
                !l["expected"].is_number())
                return fail(at + ": \"value\" and \"expected\" must both be numbers.");
            v.has_value = true;
            v.value = l["value"].as_double();
            v.expected = l["expected"].as_double();
        }
        if (l.contains("follows_from")) {
            if (!l["follows_from"].is_array()) return fail(at + ": \"follows_from\" is not a list of lines.");
            for (const Value& f : l["follows_from"].elements()) {
                if (!f.is_number_integer()) return fail(at + ": \"follows_from\" is not a list of lines.");
                v.follows_from.push_back(f.as_int());
            }
        }
        if (l.contains("name") && l["name"].is_string()) {
            v.name = l["name"].as_string();
            std::string why;
            if (!v.name.empty() && !parse_quantity(net, v.name, v.quantity, why))
                return fail(at + " names " + v.name + ", which this network does not have (" + why + ").");
        }
        if (l.contains("hop")) {
            if (!l["hop"].is_array()) return fail(at + ": \"hop\" is not a list of names.");
            for (const Value& h : l["hop"].elements()) {
                NodeRef ref;
                std::string why;
                if (!h.is_string() || !parse_node(net, h.as_string(), ref, why))
                    return fail(at + ": its hop names a node this network does not have.");
                v.hop.push_back(ref);
            }
        }
        r.lines.push_back(std::move(v));
    }
    const Value& s = j["summary"];
    auto count = [&](const char* key, int& to) {
        if (s.contains(key) && s[key].is_number_integer()) to = s[key].as_int();
    };
    count("lines", r.summary.lines);
    count("right", r.summary.right);
    count("follows_through", r.summary.follows_through);
    count("slips", r.summary.slips);
    count("errors", r.summary.errors);
    if (s.contains("text") && s["text"].is_string()) r.summary.text = s["text"].as_string();
    out = std::move(r);
    error.clear();
    return true;
}

} // namespace gf::tutor
