// gradflow-cli: the engine from a terminal. Every command reads a network from --preset NAME or a
// JSON config file (or - for standard input). Bad usage or a bad config: a message on stderr and
// exit code 2; `check` exits 1 when backprop and finite differences disagree, every command exits 1
// when a value overflows double precision (the message names it).
#include "core/config.hpp"
#include "core/derive.hpp"
#include "core/finite.hpp"
#include "core/gradcheck.hpp"
#include "core/names.hpp"
#include "core/paths.hpp"
#include "core/report.hpp"
#ifdef GRADFLOW_HAVE_TUTOR
#include "tutor/tutor.hpp"
#endif

#include <unistd.h>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

namespace {

constexpr const char* kUsage = R"(gradflow-cli — forward, backward and every chain-rule path of a small network

usage:
  gradflow-cli eval    (--preset NAME | FILE.json)
  gradflow-cli derive  (--preset NAME | FILE.json) --param NAME [--format text|markdown|latex] [--limit N]
  gradflow-cli paths   (--preset NAME | FILE.json) --param NAME [--json] [--limit N] [--search-cap N]
  gradflow-cli check   (--preset NAME | FILE.json) [--all] [--quiet]
  gradflow-cli train   (--preset NAME | FILE.json) [--steps N] [--quiet]
  gradflow-cli train   (--preset NAME | FILE.json) --epochs N [--json] [--quiet]   (a config with a dataset)
  gradflow-cli tutor   (--preset NAME | FILE.json) --working FILE|- [--json]
  gradflow-cli presets
  gradflow-cli --help

  FILE.json may be - to read the config from standard input (at most 256 MiB are read).
  --quiet turns off the progress line that check and train write to a terminal's stderr.
  --param takes the notes' names, 1-based: w_212 (layer 2, to neuron 1, from neuron 2),
          w_{2,1,12} when an index is 10 or more, W2[1,2], b_21, b2[1], a_21, h_13, yhat_1, x_1.

commands:
  eval     one forward/backward pass on the shown sample and the next training step (full batch,
           mean gradient over all samples, as the app's Step), as JSON: loss, a, h, output, dW, db,
           W_next, b_next, loss_next
  derive   the chain-rule derivation of dL/d(param): every path, numbers, sum, finite difference
  paths    the paths from a parameter or node to the loss, largest |product| first (default 20).
           The search keeps at most --search-cap partial paths (default 8388608, about 130 bytes
           each); when it reaches the cap it lists fewer than asked and says so
  check    central finite differences on every weight and bias (a fixed sample of 2000 when there
           are more, unless --all); exit 1 if any disagrees
  train    N steps (default 100) of gradient descent over the config's samples; prints the loss.
           Ctrl-C stops after the current step and prints the loss so far (exit 130).
           With a "dataset" (presets circle, xor-data, gauss, spiral, plane, gauss-reg): --epochs N
           (default 100) epochs of mini-batch SGD, then the train and test loss (and accuracy for
           classification); --json prints {"epochs", "train_loss", "test_loss", "train_accuracy",
           "test_accuracy"}
  tutor    check a hand derivation, one quantity per line (a_12 = 0.3*2 + …, dL/dw_212 = …):
           each line right, follows through (right given the earlier lines), a named slip, or
           an error; exit 0 even when slips are found
  presets  the built-in networks

exit codes: 0 ok, 1 check failed / training diverged / a value overflowed, 2 bad usage or bad config
)";

struct UsageError {
    std::string msg;
};

struct Args {
    std::string command;
    std::string preset, file, param, format = "text";
    std::string working; // tutor: the working's file, or - for standard input
    bool json = false, has_limit = false, quiet = false, all = false;
    std::size_t limit = 20;
    std::size_t search_cap = gf::kMaxSearchNodes;
    int steps = 100;
    bool has_steps = false;
    int epochs = 100; // train over a dataset
    bool has_epochs = false;
};

long parse_count(const std::string& flag, const std::string& v, long lo, long hi)
{
    long n = 0;
    auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
    if (ec != std::errc{} || p != v.data() + v.size() || n < lo || n > hi)
        throw UsageError{flag + " takes a whole number from " + std::to_string(lo) + " to " + std::to_string(hi) +
                         ", not \"" + gf::clip_utf8(v, 32) + "\""};
    return n;
}

Args parse_args(int argc, char** argv)
{
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
        if (s == "--preset")
            a.preset = value();
        else if (s == "--param")
            a.param = value();
        else if (s == "--format")
            a.format = value();
        else if (s == "--working")
            a.working = value();
        else if (s == "--json")
            a.json = true;
        else if (s == "--quiet" || s == "-q")
            a.quiet = true;
        else if (s == "--all")
            a.all = true;
        else if (s == "--limit") {
            a.limit = std::size_t(parse_count(s, value(), 1, 100000));
            a.has_limit = true;
        } else if (s == "--search-cap")
            a.search_cap = std::size_t(parse_count(s, value(), 1000, 1L << 28));
        else if (s == "--steps") {
            a.steps = int(parse_count(s, value(), 0, 10000000));
            a.has_steps = true;
        } else if (s == "--epochs") {
            a.epochs = int(parse_count(s, value(), 0, 10000000));
            a.has_epochs = true;
        } else if (s == "--help" || s == "-h") {
            a.command = "--help";
        } else if (!s.empty() && s[0] == '-' && s != "-")
            throw UsageError{"unknown option " + s};
        else if (a.file.empty())
            a.file = s;
        else
            throw UsageError{"unexpected argument \"" + s + "\" (only one config file is read)"};
    }
    return a;
}

gf::Config load(const Args& a)
{
    if (!a.preset.empty() && !a.file.empty()) throw UsageError{"give either --preset or a config file, not both"};
    if (!a.preset.empty()) return gf::preset(a.preset);
    if (a.file.empty())
        throw UsageError{"give a network: --preset NAME (see `gradflow-cli presets`) or a config FILE.json"};
    try {
        std::string text;
        if (a.file == "-") {
            text = gf::read_config_text(std::cin);
        } else {
            std::ifstream in(a.file, std::ios::binary);
            if (!in) throw gf::ConfigError("cannot open " + a.file + ": check the path");
            text = gf::read_config_text(in);
        }
        return gf::parse_config(text);
    } catch (const gf::ConfigError& e) {
        throw gf::ConfigError((a.file == "-" ? std::string("<stdin>") : a.file) + ": " + e.what());
    }
}

gf::NodeRef require_param(const Args& a, const gf::Network& net)
{
    if (a.param.empty()) throw UsageError{a.command + " needs --param NAME, e.g. --param w_212"};
    gf::NodeRef r;
    std::string err;
    if (!gf::parse_node(net, a.param, r, err)) throw gf::ConfigError(err);
    return r;
}

// Ctrl-C during check or train: finish the current step, then report what was done. A second
// Ctrl-C ends the program at once (SA_RESETHAND restores the default action).
volatile std::sig_atomic_t g_interrupted = 0;
timespec g_first_sigint{}; // when the first Ctrl-C came (written by the handler only)

// The first Ctrl-C asks the loop to stop (it prints what it has); a second one at least half a
// second later ends the program at once. Copies of the first that arrive together are ignored:
// coreutils' timeout, for one, signals the child and then its whole process group, and a reset
// handler (SA_RESETHAND) let that second copy kill the program before it printed anything.
extern "C" void on_sigint(int)
{
    timespec now{};
    clock_gettime(CLOCK_MONOTONIC, &now); // async-signal-safe, as are signal() and raise()
    if (!g_interrupted) {
        g_first_sigint = now;
        g_interrupted = 1;
        return;
    }
    const double since =
        double(now.tv_sec - g_first_sigint.tv_sec) + double(now.tv_nsec - g_first_sigint.tv_nsec) * 1e-9;
    if (since > 0.5) {
        std::signal(SIGINT, SIG_DFL);
        std::raise(SIGINT);
    }
}

void stop_on_sigint()
{
    struct sigaction sa {};
    sa.sa_handler = on_sigint;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, nullptr);
}

// A progress line on stderr, rewritten at most once a second, only when stderr is a terminal and
// --quiet was not given (a pipe or a log file gets no carriage returns).
class Progress {
public:
    explicit Progress(bool quiet) : on_(!quiet && isatty(STDERR_FILENO)) {}
    ~Progress() { clear(); }
    // what() gives the words after "done/total"; it is only called when a line is drawn, so a
    // fast loop pays for one clock read per call.
    template <class Words>
    void update(std::size_t done, std::size_t total, Words&& what)
    {
        if (!on_) return;
        const auto now = std::chrono::steady_clock::now();
        if (now - last_ < std::chrono::seconds(1)) return;
        last_ = now;
        const double elapsed = std::chrono::duration<double>(now - start_).count();
        const int width = 24, filled = int(double(width) * double(done) / double(std::max<std::size_t>(total, 1)));
        std::string bar =
            "[" + std::string(std::size_t(filled), '#') + std::string(std::size_t(width - filled), '.') + "]";
        char eta[32] = "";
        if (done > 0 && done < total)
            std::snprintf(eta, sizeof eta, ", about %.0f s left", elapsed * double(total - done) / double(done));
        std::fprintf(stderr, "\r%s %zu/%zu %s%s (Ctrl-C stops)\033[K", bar.c_str(), done, total, what().c_str(), eta);
        std::fflush(stderr);
        shown_ = true;
    }
    void clear()
    {
        if (shown_) std::fputs("\r\033[K", stderr);
        shown_ = false;
    }

private:
    bool on_;
    bool shown_ = false;
    std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
    std::chrono::steady_clock::time_point last_ = start_; // the first line after a second
};

// One forward/backward pass; a value that overflowed is an error naming it, never a printed null.
gf::Trace trace_of(const gf::Config& c)
{
    gf::Trace t = gf::forward_backward(c.net, c.sample());
    if (auto e = gf::non_finite_in_trace(c.net, t); !e.empty()) throw gf::NumericError(e);
    return t;
}

// ---- tutor: check a student's working (issue 9) ----
int run_tutor(const Args& a)
{
#ifdef GRADFLOW_HAVE_TUTOR
    if (a.working.empty())
        throw UsageError{"tutor needs --working FILE (or - for standard input): one quantity per line"};
    if (a.working == "-" && a.file == "-") throw UsageError{"the config and the working cannot both come from stdin"};
    const gf::Config c = load(a);
    std::string text;
    if (a.working == "-") {
        text = gf::read_config_text(std::cin);
    } else {
        std::ifstream in(a.working, std::ios::binary);
        if (!in) throw gf::ConfigError("cannot open " + a.working + ": check the path");
        text = gf::read_config_text(in);
    }
    const gf::tutor::WorkingReport r = gf::tutor::check_working(c.net, c.sample(), text);
    if (a.json)
        std::printf("%s\n", gf::tutor::working_json(c.net, r).c_str());
    else
        std::fputs(gf::tutor::format_working(r).c_str(), stdout);
    return 0;
#else
    (void)a;
    throw UsageError{"this gradflow-cli was built without the tutor (it needs muparser: install libmuparser-dev)"};
#endif
}

// The shortest text that reads back as the same double (0.612, not 0.61199999999999999).
std::string json_number(double v)
{
    char buf[32];
    const auto r = std::to_chars(buf, buf + sizeof buf, v);
    return std::string(buf, r.ptr);
}

// `train` on a config with a dataset: epochs of mini-batch SGD, then the losses (and accuracies).
int train_on_dataset(const Args& a, gf::Config& c)
{
    if (a.has_steps)
        throw UsageError{"this config has a dataset, so it trains by epochs: use --epochs N instead of --steps"};
    gf::Dataset data;
    if (std::string e = gf::make_dataset(*c.dataset, data); !e.empty()) throw gf::ConfigError("dataset.csv: " + e);
    stop_on_sigint();
    Progress progress(a.quiet);
    const gf::DataTrainResult r =
        gf::train_on_data(c.net, *c.dataset, data, c.batch_options(), a.epochs, [&](int done) {
            progress.update(std::size_t(done), std::size_t(a.epochs), [] { return std::string("epochs"); });
            return !g_interrupted;
        });
    progress.clear();
    if (r.diverged) {
        std::fprintf(stderr, "gradflow-cli: training stopped: %s\n", r.message.c_str());
        return 1;
    }
    const gf::DataMetrics& m = r.metrics;
    if (a.json) {
        std::printf("{\n  \"epochs\": %d,\n  \"train_loss\": %s,\n  \"test_loss\": %s", r.epochs_done,
                    json_number(m.train_loss).c_str(), json_number(m.test_loss).c_str());
        if (m.classification)
            std::printf(",\n  \"train_accuracy\": %s,\n  \"test_accuracy\": %s", json_number(m.train_accuracy).c_str(),
                        json_number(m.test_accuracy).c_str());
        std::printf("\n}\n");
    } else {
        std::printf("epochs %d  train loss %.12g  test loss %.12g", r.epochs_done, m.train_loss, m.test_loss);
        if (m.classification)
            std::printf("  train accuracy %.4g  test accuracy %.4g", m.train_accuracy, m.test_accuracy);
        std::printf("\n");
    }
    if (r.stopped) {
        std::fprintf(stderr, "gradflow-cli: training stopped by Ctrl-C after epoch %d of %d\n", r.epochs_done,
                     a.epochs);
        return 130;
    }
    return 0;
}

int run(const Args& a)
{
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
        const gf::Trace t = trace_of(c);
        const gf::Derivation d =
            gf::derive(c.net, c.sample(), t, r, a.has_limit ? a.limit : gf::kDefaultDerivationPaths);
        std::fputs(gf::format_derivation(c.net, d, f).c_str(), stdout);
        return 0;
    }
    if (a.command == "paths") {
        const gf::Config c = load(a);
        const gf::NodeRef r = require_param(a, c.net);
        const gf::Trace t = trace_of(c);
        const gf::PathSet ps = gf::enumerate_paths(c.net, t, r, a.limit, a.search_cap);
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
        if (ps.truncated) std::printf("note: %s\n", gf::search_note(ps).c_str());
        return 0;
    }
    if (a.command == "check") {
        const gf::Config c = load(a);
        stop_on_sigint();
        Progress progress(a.quiet);
        gf::GradCheckOptions options;
        options.all = a.all;
        options.progress = [&](std::size_t done, std::size_t total) {
            progress.update(done, total, [] { return std::string("parameters checked"); });
            return !g_interrupted;
        };
        const gf::GradCheckReport r = gf::gradient_check(c.net, c.sample(), options);
        progress.clear();
        std::size_t bad = 0;
        for (const gf::FdCheck& e : r.entries) {
            if (e.ok) continue;
            ++bad;
            std::printf("DISAGREE %-10s backprop %s  finite difference %s  (abs error %s)\n",
                        gf::node_name(c.net, e.ref).c_str(), gf::format_number(e.backprop, 12).c_str(),
                        gf::format_number(e.numeric, 12).c_str(), gf::format_number(e.abs_err, 3).c_str());
        }
        std::string what = std::to_string(r.entries.size()) + " parameters";
        if (r.sampled || r.stopped) what += " of " + std::to_string(r.param_count);
        if (r.sampled) what += " (a fixed sample; --all checks every one)";
        std::printf("%s checked by central differences (h = %g·max(1,|v|)); largest relative error %s (%s), "
                    "largest absolute error %s\n",
                    what.c_str(), gf::kFdStep, gf::format_number(r.max_rel_err, 3).c_str(),
                    gf::node_name(c.net, r.worst).c_str(), gf::format_number(r.max_abs_err, 3).c_str());
        if (r.non_finite > 0)
            std::printf("%zu of them are not finite numbers (inf or NaN): the loss or a gradient overflowed; "
                        "use smaller weights or inputs\n",
                        r.non_finite);
        if (r.ok)
            std::printf("OK: backprop agrees with finite differences\n");
        else
            std::printf("NOT OK: %zu gradients disagree\n", bad);
        if (r.stopped) {
            std::fprintf(stderr, "gradflow-cli: check stopped by Ctrl-C after %zu parameters\n", r.entries.size());
            return 130;
        }
        return r.ok ? 0 : 1;
    }
    if (a.command == "train") {
        gf::Config c = load(a);
        if (c.dataset) return train_on_dataset(a, c);
        if (a.has_epochs)
            throw UsageError{"--epochs needs a config with a \"dataset\" (e.g. --preset spiral); this one trains on "
                             "its samples: use --steps N"};
        stop_on_sigint();
        Progress progress(a.quiet);
        const gf::TrainResult r =
            gf::train(c.net, c.samples, a.steps, c.learning_rate, c.train_biases, [&](int done, double loss) {
                progress.update(std::size_t(done), std::size_t(a.steps),
                                [&] { return "steps, loss " + gf::format_number(loss, 6); });
                return !g_interrupted;
            });
        progress.clear();
        const std::size_t n = r.loss_history.size();
        for (std::size_t i = 0; i < n; ++i)
            if (i < 5 || i + 5 >= n || i % std::max<std::size_t>(1, n / 10) == 0)
                std::printf("step %6zu  loss %.12g\n", i, r.loss_history[i]);
        if (r.diverged) {
            std::fprintf(stderr, "gradflow-cli: training stopped: %s\n", r.message.c_str());
            return 1;
        }
        if (r.stopped) {
            std::fprintf(stderr,
                         "gradflow-cli: training stopped by Ctrl-C after step %d of %d; the loss above is "
                         "the loss after it\n",
                         r.steps_done, a.steps);
            return 130;
        }
        return 0;
    }
    if (a.command == "tutor") return run_tutor(a);
    throw UsageError{"unknown command \"" + gf::clip_utf8(a.command, 32) + "\""};
}

} // namespace

int main(int argc, char** argv)
{
    try {
        return run(parse_args(argc, argv));
    } catch (const UsageError& e) {
        std::fprintf(stderr, "gradflow-cli: %s\nRun `gradflow-cli --help` for usage.\n", e.msg.c_str());
        return 2;
    } catch (const gf::ConfigError& e) {
        std::fprintf(stderr, "gradflow-cli: error: %s\n", e.what());
        return 2;
    } catch (const gf::NumericError& e) {
        std::fprintf(stderr, "gradflow-cli: cannot compute: %s\n", e.what());
        return 1;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "gradflow-cli: internal error: %s\n", e.what());
        return 3;
    }
}
