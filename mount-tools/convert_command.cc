// `stacfs convert`: source files → one Kerchunk reference file.
//
// Each file is read into the converter's Dataset model — in this process, or with --jobs N in
// up to N worker processes (libhdf5 is not thread-safe), each running this same command on one
// file and handing its Dataset back as a reference file. The Datasets are combined along the
// concat dimension (or in a hypercube along several), small chunks are inlined, and the result
// is written atomically.
#include <dirent.h>
#include <fcntl.h>
#include <glob.h>
#include <sys/stat.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <set>

#include "converter/combine.h"
#include "converter/dataset_from_references.h"
#include "converter/read_crash_guard.h"
#include "converter/reference_stream.h"
#include "converter/source_file.h"
#include "core/base/file_util.h"
#include "core/fetch/file_fetcher.h"
#include "core/kerchunk/reference_file.h"
#include "core/url/url.h"
#include "mount-tools/command.h"

extern char** environ;

namespace stacfs {
namespace {

struct ConvertOptions {
  std::vector<std::string> inputs;
  std::string output;
  std::vector<std::string> concat_dims;  // several: files form a hypercube along them
  std::vector<std::string> identical_dims;
  std::string url_prefix;
  uint64_t inline_threshold = 500;
  unsigned jobs = 1;
};

// Expands globs (sorted, as `ls` would list them); a pattern that matches nothing is an error.
// A path that exists is taken as it is, even with glob characters in its name; a plain path
// that does not exist gets the system's reason ("No such file or directory"), not a glob's.
Result<std::vector<std::string>> ExpandInputs(const std::vector<std::string>& patterns) {
  std::vector<std::string> files;
  std::set<std::string> seen;
  for (const std::string& pattern : patterns) {
    struct stat info {};
    if (::stat(pattern.c_str(), &info) == 0) {
      std::string path = AbsolutePath(pattern);
      if (seen.insert(path).second) files.push_back(path);
      continue;
    }
    if (pattern.find_first_of("*?[") == std::string::npos) {
      return ErrnoError(errno, AbsolutePath(pattern));
    }
    glob_t matches{};
    int rc = ::glob(pattern.c_str(), GLOB_ERR, nullptr, &matches);
    if (rc == GLOB_NOMATCH) {
      ::globfree(&matches);
      return NotFound("no file matches '" + pattern + "'");
    }
    if (rc != 0) {
      ::globfree(&matches);
      return IoError("cannot expand '" + pattern + "'");
    }
    for (size_t i = 0; i < matches.gl_pathc; ++i) {
      std::string path = AbsolutePath(matches.gl_pathv[i]);
      if (seen.insert(path).second) files.push_back(path);
    }
    ::globfree(&matches);
  }
  return files;
}

// `text` as one line for a terminal or a log: names from a corrupt file can hold newlines and
// other control characters (C0, DEL, and C1 such as NEL, which some tools break lines on), which
// would split one message into several or garble the terminal. Each becomes '?'.
std::string OneLine(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    const auto byte = static_cast<unsigned char>(text[i]);
    if (byte < 0x20 || byte == 0x7F) {
      out += '?';
    } else if (byte == 0xC2 && i + 1 < text.size() &&
               static_cast<unsigned char>(text[i + 1]) >= 0x80 &&
               static_cast<unsigned char>(text[i + 1]) <= 0x9F) {
      out += '?';
      ++i;
    } else {
      out += text[i];
    }
  }
  return out;
}

std::string UrlFor(const std::string& path, const std::string& prefix) {
  if (prefix.empty()) return path;
  std::string url = prefix;
  if (url.back() != '/') url += '/';
  return url + UrlBaseName(path);
}

// What a finished worker said on stderr: its warnings are passed on; its summary line is not
// (the parent writes its own); its error line becomes the parent's one error line, so that a
// failure reads the same with and without --jobs.
std::optional<std::string> ForwardWorkerLog(const std::string& log_path) {
  std::optional<std::string> error;
  auto log = ReadFile(log_path);
  if (!log) return error;
  constexpr std::string_view kWarning = "stacfs: warning: ";
  constexpr std::string_view kError = "stacfs: error: ";
  std::string_view rest = *log;
  while (!rest.empty()) {
    size_t end = rest.find('\n');
    std::string_view line = rest.substr(0, end);
    rest = end == std::string_view::npos ? std::string_view() : rest.substr(end + 1);
    if (line.starts_with(kWarning)) {
      std::fprintf(stderr, "%.*s\n", static_cast<int>(line.size()), line.data());
    } else if (line.starts_with(kError) && !error) {
      error = std::string(line.substr(kError.size()));
    }
  }
  return error;
}

// Starts one worker converting `file` to `output`, its stderr going to `log`.
Result<pid_t> StartWorker(const std::string& file, const std::string& output, const std::string& log,
                          const ConvertOptions& options) {
  std::vector<std::string> args = {"/proc/self/exe", "convert", file, "-o", output,
                                   "--inline-threshold", std::to_string(options.inline_threshold)};
  if (!options.url_prefix.empty()) args.insert(args.end(), {"--url-prefix", options.url_prefix});
  std::vector<char*> argv;
  for (std::string& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  if (int rc = ::posix_spawn_file_actions_init(&actions); rc != 0) {
    return ErrnoError(rc, "start a worker process");
  }
  int rc = ::posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, log.c_str(),
                                              O_WRONLY | O_CREAT | O_TRUNC, 0644);
  pid_t pid = 0;
  // posix_spawn reports its failure as its return value, not in errno.
  if (rc == 0) rc = ::posix_spawn(&pid, "/proc/self/exe", &actions, nullptr, argv.data(), environ);
  ::posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) return ErrnoError(rc, "start a worker process");
  return pid;
}

// Removes the workers' directory and whatever is in it (outputs, logs, and the temporary file
// of a worker that was killed before it could remove it).
void RemoveWorkDir(const std::string& work_dir) {
  if (DIR* dir = ::opendir(work_dir.c_str())) {
    while (const dirent* entry = ::readdir(dir)) {
      std::string name = entry->d_name;
      if (name != "." && name != "..") ::unlink((work_dir + "/" + name).c_str());
    }
    ::closedir(dir);
  }
  ::rmdir(work_dir.c_str());
}

// Runs `stacfs convert FILE -o OUT` for each file in worker processes, at most `jobs` at once.
Result<std::vector<converter::Dataset>> ReadInWorkers(const std::vector<std::string>& files,
                                                      const ConvertOptions& options,
                                                      const std::string& work_dir) {
  std::vector<std::string> outputs(files.size());
  std::vector<pid_t> running;
  std::vector<size_t> running_index;
  std::optional<Error> failure;
  size_t next = 0, done = 0;
  auto log_of = [&](size_t index) { return work_dir + "/" + std::to_string(index) + ".log"; };
  auto wait_one = [&]() {
    int status = 0;
    pid_t pid = ::waitpid(-1, &status, 0);
    auto it = std::find(running.begin(), running.end(), pid);
    if (it == running.end()) return;
    size_t index = running_index[it - running.begin()];
    running_index.erase(running_index.begin() + (it - running.begin()));
    running.erase(it);
    ++done;
    std::optional<std::string> error = ForwardWorkerLog(log_of(index));
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
      if (failure) return;
      // The worker's own line names the file and says what is wrong with it; the code it had
      // is not carried over, only its words (all the CLI prints).
      if (error) {
        failure = Error(ErrorCode::kInvalidArgument, *error);
      } else if (WIFSIGNALED(status)) {
        failure = Unavailable(files[index] + ": the conversion was stopped by signal " +
                              std::to_string(WTERMSIG(status)));
      } else {
        failure = Unavailable(files[index] + ": the conversion failed without a message");
      }
    } else if (isatty(STDERR_FILENO)) {
      std::fprintf(stderr, "\r[%zu/%zu] read", done, files.size());
    }
  };
  while ((next < files.size() && !failure) || !running.empty()) {
    if (next < files.size() && !failure && running.size() < options.jobs) {
      outputs[next] = work_dir + "/" + std::to_string(next) + ".json";
      Result<pid_t> pid = StartWorker(files[next], outputs[next], log_of(next), options);
      if (!pid) {
        failure = std::move(pid).error();
        continue;
      }
      running.push_back(*pid);
      running_index.push_back(next++);
    } else {
      wait_one();
    }
  }
  if (isatty(STDERR_FILENO)) std::fprintf(stderr, "\n");
  if (failure) return std::move(*failure);
  std::vector<converter::Dataset> datasets;
  FileFetcher reader;
  for (const std::string& output : outputs) {
    STACFS_ASSIGN_OR_RETURN(ReferenceSet refs, LoadReferences(reader, output));
    STACFS_ASSIGN_OR_RETURN(converter::Dataset dataset, converter::DatasetFromReferences(refs));
    datasets.push_back(std::move(dataset));
  }
  return datasets;
}

Result<std::vector<converter::Dataset>> ReadInProcess(const std::vector<std::string>& files,
                                                      const ConvertOptions& options) {
  std::vector<converter::Dataset> datasets;
  for (size_t i = 0; i < files.size(); ++i) {
    converter::ReadOptions read;
    read.url = UrlFor(files[i], options.url_prefix);
    Result<converter::Dataset> dataset = [&] {
      converter::ReadCrashGuard guard(files[i]);  // libhdf5 can crash on a corrupt file
      return converter::ReadSourceFile(files[i], read);
    }();
    if (!dataset) return std::move(dataset).error();
    datasets.push_back(std::move(*dataset));
    if (files.size() > 1 && isatty(STDERR_FILENO)) std::fprintf(stderr, "\r[%zu/%zu] read", i + 1, files.size());
  }
  if (files.size() > 1 && isatty(STDERR_FILENO)) std::fprintf(stderr, "\n");
  return datasets;
}

Result<std::string> Convert(const ConvertOptions& options) {
  auto start = std::chrono::steady_clock::now();
  STACFS_ASSIGN_OR_RETURN(std::vector<std::string> files, ExpandInputs(options.inputs));
  std::string output = AbsolutePath(options.output);
  std::vector<converter::Dataset> datasets;
  if (options.jobs > 1 && files.size() > 1) {
    std::string work_dir = output + ".parts." + std::to_string(::getpid());
    if (::mkdir(work_dir.c_str(), 0755) != 0) return ErrnoError(errno, "create " + work_dir);
    auto read = ReadInWorkers(files, options, work_dir);
    RemoveWorkDir(work_dir);
    if (!read) return std::move(read).error();
    datasets = std::move(*read);
  } else {
    STACFS_ASSIGN_OR_RETURN(datasets, ReadInProcess(files, options));
  }
  FileFetcher reader;
  converter::CombineOptions combine;
  combine.concat_dims = options.concat_dims;
  combine.identical_dims = options.identical_dims;
  STACFS_ASSIGN_OR_RETURN(converter::Dataset combined,
                          converter::CombineDatasets(std::move(datasets), files, combine, reader));
  for (const std::string& warning : combined.warnings) {
    // With several files the combiner has named the file in each warning already.
    const std::string where = files.size() == 1 ? files[0] + ": " : "";
    std::fprintf(stderr, "stacfs: warning: %s%s\n", where.c_str(), OneLine(warning).c_str());
  }
  converter::WriteOptions write;
  write.inline_threshold = options.inline_threshold;
  // Streamed from the Dataset: no ReferenceSet or whole JSON text alongside it (memory).
  STACFS_ASSIGN_OR_RETURN(converter::StreamedReferences written,
                          converter::WriteReferencesJsonFile(combined, write, output));
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  uint64_t chunks = 0;
  for (const converter::Variable& v : combined.variables) chunks += v.chunks.size() + v.inline_chunks.size();
  char summary[512];
  std::snprintf(summary, sizeof summary, "wrote %s: %zu keys, %llu chunks of %zu variables from %zu file%s in %.2f s",
                output.c_str(), static_cast<size_t>(written.keys), static_cast<unsigned long long>(chunks), combined.variables.size(),
                files.size(), files.size() == 1 ? "" : "s", seconds);
  return std::string(summary);
}

}  // namespace

void RegisterConvertCommand(CLI::App& app, const GlobalOptions& globals, CommandAction* run) {
  (void)globals;
  auto options = std::make_shared<ConvertOptions>();
  CLI::App* cmd = app.add_subcommand(
      "convert", "Write Kerchunk references for netCDF4/HDF5 and netCDF3 files, combining several into one dataset");
  cmd->add_option("FILE", options->inputs, "Source files or globs (quote globs for many files)")->required();
  cmd->add_option("-o,--output", options->output, "The reference file to write (JSON, Kerchunk version 1)")
      ->required();
  cmd->add_option("--concat-dim", options->concat_dims,
                  "Dimension to concatenate files along (default: the one whose coordinate values differ); "
                  "several, comma separated or repeated, combine files that form a hypercube along them "
                  "(e.g. time,member: one file per member and time block)")
      ->delimiter(',');
  cmd->add_option("--identical-dims", options->identical_dims,
                  "Coordinates that must be equal in every file (checked), comma separated")
      ->delimiter(',');
  cmd->add_option("--url-prefix", options->url_prefix,
                  "Write chunk URLs as PREFIX + file name (e.g. http://host/data/) instead of absolute paths");
  cmd->add_option("--inline-threshold", options->inline_threshold,
                  "Store chunks of at most this many bytes inside the reference file")
      ->capture_default_str();
  cmd->add_option("-j,--jobs", options->jobs, "Read files in this many worker processes")
      ->check(CLI::Range(1u, 256u))
      ->capture_default_str();
  cmd->footer(
      "Examples:\n"
      "  stacfs convert tas_2000.nc -o tas_2000.json\n"
      "  stacfs convert 'tas_day_*.nc' -o tas_day.json --jobs 4              # aggregated along time\n"
      "  stacfs convert a.nc b.nc -o ab.json --concat-dim time --identical-dims lat,lon\n"
      "  stacfs convert 'tas_m*_*.nc' -o ensemble.json --concat-dim time,member   # 2 members x 3 years = 6 files\n"
      "  stacfs convert 'data/*.nc' -o refs.json --url-prefix https://host/data/");
  cmd->callback([options, run] {
    *run = [options] {
      auto summary = Convert(*options);
      // One line, whatever the names in it: scripts and the workers' parent read it as one.
      if (!summary) return ReportError(Error(summary.error().code(), OneLine(summary.error().ToString())));
      std::fprintf(stderr, "%s\n", summary->c_str());
      return 0;
    };
  });
}

}  // namespace stacfs
