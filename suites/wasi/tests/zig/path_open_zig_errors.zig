//! path_open_zig_errors (Zig std): how path_open's errors reach a Zig
//! program. openDir of a regular file: NotDir (POSIX O_DIRECTORY on a
//! non-directory: ENOTDIR); openFile of a directory for writing: IsDir
//! (POSIX open: "[EISDIR] The named file is a directory and oflag includes
//! O_WRONLY or O_RDWR"); createFile in a missing directory: FileNotFound
//! (ENOENT); a path that leaves the preopen with "..": refused (the errno
//! for a sandbox escape is not specified; printed "refused" for
//! ENOTCAPABLE/EPERM/EACCES, Zig's AccessDenied or PermissionDenied).
const std = @import("std");
const Io = std.Io;

var out_buf: [4096]u8 = undefined;

fn show(out: *Io.Writer, label: []const u8, r: anyerror!void) !void {
    if (r) |_| {
        try out.print("{s}: ok\n", .{label});
    } else |err| {
        const refused = err == error.AccessDenied or err == error.PermissionDenied;
        try out.print("{s}: {s}\n", .{ label, if (refused) "refused" else @errorName(err) });
    }
}

fn openDir(io: Io, d: Io.Dir, p: []const u8) anyerror!void {
    (try d.openDir(io, p, .{})).close(io);
}
fn openFile(io: Io, d: Io.Dir, p: []const u8, mode: Io.Dir.OpenFileOptions.Mode) anyerror!void {
    (try d.openFile(io, p, .{ .mode = mode })).close(io);
}
fn createFile(io: Io, d: Io.Dir, p: []const u8) anyerror!void {
    (try d.createFile(io, p, .{})).close(io);
}

pub fn main(init: std.process.Init) !void {
    const io = init.io;
    var fw: Io.File.Writer = .initStreaming(.stdout(), io, &out_buf);
    const out = &fw.interface;
    defer out.flush() catch {};
    const root = (init.preopens.get("fs.dir") orelse return error.NoPreopen).dir;

    try show(out, "openDir hello.txt", openDir(io, root, "hello.txt"));
    try show(out, "openFile sub write_only", openFile(io, root, "sub", .write_only));
    try show(out, "openFile sub read_write", openFile(io, root, "sub", .read_write));
    try show(out, "createFile no/such/dir.txt", createFile(io, root, "no/such/dir.txt"));
    try show(out, "openFile missing.txt", openFile(io, root, "missing.txt", .read_only));
    try show(out, "openFile ../outside.txt", openFile(io, root, "../outside.txt", .read_only));
    try show(out, "openFile sub/../hello.txt", openFile(io, root, "sub/../hello.txt", .read_only));
}
