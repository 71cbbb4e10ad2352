// [SECTION] Names of quantities
// [SECTION] Did you mean
// [SECTION] Reading a quantity
// [SECTION] Rewriting a right side for the expression library
// [SECTION] Lines
#include "tutor/working.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdlib>

namespace gf::tutor {

// -----------------------------------------------------------------------------------------------
// [SECTION] Names of quantities
// -----------------------------------------------------------------------------------------------

std::string quantity_name(const Network& net, const Quantity& q, NameStyle style)
{
    switch (q.kind) {
    case QuantityKind::value: return node_name(net, q.num, style);
    case QuantityKind::target: return "y_" + std::to_string(q.num.j + 1);
    case QuantityKind::derivative: return partial_name(net, q.num, q.den, style);
    }
    return "?";
}

namespace {

constexpr std::string_view kPartial = "∂";

bool starts_with(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

// A plain decimal number, all of `s` (no sign, no spaces, no hex): what std::from_chars would
// take. Emscripten's libc++ 14 has no floating-point from_chars, so strtod reads a checked copy.
bool parse_decimal(std::string_view s, double& v)
{
    if (s.empty() || !(std::isdigit(static_cast<unsigned char>(s.front())) || s.front() == '.')) return false;
    for (char c : s)
        if (!std::isdigit(static_cast<unsigned char>(c)) && c != '.' && c != 'e' && c != 'E' && c != '+' && c != '-')
            return false;
    const std::string copy(s);
    char* end = nullptr;
    v = std::strtod(copy.c_str(), &end);
    return end == copy.c_str() + copy.size();
}

std::string_view trim(std::string_view s)
{
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
    return s;
}

// -----------------------------------------------------------------------------------------------
// [SECTION] Did you mean
// -----------------------------------------------------------------------------------------------
// Every name a line may use, ascii style, while the network is small enough to list them.
std::vector<std::string> valid_names(const Network& net)
{
    std::vector<std::string> names;
    if (net.param_count() > 2000) return names;
    const int L = net.layers();
    std::vector<NodeRef> nodes;
    for (int k = 0; k < net.inputs(); ++k) nodes.push_back({NodeKind::input, -1, k, 0});
    for (int l = 0; l < L; ++l)
        for (int j = 0; j < net.width(l); ++j) {
            nodes.push_back({NodeKind::bias, l, j, 0});
            for (int k = 0; k < net.sizes[std::size_t(l)]; ++k) nodes.push_back({NodeKind::weight, l, j, k});
            nodes.push_back({NodeKind::pre, l, j, 0});
            nodes.push_back({NodeKind::post, l, j, 0});
        }
    const NodeRef loss = loss_ref(net);
    names.push_back("L");
    for (int j = 0; j < net.outputs(); ++j) names.push_back("y_" + std::to_string(j + 1));
    for (const NodeRef& n : nodes) {
        names.push_back(node_name(net, n, NameStyle::ascii));
        names.push_back(partial_name(net, loss, n, NameStyle::ascii));
        if (n.kind == NodeKind::pre) { // the hops into a_lj, and from a_lj to h_l·
            const NodeRef from =
                n.layer == 0 ? NodeRef{NodeKind::input, -1, 0, 0} : NodeRef{NodeKind::post, n.layer - 1, 0, 0};
            for (int k = 0; k < net.sizes[std::size_t(n.layer)]; ++k) {
                NodeRef w{NodeKind::weight, n.layer, n.j, k}, h = from;
                h.j = k;
                names.push_back(partial_name(net, n, w, NameStyle::ascii));
                names.push_back(partial_name(net, n, h, NameStyle::ascii));
            }
            names.push_back(partial_name(net, n, NodeRef{NodeKind::bias, n.layer, n.j, 0}, NameStyle::ascii));
            const bool softmax = net.act[std::size_t(n.layer)] == Activation::softmax;
            for (int i = 0; i < net.width(n.layer); ++i)
                if (softmax || i == n.j)
                    names.push_back(partial_name(net, NodeRef{NodeKind::post, n.layer, i, 0}, n, NameStyle::ascii));
        }
    }
    return names;
}

// " — did you mean a_21 or a_12?" for the (at most three) valid names nearest to `text`.
std::string did_you_mean(const Network& net, std::string_view text)
{
    std::string want(text);
    for (auto [from, to] : {std::pair<std::string_view, std::string_view>{"ŷ", "yhat"}, {"∂", "d"}}) {
        for (std::size_t p; (p = want.find(from)) != std::string::npos;) want.replace(p, from.size(), to);
    }
    std::vector<std::pair<std::size_t, std::string>> near;
    for (std::string& n : valid_names(net)) {
        const std::size_t d = edit_distance(want, n);
        if (d <= std::max<std::size_t>(2, want.size() / 4)) near.emplace_back(d, std::move(n));
    }
    if (near.empty()) return {};
    std::stable_sort(near.begin(), near.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    std::string s = " — did you mean ";
    for (std::size_t i = 0; i < near.size() && i < 3; ++i) {
        const bool last = i + 1 == std::min<std::size_t>(near.size(), 3);
        s += (i == 0 ? "" : last ? " or " : ", ") + near[i].second;
    }
    return s + "?";
}

// -----------------------------------------------------------------------------------------------
// [SECTION] Reading a quantity
// -----------------------------------------------------------------------------------------------

// The hop num ← den exists in the network (so ∂num/∂den is one local derivative).
std::string hop_error(const Network& net, const NodeRef& num, const NodeRef& den)
{
    auto name = [&](const NodeRef& n) { return node_name(net, n); };
    const std::string d = partial_name(net, num, den);
    switch (num.kind) {
    case NodeKind::loss:
        if (den.kind == NodeKind::loss) return "∂L/∂L is 1 by definition; name a node or parameter below L";
        return {};
    case NodeKind::post:
        if (den.kind == NodeKind::pre && den.layer == num.layer) {
            if (num.j == den.j || net.act[std::size_t(num.layer)] == Activation::softmax) return {};
            return d + " is 0: " + name(num) + " depends only on " + name(NodeRef{NodeKind::pre, num.layer, num.j, 0}) +
                   " (an element-wise activation)";
        }
        break;
    case NodeKind::pre:
        if ((den.kind == NodeKind::weight || den.kind == NodeKind::bias) && den.layer == num.layer) {
            if (den.j == num.j) return {};
            return name(den) + " feeds " + name(NodeRef{NodeKind::pre, den.layer, den.j, 0}) + ", not " + name(num);
        }
        if ((num.layer == 0 && den.kind == NodeKind::input) ||
            (num.layer > 0 && den.kind == NodeKind::post && den.layer == num.layer - 1))
            return {};
        break;
    default: break;
    }
    return d + " is not one hop of the network: write a local derivative along one edge (∂a/∂w, ∂a/∂h, ∂h/∂a, "
               "∂ŷ/∂a) or a gradient ∂L/∂(anything)";
}

bool parse_one(const Network& net, std::string_view s, Quantity& out, std::string& error)
{
    s = trim(s);
    if (starts_with(s, "y_") && s != "y_hat" && !starts_with(s, "y_hat_")) {
        int j = 0;
        std::string_view rest = s.substr(2);
        if (!rest.empty() && rest.front() == '{' && rest.back() == '}') rest = rest.substr(1, rest.size() - 2);
        auto [p, ec] = std::from_chars(rest.data(), rest.data() + rest.size(), j);
        if (ec != std::errc{} || p != rest.data() + rest.size() || j < 1 || j > net.outputs()) {
            error = "\"" + clip_utf8(s, 64) + "\": the targets are y_1.." + std::to_string(net.outputs());
            return false;
        }
        out = {QuantityKind::target, NodeRef{NodeKind::post, net.layers() - 1, j - 1, 0}, {}};
        return true;
    }
    NodeRef n;
    if (!parse_node(net, s, n, error)) return false;
    out = {QuantityKind::value, n, {}};
    return true;
}

// "d", "∂" or "\partial " before a name.
bool strip_d(std::string_view& s)
{
    s = trim(s);
    for (std::string_view p : {std::string_view("\\partial "), kPartial, std::string_view("d")})
        if (starts_with(s, p)) {
            s.remove_prefix(p.size());
            return true;
        }
    return false;
}

} // namespace

bool parse_quantity(const Network& net, std::string_view text, Quantity& out, std::string& error)
{
    const std::string_view s = trim(text);
    const std::size_t slash = s.find('/');
    if (slash == std::string_view::npos) {
        if (parse_one(net, s, out, error)) return true;
        error += did_you_mean(net, s);
        return false;
    }
    std::string_view top = s.substr(0, slash), bottom = s.substr(slash + 1);
    if (!strip_d(top) || !strip_d(bottom)) {
        error = "\"" + clip_utf8(s, 64) + "\": a derivative is written dA/dB or ∂A/∂B" + did_you_mean(net, s);
        return false;
    }
    Quantity a, b;
    if (!parse_one(net, top, a, error) || !parse_one(net, bottom, b, error)) {
        error += did_you_mean(net, s);
        return false;
    }
    if (a.kind != QuantityKind::value || b.kind != QuantityKind::value) {
        error = "\"" + clip_utf8(s, 64) + "\": a target y_j is a given number; differentiate with respect to ŷ_j";
        return false;
    }
    if (std::string e = hop_error(net, a.num, b.num); !e.empty()) {
        error = e;
        return false;
    }
    out = {QuantityKind::derivative, a.num, b.num};
    return true;
}

// -----------------------------------------------------------------------------------------------
// [SECTION] Rewriting a right side for the expression library
// -----------------------------------------------------------------------------------------------

namespace {

bool ident_byte(unsigned char c) { return std::isalnum(c) || c == '_' || c >= 0x80; }
bool ident_start(unsigned char c) { return std::isalpha(c) || c == '_' || c >= 0x80; }

// Names the expression library knows: left as they are.
bool library_name(std::string_view s)
{
    for (std::string_view f : {"sigmoid", "exp",  "log",  "ln",  "log2", "log10", "tanh", "sqrt", "abs",  "sin", "cos",
                               "tan",     "sinh", "cosh", "min", "max",  "sum",   "avg",  "sign", "rint", "_pi", "_e"})
        if (s == f) return true;
    return false;
}

// An identifier at `i`: letters, digits, _, non-ASCII bytes, and {…} index groups.
std::size_t read_ident(std::string_view s, std::size_t i)
{
    while (i < s.size()) {
        const unsigned char c = static_cast<unsigned char>(s[i]);
        if (c == '{') {
            const std::size_t close = s.find('}', i);
            if (close == std::string_view::npos) return s.size();
            i = close + 1;
        } else if (ident_byte(c) && !starts_with(s.substr(i), "·") && !starts_with(s.substr(i), "×") &&
                   !starts_with(s.substr(i), "−") && !starts_with(s.substr(i), "²")) {
            ++i;
        } else {
            break;
        }
    }
    return i;
}

struct Rewrite {
    std::string out;
    std::vector<int> origin; // origin[i]: byte of the right side that out[i] came from
    void put(std::string_view s, std::size_t from)
    {
        out += s;
        origin.insert(origin.end(), s.size(), int(from));
    }
};

} // namespace

namespace {

// The right side → expr.hpp's syntax, or false with line.error / line.column set.
bool rewrite_right(const Network& net, std::string_view rhs, int rhs_column, WorkingLine& line)
{
    Rewrite r;
    auto var_for = [&](const Quantity& q) {
        auto it = std::find(line.refs.begin(), line.refs.end(), q);
        if (it == line.refs.end()) it = line.refs.insert(line.refs.end(), q);
        return "q" + std::to_string(it - line.refs.begin());
    };
    auto fail = [&](std::size_t at, const std::string& why) {
        line.error = why;
        line.column = rhs_column + int(at);
        return false;
    };
    std::size_t i = 0;
    while (i < rhs.size()) {
        const std::string_view rest = rhs.substr(i);
        bool symbol = false;
        for (auto [from, to] : {std::pair<std::string_view, std::string_view>{"·", "*"},
                                {"×", "*"},
                                {"−", "-"},
                                {"²", "^2"},
                                {"σ", "sigmoid"}}) {
            if (starts_with(rest, from)) {
                r.put(to, i);
                i += from.size();
                symbol = true;
                break;
            }
        }
        if (symbol) continue;
        const unsigned char c = static_cast<unsigned char>(rhs[i]);
        if (std::isdigit(c) ||
            (c == '.' && i + 1 < rhs.size() && std::isdigit(static_cast<unsigned char>(rhs[i + 1])))) {
            std::size_t j = i;
            while (j < rhs.size() && (std::isdigit(static_cast<unsigned char>(rhs[j])) || rhs[j] == '.')) ++j;
            if (j < rhs.size() && (rhs[j] == 'e' || rhs[j] == 'E')) { // 2e-3
                std::size_t k = j + 1;
                if (k < rhs.size() && (rhs[k] == '+' || rhs[k] == '-')) ++k;
                if (k < rhs.size() && std::isdigit(static_cast<unsigned char>(rhs[k]))) {
                    j = k;
                    while (j < rhs.size() && std::isdigit(static_cast<unsigned char>(rhs[j]))) ++j;
                }
            }
            r.put(rhs.substr(i, j - i), i);
            i = j;
            continue;
        }
        if (!ident_start(c)) {
            r.put(rhs.substr(i, 1), i);
            ++i;
            continue;
        }
        const std::size_t end = read_ident(rhs, i);
        const std::string_view word = rhs.substr(i, end - i);
        // dA/dB: a derivative when both sides read as names after their d or ∂.
        std::size_t k = end;
        while (k < rhs.size() && rhs[k] == ' ') ++k;
        if ((word.front() == 'd' || starts_with(word, kPartial)) && k < rhs.size() && rhs[k] == '/') {
            std::size_t m = k + 1;
            while (m < rhs.size() && rhs[m] == ' ') ++m;
            const std::size_t end2 = read_ident(rhs, m);
            const std::string_view word2 = rhs.substr(m, end2 - m);
            Quantity q;
            std::string err;
            if (!word2.empty() && (word2.front() == 'd' || starts_with(word2, kPartial))) {
                if (!parse_quantity(net, std::string(word) + "/" + std::string(word2), q, err)) return fail(i, err);
                r.put(var_for(q), i);
                i = end2;
                continue;
            }
        }
        if (library_name(word)) {
            r.put(word, i);
            i = end;
            continue;
        }
        Quantity q;
        std::string err;
        if (!parse_quantity(net, word, q, err)) return fail(i, "unknown name: " + err);
        r.put(var_for(q), i);
        i = end;
    }
    line.expr = std::move(r.out);
    line.expr_columns.clear();
    for (int o : r.origin) line.expr_columns.push_back(rhs_column + o);
    // A plain number: its written precision, for `rounding` and for matching rounded working.
    const std::string_view t = trim(rhs);
    double v = 0.0;
    const bool neg = !t.empty() && t.front() == '-';
    const std::string_view num = neg ? t.substr(1) : t;
    if (parse_decimal(num, v)) {
        line.literal = true;
        const std::size_t e = num.find_first_of("eE"), dot = num.find('.');
        int exponent = 0;
        if (e != std::string_view::npos) std::from_chars(num.data() + e + 1, num.data() + num.size(), exponent);
        const std::size_t mant_end = e == std::string_view::npos ? num.size() : e;
        const int decimals = dot == std::string_view::npos || dot > mant_end ? 0 : int(mant_end - dot - 1);
        line.literal_unit = std::pow(10.0, double(exponent - decimals));
    }
    return true;
}

} // namespace

// -----------------------------------------------------------------------------------------------
// [SECTION] Lines
// -----------------------------------------------------------------------------------------------

std::vector<WorkingLine> parse_working(const Network& net, std::string_view text)
{
    std::vector<WorkingLine> lines;
    int number = 0;
    while (!text.empty() || number == 0) {
        ++number;
        const std::size_t nl = text.find('\n');
        std::string_view raw = text.substr(0, nl);
        text = nl == std::string_view::npos ? std::string_view{} : text.substr(nl + 1);
        if (!raw.empty() && raw.back() == '\r') raw.remove_suffix(1);
        std::string_view body = raw.substr(0, raw.find('#'));
        if (trim(body).empty()) {
            if (text.empty()) break;
            continue;
        }
        WorkingLine w;
        w.line = number;
        w.text = std::string(raw);
        const std::size_t eq = body.find('=');
        if (eq == std::string_view::npos) {
            w.error = "no '=': write one quantity per line, e.g. a_12 = 0.3*2 + 0.2*5";
            w.column = 1;
        } else if (trim(body.substr(eq + 1)).empty()) {
            w.error = "nothing after '=': write a number or an expression";
            w.column = int(eq) + 2;
        } else {
            std::string err;
            if (!parse_quantity(net, body.substr(0, eq), w.q, err)) {
                w.error = err;
                w.column = int(body.find_first_not_of(" \t")) + 1;
            } else {
                w.ok = rewrite_right(net, body.substr(eq + 1), int(eq) + 2, w);
            }
        }
        lines.push_back(std::move(w));
        if (text.empty()) break;
    }
    return lines;
}

} // namespace gf::tutor
