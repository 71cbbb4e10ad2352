// gradflow-cli: the engine from a terminal. Every command reads a network from --preset NAME or a
// JSON config file (or - for standard input). Bad usage or a bad config: a message on stderr and
// exit code 2; `check` exits 1 when backprop and finite differences disagree.
#include "core/config.hpp"
#include "core/derive.hpp"
#include "core/gradcheck.hpp"
#include "core/names.hpp"
#include "core/paths.hpp"
#include "core/report.hpp"

#include <charconv>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

namespace {

constexpr const char* kUsage = R"(gradflow-cli — forward, backward and every chain-rule path of a small network

usage:
  gradflow-cli eval    (--preset NAME | FILE.json)
  gradflow-cli derive  (--preset NAME | FILE.json) --param NAME [--format text|markdown|latex] [--limit N]
  gradflow-cli paths   (--preset NAME | FILE.json) --param NAME [--json] [--limit N]
  gradflow-cli check   (--preset NAME | FILE.json)
  gradflow-cli train   (--preset NAME | FILE.json) [--steps N]
  gradflow-cli presets
  gradflow-cli --help

  FILE.json may be - to read the config from standard input.
  --param takes the notes' names, 1-based: w_212 (layer 2, to neuron 1, from neuron 2),
          w_{2,1,12} when an index is 10 or more, W2[1,2], b_21, b2[1], a_21, h_13, yhat_1, x_1.

commands:
  eval     one forward/backward pass and one SGD step, as JSON: loss, a, h, output, dW, db,
           W_next, b_next, loss_next
  derive   the chain-rule derivation of dL/d(param): every path, numbers, sum, finite difference
  paths    the paths from a parameter or node to the loss, largest |product| first (default 20)
  check    central finite differences on every weight and bias; exit 1 if any disagrees
  train    N steps (default 100) of gradient descent over the config's samples; prints the loss
  presets  the built-in networks

exit codes: 0 ok, 1 check failed / training diverged, 2 bad usage or bad config
)";

struct UsageError {
    std::string msg;
};

struct Args {
    std::string command;
    std::string preset, file, param, format = "text";
    bool json = false, has_limit = false;
    std::size_t limit = 20;
    int steps = 100;
};

long parse_count(const std::string& flag, const std::string& v, long lo, long hi) {
    long n = 0;
    auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
    if (ec != std::errc{} || p != v.data() + v.size() || n < lo || n > hi)
        throw UsageError{flag + " takes a whole number from " + std::to_string(lo) + " to " + std::to_string(hi) +
                         ", not \"" + v.substr(0, 32) + "\""};
    return n;
}

Args parse_args(int argc, char** argv) {
    Args a;
    std::vector<std::string> v(argv + 1, argv + argc);
    if (v.empty()) throw UsageError{"no command given"};
    a.command = v[0];
    for (std::size_t i = 1; i < v.size(); ++i) {
        const std::string& s = v[i];
        auto value = [&]() -> std::string {
            if (i + 1 >= v.size()) throw UsageError{s + " needs a value"};
            return v[++i];
        };
        if (s == "--preset") a.preset = value();
        else if (s == "--param") a.param = value();
        else if (s == "--format") a.format = value();
        else if (s == "--json") a.json = true;
        else if (s == "--limit") { a.limit = std::size_t(parse_count(s, value(), 1, 100000)); a.has_limit = true; }
        else if (s == "--steps") a.steps = int(parse_count(s, value(), 0, 10000000));
        else if (s == "--help" || s == "-h") { a.command = "--help"; }
        else if (!s.empty() && s[0] == '-' && s != "-") throw UsageError{"unknown option " + s};
        else if (a.file.empty()) a.file = s;
        else throw UsageError{"unexpected argument \"" + s + "\" (only one config file is read)"};
    }
    return a;
}

gf::Config load(const Args& a) {
    if (!a.preset.empty() && !a.file.empty()) throw UsageError{"give either --preset or a config file, not both"};
    if (!a.preset.empty()) return gf::preset(a.preset);
    if (a.file.empty()) throw UsageError{"give a network: --preset NAME (see `gradflow-cli presets`) or a config FILE.json"};
    std::stringstream buf;
    if (a.file == "-") {
        buf << std::cin.rdbuf();
    } else {
        std::ifstream in(a.file, std::ios::binary);
        if (!in) throw gf::ConfigError("cannot open " + a.file + ": check the path");
        buf << in.rdbuf();
    }
    const std::string text = buf.str();
    try {
        return gf::parse_config(text);
    } catch (const gf::ConfigError& e) {
        throw gf::ConfigError((a.file == "-" ? std::string("<stdin>") : a.file) + ": " + e.what());
    }
}

gf::NodeRef require_param(const Args& a, const gf::Network& net) {
    if (a.param.empty()) throw UsageError{a.command + " needs --param NAME, e.g. --param w_212"};
    gf::NodeRef r;
    std::string err;
    if (!gf::parse_node(net, a.param, r, err)) throw gf::ConfigError(err);
    return r;
}

int run(const Args& a) {
    if (a.command == "--help" || a.command == "-h" || a.command == "help") {
        std::fputs(kUsage, stdout);
        return 0;
    }
    if (a.command == "presets") {
        for (const gf::PresetInfo& p : gf::presets())
            std::printf("%-11s %s\n", std::string(p.name).c_str(), std::string(p.summary).c_str());
        return 0;
    }
    if (a.command == "eval") {
        const gf::Config c = load(a);
        std::printf("%s\n", gf::eval_json(c).c_str());
        return 0;
    }
    if (a.command == "derive") {
        gf::DerivFormat f;
        if (!gf::parse_deriv_format(a.format, f)) throw UsageError{"--format takes text, markdown or latex"};
        const gf::Config c = load(a);
        const gf::NodeRef r = require_param(a, c.net);
        const gf::Trace t = gf::forward_backward(c.net, c.sample());
        const gf::Derivation d = gf::derive(c.net, c.sample(), t, r, a.has_limit ? a.limit : gf::kDefaultDerivationPaths);
        std::fputs(gf::format_derivation(c.net, d, f).c_str(), stdout);
        return 0;
    }
    if (a.command == "paths") {
        const gf::Config c = load(a);
        const gf::NodeRef r = require_param(a, c.net);
        const gf::Trace t = gf::forward_backward(c.net, c.sample());
        const gf::PathSet ps = gf::enumerate_paths(c.net, t, r, a.limit);
        if (a.json) {
            std::printf("%s\n", gf::paths_json(c.net, ps).c_str());
            return 0;
        }
        std::printf("%.17g paths from %s to L; listing %zu, largest |product| first\n", ps.count,
                    gf::node_name(c.net, r).c_str(), ps.paths.size());
        for (std::size_t i = 0; i < ps.paths.size(); ++i) {
            const gf::Path& p = ps.paths[i];
            const std::string nodes = gf::path_route(c.net, p);
            std::printf("%4zu  %-40s  %s\n", i + 1, nodes.c_str(), gf::format_number(p.product, 12).c_str());
        }
        std::printf("sum of listed: %s\nbackprop:      %s\n", gf::format_number(ps.listed_sum, 15).c_str(),
                    gf::format_number(ps.gradient, 15).c_str());
        return 0;
    }
    if (a.command == "check") {
        const gf::Config c = load(a);
        const gf::GradCheckReport r = gf::gradient_check(c.net, c.sample());
        std::size_t bad = 0;
        for (const gf::FdCheck& e : r.entries) {
            if (e.ok) continue;
            ++bad;
            std::printf("DISAGREE %-10s backprop %.12g  finite difference %.12g  (abs error %.3g)\n",
                        gf::node_name(c.net, e.ref).c_str(), e.backprop, e.numeric, e.abs_err);
        }
        std::printf("%zu parameters checked by central differences (h = %g·max(1,|v|)); largest relative error %.3g (%s), "
                    "largest absolute error %.3g\n%s\n",
                    r.entries.size(), gf::kFdStep, r.max_rel_err, gf::node_name(c.net, r.worst).c_str(), r.max_abs_err,
                    r.ok ? "OK: backprop agrees with finite differences"
                         : ("NOT OK: " + std::to_string(bad) + " gradients disagree").c_str());
        return r.ok ? 0 : 1;
    }
    if (a.command == "train") {
        gf::Config c = load(a);
        const gf::TrainResult r = gf::train(c.net, c.samples, a.steps, c.learning_rate, c.train_biases);
        const std::size_t n = r.loss_history.size();
        for (std::size_t i = 0; i < n; ++i)
            if (i < 5 || i + 5 >= n || i % std::max<std::size_t>(1, n / 10) == 0)
                std::printf("step %6zu  loss %.12g\n", i, r.loss_history[i]);
        if (r.diverged) {
            std::fprintf(stderr, "gradflow-cli: training stopped: %s\n", r.message.c_str());
            return 1;
        }
        return 0;
    }
    throw UsageError{"unknown command \"" + a.command.substr(0, 32) + "\""};
}

} // namespace

int main(int argc, char** argv) {
    try {
        return run(parse_args(argc, argv));
    } catch (const UsageError& e) {
        std::fprintf(stderr, "gradflow-cli: %s\nRun `gradflow-cli --help` for usage.\n", e.msg.c_str());
        return 2;
    } catch (const gf::ConfigError& e) {
        std::fprintf(stderr, "gradflow-cli: error: %s\n", e.what());
        return 2;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "gradflow-cli: internal error: %s\n", e.what());
        return 3;
    }
}
