//! fd_filestat_set_times_zig (Zig std): File.setTimestamps
//! (fd_filestat_set_times) sets the modification time, leaving the access
//! time as it was when asked to (.unchanged, FST_MTIM only), and File.stat
//! / Dir.statFile read it back (POSIX futimens: the time is stored as "the
//! greatest value supported by the file system that is not greater than
//! the specified time"; whole seconds are used, so every file system
//! stores them exactly). Only comparisons are printed. Dir.access checks
//! existence (path_filestat_get): FileNotFound for a missing name.
const std = @import("std");
const Io = std.Io;

var out_buf: [4096]u8 = undefined;

pub fn main(init: std.process.Init) !void {
    const io = init.io;
    var fw: Io.File.Writer = .initStreaming(.stdout(), io, &out_buf);
    const out = &fw.interface;
    defer out.flush() catch {};
    const root = (init.preopens.get("fs.dir") orelse return error.NoPreopen).dir;

    const f = try root.openFile(io, "hello.txt", .{ .mode = .read_write });
    const mtime: Io.Timestamp = .fromNanoseconds(1_300_000_000 * std.time.ns_per_s);
    const atime: Io.Timestamp = .fromNanoseconds(1_100_000_000 * std.time.ns_per_s);
    try f.setTimestamps(io, .{ .access_timestamp = .{ .new = atime }, .modify_timestamp = .{ .new = mtime } });
    var st = try f.stat(io);
    try out.print("mtime set: {}\n", .{st.mtime.nanoseconds == mtime.nanoseconds});
    try out.print("atime set: {}\n", .{if (st.atime) |a| a.nanoseconds == atime.nanoseconds else false});
    const mtime2: Io.Timestamp = .fromNanoseconds(1_400_000_000 * std.time.ns_per_s);
    try f.setTimestamps(io, .{ .modify_timestamp = .{ .new = mtime2 } });
    st = try root.statFile(io, "hello.txt", .{});
    try out.print("mtime changed again: {}\n", .{st.mtime.nanoseconds == mtime2.nanoseconds});
    try out.print("atime unchanged: {}\n", .{if (st.atime) |a| a.nanoseconds == atime.nanoseconds else false});
    f.close(io);
    try root.access(io, "hello.txt", .{});
    try out.print("access hello.txt: ok\n", .{});
    if (root.access(io, "missing", .{})) |_| {
        try out.print("access missing: ok\n", .{});
    } else |err| try out.print("access missing: {s}\n", .{@errorName(err)});
}
