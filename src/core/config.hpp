// The JSON config (README "Config format") and the built-in presets.
#pragma once

#include "core/dataset.hpp"
#include "core/json.hpp"
#include "core/minibatch.hpp"
#include "core/network.hpp"

#include <cstdint>
#include <iosfwd>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace gf {

// A config the person gave us is wrong. what() names the field and the fix.
class ConfigError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

struct Config {
    std::string name;
    std::string description;
    Network net;
    std::vector<Sample> samples; // never empty; samples[0] is the one shown
    double learning_rate = 0.1;
    bool train_biases = true;
    std::optional<std::uint64_t> init_seed; // set when W came from the initialiser
    // Training over data (README "Data"): set when the config has a "dataset". Then samples[0]
    // is the first training point unless x/y were given.
    std::optional<DataSpec> dataset;
    int batch_size = 10;
    Regularization regularization = Regularization::none;
    double regularization_rate = 0.0;

    BatchOptions batch_options() const
    {
        return {batch_size, learning_rate, regularization, regularization_rate, train_biases};
    }

    const Sample& sample() const { return samples.front(); }
    bool operator==(const Config&) const = default;
};

inline constexpr std::size_t kMaxConfigBytes = std::size_t(256) << 20;

// Parses and validates. Throws ConfigError with a message that names the field and the fix.
// A key given twice in one object, and a NUL byte anywhere, are refused (the key or the byte's
// offset named): a JSON reader would keep one of the two, or stop at the NUL, without a word.
Config parse_config(std::string_view json_text);

// Fills in what a config may leave out, as parse_config does for a text without those fields
// (README "Config format"), so the presets built in C++ and configs read from text share one
// derivation: no W → init_weights(init_seed, 1 when unset, which init_seed then records); no b →
// zeros; a dataset and no sample → samples = {the first training point}. `data` is *c.dataset
// already built (parse_config has it from checking the CSV); when null it is built here. Throws
// ConfigError when the dataset cannot be built or does not fit the network.
void complete_config(Config& c, const Dataset* data = nullptr);

// Reads a config's text from a file or pipe, stopping at the first NUL byte or once more than
// kMaxConfigBytes have arrived, so an endless stream (/dev/zero, a runaway pipe) is refused
// quickly and in bounded memory. Throws ConfigError.
std::string read_config_text(std::istream& in);

// The config as JSON that parse_config reads back to an equal Config. W and b are always written.
std::string config_to_json(const Config& c, int indent = 2);
// The same as a JSON value, fields in that order (the page's getConfig() answers it without
// writing and reading the numbers back).
json::Value config_to_value(const Config& c);

// The built-in presets (presets.cpp): built as C++ values, never parsed from text, so showing one
// needs no JSON reader.
struct PresetInfo {
    std::string_view name;
    std::string_view summary;
};
const std::vector<PresetInfo>& presets();
// Throws ConfigError naming the presets that exist.
Config preset(std::string_view name);

} // namespace gf
