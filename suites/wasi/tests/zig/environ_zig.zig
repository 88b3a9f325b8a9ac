//! environ_zig (Zig std): the environment map std.process.Init builds from
//! environ_sizes_get/environ_get holds exactly what the runner passes (not
//! the host's), values with '=' and empty values intact. Keys are sorted
//! (order unspecified).
const std = @import("std");
const Io = std.Io;

var out_buf: [4096]u8 = undefined;

fn lessThan(_: void, a: []const u8, b: []const u8) bool {
    return std.mem.lessThan(u8, a, b);
}

pub fn main(init: std.process.Init) !void {
    const io = init.io;
    var fw: Io.File.Writer = .initStreaming(.stdout(), io, &out_buf);
    const out = &fw.interface;
    defer out.flush() catch {};
    const map = init.environ_map;
    try out.print("count: {d}\n", .{map.count()});
    const keys = try init.arena.allocator().dupe([]const u8, map.keys());
    std.mem.sort([]const u8, keys, {}, lessThan);
    for (keys) |k| try out.print("{s}=[{s}]\n", .{ k, map.get(k).? });
    try out.print("HOME present: {}\n", .{map.get("HOME") != null});
}
