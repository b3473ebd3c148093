#define FUSE_USE_VERSION 312
#include "fs/fuse_adapter.h"

#include <fuse_lowlevel.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <ctime>

namespace stacfs::fs {
namespace {

struct Context {
  VirtualFs* fs;
  unsigned max_background;
  uid_t uid;
  gid_t gid;
  timespec mount_time;
};

Context& ContextOf(fuse_req_t req) { return *static_cast<Context*>(fuse_req_userdata(req)); }

struct OpenDirectory {
  std::shared_ptr<const DirectoryListing> listing;
};
struct OpenFileHandle {
  std::shared_ptr<OpenFile> file;
};

struct stat ToStat(const Context& context, const Attributes& attr) {
  struct stat st {};
  st.st_ino = attr.ino;
  st.st_mode = attr.is_directory ? (S_IFDIR | 0555) : (S_IFREG | 0444);
  st.st_nlink = attr.is_directory ? 2 : 1;
  st.st_uid = context.uid;
  st.st_gid = context.gid;
  st.st_size = static_cast<off_t>(attr.size);
  st.st_blksize = 4096;
  st.st_blocks = static_cast<blkcnt_t>((attr.size + 511) / 512);
  st.st_atim = st.st_mtim = st.st_ctim = context.mount_time;
  return st;
}

void ReplyError(fuse_req_t req, const Error& error) { fuse_reply_err(req, error.ToErrno()); }

// Runs `body`, answering EIO if it throws: exceptions must not unwind through libfuse.
template <typename Body>
void Guarded(fuse_req_t req, Body&& body) {
  try {
    body();
  } catch (...) {
    fuse_reply_err(req, EIO);
  }
}

void OnInit(void* userdata, fuse_conn_info* conn) {
  auto& context = *static_cast<Context*>(userdata);
  conn->max_background = context.max_background;
  // Lookups of different names in one directory may run in parallel: VirtualFs is thread-safe.
  if (conn->capable & FUSE_CAP_PARALLEL_DIROPS) conn->want |= FUSE_CAP_PARALLEL_DIROPS;
}

void OnLookup(fuse_req_t req, fuse_ino_t parent, const char* name) {
  Guarded(req, [&] {
    Context& context = ContextOf(req);
    Result<Entry> entry = context.fs->Lookup(parent, name);
    if (!entry) return ReplyError(req, entry.error());
    fuse_entry_param param{};
    param.ino = entry->attr.ino;
    param.entry_timeout = entry->entry_timeout_s;
    param.attr_timeout = entry->attr_timeout_s;
    if (param.ino != 0) param.attr = ToStat(context, entry->attr);
    if (fuse_reply_entry(req, &param) != 0 && param.ino != 0) {
      context.fs->Forget(param.ino, 1);  // the kernel never got it: give the lookup back
    }
  });
}

void OnForget(fuse_req_t req, fuse_ino_t ino, uint64_t nlookup) {
  ContextOf(req).fs->Forget(ino, nlookup);
  fuse_reply_none(req);
}

void OnForgetMulti(fuse_req_t req, size_t count, fuse_forget_data* forgets) {
  VirtualFs& fs = *ContextOf(req).fs;
  for (size_t i = 0; i < count; ++i) fs.Forget(forgets[i].ino, forgets[i].nlookup);
  fuse_reply_none(req);
}

void OnGetAttr(fuse_req_t req, fuse_ino_t ino, fuse_file_info*) {
  Guarded(req, [&] {
    Context& context = ContextOf(req);
    Result<Entry> entry = context.fs->GetAttr(ino);
    if (!entry) return ReplyError(req, entry.error());
    struct stat st = ToStat(context, entry->attr);
    fuse_reply_attr(req, &st, entry->attr_timeout_s);
  });
}

void OnSetAttr(fuse_req_t req, fuse_ino_t, struct stat*, int, fuse_file_info*) {
  fuse_reply_err(req, EROFS);
}

void OnOpenDir(fuse_req_t req, fuse_ino_t ino, fuse_file_info* fi) {
  Guarded(req, [&] {
    Result<std::shared_ptr<const DirectoryListing>> listing = ContextOf(req).fs->ReadDirectory(ino);
    if (!listing) return ReplyError(req, listing.error());
    auto* handle = new OpenDirectory{std::move(*listing)};
    fi->fh = reinterpret_cast<uint64_t>(handle);
    if (fuse_reply_open(req, fi) != 0) delete handle;
  });
}

void OnReadDir(fuse_req_t req, fuse_ino_t, size_t size, off_t offset, fuse_file_info* fi) {
  Guarded(req, [&] {
    auto* handle = reinterpret_cast<OpenDirectory*>(fi->fh);
    const DirectoryListing& listing = *handle->listing;
    std::string buffer(size, '\0');
    size_t used = 0;
    for (size_t i = static_cast<size_t>(offset); i < listing.size(); ++i) {
      struct stat st {};
      st.st_ino = listing[i].ino;
      st.st_mode = listing[i].is_directory ? S_IFDIR : S_IFREG;
      size_t needed = fuse_add_direntry(req, buffer.data() + used, size - used, listing[i].name.c_str(), &st,
                                        static_cast<off_t>(i + 1));
      if (needed > size - used) break;
      used += needed;
    }
    fuse_reply_buf(req, buffer.data(), used);
  });
}

void OnReleaseDir(fuse_req_t req, fuse_ino_t, fuse_file_info* fi) {
  delete reinterpret_cast<OpenDirectory*>(fi->fh);
  fuse_reply_err(req, 0);
}

void OnOpen(fuse_req_t req, fuse_ino_t ino, fuse_file_info* fi) {
  Guarded(req, [&] {
    if ((fi->flags & O_ACCMODE) != O_RDONLY || (fi->flags & O_TRUNC)) return (void)fuse_reply_err(req, EROFS);
    Result<std::shared_ptr<OpenFile>> file = ContextOf(req).fs->Open(ino);
    if (!file) return ReplyError(req, file.error());
    fi->keep_cache = (*file)->keep_cache;
    fi->direct_io = (*file)->direct_io;
    auto* handle = new OpenFileHandle{std::move(*file)};
    fi->fh = reinterpret_cast<uint64_t>(handle);
    if (fuse_reply_open(req, fi) != 0) delete handle;
  });
}

void OnRead(fuse_req_t req, fuse_ino_t, size_t size, off_t offset, fuse_file_info* fi) {
  Guarded(req, [&] {
    auto* handle = reinterpret_cast<OpenFileHandle*>(fi->fh);
    Result<SharedBytes> bytes = ContextOf(req).fs->Read(*handle->file, static_cast<uint64_t>(offset), size);
    if (!bytes) return ReplyError(req, bytes.error());
    fuse_reply_buf(req, bytes->data(), bytes->size());
  });
}

void OnRelease(fuse_req_t req, fuse_ino_t, fuse_file_info* fi) {
  delete reinterpret_cast<OpenFileHandle*>(fi->fh);
  fuse_reply_err(req, 0);
}

void OnStatFs(fuse_req_t req, fuse_ino_t) {
  struct statvfs st {};
  st.f_bsize = 4096;
  st.f_frsize = 4096;
  st.f_namemax = 255;
  fuse_reply_statfs(req, &st);
}

// Modifying requests: the mount is read-only.
void ReadOnlyEntry(fuse_req_t req, fuse_ino_t, const char*, mode_t) { fuse_reply_err(req, EROFS); }
void ReadOnlyMknod(fuse_req_t req, fuse_ino_t, const char*, mode_t, dev_t) { fuse_reply_err(req, EROFS); }
void ReadOnlyName(fuse_req_t req, fuse_ino_t, const char*) { fuse_reply_err(req, EROFS); }
void ReadOnlySymlink(fuse_req_t req, const char*, fuse_ino_t, const char*) { fuse_reply_err(req, EROFS); }
void ReadOnlyRename(fuse_req_t req, fuse_ino_t, const char*, fuse_ino_t, const char*, unsigned) {
  fuse_reply_err(req, EROFS);
}
void ReadOnlyLink(fuse_req_t req, fuse_ino_t, fuse_ino_t, const char*) { fuse_reply_err(req, EROFS); }
void ReadOnlyWrite(fuse_req_t req, fuse_ino_t, const char*, size_t, off_t, fuse_file_info*) {
  fuse_reply_err(req, EROFS);
}
void ReadOnlyCreate(fuse_req_t req, fuse_ino_t, const char*, mode_t, fuse_file_info*) {
  fuse_reply_err(req, EROFS);
}
void ReadOnlySetXattr(fuse_req_t req, fuse_ino_t, const char*, const char*, size_t, int) {
  fuse_reply_err(req, EROFS);
}
void ReadOnlyRemoveXattr(fuse_req_t req, fuse_ino_t, const char*) { fuse_reply_err(req, EROFS); }

fuse_lowlevel_ops MakeOperations() {
  fuse_lowlevel_ops ops{};
  ops.init = OnInit;
  ops.lookup = OnLookup;
  ops.forget = OnForget;
  ops.forget_multi = OnForgetMulti;
  ops.getattr = OnGetAttr;
  ops.setattr = OnSetAttr;
  ops.opendir = OnOpenDir;
  ops.readdir = OnReadDir;
  ops.releasedir = OnReleaseDir;
  ops.open = OnOpen;
  ops.read = OnRead;
  ops.release = OnRelease;
  ops.statfs = OnStatFs;
  ops.mkdir = ReadOnlyEntry;
  ops.mknod = ReadOnlyMknod;
  ops.unlink = ReadOnlyName;
  ops.rmdir = ReadOnlyName;
  ops.symlink = ReadOnlySymlink;
  ops.rename = ReadOnlyRename;
  ops.link = ReadOnlyLink;
  ops.write = ReadOnlyWrite;
  ops.create = ReadOnlyCreate;
  ops.setxattr = ReadOnlySetXattr;
  ops.removexattr = ReadOnlyRemoveXattr;
  return ops;
}

}  // namespace

Result<std::unique_ptr<FuseSession>> FuseSession::Mount(VirtualFs& fs, const FuseOptions& options) {
  static const fuse_lowlevel_ops kOperations = MakeOperations();
  std::vector<std::string> argv_text{"stacfs"};
  std::string mount_options = "ro,default_permissions,fsname=" + options.fsname + ",subtype=stacfs";
  for (const std::string& option : options.options) mount_options += "," + option;
  argv_text.push_back("-o");
  argv_text.push_back(mount_options);
  if (options.debug) argv_text.push_back("-d");
  std::vector<char*> argv;
  for (std::string& arg : argv_text) argv.push_back(arg.data());
  fuse_args args = FUSE_ARGS_INIT(static_cast<int>(argv.size()), argv.data());

  // libfuse keeps a pointer to the context: the session object owns it.
  auto session = std::unique_ptr<FuseSession>(new FuseSession());
  auto* context = new Context{&fs, options.max_background, getuid(), getgid(), {}};
  clock_gettime(CLOCK_REALTIME, &context->mount_time);
  session->context_ = context;
  session->max_threads_ = options.max_threads;
  session->session_ = fuse_session_new(&args, &kOperations, sizeof(kOperations), context);
  fuse_opt_free_args(&args);
  if (session->session_ == nullptr) {
    return Unexpected(InvalidArgument("could not start a FUSE session (bad mount options: " + mount_options + ")"));
  }
  if (fuse_session_mount(session->session_, options.mountpoint.c_str()) != 0) {
    return Unexpected(IoError("could not mount at " + options.mountpoint +
                              " (does it exist, is it an empty directory, is /dev/fuse usable?)"));
  }
  session->mounted_ = true;
  if (fuse_set_signal_handlers(session->session_) == 0) session->signals_installed_ = true;
  return session;
}

FuseSession::~FuseSession() {
  if (session_ != nullptr) {
    if (signals_installed_) fuse_remove_signal_handlers(session_);
    if (mounted_) fuse_session_unmount(session_);
    fuse_session_destroy(session_);
  }
  delete static_cast<Context*>(context_);
}

Result<void> FuseSession::Run() {
  fuse_loop_config* config = fuse_loop_cfg_create();
  fuse_loop_cfg_set_max_threads(config, max_threads_);
  fuse_loop_cfg_set_clone_fd(config, 0);
  int status = fuse_session_loop_mt(session_, config);
  fuse_loop_cfg_destroy(config);
  if (status != 0 && !fuse_session_exited(session_)) {
    return Unexpected(IoError("the FUSE session ended with an error: " + std::string(std::strerror(-status))));
  }
  return Ok();
}

void FuseSession::Exit() { fuse_session_exit(session_); }

}  // namespace stacfs::fs
