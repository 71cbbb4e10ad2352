// [SECTION] Small helpers: percent coding, HTML escaping, numbers
// [SECTION] Views, panels, limits
// [SECTION] parse_page_url
// [SECTION] share_url, iframe_snippet
#include "embed/page_state.hpp"

#include "core/json.hpp"
#include "embed/base64url.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <exception>

namespace gf::embed {

// -----------------------------------------------------------------------------------------------
// [SECTION] Small helpers: percent coding, HTML escaping, numbers
// -----------------------------------------------------------------------------------------------
namespace {

int hex_value(char c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

// A value quoted back in a message: short, printable, so a hostile link cannot flood the page.
std::string quote(std::string_view s)
{
    std::string out = "\"";
    std::size_t shown = 0;
    for (char c : s) {
        if (shown == 40) {
            out += "…";
            break;
        }
        const auto u = static_cast<unsigned char>(c);
        out += (u < 0x20 || u == 0x7f) ? '?' : c;
        ++shown;
    }
    return out + "\"";
}

std::optional<double> parse_number(std::string_view s)
{
    if (s.empty() || s.size() > 32) return std::nullopt;
    // std::from_chars for double is in libstdc++ 11+ and Emscripten's libc++ 14 lacks it: strtod
    // on a bounded copy, then insist that all of it was a number.
    char buf[40];
    s.copy(buf, s.size());
    buf[s.size()] = '\0';
    char* end = nullptr;
    const double v = std::strtod(buf, &end);
    if (end != buf + s.size() || !std::isfinite(v)) return std::nullopt;
    return v;
}

bool parse_bool(std::string_view s, bool& out)
{
    if (s.empty() || s == "1" || s == "true" || s == "yes" || s == "on") {
        out = true;
        return true;
    }
    if (s == "0" || s == "false" || s == "no" || s == "off") {
        out = false;
        return true;
    }
    return false;
}

// Shortest decimal that reads back to the same double, for t and speed in links.
std::string short_number(double v)
{
    char buf[32];
    for (int prec = 1; prec <= 17; ++prec) {
        std::snprintf(buf, sizeof buf, "%.*g", prec, v);
        if (std::strtod(buf, nullptr) == v) break;
    }
    return buf;
}

std::string limit_message(std::size_t n)
{
    return "the network has " + std::to_string(n) + " parameters; the page shows at most " +
           std::to_string(kMaxPageParameters) + " (use gradflow-cli for larger ones)";
}

} // namespace

std::string percent_decode(std::string_view s)
{
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '+') {
            out += ' ';
            continue;
        }
        if (s[i] == '%' && i + 2 < s.size()) {
            const int hi = hex_value(s[i + 1]), lo = hex_value(s[i + 2]);
            if (hi >= 0 && lo >= 0) {
                out += char(hi * 16 + lo);
                i += 2;
                continue;
            }
        }
        out += s[i];
    }
    return out;
}

std::string percent_encode(std::string_view s)
{
    static const char hex[] = "0123456789ABCDEF";
    std::string out;
    for (char c : s) {
        const auto u = static_cast<unsigned char>(c);
        if ((u >= 'A' && u <= 'Z') || (u >= 'a' && u <= 'z') || (u >= '0' && u <= '9') || c == '-' || c == '_' ||
            c == '.' || c == '~' || c == ',')
            out += c;
        else
            out += '%', out += hex[u >> 4], out += hex[u & 15];
    }
    return out;
}

std::string html_escape(std::string_view s)
{
    std::string out;
    for (char c : s) {
        switch (c) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '"': out += "&quot;"; break;
        case '\'': out += "&#39;"; break;
        default: out += c;
        }
    }
    return out;
}

// -----------------------------------------------------------------------------------------------
// [SECTION] Views, panels, limits
// -----------------------------------------------------------------------------------------------

std::string_view view_name(View v)
{
    switch (v) {
    case View::weights: return "weights";
    case View::forward: return "contributions"; // the UI's "Contributions w·h"
    case View::gradients: return "gradients";
    }
    return "contributions";
}

bool parse_view(std::string_view s, View& out)
{
    for (View v : {View::weights, View::forward, View::gradients})
        if (s == view_name(v)) {
            out = v;
            return true;
        }
    // The name links used before the view was named after its label; old links keep working.
    if (s == "forward") {
        out = View::forward;
        return true;
    }
    return false;
}

std::string_view theme_choice_name(ThemeChoice t)
{
    switch (t) {
    case ThemeChoice::follow_system: return "auto";
    case ThemeChoice::dark: return "dark";
    case ThemeChoice::light: return "light";
    }
    return "auto";
}

bool parse_theme_choice(std::string_view s, ThemeChoice& out)
{
    for (ThemeChoice t : {ThemeChoice::follow_system, ThemeChoice::dark, ThemeChoice::light})
        if (s == theme_choice_name(t)) {
            out = t;
            return true;
        }
    return false;
}

const std::vector<std::string_view>& parameter_names()
{
    static const std::vector<std::string_view> names = {"preset", "focus",   "view",   "autoplay",  "embed",
                                                        "speed",  "t",       "panels", "contrast",  "motion",
                                                        "theme",  "working", "train",  "discretize"};
    return names;
}

std::string closest_name(std::string_view word, const std::vector<std::string_view>& names)
{
    // A suggestion only when it is plausibly a typo: at most 2 edits, and fewer than the word's length.
    std::string best;
    std::size_t best_d = 3;
    for (auto n : names) {
        const std::size_t d = edit_distance(word, n);
        if (d < best_d && d < std::max<std::size_t>(word.size(), 1)) best = std::string(n), best_d = d;
    }
    return best;
}

const std::vector<std::string_view>& panel_names()
{
    static const std::vector<std::string_view> names = {"controls", "timeline", "inspector", "derivation", "config"};
    return names;
}

std::string check_page_limits(const Config& c)
{
    const std::size_t n = param_count(c.net.sizes);
    return n > kMaxPageParameters ? limit_message(n) : std::string();
}

Config parse_page_config(std::string_view json_text)
{
    // Look at "layers" before parse_config builds (and initialises) the network, so an
    // over-large architecture costs nothing.
    json::Value doc;
    if (json::try_parse(json_text, doc) && doc.is_object()) {
        const json::Value* it = doc.find("layers");
        if (it && it->is_array() && it->size() <= 64) {
            // A size is whole neurons however it is written (1024, 1024.0, 1.024e3): the core's
            // read_size takes every spelling, so this check must too.
            std::vector<int> sizes;
            for (const json::Value& v : it->elements()) {
                const double d = v.is_number() ? v.as_double() : 0.0;
                if (d >= 1 && d <= double(1 << 20) && std::floor(d) == d) sizes.push_back(int(d));
            }
            if (sizes.size() == it->size() && param_count(sizes) > kMaxPageParameters)
                throw ConfigError(limit_message(param_count(sizes)));
        }
    }
    Config c = parse_config(json_text);
    if (auto m = check_page_limits(c); !m.empty()) throw ConfigError(m);
    return c;
}

std::string focus_refusal(const Network& net, const NodeRef& n)
{
    if (n.kind != NodeKind::loss) return {};
    // An example that exists in this network: the first weight into the output layer.
    NodeRef w;
    w.kind = NodeKind::weight;
    w.layer = int(net.sizes.size()) - 2;
    return "L is the loss, where every path ends, so there is nothing to trace from it; focus a weight or bias "
           "such as " +
           node_name(net, w, NameStyle::ascii) + ", or a node";
}

std::string matching_preset(const Config& c)
{
    for (const auto& p : presets()) {
        try {
            if (preset(p.name) == c) return std::string(p.name);
        } catch (const ConfigError&) {}
    }
    return {};
}

// -----------------------------------------------------------------------------------------------
// [SECTION] parse_page_url
// -----------------------------------------------------------------------------------------------
namespace {

struct Param {
    std::string_view key;
    std::string_view raw; // still percent-encoded
};

std::vector<Param> split_params(std::string_view s)
{
    std::vector<Param> out;
    while (!s.empty()) {
        const std::size_t amp = s.find('&');
        const std::string_view item = s.substr(0, amp);
        s = amp == std::string_view::npos ? std::string_view() : s.substr(amp + 1);
        if (item.empty()) continue;
        const std::size_t eq = item.find('=');
        if (eq == std::string_view::npos)
            out.push_back({item, {}});
        else
            out.push_back({item.substr(0, eq), item.substr(eq + 1)});
    }
    return out;
}

// What learning platforms and trackers add to any link (utm_*, fbclid, lti_*, …): not a typo of
// ours, so not worth a notice.
bool is_ignored_parameter(std::string_view key)
{
    for (std::string_view prefix : {"utm_", "lti_", "oauth_", "_"})
        if (key.substr(0, prefix.size()) == prefix) return true;
    for (std::string_view k : {"fbclid", "gclid", "msclkid", "ref", "v", "lang"})
        if (key == k) return true;
    return false;
}

std::string kib(std::size_t n) { return std::to_string((n + 1023) / 1024) + " KiB"; }

// The #config= value: base64url of the JSON (what share_url writes) or, for hand-written links,
// percent-encoded JSON starting with '{'.
std::optional<Config> config_from_fragment(std::string_view raw, std::vector<std::string>& problems)
{
    const std::string fallback = "; showing the default network (" + std::string(kDefaultPreset) + ") instead.";
    std::string json_text;
    const std::string plain = raw.find('%') != std::string_view::npos || (!raw.empty() && raw[0] == '{')
                                  ? percent_decode(raw)
                                  : std::string();
    if (!plain.empty() && plain[0] == '{') {
        json_text = plain;
    } else {
        std::string error;
        auto decoded = base64url_decode(plain.empty() ? raw : std::string_view(plain), error);
        if (!decoded) {
            problems.push_back("The network in the link (#config=) is not valid base64url: " + error + fallback);
            return std::nullopt;
        }
        json_text = std::move(*decoded);
    }
    if (json_text.empty()) {
        problems.push_back("The network in the link (#config=) is empty" + fallback);
        return std::nullopt;
    }
    try {
        return parse_page_config(json_text);
    } catch (const ConfigError& e) {
        problems.push_back("The network in the link (#config=) was refused: " + std::string(e.what()) + fallback);
    } catch (const std::exception& e) {
        problems.push_back("The network in the link (#config=) could not be read: " + std::string(e.what()) + fallback);
    }
    return std::nullopt;
}

} // namespace

namespace {

// ?working=: base64url of the working's text, bounded before decoding; nullopt with a problem
// when it is too long, not base64url or not text.
std::optional<std::string> working_from_param(std::string_view raw, std::vector<std::string>& problems)
{
    const std::size_t max_encoded = (kMaxWorkingBytes * 4 + 2) / 3;
    if (raw.size() > max_encoded) {
        problems.push_back("working= holds " + kib(raw.size() * 3 / 4) + " of working; at most " +
                           kib(kMaxWorkingBytes) + " are read, so it was ignored. Share a shorter derivation.");
        return std::nullopt;
    }
    std::string error;
    auto text = base64url_decode(percent_decode(raw), error);
    if (!text) {
        problems.push_back("working= is not valid base64url: " + error +
                           " The working was ignored; share the link again from the app.");
        return std::nullopt;
    }
    if (text->find('\0') != std::string::npos) {
        problems.push_back("working= does not decode to text (it holds a NUL byte); the working was ignored.");
        return std::nullopt;
    }
    return text;
}

} // namespace

PageState parse_page_url(std::string_view query, std::string_view fragment)
{
    PageState st;
    if (!query.empty() && query[0] == '?') query.remove_prefix(1);
    if (!fragment.empty() && fragment[0] == '#') fragment.remove_prefix(1);

    if (query.size() > kMaxQueryBytes) {
        st.problems.push_back("The link's parameters are " + kib(query.size()) + " long; at most " +
                              kib(kMaxQueryBytes) + " are read, so they were all ignored.");
        query = {};
    }
    if (fragment.size() > kMaxFragmentBytes) {
        st.problems.push_back("The network in the link (#config=) is " + kib(fragment.size()) + " long; links up to " +
                              kib(kMaxFragmentBytes) + " are read. Showing the default network (" +
                              std::string(kDefaultPreset) +
                              ") instead; share a smaller network or load the config another way.");
        fragment = {};
    }

    // Every parameter first, the network next (focus is checked against it), then the rest.
    std::optional<std::string> preset_name, focus_name;
    std::optional<std::string_view> config_raw;
    auto problem = [&](std::string s) { st.problems.push_back(std::move(s)); };

    for (const Param& p : split_params(query)) {
        const std::string key = percent_decode(p.key);
        const std::string value = percent_decode(p.raw);
        if (key == "preset") {
            preset_name = value;
        } else if (key == "focus") {
            focus_name = value;
        } else if (key == "view") {
            if (!parse_view(value, st.view))
                problem("view=" + quote(value) + " is not a view; use weights, contributions or gradients.");
        } else if (key == "autoplay" || key == "embed" || key == "train") {
            bool b = false;
            if (!parse_bool(value, b))
                problem(key + "=" + quote(value) + " should be 1 or 0.");
            else if (key == "train") // issue 8: start training on the dataset when the page opens
                st.train = b;
            else if (key == "autoplay")
                st.autoplay = b;
            else
                st.embed = b;
        } else if (key == "speed") {
            const auto v = parse_number(value);
            if (!v || std::fabs(*v) > kMaxSpeed)
                problem("speed=" + quote(value) + " should be a number from -8 to 8 (1 is normal speed).");
            else
                st.speed = *v;
        } else if (key == "t") {
            const auto v = parse_number(value);
            if (!v || *v < 0)
                problem("t=" + quote(value) + " should be a time in seconds, 0 or more.");
            else
                st.t = *v;
        } else if (key == "panels") {
            std::vector<std::string> list;
            bool ok = true;
            std::string_view rest = value;
            while (ok) {
                const std::size_t comma = rest.find(',');
                const std::string_view name = rest.substr(0, comma);
                if (!name.empty() && name != "none") {
                    bool known = false;
                    for (auto n : panel_names()) known = known || n == name;
                    if (!known) {
                        std::string all;
                        for (auto n : panel_names()) all += (all.empty() ? "" : ", ") + std::string(n);
                        problem("panels=" + quote(value) + " names an unknown panel " + quote(name) +
                                "; the panels are " + all + " (or none).");
                        ok = false;
                        break;
                    }
                    list.emplace_back(name);
                }
                if (comma == std::string_view::npos) break;
                rest = rest.substr(comma + 1);
            }
            if (ok) st.panels = std::move(list);
        } else if (key == "contrast") {
            if (value == "high")
                st.high_contrast = true;
            else if (value == "normal" || value == "standard")
                st.high_contrast = false;
            else
                problem("contrast=" + quote(value) + " should be high or normal.");
        } else if (key == "discretize") {
            if (value == "1" || value == "true")
                st.discretize = true;
            else if (value == "0" || value == "false")
                st.discretize = false;
            else
                problem("discretize=" + quote(value) + " should be 1 (the data plane as flat classes) or 0.");
        } else if (key == "theme") {
            if (!parse_theme_choice(value, st.theme))
                problem("theme=" + quote(value) + " should be light, dark or auto (auto follows the reader's system).");
        } else if (key == "motion") {
            if (value == "reduced")
                st.reduced_motion = true;
            else if (value == "full")
                st.reduced_motion = false;
            else
                problem("motion=" + quote(value) + " should be reduced or full.");
        } else if (key == "working") {
            st.working = working_from_param(p.raw, st.problems);
            if (st.working && st.working->empty()) st.working.reset();
        } else if (key == "config") {
            problem("config= goes after the # (#config=…), where the network travels; it was ignored here.");
        } else if (!is_ignored_parameter(key)) {
            // Named in the same notice as a bad value: a typo (focuss=) otherwise fails silently.
            const std::string near = closest_name(key, parameter_names());
            problem("Unknown parameter " + quote(key) +
                    (near.empty() ? std::string(" was ignored.") : " — did you mean " + near + "?"));
        }
    }
    // A link that names a time opens paused there: t=11 is a picture at 11 s, not a start point.
    if (st.t && !st.autoplay) st.autoplay = false;
    for (const Param& p : split_params(fragment))
        if (p.key == "config") config_raw = p.raw;

    // The network: #config= wins over ?preset=, either falls back to the default preset.
    bool have = false;
    if (config_raw) {
        if (auto c = config_from_fragment(*config_raw, st.problems)) {
            st.config = std::move(*c);
            st.from_fragment = true;
            st.preset = matching_preset(st.config);
            have = true;
        }
    }
    if (!have && preset_name) {
        try {
            st.config = preset(*preset_name);
            st.preset = *preset_name;
            have = true;
        } catch (const ConfigError& e) {
            problem("preset=" + quote(*preset_name) + ": " + e.what() + ". Showing " + std::string(kDefaultPreset) +
                    ".");
        }
    }
    if (!have) {
        st.config = preset(kDefaultPreset);
        st.preset = std::string(kDefaultPreset);
    }

    if (focus_name && !focus_name->empty()) {
        NodeRef ref;
        std::string error;
        if (parse_node(st.config.net, *focus_name, ref, error) && (error = focus_refusal(st.config.net, ref)).empty()) {
            st.focus = ref;
            st.focus_name = node_name(st.config.net, ref, NameStyle::ascii);
        } else {
            problem("focus=" + quote(*focus_name) + ": " + error);
        }
    }
    return st;
}

// -----------------------------------------------------------------------------------------------
// [SECTION] share_url, iframe_snippet
// -----------------------------------------------------------------------------------------------

std::string share_url(const ShareState& s)
{
    if (s.config == nullptr) return s.base_url; // nothing to share but the page
    std::string q;
    auto add = [&](std::string_view key, const std::string& value) {
        q += q.empty() ? "?" : "&";
        q += key;
        q += '=';
        q += percent_encode(value);
    };
    const std::string preset_name = matching_preset(*s.config);
    if (!preset_name.empty() && preset_name != kDefaultPreset) add("preset", preset_name);
    if (!s.focus.empty()) add("focus", s.focus);
    if (s.view != View::forward) add("view", std::string(view_name(s.view)));
    if (s.autoplay) add("autoplay", *s.autoplay ? "1" : "0");
    if (s.speed != 1.0) add("speed", short_number(s.speed));
    if (s.t > 0.0) add("t", short_number(s.t));
    if (s.embed) add("embed", "1");
    if (s.panels) {
        std::string list;
        for (const auto& p : *s.panels) list += (list.empty() ? "" : ",") + p;
        add("panels", list.empty() ? "none" : list);
    }
    if (s.high_contrast) add("contrast", "high");
    if (s.theme != ThemeChoice::follow_system) add("theme", std::string(theme_choice_name(s.theme)));
    if (s.discretize) add("discretize", "1");
    // Longer working than a link may carry is left out rather than written into a refused link.
    if (!s.working.empty() && s.working.size() <= kMaxWorkingBytes) add("working", base64url_encode(s.working));
    std::string url = s.base_url + q;
    if (preset_name.empty()) url += "#config=" + base64url_encode(config_to_json(*s.config, -1));
    return url;
}

std::string iframe_snippet(const ShareState& s, int width, int height)
{
    ShareState e = s;
    e.embed = true;
    std::string title = "gradflow: ";
    if (s.config) {
        const std::string preset_name = matching_preset(*s.config);
        title += !s.config->name.empty() ? s.config->name : !preset_name.empty() ? preset_name : "a neural network";
    }
    title += " — backpropagation";
    if (!s.focus.empty()) title += " of " + s.focus;
    return "<iframe src=\"" + html_escape(share_url(e)) + "\" width=\"" + std::to_string(width) + "\" height=\"" +
           std::to_string(height) + "\" title=\"" + html_escape(title) +
           "\" style=\"border:0; max-width:100%\" loading=\"lazy\" allow=\"fullscreen; clipboard-write\"></iframe>";
}

} // namespace gf::embed
