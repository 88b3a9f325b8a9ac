//! path_open_zig_copy_file (Zig std): Dir.copyFile copies hello.txt to a
//! new name through Zig's atomic-file machinery (a temporary file created
//! beside the destination and renamed over it: path_open, fd_write or
//! fd_pwrite, path_rename), then over an existing file (replace); the
//! copies have the source's bytes and no temporary file is left behind
//! (the directory listing is compared, sorted). Dir.writeFile writes a
//! whole file in one call. Copies stay in the preopen's own directory: a
//! copy into sub/ makes Zig open sub/ with directory-only rights and create
//! the temporary file beneath it, which is the rights question of
//! path_open_zig_opendir_rights (refused by WasmEdge, WAMR and the
//! reference, done by wasmtime and wazero).
const std = @import("std");
const Io = std.Io;

var out_buf: [4096]u8 = undefined;

fn lessThan(_: void, a: []const u8, b: []const u8) bool {
    return std.mem.lessThan(u8, a, b);
}

pub fn main(init: std.process.Init) !void {
    const io = init.io;
    const arena = init.arena.allocator();
    var fw: Io.File.Writer = .initStreaming(.stdout(), io, &out_buf);
    const out = &fw.interface;
    defer out.flush() catch {};
    const root = (init.preopens.get("fs.dir") orelse return error.NoPreopen).dir;

    try root.copyFile("hello.txt", root, "copy.txt", io, .{});
    try out.print("copyFile hello.txt -> copy.txt: ok\n", .{});
    try root.writeFile(io, .{ .sub_path = "written.txt", .data = "written in one call\n" });
    try root.copyFile("sub/b.txt", root, "copy.txt", io, .{});
    try out.print("copyFile sub/b.txt -> copy.txt (replace): ok\n", .{});
    for ([_][]const u8{ "copy.txt", "written.txt" }) |p| {
        const data = try root.readFileAlloc(io, p, arena, .limited(64));
        try out.print("{s}: [{s}]\n", .{ p, std.mem.trimEnd(u8, data, "\n") });
    }
    for ([_][]const u8{ ".", "sub" }) |p| {
        var names: std.ArrayList([]const u8) = .empty;
        const d = try root.openDir(io, p, .{ .iterate = true });
        var it = d.iterate();
        while (try it.next(io)) |e| try names.append(arena, try arena.dupe(u8, e.name));
        std.mem.sort([]const u8, names.items, {}, lessThan);
        try out.print("{s}:", .{p});
        for (names.items) |n| try out.print(" {s}", .{n});
        try out.print("\n", .{});
    }
}
