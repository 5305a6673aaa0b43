// The real binary (or any program) as a child process, its output in files: started and
// waited for (RunChild), or started and left running to be killed (StartChild).
#pragma once

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "support/temp_files.h"

namespace hoptac::testing {

// Starts argv[0] with `argv`, standard output and error written to out_path and err_path,
// the variables of `env` set. The process id, or -1 when fork failed.
inline pid_t StartChild(const std::vector<std::string>& argv, const std::filesystem::path& out_path,
                        const std::filesystem::path& err_path,
                        const std::vector<std::pair<std::string, std::string>>& env = {}) {
  pid_t pid = fork();
  if (pid == 0) {
    int out_fd = open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    int err_fd = open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    dup2(out_fd, 1);
    dup2(err_fd, 2);
    for (const auto& [name, value] : env) setenv(name.c_str(), value.c_str(), 1);
    std::vector<std::string> copy = argv;
    std::vector<char*> args;
    for (auto& a : copy) args.push_back(a.data());
    args.push_back(nullptr);
    execv(args[0], args.data());
    _exit(127);
  }
  return pid;
}

// Waits for the child: its exit code, or 128 + the signal that ended it.
inline int WaitChild(pid_t pid) {
  int status = 0;
  if (waitpid(pid, &status, 0) != pid) return -1;
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

struct ChildRun {
  int exit_code = -1;
  std::string out, err;
};

// Runs argv to its end in a folder of this process's temporary files (named after `tag`),
// capturing standard output and error.
inline ChildRun RunChild(const std::vector<std::string>& argv,
                         const std::vector<std::pair<std::string, std::string>>& env = {},
                         const std::string& tag = "hoptac_child") {
  static int counter = 0;
  const std::filesystem::path& dir = TempDir(tag);
  const std::string n = std::to_string(++counter);
  std::filesystem::path out = dir / ("out" + n), err = dir / ("err" + n);
  ChildRun run;
  pid_t pid = StartChild(argv, out, err, env);
  if (pid < 0) return run;
  run.exit_code = WaitChild(pid);
  run.out = ReadFile(out);
  run.err = ReadFile(err);
  return run;
}

}  // namespace hoptac::testing
